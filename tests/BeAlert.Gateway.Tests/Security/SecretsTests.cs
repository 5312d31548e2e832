using System.Collections.Concurrent;
using BeAlert.Gateway.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static BeAlert.Gateway.Tests.Security.AdminApi;

namespace BeAlert.Gateway.Tests.Security;

/// <summary>No key and no key hash ever leaves the gateway, except in the one response that makes the key; none is logged.</summary>
public sealed class SecretsTests : IDisposable
{
    private readonly GatewayFactory _factory = new();
    private readonly CapturingLoggerProvider _logs = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Keys_NeverAppearInResponsesOrLogs_ExceptTheCreatingResponse()
    {
        using var factory = _factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddLogging(l => l.AddProvider(_logs).SetMinimumLevel(LogLevel.Trace))));
        using var admin = factory.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new("Bearer", GatewayFactory.Keys[DemoKeyNames.Admin]);

        var created = await CreateKeyAsync(admin, new { name = "secret test", role = "vendor", vendor = new { municipalities = new[] { "44021" } } });
        var newKey = created.GetProperty("key").GetString()!;
        var secrets = GatewayFactory.Keys.Values.Append(newKey).SelectMany(k => new[] { k, AccessKeyFormat.Hash(k), k[AccessKeyFormat.Prefix.Length..] }).ToList();

        // Use every key (good and revoked), then read every admin and identity endpoint.
        var bodies = new List<string>();
        foreach (var key in GatewayFactory.Keys.Values.Append(newKey))
        {
            using var client = factory.CreateClient();
            client.DefaultRequestHeaders.Authorization = new("Bearer", key);
            bodies.Add(await (await client.GetAsync("/api/me")).Content.ReadAsStringAsync());
            bodies.Add(await (await client.GetAsync("/api/audit")).Content.ReadAsStringAsync());
        }

        bodies.Add(await (await admin.DeleteAsync($"/api/admin/keys/{created.GetProperty("id").GetString()}")).Content.ReadAsStringAsync());
        using (var revokedClient = factory.CreateClient())
        {
            revokedClient.DefaultRequestHeaders.Authorization = new("Bearer", newKey);
            bodies.Add(await (await revokedClient.GetAsync("/api/me")).Content.ReadAsStringAsync());
        }

        foreach (var path in new[] { "/api/admin/keys", "/api/admin/authorities", "/api/admin/audit?limit=1000", "/api/admin/authorities/gent" })
        {
            bodies.Add(await (await admin.GetAsync(path)).Content.ReadAsStringAsync());
        }

        var messages = _logs.Messages.ToList();
        Assert.NotEmpty(messages);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(bodies, b => b.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(messages, m => m.Contains(secret, StringComparison.Ordinal));
        }
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull
            {
                owner.Messages.Enqueue($"{category} scope: {state}");
                return null;
            }

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var structured = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(' ', pairs.Select(p => $"{p.Key}={p.Value}")) : string.Empty;
                owner.Messages.Enqueue($"{category} {logLevel}: {formatter(state, exception)} {structured} {exception}");
            }
        }
    }
}
