using System.Net;
using BeAlert.Gateway.Demo;
using BeAlert.Gateway.Security;
using static BeAlert.Gateway.Tests.Security.AdminApi;

namespace BeAlert.Gateway.Tests.Security;

/// <summary><c>/api/admin/keys</c> through the in-process gateway: keys shown once, bound to an authority or areas, revocable.</summary>
public sealed class KeysAdminTests(AdminGatewayFixture fixture) : IClassFixture<AdminGatewayFixture>
{
    // A square over central Gent (closed: the first point is repeated).
    private const string GentSquare = "51.04,3.70 51.04,3.75 51.07,3.75 51.07,3.70 51.04,3.70";

    private readonly GatewayFactory _factory = fixture.Factory;

    [Fact]
    public async Task CreateKey_Operator_IsReturnedOnceAndActsForItsAuthority()
    {
        using var admin = _factory.CreateClient(DemoKeyNames.Admin);
        var created = await CreateKeyAsync(admin, new { name = "Gent night shift", role = "Operator", authorityId = DemoSeeder.GentId });
        var key = created.GetProperty("key").GetString()!;
        var id = created.GetProperty("id").GetString()!;
        Assert.True(AccessKeyFormat.IsWellFormed(key));
        Assert.Equal("Operator", created.GetProperty("role").GetString());

        using var anonymous = _factory.CreateClient();
        using var me = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        me.Headers.Authorization = new("Bearer", key);
        var identity = await ReadJsonAsync(await anonymous.SendAsync(me));
        Assert.Equal(id, identity.GetProperty("keyId").GetString());
        Assert.Equal(DemoSeeder.GentId, identity.GetProperty("authority").GetProperty("id").GetString());

        var listed = await admin.GetStringAsync("/api/admin/keys");
        Assert.Contains(id, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(key, listed, StringComparison.Ordinal);
        var one = await admin.GetStringAsync($"/api/admin/keys/{id}");
        Assert.DoesNotContain(key, one, StringComparison.Ordinal);
        Assert.DoesNotContain(AccessKeyFormat.Hash(key), one, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateKey_VendorWithMunicipalitiesAndPolygon_StoresTheAreas()
    {
        using var admin = _factory.CreateClient(DemoKeyNames.Admin);
        var created = await CreateKeyAsync(admin, new { name = "signage Gent", role = "vendor", vendor = new { municipalities = new[] { "44021", "11002" }, polygon = GentSquare } });
        var vendor = created.GetProperty("vendor");
        Assert.Equal([11002, 44021], vendor.GetProperty("municipalities").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(GentSquare, vendor.GetProperty("polygon").GetString()); // as given

        var caller = await _factory.Service<AccessKeyStore>().AuthenticateAsync(created.GetProperty("key").GetString()!);
        Assert.Equal(KeyRole.Vendor, caller!.Role);
        Assert.Equal(GentSquare, caller.Vendor!.Polygon);
        Assert.Null(caller.Authority);
    }

    [Fact]
    public async Task CreateKey_Admin_NeedsNoAuthority()
    {
        using var admin = _factory.CreateClient(DemoKeyNames.Admin);
        var created = await CreateKeyAsync(admin, new { name = "second admin", role = "admin" });
        Assert.Equal(HttpStatusCode.OK, await StatusWithKeyAsync(_factory.CreateClient(), created.GetProperty("key").GetString()!, "/api/admin/keys"));
    }

    public static TheoryData<string, object> BadKeyRequests => new()
    {
        { "authorityId", new { name = "x", role = "operator", authorityId = "atlantis" } },
        { "authorityId", new { name = "x", role = "operator" } },
        { "authorityId", new { name = "x", role = "vendor", authorityId = "gent", vendor = new { municipalities = new[] { "44021" } } } },
        { "role", new { name = "x", role = "superuser" } },
        { "role", new { name = "x", role = "1" } },
        { "name", new { role = "admin" } },
        { "name", new { name = new string('n', 201), role = "admin" } },
        { "vendor", new { name = "x", role = "vendor" } },
        { "vendor", new { name = "x", role = "admin", vendor = new { municipalities = new[] { "44021" } } } },
        { "vendor.municipalities", new { name = "x", role = "vendor", vendor = new { municipalities = new[] { "99999" } } } },
        { "vendor.municipalities", new { name = "x", role = "vendor", vendor = new { municipalities = new[] { "gent" } } } },
        { "vendor.polygon", new { name = "x", role = "vendor", vendor = new { polygon = "not a polygon" } } },
        { "vendor.polygon", new { name = "x", role = "vendor", vendor = new { polygon = "51.04,3.70 51.04,3.75 51.07,3.75" } } }, // three points
        { "vendor.polygon", new { name = "x", role = "vendor", vendor = new { polygon = "51.04,3.70 51.04,3.75 51.07,3.75 51.07,3.70" } } }, // not closed
        { "vendor.polygon", new { name = "x", role = "vendor", vendor = new { polygon = "51.04,3.70 51.07,3.75 51.04,3.75 51.07,3.70 51.04,3.70" } } }, // bow tie
        { "vendor.polygon", new { name = "x", role = "vendor", vendor = new { polygon = "48.80,2.30 48.80,2.40 48.90,2.40 48.90,2.30 48.80,2.30" } } }, // Paris
        { "vendor.polygon", new { name = "x", role = "vendor", vendor = new { polygon = "91,3.70 91,3.75 92,3.75 92,3.70 91,3.70" } } },
    };

    [Theory]
    [MemberData(nameof(BadKeyRequests))]
    public async Task CreateKey_BadInput_IsAValidationProblemNamingTheField(string field, object body)
    {
        using var admin = _factory.CreateClient(DemoKeyNames.Admin);
        var before = (await _factory.Service<AccessKeyStore>().ListAsync()).Count;
        using var response = await admin.PostAsync("/api/admin/keys", Json(body));
        Assert.Equal([field], await ValidationFieldsAsync(response));
        Assert.Equal(before, (await _factory.Service<AccessKeyStore>().ListAsync()).Count);
    }

    [Fact]
    public async Task RevokeKey_FailsAtOnceOnThisInstance_ThenRevokingAgainIs409()
    {
        using var admin = _factory.CreateClient(DemoKeyNames.Admin);
        var created = await CreateKeyAsync(admin, new { name = "to revoke", role = "operator", authorityId = DemoSeeder.FederalId });
        var key = created.GetProperty("key").GetString()!;
        var id = created.GetProperty("id").GetString()!;
        using var anonymous = _factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, await StatusWithKeyAsync(anonymous, key)); // now in the 5 s lookup cache

        using var revoked = await admin.DeleteAsync($"/api/admin/keys/{id}");
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, (await ReadJsonAsync(revoked)).GetProperty("revokedAt").ValueKind);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.Authorization = new("Bearer", key);
        using var refused = await anonymous.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("revoked", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var again = await admin.DeleteAsync($"/api/admin/keys/{id}");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task RevokeKey_UnknownId_Is404_AndAKeyInThePathIsNotEchoed()
    {
        using var admin = _factory.CreateClient(DemoKeyNames.Admin);
        using var unknown = await admin.DeleteAsync("/api/admin/keys/key_0000000000000000");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        var key = GatewayFactory.Keys[DemoKeyNames.Commune];
        using var byKey = await admin.DeleteAsync($"/api/admin/keys/{key}");
        Assert.Equal(HttpStatusCode.NotFound, byKey.StatusCode);
        Assert.DoesNotContain(key, await byKey.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, await StatusWithKeyAsync(_factory.CreateClient(), key));
    }
}
