using BeAlert.Dispatch;
using BeAlert.Dispatch.Smpp;
using BeAlert.Gateway.Hosting;
using BeAlert.Gateway.Transports;

namespace BeAlert.Gateway.Tests.Transports;

/// <summary>BeAlert:Transports: bad settings refuse the start with every key named, secrets are never quoted, the banner line shows host:port only.</summary>
public sealed class TransportSettingsTests
{
    private const string SmppPassword = "pw-8chr!";
    private const string SmtpPassword = "smtp-password-that-must-not-leak";
    private const string VoiceKey = "voice-api-key-that-must-not-leak";
    private const string VoiceSecret = "voice-callback-secret-not-to-leak";
    private const string SignageSecret = "signage-secret-that-must-not-leak";

    public static TheoryData<string[], string> BadSettings => new()
    {
        { ["Sms:Smpp:Host=smsc host!", "Sms:Smpp:SystemId=bealert", $"Sms:Smpp:Password={SmppPassword}"], "BeAlert:Transports:Sms:Smpp:Host" },
        { ["Sms:Smpp:Host=127.0.0.1", "Sms:Smpp:Port=70000", "Sms:Smpp:SystemId=bealert", $"Sms:Smpp:Password={SmppPassword}"], "BeAlert:Transports:Sms:Smpp:Port" },
        { ["Sms:Smpp:Host=127.0.0.1", "Sms:Smpp:SystemId=bealert"], "BeAlert:Transports:Sms:Smpp:Password" },
        { ["Sms:Smpp:Host=127.0.0.1", $"Sms:Smpp:Password={SmppPassword}"], "BeAlert:Transports:Sms:Smpp:SystemId" },
        { ["Email:Smtp:Port=25"], "BeAlert:Transports:Email:Smtp:Host" },
        { ["Email:Smtp:Host=relay.example", "Email:Smtp:Port=0"], "BeAlert:Transports:Email:Smtp:Port" },
        { ["Email:Smtp:Host=relay.example", "Email:Smtp:Credentials:UserName=bealert"], "BeAlert:Transports:Email:Smtp:Credentials:Password" },
        { ["Email:Smtp:Host=relay.example", $"Email:Smtp:Credentials:Password={SmtpPassword}"], "BeAlert:Transports:Email:Smtp:Credentials:UserName" },
        { ["CellBroadcast:Endpoint=ftp://cbc.example/"], "BeAlert:Transports:CellBroadcast:Endpoint" },
        { ["CellBroadcast:Name=cbc"], "BeAlert:Transports:CellBroadcast:Endpoint" },
        { ["Voice:CallbackUrl=https://gw.example/api/transports/voice/callback", $"Voice:CallbackSecret={VoiceSecret}", $"Voice:ApiKey={VoiceKey}"], "BeAlert:Transports:Voice:Endpoint" },
        { ["Voice:Endpoint=https://voice.example/", "Voice:CallbackUrl=https://gw.example/cb", $"Voice:ApiKey={VoiceKey}"], "BeAlert:Transports:Voice:CallbackSecret" },
        { ["Voice:Endpoint=https://voice.example/", "Voice:CallbackUrl=not a url", $"Voice:CallbackSecret={VoiceSecret}"], "BeAlert:Transports:Voice:CallbackUrl" },
        { [$"Signage:Endpoint=https://user:{SignageSecret}@signs.example/hook", $"Signage:Secret={SignageSecret}"], "BeAlert:Transports:Signage:Endpoint" },
        { ["Signage:Endpoint=https://signs.example/hook"], "BeAlert:Transports:Signage:Secret" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void Build_BadTransportSetting_IsRefusedNamingTheKeyWithoutSecrets(string[] settings, string key)
    {
        var args = settings.Select(s => "--BeAlert:Transports:" + s).Append("--BeAlert:Demo:Subscribers=0").ToArray();
        var e = Assert.Throws<GatewayConfigurationException>(() => GatewayApp.Build(args));
        Assert.Contains(e.Errors, m => m.StartsWith(key, StringComparison.Ordinal));
        foreach (var secret in new[] { SmppPassword, SmtpPassword, VoiceKey, VoiceSecret, SignageSecret })
        {
            Assert.DoesNotContain(secret, e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Build_BadSettingsOnEveryChannel_ListsEveryErrorAtOnce()
    {
        string[] args =
        [
            "--BeAlert:Transports:Sms:Smpp:Host=bad host",
            "--BeAlert:Transports:Email:Smtp:Port=0",
            "--BeAlert:Transports:CellBroadcast:Endpoint=mailto:cbc@example.org",
            "--BeAlert:Transports:Voice:Endpoint=https://voice.example/",
            "--BeAlert:Transports:Signage:Endpoint=https://signs.example/",
            "--BeAlert:Limits:MaxJsonBytes=1",
        ];
        var e = Assert.Throws<GatewayConfigurationException>(() => GatewayApp.Build(args));
        foreach (var key in new[]
        {
            "BeAlert:Transports:Sms:Smpp:Host", "BeAlert:Transports:Sms:Smpp:SystemId", "BeAlert:Transports:Sms:Smpp:Password",
            "BeAlert:Transports:Email:Smtp:Host", "BeAlert:Transports:Email:Smtp:Port", "BeAlert:Transports:CellBroadcast:Endpoint",
            "BeAlert:Transports:Voice:CallbackUrl", "BeAlert:Transports:Voice:CallbackSecret", "BeAlert:Transports:Signage:Secret",
            "BeAlert:Limits:MaxJsonBytes",
        })
        {
            Assert.Contains(e.Errors, m => m.StartsWith(key, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Validate_GoodSettingsOnEveryChannel_HasNoError()
    {
        var settings = EveryChannel();
        Assert.Empty(TransportSettingsValidator.Validate(settings));
        Assert.Empty(TransportSettingsValidator.Validate(new TransportSettings()));
    }

    [Fact]
    public void Describe_Unconfigured_IsTheSimulationLineOfTheQuickStart()
    {
        Assert.Equal("simulation (nothing leaves this machine)", TransportSettingsValidator.Describe(new TransportSettings()));
    }

    [Fact]
    public void Describe_EveryChannelReal_ShowsHostAndPortOnly()
    {
        var line = TransportSettingsValidator.Describe(EveryChannel());
        Assert.Contains("sms smpp smsc.example:2775", line, StringComparison.Ordinal);
        Assert.Contains("email smtp relay.example:587", line, StringComparison.Ordinal);
        Assert.Contains("cell-broadcast cbc cbc.example:8443", line, StringComparison.Ordinal);
        Assert.Contains("voice provider voice.example:443", line, StringComparison.Ordinal);
        Assert.Contains("signage webhook signs.example:443", line, StringComparison.Ordinal);
        Assert.Contains("simulation campaigns always stay on simulation", line, StringComparison.Ordinal);
        foreach (var hidden in new[] { SmppPassword, SmtpPassword, VoiceKey, VoiceSecret, SignageSecret, "token=", "/hook", "bealert-user" })
        {
            Assert.DoesNotContain(hidden, line, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Describe_OnlySms_SaysTheOtherChannelsAreSimulated()
    {
        var line = TransportSettingsValidator.Describe(new TransportSettings { Sms = new() { Smpp = new SmppOptions { Host = "10.0.0.7", SystemId = "x", Password = "y" } } });
        Assert.StartsWith("sms smpp 10.0.0.7:2775, email simulation, cell-broadcast simulation, voice simulation, signage simulation", line, StringComparison.Ordinal);
    }

    private static TransportSettings EveryChannel() => new()
    {
        Sms = new() { Smpp = new SmppOptions { Host = "smsc.example", SystemId = "bealert", Password = SmppPassword } },
        Email = new() { Smtp = new SmtpTransportOptions { Host = "relay.example", Port = 587, Credentials = new System.Net.NetworkCredential("bealert-user", SmtpPassword) } },
        CellBroadcast = new CellBroadcastOptions { Endpoint = new Uri("https://cbc.example:8443/ecbe?token=abc") },
        Voice = new VoiceOptions { Endpoint = new Uri("https://voice.example/v1/"), ApiKey = VoiceKey, CallbackUrl = new Uri("https://gw.example/api/transports/voice/callback"), CallbackSecret = VoiceSecret },
        Signage = new SignageOptions { Endpoint = new Uri("https://signs.example/hook?token=abc"), Secret = SignageSecret },
    };
}
