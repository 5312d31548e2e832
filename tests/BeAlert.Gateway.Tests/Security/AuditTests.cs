using System.Net;
using BeAlert.Gateway.Audit;
using BeAlert.Gateway.Demo;
using BeAlert.Gateway.Security;
using static BeAlert.Gateway.Tests.Security.AdminApi;

namespace BeAlert.Gateway.Tests.Security;

/// <summary>The audit log of admin actions: who, what, when, from where; admins see all, operators their own authority.</summary>
public sealed class AuditTests : IDisposable
{
    private readonly GatewayFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task AdminActions_AreAudited_WithKeyIdActionTargetAndRemoteAddress()
    {
        // A real socket, so the gateway sees a real remote address.
        _factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        using var admin = _factory.CreateClient(DemoKeyNames.Admin);
        Assert.Equal("127.0.0.1", admin.BaseAddress!.Host);
        var adminId = (await ReadJsonAsync(await admin.GetAsync("/api/me"))).GetProperty("keyId").GetString();

        await admin.PostAsync("/api/admin/authorities", Json(new { id = "stad-mechelen", name = "Stad Mechelen", level = "Municipality", agreement = "1", municipalities = new[] { "12025" } }));
        await admin.PatchAsync("/api/admin/authorities/stad-mechelen", Json(new { trained = true }));
        var key = await CreateKeyAsync(admin, new { name = "mechelen", role = "operator", authorityId = "stad-mechelen" });
        var keyId = key.GetProperty("id").GetString();
        await admin.DeleteAsync($"/api/admin/keys/{keyId}");

        var entries = await _factory.Service<AuditLog>().ListAsync("stad-mechelen");
        Assert.Equal(["key.revoke", "key.create", "authority.update", "authority.create"], entries.Select(e => e.Action));
        Assert.All(entries, e =>
        {
            Assert.Equal(adminId, e.KeyId);
            Assert.Equal("demo admin", e.KeyName);
            Assert.Equal("127.0.0.1", e.RemoteAddress);
        });
        Assert.Equal(keyId, entries[0].Target);
        Assert.Equal("trained=True", entries[2].Detail);
        Assert.Equal("stad-mechelen", entries[3].Target);
        Assert.DoesNotContain(entries, e => (e.Detail ?? string.Empty).Contains(key.GetProperty("key").GetString()!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AdminAudit_FiltersByAuthorityAndLimit_AndRejectsBadQueries()
    {
        using var admin = _factory.CreateClient(DemoKeyNames.Admin);
        await CreateKeyAsync(admin, new { name = "gent 1", role = "operator", authorityId = DemoSeeder.GentId });
        await CreateKeyAsync(admin, new { name = "gent 2", role = "operator", authorityId = DemoSeeder.GentId });
        await CreateKeyAsync(admin, new { name = "fed", role = "operator", authorityId = DemoSeeder.FederalId });

        var gent = await ReadJsonAsync(await admin.GetAsync("/api/admin/audit?authority=gent&limit=1"));
        var only = Assert.Single(gent.EnumerateArray());
        Assert.Equal("key.create", only.GetProperty("action").GetString());
        Assert.Equal("gent", only.GetProperty("authorityId").GetString());
        Assert.Equal(3, (await ReadJsonAsync(await admin.GetAsync("/api/admin/audit"))).GetArrayLength());

        using var unknown = await admin.GetAsync("/api/admin/audit?authority=atlantis");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        foreach (var limit in new[] { "0", "1001", "ten", "-1" })
        {
            using var bad = await admin.GetAsync($"/api/admin/audit?limit={limit}");
            Assert.Equal(["limit"], await ValidationFieldsAsync(bad));
        }
    }

    [Fact]
    public async Task OwnAudit_Operator_SeesOnlyItsAuthoritysEntries_VendorIs403()
    {
        using var admin = _factory.CreateClient(DemoKeyNames.Admin);
        await CreateKeyAsync(admin, new { name = "gent extra", role = "operator", authorityId = DemoSeeder.GentId });
        await CreateKeyAsync(admin, new { name = "fed extra", role = "operator", authorityId = DemoSeeder.FederalId });

        using var gent = _factory.CreateClient(DemoKeyNames.Commune);
        var entries = (await ReadJsonAsync(await gent.GetAsync("/api/audit"))).EnumerateArray().ToList();
        var entry = Assert.Single(entries);
        Assert.Equal("gent", entry.GetProperty("authorityId").GetString());
        Assert.Contains("authority=gent", entry.GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var vendor = _factory.CreateClient(DemoKeyNames.Vendor);
        Assert.Equal(HttpStatusCode.Forbidden, (await vendor.GetAsync("/api/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _factory.CreateClient().GetAsync("/api/audit")).StatusCode);
        using var badLimit = await gent.GetAsync("/api/audit?limit=5000");
        Assert.Equal(["limit"], await ValidationFieldsAsync(badLimit));
    }
}
