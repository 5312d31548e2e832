using System.Net;
using System.Text.Json;
using BeAlert.Gateway.Web;
using Microsoft.Playwright;

namespace BeAlert.Gateway.Tests.Web;

/// <summary>The site's frame: languages, the base map, console sign-in and CSRF, in a real browser where it matters.</summary>
[Collection(BrowserTests.Name)]
[Trait("Category", "Browser")]
public sealed class WebShellTests(BrowserFixture browser) : IDisposable
{
    private readonly WebGatewayFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task HomePage_InBrowser_DrawsEveryMunicipalityWithoutErrors()
    {
        await using var page = await browser.OpenAsync(_factory.BaseUrl);
        await page.Page.GotoAsync("/");
        await Assertions.Expect(page.Page.Locator("#public-map path.muni")).ToHaveCountAsync(581);
        await page.ScreenshotAsync("shell-home-en");
        Assert.Empty(page.Errors);
    }

    [Theory]
    [InlineData("fr-BE,fr;q=0.9,en;q=0.5", "fr", "Alertes en cours en Belgique")]
    [InlineData("de-DE", "de", "Aktuelle Alarme in Belgien")]
    [InlineData("nl-BE", "nl", "Actuele alarmen in België")]
    [InlineData("es-ES", "en", "Current alerts in Belgium")]
    public async Task HomePage_AcceptLanguage_ChoosesLanguage(string acceptLanguage, string expected, string heading)
    {
        using var client = _factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        using var response = await client.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains($"<html lang=\"{expected}\">", html, StringComparison.Ordinal);
        Assert.Contains(heading, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HomePage_LangQuery_WinsOverAcceptLanguageAndIsRemembered()
    {
        await using var page = await browser.OpenAsync(_factory.BaseUrl, acceptLanguage: "fr-BE");
        await page.Page.GotoAsync("/?lang=de");
        Assert.Equal("de", await page.Page.Locator("html").GetAttributeAsync("lang"));
        await page.Page.GotoAsync("/");
        Assert.Equal("de", await page.Page.Locator("html").GetAttributeAsync("lang"));
    }

    [Fact]
    public async Task Console_SignIn_WrongPasswordIsRefusedThenRightOneWorks()
    {
        await using var page = await browser.OpenAsync(_factory.BaseUrl);
        await page.Page.GotoAsync("/console");
        Assert.Contains("/console/sign-in", page.Page.Url, StringComparison.Ordinal);
        await page.Page.GetByLabel("User name").FillAsync("gent");
        await page.Page.GetByLabel("Password").FillAsync("not-the-password");
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.Page.GetByTestId("sign-in-error")).ToBeVisibleAsync();
        await page.ScreenshotAsync("console-sign-in-error");
        page.ClearErrors(); // the 401 document itself is logged by Chromium as a failed resource

        await page.SignInAsync("gent");
        await Assertions.Expect(page.Page.GetByText("Signed in as gent (Stad Gent)").First).ToBeVisibleAsync();
        Assert.Empty(page.Errors);

        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.Page.WaitForURLAsync(url => url.Contains("/console/sign-in", StringComparison.Ordinal));
        await page.Page.GotoAsync("/console");
        Assert.Contains("/console/sign-in", page.Page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Console_SimulationAccount_ShowsWatermarkOnEveryPage()
    {
        await using var page = await browser.OpenAsync(_factory.BaseUrl);
        await page.SignInAsync("schoolboard");
        await Assertions.Expect(page.Page.GetByTestId("simulation-banner")).ToBeVisibleAsync();
        await page.Page.GotoAsync("/");
        await Assertions.Expect(page.Page.GetByTestId("simulation-banner")).ToBeVisibleAsync();
        await page.ScreenshotAsync("console-simulation-watermark");
    }

    [Fact]
    public async Task ConsoleCookie_ChangeWithoutCsrfToken_Is400AndWithTokenPasses()
    {
        await using var page = await browser.OpenAsync(_factory.BaseUrl);
        await page.SignInAsync("gent");
        var withoutToken = await page.Page.EvaluateAsync<int>(
            "async () => (await fetch('/api/campaigns/estimate', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).status");
        Assert.Equal(400, withoutToken);
        var withToken = await page.Page.EvaluateAsync<int>(
            "async () => (await fetch('/api/campaigns/estimate', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-TOKEN': document.querySelector('meta[name=csrf-token]').content }, body: '{}' })).status");
        Assert.Equal(422, withToken); // past the CSRF check: the empty body is then refused by the endpoint itself
    }

    [Fact]
    public async Task MapData_Municipalities_AreCompactGzippedAndCached()
    {
        using var client = _factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/web/geo/municipalities.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
        var features = json.RootElement.GetProperty("features");
        Assert.Equal(581, features.GetArrayLength());
        Assert.Contains(features.EnumerateArray(), f => f.GetProperty("properties").GetProperty("nis").GetString() == "44021" && f.GetProperty("properties").GetProperty("fr").GetString() == "Gand");

        using var conditional = new HttpRequestMessage(HttpMethod.Get, "/web/geo/municipalities.json");
        conditional.Headers.TryAddWithoutValidation("If-None-Match", response.Headers.ETag!.ToString());
        using var notModified = await client.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Theory]
    [InlineData("lat=51.05&lon=3.72", HttpStatusCode.OK)]
    [InlineData("lat=48.85&lon=2.35", HttpStatusCode.NotFound)]
    [InlineData("lat=abc&lon=3.72", HttpStatusCode.BadRequest)]
    [InlineData("lat=91&lon=3.72", HttpStatusCode.BadRequest)]
    [InlineData("", HttpStatusCode.BadRequest)]
    public async Task Locate_Point_NamesMunicipalityOrSaysWhy(string query, HttpStatusCode expected)
    {
        using var client = _factory.CreateClient();
        using var response = await client.GetAsync(new Uri("/web/geo/locate?" + query, UriKind.Relative));
        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public void WebText_EveryKey_ExistsInEveryLanguage()
    {
        var text = new WebText();
        var english = text.Keys("en");
        Assert.NotEmpty(english);
        foreach (var language in WebLanguage.Supported)
        {
            var keys = text.Keys(language);
            Assert.Empty(english.Except(keys));
            Assert.Empty(keys.Except(english));
            Assert.All(keys, k => Assert.False(string.IsNullOrWhiteSpace(text.Get(language, k)), $"{language}:{k} is empty"));
        }
    }

    [Theory]
    [InlineData("nl-BE,fr;q=0.8", "nl")]
    [InlineData("en;q=0.1, de;q=0.9", "de")]
    [InlineData("fr;q=0, de", "de")]
    [InlineData("*", null)]
    [InlineData(";;;,,q=", null)]
    [InlineData("", null)]
    public void AcceptLanguage_Header_PicksBestSupported(string header, string? expected) =>
        Assert.Equal(expected, WebLanguage.FromAcceptLanguage(header));
}
