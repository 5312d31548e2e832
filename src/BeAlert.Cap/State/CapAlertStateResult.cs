namespace BeAlert.Cap;

/// <summary>The outcome of <see cref="CapAlertState.Apply"/>.</summary>
/// <param name="Change">What happened.</param>
/// <param name="Key">The applied message's key.</param>
/// <param name="Replaced">The alerts this message superseded or withdrew (empty unless <see cref="CapAlertChange.Updated"/> or <see cref="CapAlertChange.Cancelled"/>).</param>
/// <param name="Refused">Referenced alerts this message was not allowed to replace (other sender, policy said no).</param>
/// <param name="Unknown">Referenced messages this state has never seen (they may arrive later: then they are kept out).</param>
public sealed record CapAlertStateResult(
    CapAlertChange Change,
    CapAlertKey Key,
    IReadOnlyList<CapAlertKey> Replaced,
    IReadOnlyList<CapAlertKey> Refused,
    IReadOnlyList<CapAlertKey> Unknown);
