using System.Globalization;

namespace BeAlert.Dispatch;

/// <summary>
/// The 16-bit serial number of a CBS message (3GPP TS 23.041 §9.4.1.2.1): bits 15–14 the geographical scope, bits
/// 13–4 the message code (which message, among those with the same message identifier), bits 3–0 the update number
/// (raised by one, modulo 16, each time the content of the message changes, so phones show the new version).
/// </summary>
public readonly record struct CellBroadcastSerialNumber
{
    /// <summary>The largest message code (10 bits).</summary>
    public const int MaxMessageCode = 1023;

    /// <summary>The largest update number (4 bits).</summary>
    public const int MaxUpdateNumber = 15;

    /// <summary>Creates a serial number.</summary>
    /// <param name="scope">The geographical scope.</param>
    /// <param name="messageCode">The message code, 0 to 1023.</param>
    /// <param name="updateNumber">The update number, 0 to 15.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value does not fit its bits.</exception>
    public CellBroadcastSerialNumber(CellBroadcastGeographicalScope scope, int messageCode, int updateNumber)
    {
        if (scope is < CellBroadcastGeographicalScope.CellWideImmediate or > CellBroadcastGeographicalScope.CellWide)
        {
            throw new ArgumentOutOfRangeException(nameof(scope), scope, "The geographical scope has two bits (0 to 3).");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(messageCode);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(messageCode, MaxMessageCode);
        ArgumentOutOfRangeException.ThrowIfNegative(updateNumber);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(updateNumber, MaxUpdateNumber);
        Scope = scope;
        MessageCode = messageCode;
        UpdateNumber = updateNumber;
    }

    /// <summary>The geographical scope (bits 15–14).</summary>
    public CellBroadcastGeographicalScope Scope { get; }

    /// <summary>The message code (bits 13–4).</summary>
    public int MessageCode { get; }

    /// <summary>The update number (bits 3–0).</summary>
    public int UpdateNumber { get; }

    /// <summary>The two octets as one number, most significant bit first.</summary>
    /// <returns>The encoded serial number.</returns>
    public ushort Encode() => (ushort)(((int)Scope << 14) | (MessageCode << 4) | UpdateNumber);

    /// <summary>Splits an encoded serial number into its fields.</summary>
    /// <param name="value">The two octets as one number.</param>
    /// <returns>The serial number.</returns>
    public static CellBroadcastSerialNumber Decode(ushort value) =>
        new((CellBroadcastGeographicalScope)(value >> 14), (value >> 4) & MaxMessageCode, value & MaxUpdateNumber);

    /// <summary>The same message with its update number raised by one (15 wraps to 0).</summary>
    /// <returns>The next serial number.</returns>
    public CellBroadcastSerialNumber NextUpdate() => new(Scope, MessageCode, (UpdateNumber + 1) & MaxUpdateNumber);

    /// <summary>The fields as text, e.g. <c>CellWide/517/2 (0xD052)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Scope}/{MessageCode}/{UpdateNumber} (0x{Encode():X4})");
}
