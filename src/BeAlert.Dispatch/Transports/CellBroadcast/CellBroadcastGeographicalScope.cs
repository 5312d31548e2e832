namespace BeAlert.Dispatch;

/// <summary>
/// The geographical scope of a CBS message: the two high bits of its serial number (3GPP TS 23.041 §9.4.1.2.1, "GS").
/// It says where the message code is unique and, for the cell-wide scopes, how a phone displays it.
/// </summary>
public enum CellBroadcastGeographicalScope
{
    /// <summary>00: cell wide, display immediately.</summary>
    CellWideImmediate = 0,

    /// <summary>01: PLMN (operator network) wide, normal display.</summary>
    PlmnWide = 1,

    /// <summary>10: location area (GSM), service area (UMTS) or tracking area (LTE) wide, normal display.</summary>
    LocationAreaWide = 2,

    /// <summary>11: cell wide, normal display.</summary>
    CellWide = 3,
}
