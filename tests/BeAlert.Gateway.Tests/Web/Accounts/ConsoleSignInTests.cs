using System.Net.Http.Json;
using System.Net;
using System.Text.RegularExpressions;
using BeAlert.Gateway.Demo;
using BeAlert.Gateway.Security;
using BeAlert.Gateway.Storage;
using BeAlert.Gateway.Web.Console;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Time.Testing;

namespace BeAlert.Gateway.Tests.Web.Accounts;

/// <summary>Console accounts: lockout, the disabled-account cache, the cookie after disabling, hostile sign-in forms.</summary>
public sealed partial class ConsoleSignInTests : IDisposable
{
    private readonly GatewayFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task SignIn_FiveWrongPasswords_LocksTheAccountUntilTheLockoutEnds()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-26T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var store = new ConsoleAccountStore(_factory.Service<GatewayDatabase>(), time);
        var password = GatewayFactory.AccountPasswords["antwerpen"];
        for (var i = 1; i < ConsoleAccountStore.MaxFailedAttempts; i++)
        {
            Assert.Equal(SignInOutcome.Failed, (await store.SignInAsync("antwerpen", "wrong password " + i)).Outcome);
        }

        Assert.Equal(SignInOutcome.LockedOut, (await store.SignInAsync("antwerpen", "wrong password 5")).Outcome);
        Assert.Equal(SignInOutcome.LockedOut, (await store.SignInAsync("antwerpen", password)).Outcome);

        time.Advance(ConsoleAccountStore.LockoutDuration - TimeSpan.FromSeconds(1));
        Assert.Equal(SignInOutcome.LockedOut, (await store.SignInAsync("ANTWERPEN", password)).Outcome);
        time.Advance(TimeSpan.FromSeconds(2));
        var (outcome, account) = await store.SignInAsync("ANTWERPEN", password);
        Assert.Equal(SignInOutcome.Success, outcome);
        Assert.Equal(DemoSeeder.ProvinceId, account!.AuthorityId);

        // A success resets the count: four more wrong ones do not lock.
        for (var i = 1; i < ConsoleAccountStore.MaxFailedAttempts; i++)
        {
            Assert.Equal(SignInOutcome.Failed, (await store.SignInAsync("antwerpen", "wrong again " + i)).Outcome);
        }

