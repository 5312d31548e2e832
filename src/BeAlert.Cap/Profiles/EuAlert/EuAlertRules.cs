namespace BeAlert.Cap;

/// <summary>The rules of the EU-Alert profile (<see cref="CapProfile.EuAlert"/>), in code order.</summary>
internal static class EuAlertRules
{
    internal static readonly IReadOnlyList<CapRule> All =
    [
        new EuAlertStatusRule(),
        new EuAlertLevelRule(),
        new EuAlertSameIdentifierRule(),
        new EuAlertLanguageRule(),
        new EuAlertTextRule(),
    ];

    /// <summary>
    /// Whether the alert starts or changes a broadcast: an Alert or Update with a broadcastable status. Cancel stops a
    /// broadcast and needs no level; Ack and Error are exchanges between systems and are never broadcast.
    /// </summary>
    internal static bool IsBroadcast(CapAlert alert) =>
        alert.MsgType is CapMessageType.Alert or CapMessageType.Update && alert.Status is CapStatus.Actual or CapStatus.Exercise or CapStatus.Test;
}
