using System.Net;
using BeAlert.Gateway.Hosting;
using BeAlert.Gateway.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace BeAlert.Gateway.Tests.Operations;

/// <summary>Every log record, at every level, of requests with keys, failed authentications and a start-up on a password-protected PostgreSQL: no secret in any.</summary>
public sealed class LogSecretsTests : IDisposable
{
    private readonly GatewayFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task RequestsWithKeys_AndFailedAuthentications_LogNoKey()
    {
        var capture = new CapturingLoggerProvider();
        using var factory = _factory.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(capture).SetMinimumLevel(LogLevel.Trace).AddFilter<CapturingLoggerProvider>(null, LogLevel.Trace)));
        var valid = GatewayFactory.Keys[DemoKeyNames.Commune];
        var unknown = AccessKeyFormat.NewKey();
        const string malformed = "bea_not-quite-a-key-but-secret-looking-123";

        using var client = factory.CreateClient();
        foreach (var (header, value, expected) in new[]
        {
            ("Authorization", "Bearer " + valid, HttpStatusCode.OK),
            ("X-Api-Key", valid, HttpStatusCode.OK),
            ("Authorization", "Bearer " + unknown, HttpStatusCode.Unauthorized),
            ("X-Api-Key", malformed, HttpStatusCode.Unauthorized),
        })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me?probe=1");
            request.Headers.TryAddWithoutValidation(header, value);
            using var response = await client.SendAsync(request);
            Assert.Equal(expected, response.StatusCode);
        }

        // A wrong-role key on an admin endpoint, and a body to an endpoint that does not take one.
        using (var request = new HttpRequestMessage(HttpMethod.Post, "/api/me") { Content = new StringContent("{}") })
        {
            request.Headers.TryAddWithoutValidation("X-Api-Key", GatewayFactory.Keys[DemoKeyNames.Vendor]);
            using var response = await client.SendAsync(request);
            Assert.True((int)response.StatusCode is >= 400 and < 500);
        }

        Assert.NotEmpty(capture.Records); // the capture works: the requests were logged
        Assert.Contains(capture.Records, r => r.Contains("/api/me", StringComparison.Ordinal));
        Assert.Contains(capture.Records, r => r.Contains("not authenticated", StringComparison.OrdinalIgnoreCase));
        foreach (var secret in new[] { valid, unknown, malformed, GatewayFactory.Keys[DemoKeyNames.Vendor], valid[4..20] })
        {
            Assert.DoesNotContain(secret, capture.All, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task StartOnPostgreSqlWithAPassword_LogsNeitherThePasswordNorTheConnectionString()
    {
        const string password = "Pa55-w0rd-that-must-not-leak";
        var capture = new CapturingLoggerProvider();
        var data = Directory.CreateTempSubdirectory("bealert-gw-logs-").FullName;
        try
        {
            // Nothing listens on port 1: the start fails while connecting, which is when drivers and hosts log most.
            var connection = $"Host=127.0.0.1;Port=1;Username=bealert;Password={password};Database=bealert;Timeout=3";
            await using var app = GatewayApp.Build(
                [
                    "--urls=http://127.0.0.1:0",
                    "--BeAlert:DataDirectory=" + data,
                    "--BeAlert:Storage:Provider=PostgreSql",
                    "--BeAlert:Storage:ConnectionString=" + connection,
                    "--BeAlert:Demo:Subscribers=0",
                ],
                b => b.Logging.AddProvider(capture).SetMinimumLevel(LogLevel.Trace).AddFilter<CapturingLoggerProvider>(null, LogLevel.Trace));
            var failure = await Assert.ThrowsAnyAsync<Exception>(() => app.StartAsync());

            Assert.NotEmpty(capture.Records);
            Assert.Contains(capture.Records, r => r.Contains("127.0.0.1:1", StringComparison.Ordinal)); // the failure itself was logged
            Assert.DoesNotContain(password, capture.All, StringComparison.Ordinal);
            Assert.DoesNotContain("Password=", capture.All, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(password, failure.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