        Assert.Equal(SignInOutcome.Success, (await store.SignInAsync("antwerpen", password)).Outcome);
    }

    [Fact]
    public async Task SignIn_UnknownNameOrOversizedInput_FailsLikeAWrongPassword()
    {
        var store = _factory.Service<ConsoleAccountStore>();
        Assert.Equal(SignInOutcome.Failed, (await store.SignInAsync("nobody-here", "whatever password")).Outcome);
        Assert.Equal(SignInOutcome.Failed, (await store.SignInAsync(new string('g', 10_000), "whatever password")).Outcome);
        Assert.Equal(SignInOutcome.Failed, (await store.SignInAsync("gent", new string('p', 100_000))).Outcome);
    }

    [Fact]
    public async Task DisabledAccount_IsSeenByAnotherInstanceWithinTheCacheLifetime()
    {
        var time = new FakeTimeProvider();
        var otherInstance = new ConsoleAccountStore(_factory.Service<GatewayDatabase>(), time);
        var thisInstance = _factory.Service<ConsoleAccountStore>();
        var gent = (await thisInstance.ListAsync(DemoSeeder.GentId)).Single(a => a.UserName == "gent");

        Assert.False((await otherInstance.FindAsync(gent.Id))!.Disabled);
        Assert.True(await thisInstance.SetDisabledAsync(gent.Id, true));
        Assert.True((await thisInstance.FindAsync(gent.Id))!.Disabled); // the instance that disabled it forgets at once

        Assert.False((await otherInstance.FindAsync(gent.Id))!.Disabled); // still cached there …
        time.Advance(ConsoleAccountStore.CacheLifetime + TimeSpan.FromMilliseconds(1));
        Assert.True((await otherInstance.FindAsync(gent.Id))!.Disabled); // … but not beyond the cache lifetime
    }

    [Fact]
    public async Task DisabledAccount_ItsCookieStopsWorking()
    {
        using var browser = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await SignInAsync(browser, "gent", GatewayFactory.AccountPasswords["gent"]);
        using (var before = await browser.GetAsync(new Uri("/api/campaigns", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        var gent = (await _factory.Service<ConsoleAccountStore>().ListAsync(DemoSeeder.GentId)).Single(a => a.UserName == "gent");
        using var admin = _factory.CreateClient(DemoKeyNames.Admin);
        using (var disable = await admin.PostAsync(new Uri($"/api/admin/accounts/{gent.Id}/disable", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.OK, disable.StatusCode);
        }

        using var api = await browser.GetAsync(new Uri("/api/campaigns", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        using var page = await browser.GetAsync(new Uri("/console", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/console/sign-in", page.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PasswordReset_EndsTheAccountsOpenSessions_NewPasswordSignsIn()
    {
        using var browser = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await SignInAsync(browser, "antwerpen", GatewayFactory.AccountPasswords["antwerpen"]);
        using (var before = await browser.GetAsync(new Uri("/api/campaigns", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        var account = (await _factory.Service<ConsoleAccountStore>().ListAsync(DemoSeeder.ProvinceId)).Single(a => a.UserName == "antwerpen");
        using var admin = _factory.CreateClient(DemoKeyNames.Admin);
        using (var reset = await admin.PostAsJsonAsync(new Uri($"/api/admin/accounts/{account.Id}/password", UriKind.Relative), new { password = "a brand new password 42" }))
        {
            Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        }

        using (var stale = await browser.GetAsync(new Uri("/api/campaigns", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, stale.StatusCode);
        }

        using var fresh = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await SignInAsync(fresh, "antwerpen", "a brand new password 42");
        using var after = await fresh.GetAsync(new Uri("/api/campaigns", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task SignIn_ConcurrentWrongPasswords_EachCounts()
    {
        var store = _factory.Service<ConsoleAccountStore>();
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => store.SignInAsync("federal", "wrong password " + i)));
        Assert.Contains(outcomes, o => o.Outcome == SignInOutcome.LockedOut);
        Assert.Equal(SignInOutcome.LockedOut, (await store.SignInAsync("federal", GatewayFactory.AccountPasswords["federal"])).Outcome);
    }

    [Fact]
    public async Task SignInForm_WithoutAntiforgeryToken_Is400NotAServerError()
    {
        using var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["userName"] = "gent", ["password"] = GatewayFactory.AccountPasswords["gent"] });
        using var response = await client.PostAsync(new Uri("/console/sign-in", UriKind.Relative), form);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith(ConsoleAuthentication.CookieName + "=", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("", "", HttpStatusCode.OK, "Enter your user name and password.")]
    [InlineData("gent", "", HttpStatusCode.OK, "Enter your user name and password.")]
    [InlineData("oversized-user", "some password", HttpStatusCode.Unauthorized, "The user name or password is wrong.")]
    [InlineData("gent", "oversized-password", HttpStatusCode.Unauthorized, "The user name or password is wrong.")]
    public async Task SignInForm_HostileFields_GetThePageWithAnError(string userName, string password, HttpStatusCode expected, string message)
    {
        userName = userName == "oversized-user" ? new string('u', 50_000) : userName;
        password = password == "oversized-password" ? new string('p', 50_000) : password;
        using var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var token = await TokenAsync(client);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["userName"] = userName, ["password"] = password, ["__RequestVerificationToken"] = token });
        using var response = await client.PostAsync(new Uri("/console/sign-in", UriKind.Relative), form);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{(int)response.StatusCode}: {html[..Math.Min(html.Length, 2000)]}");
        Assert.Contains(message, html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignInForm_ControlCharactersAndMarkup_Is4xxAndNeverEchoedRaw()
    {
        using var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var token = await TokenAsync(client);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["userName"] = "gent\u0000\u202e<script>", ["password"] = "x\r\ny", ["__RequestVerificationToken"] = token });
        using var response = await client.PostAsync(new Uri("/console/sign-in", UriKind.Relative), form);
        Assert.InRange((int)response.StatusCode, 400, 401);
        Assert.DoesNotContain("<script>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignInForm_HugeBody_Is4xxNotAServerError()
    {
        using var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var token = await TokenAsync(client);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["userName"] = "gent", ["password"] = new string('p', 5_000_000), ["__RequestVerificationToken"] = token });
        using var response = await client.PostAsync(new Uri("/console/sign-in", UriKind.Relative), form);
        Assert.InRange((int)response.StatusCode, 400, 499);
    }

    internal static async Task SignInAsync(HttpClient client, string user, string password)
    {
        var token = await TokenAsync(client);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["userName"] = user, ["password"] = password, ["__RequestVerificationToken"] = token });
        using var response = await client.PostAsync(new Uri("/console/sign-in", UriKind.Relative), form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private static async Task<string> TokenAsync(HttpClient client)
    {
        var html = await client.GetStringAsync(new Uri("/console/sign-in", UriKind.Relative));
        return TokenPattern().Match(html) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException("No antiforgery token on the sign-in page.");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
