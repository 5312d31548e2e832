using BeAlert.Cap;
using BeAlert.Dispatch;
using BeAlert.Gateway.Campaigns;

namespace BeAlert.Gateway.Citizens;

/// <summary>
/// Sends six-digit one-time codes through the dispatch engine: a one-recipient campaign named "verification", high
/// priority, by SMS to a phone number or by e-mail. Only the code's hash is stored here; the code is never logged.
/// At most <see cref="MaxCodesPerWindow"/> codes per destination per <see cref="Window"/> (on top of the global
/// per-IP limit), counted in the database so that several gateways share the count.
/// </summary>
internal sealed partial class VerificationSender(CitizenStore store, DispatchHost dispatch, TimeProvider time, ILogger<VerificationSender> logger)
{
    /// <summary>What replaces the code in a sent verification message's stored alert.</summary>
    public const string RedactedCode = "[redacted]";

    public const int MaxCodesPerWindow = 3;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    public const string CampaignName = "verification";

    /// <summary>Sends a code to a contact; false when the destination already had its quota of codes.</summary>
    public async Task<bool> SendAsync(CitizenRecord citizen, CitizenContact contact, CancellationToken cancellationToken)
    {
        var destinationHash = CitizenSecrets.Hash(contact.Kind + ":" + contact.Value.ToLowerInvariant());
        var recent = await store.CountCodesSinceAsync(destinationHash, time.GetUtcNow() - Window, cancellationToken).ConfigureAwait(false);
        if (recent >= MaxCodesPerWindow)
        {
            return false;
        }

        var code = CitizenSecrets.NewCode();
        await store.InsertCodeAsync(citizen.Id, contact.Id, destinationHash, CitizenSecrets.HashCode(citizen.RegistrationId, code), cancellationToken).ConfigureAwait(false);
        var language = citizen.Languages.Count > 0 ? citizen.Languages[0] : "nl";
        var isPhone = contact.Kind == CitizenContact.Phone;
        var member = new AudienceMember(
            citizen.SubscriberId,
            isPhone ? DeliveryChannels.Sms : DeliveryChannels.Email,
            language,
            isPhone ? contact.Value : null,
            isPhone ? null : contact.Value,
            0);
        var request = new CampaignRequest(BuildAlert(code, language), isPhone ? DeliveryChannels.Sms : DeliveryChannels.Email, [member])
        {
            Name = CampaignName,
            Priority = CampaignPriorities.Alert,
            Account = "bealert-citizens",
        };
        var handle = await dispatch.Engine.StartCampaignAsync(request, cancellationToken).ConfigureAwait(false);
        _ = RedactWhenFinishedAsync(handle, language);
        return true;
    }

    /// <summary>
    /// Replaces the stored alert of finished verification campaigns (among <paramref name="campaignIds"/>) with one
    /// whose code is <see cref="RedactedCode"/>; campaigns of other names and live ones are left alone. Returns how many
    /// were redacted.
    /// </summary>
    public async Task<int> RedactAsync(IEnumerable<Guid> campaignIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(campaignIds);
        var count = 0;
        foreach (var id in campaignIds)
        {
            if (await dispatch.Store.GetCampaignAsync(id, cancellationToken).ConfigureAwait(false) is { Name: CampaignName, Status: CampaignStatus.Completed or CampaignStatus.Cancelled })
            {
                await dispatch.Store.RedactCampaignAlertAsync(id, CapWriter.WriteToBytes(BuildAlert(RedactedCode, "en")), cancellationToken).ConfigureAwait(false);
                count++;
            }
        }

        return count;
    }

    /// <summary>Once the code has gone out (or failed), the store keeps the message without the code.</summary>
    private async Task RedactWhenFinishedAsync(CampaignHandle handle, string language)
    {
        try
        {
            await handle.Completion.ConfigureAwait(false);
            await dispatch.Store.RedactCampaignAlertAsync(handle.Id, CapWriter.WriteToBytes(BuildAlert(RedactedCode, language)), CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // a background step: logged; the erasure path redacts again
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogRedactionFailed(logger, handle.Id, e.GetType().Name);
        }
    }

    [LoggerMessage(EventId = 7401, Level = LogLevel.Warning, Message = "Could not redact the one-time code of verification campaign {CampaignId} ({Error}); it is redacted when the citizen erases their registration.")]
    private static partial void LogRedactionFailed(ILogger logger, Guid campaignId, string error);

    /// <summary>Whether the contact already has a code that can still be used (no need to send another).</summary>
    public async Task<bool> HasLiveCodeAsync(CitizenRecord citizen, CitizenContact contact, CancellationToken cancellationToken) =>
        await store.LatestCodeAsync(citizen.Id, contact.Id, cancellationToken).ConfigureAwait(false) is { Used: false } code
        && code.Attempts < CitizenSecrets.MaxCodeAttempts
        && code.ExpiresAt > time.GetUtcNow();

    private CapAlert BuildAlert(string code, string language)
    {
        var now = time.GetUtcNow();
        var (headline, description) = language switch
        {
            "fr" => ($"BE-Alert : votre code est {code}", "Saisissez ce code pour confirmer votre inscription. Il est valable 15 minutes. Ne le communiquez à personne."),
            "de" => ($"BE-Alert: Ihr Code ist {code}", "Geben Sie diesen Code ein, um Ihre Anmeldung zu bestätigen. Er ist 15 Minuten gültig. Geben Sie ihn nicht weiter."),
            "en" => ($"BE-Alert: your code is {code}", "Enter this code to confirm your registration. It is valid for 15 minutes. Do not share it."),
            _ => ($"BE-Alert: uw code is {code}", "Voer deze code in om uw inschrijving te bevestigen. Hij is 15 minuten geldig. Geef hem aan niemand door."),
        };
        return CapAlertBuilder.Create("bealert-verification-" + Guid.NewGuid().ToString("N"), "no-reply@be-alert.be", new CapDateTime(now))
            .Scope(CapScope.Restricted)
            .Restriction("One-time code for a BE-Alert registration")
            .AddInfo(language, CapCategory.Other, "Verification code", CapUrgency.Immediate, CapSeverity.Minor, CapCertainty.Observed, i => i
                .Headline(headline)
                .Description(description)
                .SenderName("BE-Alert")
                .Expires(new CapDateTime(now + CitizenSecrets.CodeLifetime)))
            .Build();
    }
}
