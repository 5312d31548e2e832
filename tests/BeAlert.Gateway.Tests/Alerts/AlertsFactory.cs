using System.Net.Http.Headers;
using BeAlert.Gateway.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BeAlert.Gateway.Tests.Alerts;

/// <summary>
/// The gateway with a fake clock set during the Gent fire of the samples (2026-11-20 10:00 +01:00), so the sample
/// alerts are in force and expiry is driven by <see cref="Time"/>.
/// </summary>
internal sealed class AlertsFactory : GatewayFactory
{
    public static readonly DateTimeOffset Start = new(2026, 11, 20, 10, 0, 0, TimeSpan.FromHours(1));

    public AlertsFactory()
    {
    }

    private AlertsFactory(AlertsFactory previous)
        : base(previous)
    {
        Time = new FakeTimeProvider(previous.Time.GetUtcNow());
    }

    public FakeTimeProvider Time { get; } = new(Start);

    /// <summary>A factory on this one's data at the same fake time (dispose this one first, with KeepData).</summary>
    public AlertsFactory ReopenWithClock() => new(this);

    public HttpClient ClientWithKey(string key)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>A vendor key for some municipalities (made through the key store, as the admin API would).</summary>
    public async Task<HttpClient> VendorClientAsync(params int[] municipalities)
    {
        _ = Server;
        var made = await Service<AccessKeyStore>().CreateAsync(new AccessKeyRequest("test vendor", KeyRole.Vendor, Vendor: new VendorScope(municipalities, null)));
        return ClientWithKey(made.Key);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Time));
    }
}
