namespace BeAlert.Cap;

/// <summary>
/// How the characters of an SMS or a cell broadcast message are carried (3GPP TS 23.038): the GSM 7-bit default
/// alphabet when every character is in it, UCS-2 otherwise.
/// </summary>
public enum SmsDataCoding
{
    /// <summary>The GSM 7-bit default alphabet and its extension table (TS 23.038 §6.2.1); an extension character costs two septets.</summary>
    Gsm7,

    /// <summary>UCS-2 (UTF-16 code units, big-endian on the air); a character outside the BMP takes two units.</summary>
    Ucs2,
}
