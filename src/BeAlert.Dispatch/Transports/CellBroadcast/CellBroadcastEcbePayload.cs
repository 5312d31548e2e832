namespace BeAlert.Dispatch;

/// <summary>How the ECBE wire format carries the text.</summary>
public enum CellBroadcastEcbePayload
{
    /// <summary><c>payload_encoded</c>: the data coding scheme and the pages as hex, 82 octets each, encoded by BeAlert.</summary>
    Encoded = 0,

    /// <summary><c>payload_decoded</c>: the character set, the language and the text as UTF-8; the CBC encodes it.</summary>
    Decoded = 1,
}
