namespace BeAlert.Dispatch;

/// <summary>One delivery of a campaign's plan: who, where, how, in which language.</summary>
/// <param name="Sequence">Its position in the plan: dense from 0, unique per campaign; with the campaign it is the idempotency key.</param>
/// <param name="Channel">The channel.</param>
/// <param name="RecipientId">The subscriber or contact it is for (0 for zone deliveries such as cell broadcast).</param>
/// <param name="Destination">E.164 number, e-mail address, zone or endpoint name.</param>
/// <param name="Language">The language chosen for this recipient from their preferences and the alert's languages.</param>
/// <param name="MunicipalityNis">The NIS code of the recipient's main residence (for cost splitting); 0 when unknown.</param>
public readonly record struct PlannedDelivery(
    long Sequence,
    DeliveryChannel Channel,
    long RecipientId,
    string Destination,
    string Language,
    int MunicipalityNis);
