using BeAlert.Dispatch;

namespace BeAlert.Gateway.Transports;

/// <summary>
/// Makes the configured real transport of a channel (<see cref="TransportSettings"/>), or none when the channel is not
/// configured. The settings were checked at start (<see cref="TransportSettingsValidator"/>); each call makes a new
/// instance (a transport that failed to start is replaced, not restarted).
/// </summary>
internal static class RealTransports
{
    /// <summary>A maker of the channel's real transport and what logs call it, or <see langword="null"/> for simulation.</summary>
    public static (Func<IDeliveryTransport> Create, string Description)? For(DeliveryChannel channel, TransportSettings settings, TimeProvider time) => channel switch
    {
        DeliveryChannel.Sms when settings.Sms?.Smpp is { } smpp =>
            (() => new SmppTransport(settings.Sms.Name, smpp, time), $"smpp {smpp.Host}:{smpp.Port}"),
        DeliveryChannel.Email when settings.Email?.Smtp is { } smtp =>
            (() => new SmtpEmailTransport(WithClock(smtp, time)), $"smtp {smtp.Host}:{smtp.Port}"),
        DeliveryChannel.CellBroadcast when settings.CellBroadcast is { } cbc =>
            (() => new CellBroadcastTransport(cbc, null, time), $"cbc {cbc.Endpoint!.Authority}"),
        DeliveryChannel.Voice when settings.Voice is { } voice =>
            (() => new VoiceTransport(voice, null, time), $"voice provider {voice.Endpoint!.Authority}"),
        DeliveryChannel.Signage when settings.Signage is { } signage =>
            (() => new SignageTransport(signage, new InMemorySignageDeadLetters(), null, time), $"signage webhook {signage.Endpoint!.Authority}"),
        _ => null,
    };

    private static SmtpTransportOptions WithClock(SmtpTransportOptions options, TimeProvider time)
    {
        options.TimeProvider = time;
        return options;
    }
}
