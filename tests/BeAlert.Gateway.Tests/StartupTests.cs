using System.Net;
using BeAlert.Gateway.Hosting;
using BeAlert.Gateway.Security;

namespace BeAlert.Gateway.Tests;

public sealed class StartupTests : IDisposable
{
    private readonly GatewayFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task FirstStart_SeedsDemoAuthoritiesAndTheConfiguredKeys()
    {
        using var client = _factory.CreateClient();
        var report = _factory.Service<StartupReport>();
        Assert.Equal(DemoKeyNames.All.Order(), report.DemoKeys.Select(k => k.Name).Order());
        Assert.All(report.DemoKeys, k => Assert.Equal(GatewayFactory.Keys[k.Name], k.Key));

        var authorities = await _factory.Service<AuthorityStore>().ListAsync();
        Assert.Equal(4, authorities.Count);
        var caller = await _factory.Service<AccessKeyStore>().AuthenticateAsync(GatewayFactory.Keys[DemoKeyNames.Commune]);
        Assert.NotNull(caller);
        Assert.Equal(KeyRole.Operator, caller.Role);
        Assert.Equal([44021], caller.Authority!.Municipalities);
    }

    [Fact]
    public async Task Keys_AreStoredOnlyAsHashes_AndRevokedKeysStopWorking()
    {
        using var client = _factory.CreateClient();
        var store = _factory.Service<AccessKeyStore>();
        var made = await store.CreateAsync(new AccessKeyRequest("temp", KeyRole.Vendor, Vendor: new VendorScope([44021], null)));
        Assert.NotNull(await store.AuthenticateAsync(made.Key));

        var database = _factory.Service<Storage.GatewayDatabase>();
        await using (var connection = await database.OpenAsync())
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT hash FROM access_keys";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                Assert.NotEqual(made.Key, reader.GetString(0));
            }
        }

        Assert.True(await store.RevokeAsync(made.Id));
        Assert.Null(await store.AuthenticateAsync(made.Key));
        Assert.False(await store.RevokeAsync(made.Id));
    }

    [Theory]
    [InlineData("BeAlert:Storage:Provider", "PostgreSql", "ConnectionString is required")]
    [InlineData("BeAlert:Demo:Subscribers", "-5", "Subscribers must be between")]
    [InlineData("BeAlert:Demo:Keys:Commune", "not-a-key", "not a well-formed access key")]
    [InlineData("BeAlert:Demo:Keys:Mayor", "bea_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "not a demo key name")]
    [InlineData("BeAlert:Limits:MaxAlertBytes", "10", "MaxAlertBytes must be between")]
    public void InvalidConfiguration_IsRefusedAtStart_WithEveryError(string key, string value, string expected)
    {
        var e = Assert.Throws<GatewayConfigurationException>(() => GatewayApp.Build([$"--{key}={value}", "--BeAlert:Limits:MaxJsonBytes=1"]));
        Assert.Contains(e.Errors, m => m.Contains(expected, StringComparison.Ordinal));
        Assert.Contains(e.Errors, m => m.Contains("MaxJsonBytes", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnknownOrMalformedKey_Gets401WithASpecificReason()
    {
        using var client = _factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.Add("X-Api-Key", "nonsense");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("malformed", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
