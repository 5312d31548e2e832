namespace BeAlert.Dispatch.Smpp;

/// <summary>Which data_coding a text is sent with.</summary>
public enum SmppDataCodingPolicy
{
    /// <summary>
    /// The GSM 7-bit default alphabet (data_coding 0, one unpacked septet per octet) when every character is in it,
    /// UCS-2 (data_coding 8) otherwise. The default.
    /// </summary>
    Auto,

    /// <summary>Always UCS-2 (data_coding 8), for SMSCs that garble data_coding 0.</summary>
    Ucs2,
}
