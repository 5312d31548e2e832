using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using BeAlert.Gateway.Security;
using BeAlert.Gateway.Storage;
using BeAlert.Gateway.Web.Console;
using Dapper;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Options;

namespace BeAlert.Gateway.Tests.Web.Hardening;

/// <summary>
/// Sign-in hardening: the per-address and per-name throttle (console page and citizen API), the audit log's
/// fingerprint of failed console sign-ins, and one answer for unknown names, wrong passwords and locked accounts.
/// </summary>
public sealed partial class SignInHardeningTests : IDisposable
{
    private readonly GatewayFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task ConsoleSignIn_OverTheAddressLimit_Is429WithRetryAfterAndATranslatedMessage()
    {
        _factory.Settings["BeAlert:SignIn:AttemptsPerAddress"] = "3";
        _factory.Settings["BeAlert:SignIn:WindowSeconds"] = "3600";
        using var client = NewBrowser();
        for (var i = 0; i < 3; i++)
        {
            using var wrong = await PostSignInAsync(client, "someone-" + i, "not the password");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        // Over the limit, even with the right password: 429, Retry-After, the message in the page's language.
        using var english = await PostSignInAsync(client, "gent", GatewayFactory.AccountPasswords["gent"]);
        Assert.Equal(HttpStatusCode.TooManyRequests, english.StatusCode);
        var seconds = english.Headers.RetryAfter?.Delta?.TotalSeconds;
        Assert.True(seconds is >= 1, $"Retry-After: {english.Headers.RetryAfter}");
        var html = await english.Content.ReadAsStringAsync();
        Assert.Contains("Too many sign-in attempts. Wait ", html, StringComparison.Ordinal);
        Assert.False(english.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith(ConsoleAuthentication.CookieName + "=", StringComparison.Ordinal)));

        using var dutch = await PostSignInAsync(client, "gent", GatewayFactory.AccountPasswords["gent"], "?lang=nl");
        Assert.Equal(HttpStatusCode.TooManyRequests, dutch.StatusCode);
        Assert.Contains("Te veel aanmeldpogingen", await dutch.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConsoleSignIn_OverTheNameLimit_Is429ForThatNameOnly()
    {
        _factory.Settings["BeAlert:SignIn:AttemptsPerName"] = "2";
        _factory.Settings["BeAlert:SignIn:WindowSeconds"] = "3600";
        using var client = NewBrowser();
        for (var i = 0; i < 2; i++)
        {
            using var wrong = await PostSignInAsync(client, "federal", "wrong password " + i);
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using (var third = await PostSignInAsync(client, "FEDERAL", GatewayFactory.AccountPasswords["federal"]))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
            Assert.NotNull(third.Headers.RetryAfter);
        }

        using var other = await PostSignInAsync(client, "gent", GatewayFactory.AccountPasswords["gent"]);
        Assert.Equal(HttpStatusCode.Redirect, other.StatusCode);
    }

    [Fact]
    public async Task CitizenSignIn_OverTheAddressLimit_Is429ProblemWithRetryAfter()
    {
        _factory.Settings["BeAlert:SignIn:AttemptsPerAddress"] = "2";
        _factory.Settings["BeAlert:SignIn:WindowSeconds"] = "3600";
        using var client = _factory.CreateClient();
        for (var i = 0; i < 2; i++)
        {
            using var accepted = await client.PostAsJsonAsync("/api/citizens/sign-in", new { contact = $"nobody{i}@example.org" });
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        }

        using var refused = await client.PostAsJsonAsync("/api/citizens/sign-in/confirm", new { contact = "nobody0@example.org", code = "123456" });
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.True(refused.Headers.RetryAfter?.Delta?.TotalSeconds is >= 1);
        var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Too many sign-in attempts", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task CitizenSignInConfirm_OverTheDestinationLimit_Is429ForThatDestinationOnly()
    {
        _factory.Settings["BeAlert:SignIn:AttemptsPerName"] = "2";
        _factory.Settings["BeAlert:SignIn:WindowSeconds"] = "3600";
        using var client = _factory.CreateClient();
        for (var i = 0; i < 2; i++)
        {
            using var wrong = await client.PostAsJsonAsync("/api/citizens/sign-in/confirm", new { contact = "Someone@Example.org", code = "00000" + i });
            Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
        }

        using (var refused = await client.PostAsJsonAsync("/api/citizens/sign-in/confirm", new { contact = "someone@example.org", code = "000009" }))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        }

        using var other = await client.PostAsJsonAsync("/api/citizens/sign-in/confirm", new { contact = "another@example.org", code = "000009" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
    }

    [Fact]
    public void Throttle_PartitionsAreCapped_KeysShareTheSlotsBeyondTheCap()
    {
        // One slot: every name shares it, so the table can never grow past it (whatever a client sends).
        using var capped = new SignInThrottle(Options.Create(new SignInThrottleOptions { AttemptsPerName = 1, WindowSeconds = 3600, MaxPartitions = 1 }));
        Assert.True(capped.TryName("console", "first", out _));
        Assert.False(capped.TryName("console", "second", out var wait));
        Assert.True(wait > TimeSpan.Zero);

        using var roomy = new SignInThrottle(Options.Create(new SignInThrottleOptions { AttemptsPerName = 1, WindowSeconds = 3600, MaxPartitions = 1_000_000 }));
        Assert.True(roomy.TryName("console", "first", out _));
        Assert.True(roomy.TryName("console", "second", out _));
        Assert.False(roomy.TryName("console", "first", out _));
    }

    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa::1", "20010db800010002/64")]
    [InlineData("2001:db8:1:2:bbbb::9", "20010db800010002/64")]
    public void Throttle_AddressKey_IsTheIPv4AddressOrTheIPv6Slash64(string address, string expected) =>
        Assert.Equal(expected, SignInThrottle.AddressKey(IPAddress.Parse(address)));

    [Fact]
    public async Task FailedConsoleSignIn_AuditsAFingerprintNotTheTypedName()
    {
        using var client = NewBrowser();
        const string typed = "Correct-Horse-Battery-9";
        using (var first = await PostSignInAsync(client, typed, "whatever"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, first.StatusCode);
        }

        using (var second = await PostSignInAsync(client, " " + typed.ToUpperInvariant() + " ", "whatever"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, second.StatusCode);
        }

        var rows = await AuditAsync("console.sign-in.failed");
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Null(r.KeyId));
        Assert.All(rows, r => Assert.Matches("^name:[0-9a-f]{16}$", r.KeyName!));
        Assert.Equal(rows[0].KeyName, rows[1].KeyName);

        // Nowhere in the log, in any column, in any case.
        var everything = await AllAuditTextAsync();
        Assert.DoesNotContain(typed.ToLowerInvariant(), everything.ToLowerInvariant(), StringComparison.Ordinal);

        // Another name, another fingerprint.
        using (var other = await PostSignInAsync(client, "gent", "wrong password"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, other.StatusCode);
        }

        var after = await AuditAsync("console.sign-in.failed");
        Assert.Equal(2, after.Select(r => r.KeyName).Distinct().Count());
    }

    [Fact]
    public async Task UnknownNameWrongPasswordAndLockedAccount_LookTheSame_AdminSeesTheLockout()
    {
        using var client = NewBrowser();
        var (unknownStatus, unknownText) = await FailureAsync(client, "nobody-by-that-name", "some password");
        var (wrongStatus, wrongText) = await FailureAsync(client, "antwerpen", "wrong password 0");
        for (var i = 1; i < ConsoleAccountStore.MaxFailedAttempts; i++)
        {
            await FailureAsync(client, "antwerpen", "wrong password " + i);
        }

        // Locked now: even the right password gets the page every failure gets.
        var (lockedStatus, lockedText) = await FailureAsync(client, "antwerpen", GatewayFactory.AccountPasswords["antwerpen"]);
        Assert.Equal(HttpStatusCode.Unauthorized, unknownStatus);
        Assert.Equal(unknownStatus, wrongStatus);
        Assert.Equal(unknownStatus, lockedStatus);
        Assert.Equal("The user name or password is wrong.", unknownText);
        Assert.Equal(unknownText, wrongText);
        Assert.Equal(unknownText, lockedText);

        // The lockout is recorded with the real account, and the admin API shows it.
        var locked = await AuditAsync("console.sign-in.locked");
        Assert.NotEmpty(locked);
        Assert.All(locked, r => Assert.StartsWith(ConsoleAuthentication.CallerPrefix + "acc_", r.KeyId, StringComparison.Ordinal));
        Assert.All(locked, r => Assert.Equal("antwerpen", r.KeyName));
        using var admin = _factory.CreateClient(DemoKeyNames.Admin);
        var accounts = JsonDocument.Parse(await admin.GetStringAsync(new Uri("/api/admin/accounts", UriKind.Relative))).RootElement;
        var antwerpen = accounts.EnumerateArray().Single(a => a.GetProperty("userName").GetString() == "antwerpen");
        var gent = accounts.EnumerateArray().Single(a => a.GetProperty("userName").GetString() == "gent");
        Assert.Equal(JsonValueKind.String, antwerpen.GetProperty("lockedUntil").ValueKind);
        Assert.True(!gent.TryGetProperty("lockedUntil", out var none) || none.ValueKind == JsonValueKind.Null);
    }

    private HttpClient NewBrowser() =>
        _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private static async Task<(HttpStatusCode Status, string Text)> FailureAsync(HttpClient client, string user, string password)
    {
        using var response = await PostSignInAsync(client, user, password);
        var html = await response.Content.ReadAsStringAsync();
        var match = ErrorPattern().Match(html);
        return (response.StatusCode, match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : "(no error shown)");
    }

    private static async Task<HttpResponseMessage> PostSignInAsync(HttpClient client, string user, string password, string query = "")
    {
        var page = await client.GetStringAsync(new Uri("/console/sign-in" + query, UriKind.Relative));
        var token = TokenPattern().Match(page) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException("No antiforgery token on the sign-in page.");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["userName"] = user, ["password"] = password, ["__RequestVerificationToken"] = token });
        return await client.PostAsync(new Uri("/console/sign-in" + query, UriKind.Relative), form);
    }

    private async Task<List<AuditRow>> AuditAsync(string action)
    {
        await using var connection = await _factory.Service<GatewayDatabase>().OpenAsync();
        return [.. await connection.QueryAsync<AuditRow>("SELECT key_id AS KeyId, key_name AS KeyName, target AS Target, detail AS Detail FROM audit_log WHERE action = @action ORDER BY id", new { action })];
    }

    private async Task<string> AllAuditTextAsync()
    {
        await using var connection = await _factory.Service<GatewayDatabase>().OpenAsync();
        var rows = await connection.QueryAsync<AuditRow>("SELECT key_id AS KeyId, key_name AS KeyName, target AS Target, detail AS Detail FROM audit_log");
        return string.Join("\n", rows.Select(r => $"{r.KeyId}|{r.KeyName}|{r.Target}|{r.Detail}"));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("data-testid=\"sign-in-error\">([^<]*)</p>")]
    private static partial Regex ErrorPattern();

    private sealed class AuditRow
    {
        public string? KeyId { get; set; }

        public string? KeyName { get; set; }

        public string? Target { get; set; }

        public string? Detail { get; set; }
    }
}
