using BeAlert.Dispatch;
using BeAlert.Dispatch.Smpp;

namespace BeAlert.Gateway.Transports;

/// <summary>
/// The real networks the gateway may send to (configuration <c>BeAlert:Transports</c>), bound straight to the
/// dispatch library's options classes. A channel left unconfigured stays on simulation (the default: nothing leaves
/// the machine). Campaigns of simulation accounts always go to simulation, whatever is configured here
/// (<see cref="SimulationRoutingTransport"/>). Secrets (SMPP password, SMTP password, API keys, signing secrets) are
/// never logged nor printed; the banner shows host and port only.
/// </summary>
public sealed class TransportSettings
{
    /// <summary>SMS: <c>BeAlert:Transports:Sms:Smpp:*</c> (<see cref="SmppOptions"/>).</summary>
    public SmsTransportSettings Sms { get; set; } = new();

    /// <summary>E-mail: <c>BeAlert:Transports:Email:Smtp:*</c> (<see cref="SmtpTransportOptions"/>).</summary>
    public EmailTransportSettings Email { get; set; } = new();

    /// <summary>Cell broadcast: <c>BeAlert:Transports:CellBroadcast:*</c> (<see cref="CellBroadcastOptions"/>); simulation when absent.</summary>
    public CellBroadcastOptions? CellBroadcast { get; set; }

    /// <summary>Voice calls: <c>BeAlert:Transports:Voice:*</c> (<see cref="VoiceOptions"/>); simulation when absent.</summary>
    public VoiceOptions? Voice { get; set; }

    /// <summary>Signage webhooks: <c>BeAlert:Transports:Signage:*</c> (<see cref="SignageOptions"/>); simulation when absent.</summary>
    public SignageOptions? Signage { get; set; }
}

/// <summary>The SMS channel's SMSC (<c>BeAlert:Transports:Sms</c>).</summary>
public sealed class SmsTransportSettings
{
    /// <summary>The endpoint's name in reports and logs. Default <c>smsc</c>.</summary>
    public string Name { get; set; } = "smsc";

    /// <summary>The SMSC's bind settings; simulation when absent.</summary>
    public SmppOptions? Smpp { get; set; }
}

/// <summary>The e-mail channel's relay (<c>BeAlert:Transports:Email</c>).</summary>
public sealed class EmailTransportSettings
{
    /// <summary>The relay's settings (credentials under <c>Smtp:Credentials:UserName</c> and <c>:Password</c>); simulation when absent.</summary>
    public SmtpTransportOptions? Smtp { get; set; }
}
