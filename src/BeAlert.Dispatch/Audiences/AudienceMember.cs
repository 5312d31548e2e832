namespace BeAlert.Dispatch;

/// <summary>
/// One person (a registered subscriber or an imported contact) a campaign is for, after audience resolution:
/// deduplicated (one member per person however many of their addresses fall inside), with the channels they can be
/// reached on and the language chosen for them.
/// </summary>
/// <param name="RecipientId">The subscriber or contact id (stable; the plan's recipient).</param>
/// <param name="Channels">The channels this person accepts and has an address for.</param>
/// <param name="Language">The language chosen from their preferences and the alert's info blocks.</param>
/// <param name="Phone">E.164 mobile number for SMS and voice, or <see langword="null"/>.</param>
/// <param name="Email">E-mail address, or <see langword="null"/>.</param>
/// <param name="MunicipalityNis">NIS code of their main residence (cost splitting); 0 when unknown.</param>
public readonly record struct AudienceMember(
    long RecipientId,
    DeliveryChannels Channels,
    string Language,
    string? Phone,
    string? Email,
    int MunicipalityNis);
