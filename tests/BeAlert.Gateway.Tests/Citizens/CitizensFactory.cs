using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using BeAlert.Dispatch;
using BeAlert.Gateway.Campaigns;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace BeAlert.Gateway.Tests.Citizens;

/// <summary>
/// The gateway with two test wrappers around its (simulation) transports: <see cref="Sent"/> records what reaches the
/// transport (below the erasure suppression), <see cref="Gate"/> holds the sends of chosen campaigns until released.
/// </summary>
public sealed class CitizensFactory : GatewayFactory
{
    public SentMessages Sent { get; } = new();

    public CampaignGate Gate { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IDeliveryTransportWrapper>(Sent);
            services.AddSingleton<IDeliveryTransportWrapper>(Gate);
        });
    }

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Registers and confirms a citizen; returns the token and subscriber id.</summary>
    public async Task<(string Token, long SubscriberId, string RegistrationId)> RegisterAsync(HttpClient client, string phone, string? email = null)
    {
        var registrationId = await StartRegistrationAsync(client, phone, email);
        var code = await Sent.WaitForCodeAsync(phone);
        using var confirm = await client.PostAsJsonAsync("/api/citizens/confirm", new { registrationId, code });
        Assert.Equal(System.Net.HttpStatusCode.Created, confirm.StatusCode);
        var body = await confirm.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("token").GetString()!, body.GetProperty("subscriberId").GetInt64(), registrationId);
    }

    public static async Task<string> StartRegistrationAsync(HttpClient client, string phone, string? email = null)
    {
        using var response = await client.PostAsJsonAsync("/api/citizens", Registration(phone, email));
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("registrationId").GetString()!;
    }

    public static object Registration(string phone, string? email = null) => new
    {
        phones = new[] { phone },
        emails = email is null ? Array.Empty<string>() : [email],
        addresses = new object[] { new { lat = 51.0543, lon = 3.7174, street = "Korenmarkt", houseNumber = "1" }, new { nis = 44021 } },
        languages = new[] { "nl", "en" },
        channels = new[] { "Sms", "Email" },
        consent = new { version = "2026-01", accepted = true },
    };
}

/// <summary>Records every message that reaches a transport.</summary>
public sealed partial class SentMessages : IDeliveryTransportWrapper
{
    private readonly ConcurrentQueue<OutboundMessage> _messages = new();

    public int Order => -100;

    public IReadOnlyList<OutboundMessage> All => [.. _messages];

    public IDeliveryTransport Wrap(IDeliveryTransport transport) => new Recording(transport, this);

    /// <summary>The six-digit code in the newest message to a destination (waits up to 30 s for it to be sent).</summary>
    public async Task<string> WaitForCodeAsync(string destination, int skip = 0)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var matching = _messages.Where(m => string.Equals(m.Destination, destination, StringComparison.OrdinalIgnoreCase)).ToList();
            if (matching.Count > skip)
            {
                return CodePattern().Match(matching[^1].Content.Text).Groups[1].Value;
            }

            await Task.Delay(20, timeout.Token);
        }
    }

    public int CountTo(string destination) => _messages.Count(m => string.Equals(m.Destination, destination, StringComparison.OrdinalIgnoreCase));

    [GeneratedRegex(@"\b(\d{6})\b")]
    private static partial Regex CodePattern();

    private sealed class Recording(IDeliveryTransport inner, SentMessages owner) : IDeliveryTransport
    {
        public DeliveryChannel Channel => inner.Channel;

        public string Name => inner.Name;

        public int MaxConcurrency => inner.MaxConcurrency;

        public ValueTask StartAsync(IDeliveryReceiptSink receipts, CancellationToken cancellationToken) => inner.StartAsync(receipts, cancellationToken);

        public ValueTask<SendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
        {
            owner._messages.Enqueue(message);
            return inner.SendAsync(message, cancellationToken);
        }

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}

/// <summary>Holds the sends of the campaigns in <see cref="Hold"/> until <see cref="Release"/> (outermost wrapper).</summary>
public sealed class CampaignGate : IDeliveryTransportWrapper
{
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _waiting;

    public int Order => 100;

    public ConcurrentDictionary<Guid, byte> Hold { get; } = new();

    public int Waiting => Volatile.Read(ref _waiting);

    public void Release() => _released.TrySetResult();

    public IDeliveryTransport Wrap(IDeliveryTransport transport) => new Gated(transport, this);

    private sealed class Gated(IDeliveryTransport inner, CampaignGate gate) : IDeliveryTransport
    {
        public DeliveryChannel Channel => inner.Channel;

        public string Name => inner.Name;

        public int MaxConcurrency => inner.MaxConcurrency;

        public ValueTask StartAsync(IDeliveryReceiptSink receipts, CancellationToken cancellationToken) => inner.StartAsync(receipts, cancellationToken);

        public async ValueTask<SendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
        {
            if (gate.Hold.ContainsKey(message.Key.CampaignId))
            {
                Interlocked.Increment(ref gate._waiting);
                await gate._released.Task.WaitAsync(cancellationToken);
            }

            return await inner.SendAsync(message, cancellationToken);
        }

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
