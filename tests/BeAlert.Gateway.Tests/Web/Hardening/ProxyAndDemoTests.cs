using System.Net;
using System.Text.RegularExpressions;
using BeAlert.Gateway.Demo;
using BeAlert.Gateway.Hosting;
using BeAlert.Gateway.Web;
using BeAlert.Gateway.Web.Console;

namespace BeAlert.Gateway.Tests.Web.Hardening;

/// <summary>
/// Cookies behind a TLS-terminating proxy (Secure only when a configured proxy says the client used https), and the
/// one list of demo console account names.
/// </summary>
public sealed partial class ProxyAndDemoTests
{
    [Fact]
    public async Task BehindAKnownProxy_ForwardedHttps_ConsoleCsrfAndLanguageCookiesAreSecure()
    {
        using var factory = new WebGatewayFactory();
        factory.Settings[ForwardedProxies.Section + ":KnownProxies:0"] = "127.0.0.1";
        var cookies = await SignInCookiesAsync(factory.BaseUrl, forwardedProto: "https");
        Assert.True(cookies.TryGetValue(ConsoleAuthentication.CookieName, out var console), string.Join("\n", cookies.Values));
        Assert.Contains("secure", console, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", console, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", cookies[ConsoleAuthentication.CsrfCookie], StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", cookies[WebLanguage.CookieName], StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("10.20.30.40")]
    public async Task WithoutAKnownProxy_ForwardedHttpsIsIgnored_CookiesAreNotSecure(string? proxy)
    {
        using var factory = new WebGatewayFactory();
        if (proxy is not null)
        {
            factory.Settings[ForwardedProxies.Section + ":KnownProxies:0"] = proxy;
        }

        var cookies = await SignInCookiesAsync(factory.BaseUrl, forwardedProto: "https");
        Assert.True(cookies.TryGetValue(ConsoleAuthentication.CookieName, out var console), string.Join("\n", cookies.Values));
        Assert.DoesNotContain("secure", console, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", cookies[WebLanguage.CookieName], StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ForwardedHeaders_NotAnAddress_IsRefusedAtStart()
    {
        var e = Assert.Throws<GatewayConfigurationException>(() => GatewayApp.Build([$"--{ForwardedProxies.Section}:KnownProxies:0=proxy.example"]));
        Assert.Contains(e.Errors, m => m.Contains("KnownProxies", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DemoAccountNames_AreTheSeededAccounts_AndTheOnlyNamesTheSettingsAccept()
    {
        using var factory = new GatewayFactory();
        var seeded = await factory.Service<ConsoleAccountStore>().ListAsync();
        Assert.Equal(DemoSeeder.AccountNames.Order(StringComparer.Ordinal), seeded.Select(a => a.UserName).Order(StringComparer.Ordinal));

        foreach (var name in DemoSeeder.AccountNames)
        {
            var options = new GatewayOptions();
            options.Demo.Accounts[name] = "a long enough password";
            Assert.DoesNotContain(GatewayOptionsValidator.Validate(options), e => e.Contains("Demo:Accounts", StringComparison.Ordinal));
        }

        var unknown = new GatewayOptions();
        unknown.Demo.Accounts["mallory"] = "a long enough password";
        var error = Assert.Single(GatewayOptionsValidator.Validate(unknown), e => e.Contains("Demo:Accounts:mallory", StringComparison.Ordinal));
        Assert.Contains(string.Join(", ", DemoSeeder.AccountNames), error, StringComparison.Ordinal);
    }

    /// <summary>Signs in as gent through a "proxy" that says the client used <paramref name="forwardedProto"/>; the Set-Cookie lines by name.</summary>
    private static async Task<Dictionary<string, string>> SignInCookiesAsync(string baseUrl, string forwardedProto)
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", forwardedProto);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.23");
        var cookies = new Dictionary<string, string>(StringComparer.Ordinal);

        using var page = await client.GetAsync(new Uri("/console/sign-in?lang=fr", UriKind.Relative));
        Collect(page, cookies);
        var html = await page.Content.ReadAsStringAsync();
        var token = TokenPattern().Match(html) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException("No antiforgery token.");

        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["userName"] = "gent", ["password"] = GatewayFactory.AccountPasswords["gent"], ["__RequestVerificationToken"] = token });
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/console/sign-in", UriKind.Relative)) { Content = form };
        request.Headers.Add("Cookie", string.Join("; ", cookies.Values.Select(c => c.Split(';')[0])));
        using var posted = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Collect(posted, cookies);
        return cookies;
    }

    private static void Collect(HttpResponseMessage response, Dictionary<string, string> cookies)
    {
        if (response.Headers.TryGetValues("Set-Cookie", out var lines))
        {
            foreach (var line in lines)
            {
                cookies[line[..line.IndexOf('=', StringComparison.Ordinal)]] = line;
            }
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
