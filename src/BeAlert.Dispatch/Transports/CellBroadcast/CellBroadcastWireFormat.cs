namespace BeAlert.Dispatch;

/// <summary>How the transport talks to a cell broadcast centre (CBC).</summary>
public enum CellBroadcastWireFormat
{
    /// <summary>
    /// JSON in the shape of osmo-cbc's ECBE REST interface: <c>POST api/ecbe/v1/message</c> with a <c>cbc_message</c>,
    /// <c>DELETE api/ecbe/v1/message/{message_id}</c> to kill.
    /// </summary>
    EcbeJson = 0,

    /// <summary>
    /// CAP 1.2 XML over HTTP in the style of the CMAS C-interface: each request is a CAP message (Alert, Update, Cancel)
    /// for one language and one zone, with the CBS parameters as info parameters; the CBC answers with a CAP Ack or Error.
    /// </summary>
    CapXml = 1,
}
