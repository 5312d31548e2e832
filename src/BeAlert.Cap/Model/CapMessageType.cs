namespace BeAlert.Cap;

/// <summary>The code denoting the nature of the alert message (CAP 1.2 <c>msgType</c>).</summary>
public enum CapMessageType
{
    /// <summary>Initial information requiring attention by targeted recipients.</summary>
    Alert,
    /// <summary>Updates and supersedes the earlier messages identified in references.</summary>
    Update,
    /// <summary>Cancels the earlier messages identified in references.</summary>
    Cancel,
    /// <summary>Acknowledges receipt and acceptance of the messages identified in references.</summary>
    Ack,
    /// <summary>Indicates rejection of the messages identified in references.</summary>
    Error,
}
