namespace BeAlert.Cap;

/// <summary>What applying one message did to a <see cref="CapAlertState"/>.</summary>
public enum CapAlertChange
{
    /// <summary>A new alert (msgType Alert) was recorded.</summary>
    Added,

    /// <summary>An Update was recorded; the alerts it references are superseded by it.</summary>
    Updated,

    /// <summary>A Cancel was applied; the alerts it references are withdrawn.</summary>
    Cancelled,

    /// <summary>The same sender and identifier were seen before: nothing changed (messages are often delivered twice).</summary>
    Duplicate,

    /// <summary>The message arrived after an Update or Cancel that already replaced it: it is kept out of the active set.</summary>
    AlreadyReplaced,

    /// <summary>
    /// An Update or Cancel that may not act on a referenced alert because it comes from another sender and the
    /// <see cref="CapAlertStateOptions.MayReplace"/> policy refuses it; the referenced alert is left as it was.
    /// </summary>
    Refused,

    /// <summary>Ack and Error messages answer other messages; they never change which alerts are active.</summary>
    Ignored,
}
