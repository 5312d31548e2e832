using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using BeAlert.Gateway.Audit;
using BeAlert.Gateway.Demo;
using BeAlert.Gateway.Security;
using BeAlert.Gateway.Web.Console;

namespace BeAlert.Gateway.Tests.Web.Accounts;

/// <summary>The console account admin API: create (given or generated password), password reset, disable/enable, bad input.</summary>
public sealed class ConsoleAccountApiTests : IDisposable
{
    private readonly GatewayFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Create_WithoutPassword_GeneratesOneShownOnceThatSignsIn()
    {
        using var admin = _factory.CreateClient(DemoKeyNames.Admin);
        using var response = await PostAsync(admin, "/api/admin/accounts", """{"userName":"Jan.Peeters","displayName":"Jan Peeters","authorityId":"gent"}""");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await ReadAsync(response);
        var id = body["id"]!.GetValue<string>();
        var password = body["password"]!.GetValue<string>();
        Assert.Equal("jan.peeters", body["userName"]!.GetValue<string>());
        Assert.Equal(ConsoleAccountEndpoints.GeneratedPasswordLength, password.Length);
        Assert.Equal($"/api/admin/accounts/{id}", response.Headers.Location!.OriginalString);

        var (outcome, account) = await _factory.Service<ConsoleAccountStore>().SignInAsync("JAN.PEETERS", password);
        Assert.Equal(SignInOutcome.Success, outcome);
        Assert.Equal(DemoSeeder.GentId, account!.AuthorityId);

        // Listed without any secret; audited under gent without the password.
        using var list = await admin.GetAsync(new Uri("/api/admin/accounts?authority=gent", UriKind.Relative));
        var listed = await list.Content.ReadAsStringAsync();
        Assert.Contains(id, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(password, listed, StringComparison.Ordinal);
        Assert.DoesNotContain("hash", listed, StringComparison.OrdinalIgnoreCase);
        var audit = await _factory.Service<AuditLog>().ListAsync(DemoSeeder.GentId);
        var entry = Assert.Single(audit, e => e.Action == "console-account.create" && e.Target == id);
        Assert.DoesNotContain(password, entry.Detail ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_WithGivenPassword_ReturnsNoPassword_AndDuplicateNameIs409()
    {
        using var admin = _factory.CreateClient(DemoKeyNames.Admin);
        const string Body = """{"userName":"marie","authorityId":"federal","password":"a long enough passphrase"}""";
        using (var created = await PostAsync(admin, "/api/admin/accounts", Body))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var json = await ReadAsync(created);
            Assert.Null(json["password"]);
            Assert.Equal("marie", json["displayName"]!.GetValue<string>());
        }

        using var again = await PostAsync(admin, "/api/admin/accounts", Body.Replace("marie", "MARIE", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [InlineData("""{"userName":"piet","authorityId":"gent","password":"short"}""", "password")]
    [InlineData("""{"userName":"piet","authorityId":"gent","password":"my name is piet, ok?"}""", "password")]
    [InlineData("""{"userName":"piet","authorityId":"gent","password":"aaaaaaaaaaaaaaaa"}""", "password")]
    [InlineData("""{"userName":"piet","authorityId":"nowhere","password":"a long enough passphrase"}""", "authorityId")]
    [InlineData("""{"userName":"piet","password":"a long enough passphrase"}""", "authorityId")]
    [InlineData("""{"userName":"p i e t","authorityId":"gent"}""", "userName")]
    [InlineData("""{"authorityId":"gent"}""", "userName")]
    [InlineData("""{"userName":"piet","authorityId":"gent","displayName":"   "}""", "displayName")]
    public async Task Create_BadInput_Is400WithTheField(string body, string field)
    {
        using var admin = _factory.CreateClient(DemoKeyNames.Admin);
        using var response = await PostAsync(admin, "/api/admin/accounts", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ReadAsync(response);
        Assert.NotNull(problem["errors"]![field]);
        Assert.DoesNotContain(await _factory.Service<ConsoleAccountStore>().ListAsync(), a => a.UserName == "piet");
    }

    [Fact]
    public async Task Create_HostileTransport_Gets413And415AndMalformed400_AndOperatorKeyIs403()
    {
        using var admin = _factory.CreateClient(DemoKeyNames.Admin);
        using (var tooLarge = await PostAsync(admin, "/api/admin/accounts", "{\"userName\":\"" + new string('x', 2_000_000) + "\"}"))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        }

        using (var wrongType = await admin.PostAsync(new Uri("/api/admin/accounts", UriKind.Relative), new StringContent("userName=x", Encoding.UTF8, "application/x-www-form-urlencoded")))
        {
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrongType.StatusCode);
        }

        using (var malformed = await PostAsync(admin, "/api/admin/accounts", "{\"userName\":"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        }

        using var operatorKey = _factory.CreateClient(DemoKeyNames.Commune);
        using var forbidden = await PostAsync(operatorKey, "/api/admin/accounts", """{"userName":"sneaky","authorityId":"gent"}""");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        using var list = await operatorKey.GetAsync(new Uri("/api/admin/accounts", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
    }

    [Fact]
    public async Task DisableEnable_ChangeSignIn_TwiceIs409_UnknownIs404_Audited()
    {
        using var admin = _factory.CreateClient(DemoKeyNames.Admin);
        var store = _factory.Service<ConsoleAccountStore>();
        var gent = (await store.ListAsync(DemoSeeder.GentId)).Single(a => a.UserName == "gent");

        using (var disabled = await PostAsync(admin, $"/api/admin/accounts/{gent.Id}/disable", null))
        {
            Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
            Assert.True((await ReadAsync(disabled))["disabled"]!.GetValue<bool>());
        }

        Assert.Equal(SignInOutcome.Failed, (await store.SignInAsync("gent", GatewayFactory.AccountPasswords["gent"])).Outcome);
        using (var twice = await PostAsync(admin, $"/api/admin/accounts/{gent.Id}/disable", null))
        {
            Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        }

        using (var enabled = await PostAsync(admin, $"/api/admin/accounts/{gent.Id}/enable", null))
        {
            Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        }

        Assert.Equal(SignInOutcome.Success, (await store.SignInAsync("gent", GatewayFactory.AccountPasswords["gent"])).Outcome);
        foreach (var unknown in new[] { "acc_0000000000000000", "not-an-id", new string('a', 500) })
        {
            using var missing = await PostAsync(admin, $"/api/admin/accounts/{unknown}/disable", null);
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }

        var audit = await _factory.Service<AuditLog>().ListAsync(DemoSeeder.GentId);
        Assert.Contains(audit, e => e.Action == "console-account.disable" && e.Target == gent.Id);
        Assert.Contains(audit, e => e.Action == "console-account.enable" && e.Target == gent.Id);
    }

    [Fact]
    public async Task SetPassword_GivenOrGenerated_ReplacesTheOldOneAndClearsLockout()
    {
        using var admin = _factory.CreateClient(DemoKeyNames.Admin);
        var store = _factory.Service<ConsoleAccountStore>();
        var gent = (await store.ListAsync(DemoSeeder.GentId)).Single(a => a.UserName == "gent");
        for (var i = 0; i < ConsoleAccountStore.MaxFailedAttempts; i++)
        {
            await store.SignInAsync("gent", "wrong password " + i);
        }

        Assert.Equal(SignInOutcome.LockedOut, (await store.SignInAsync("gent", GatewayFactory.AccountPasswords["gent"])).Outcome);

        using (var weak = await PostAsync(admin, $"/api/admin/accounts/{gent.Id}/password", """{"password":"gent-gent-gent-gent"}"""))
        {
            Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        }

        using (var given = await PostAsync(admin, $"/api/admin/accounts/{gent.Id}/password", """{"password":"correct horse battery"}"""))
        {
            Assert.Equal(HttpStatusCode.OK, given.StatusCode);
            Assert.Null((await ReadAsync(given))["password"]);
        }

        Assert.Equal(SignInOutcome.Success, (await store.SignInAsync("gent", "correct horse battery")).Outcome);
        Assert.Equal(SignInOutcome.Failed, (await store.SignInAsync("gent", GatewayFactory.AccountPasswords["gent"])).Outcome);

        using var generated = await PostAsync(admin, $"/api/admin/accounts/{gent.Id}/password", "{}");
        Assert.Equal(HttpStatusCode.OK, generated.StatusCode);
        var password = (await ReadAsync(generated))["password"]!.GetValue<string>();
        Assert.Equal(SignInOutcome.Success, (await store.SignInAsync("gent", password)).Outcome);
        var audit = await _factory.Service<AuditLog>().ListAsync(DemoSeeder.GentId);
        Assert.Equal(2, audit.Count(e => e.Action == "console-account.password" && e.Target == gent.Id));
        Assert.DoesNotContain(audit, e => (e.Detail ?? string.Empty).Contains(password, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("elevenchars", false)]
    [InlineData("twelve chars", true)]
    [InlineData("aaaaaaaaaaaaaaaaaaaa", false)]
    [InlineData("abababababababab", false)]
    [InlineData("contains Gent in it", false)]
    [InlineData("a long enough passphrase", true)]
    public void CheckPassword_Rules(string? password, bool accepted) =>
        Assert.Equal(accepted, ConsoleAccountEndpoints.CheckPassword(password, "gent") is null);

    [Fact]
    public void CheckPassword_TooLong_IsRefusedByTheStoreRule() =>
        Assert.NotNull(ConsoleAccountStore.CheckPassword(new string('x', ConsoleAccountStore.MaximumPasswordLength + 1)));

    [Fact]
    public void GeneratePassword_IsAcceptedAndRandom()
    {
        var passwords = Enumerable.Range(0, 20).Select(_ => ConsoleAccountEndpoints.GeneratePassword()).ToList();
        Assert.All(passwords, p => Assert.Null(ConsoleAccountEndpoints.CheckPassword(p, "gent")));
        Assert.Equal(passwords.Count, passwords.Distinct(StringComparer.Ordinal).Count());
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string url, string? json) =>
        client.PostAsync(new Uri(url, UriKind.Relative), json is null ? null : new StringContent(json, Encoding.UTF8, "application/json"));

    private static async Task<JsonObject> ReadAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
}
