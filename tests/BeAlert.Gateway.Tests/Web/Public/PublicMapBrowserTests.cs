using BeAlert.Gateway.Security;
using Microsoft.Playwright;

namespace BeAlert.Gateway.Tests.Web.Public;

/// <summary>The public alert map and the TEST page in a real browser (Debian chromium), fed by alerts posted through the API.</summary>
[Collection(BrowserTests.Name)]
[Trait("Category", "Browser")]
public sealed class PublicMapBrowserTests(BrowserFixture browser) : IDisposable
{
    private readonly WebGatewayFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task HomePage_PostedAlert_ShowsOnMapAndList_UpdatesLive_CancelRemovesIt()
    {
        using var gent = _factory.CreateClient(DemoKeyNames.Commune);
        var fire = PublicAlerts.Fresh(PublicAlerts.GentFire);
        await PublicAlerts.PostAsync(gent, fire.Bytes);

        await using var page = await browser.OpenAsync(_factory.BaseUrl);
        await page.Page.GotoAsync("/");
        var items = page.Page.Locator("#alert-list .alert-item");
        await Assertions.Expect(items).ToHaveCountAsync(1);
        await Assertions.Expect(items.First).ToContainTextAsync("Brand in de haven van Gent"); // no English block: Dutch first
        await Assertions.Expect(page.Page.Locator("#public-map .layer-alerts .alert-area.severity-severe")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Page.Locator("#public-map path.muni")).ToHaveCountAsync(581);
        await Assertions.Expect(page.Page.GetByTestId("public-status")).ToContainTextAsync("1 active alert");

        // Keyboard: Tab to the alert, Enter selects it, the map zooms in and the details show.
        var before = await ViewWidthAsync(page.Page);
        await items.First.FocusAsync();
        await page.Page.Keyboard.PressAsync("Enter");
        var detail = page.Page.GetByTestId("alert-detail");
        await Assertions.Expect(detail).ToBeVisibleAsync();
        await Assertions.Expect(detail).ToContainTextAsync("Blijf binnen en sluit ramen en deuren.");
        await Assertions.Expect(items.First).ToHaveAttributeAsync("aria-current", "true");
        Assert.True(await ViewWidthAsync(page.Page) < before / 4, "the map zoomed to the alert");
        await Assertions.Expect(page.Page.Locator("#public-map .layer-alerts .alert-area.selected")).ToHaveCountAsync(1);
        await page.ScreenshotAsync("public-home");

        // The CAP XML link gives back the original bytes.
        var href = await detail.GetByTestId("alert-xml").GetAttributeAsync("href");
        Assert.Equal("/api/public/alerts/" + fire.Identifier, href);
        using var anonymous = _factory.CreateClient();
        Assert.Equal(fire.Bytes, await anonymous.GetByteArrayAsync(new Uri(href!, UriKind.Relative)));

        // Live: a second alert appears without reload (a circle this time).
        var second = PublicAlerts.Fresh(PublicAlerts.GentFire, circle: "51.0543,3.7174 1.5");
        await PublicAlerts.PostAsync(gent, second.Bytes);
        await Assertions.Expect(items).ToHaveCountAsync(2);
        await Assertions.Expect(page.Page.Locator("#public-map .layer-alerts .alert-area")).ToHaveCountAsync(2);

        // A Cancel removes the first; its open details say so.
        await PublicAlerts.PostAsync(gent, PublicAlerts.CancelOf(fire));
        await Assertions.Expect(items).ToHaveCountAsync(1);
        await Assertions.Expect(detail).ToContainTextAsync("This alert is no longer active.");
        await Assertions.Expect(page.Page.Locator("#public-map .layer-alerts .alert-area")).ToHaveCountAsync(1);
        Assert.Empty(page.Errors);
    }

    [Fact]
    public async Task HomePage_LangFr_ShowsFrenchDetails_AndOtherLanguageOnRequest()
    {
        using var gent = _factory.CreateClient(DemoKeyNames.Commune);
        var fire = PublicAlerts.Fresh(PublicAlerts.GentFire);
        await PublicAlerts.PostAsync(gent, fire.Bytes);

        await using var page = await browser.OpenAsync(_factory.BaseUrl, acceptLanguage: "nl-BE");
        await page.Page.GotoAsync("/?lang=fr");
        var item = page.Page.Locator("#alert-list .alert-item");
        await Assertions.Expect(item).ToContainTextAsync("Incendie dans le port de Gand");
        await item.ClickAsync();
        var detail = page.Page.GetByTestId("alert-detail");
        await Assertions.Expect(page.Page.Locator("#alert-detail-heading")).ToHaveTextAsync("Incendie dans le port de Gand : gardez portes et fenêtres fermées");
        await Assertions.Expect(detail).ToContainTextAsync("Incendie industriel");
        await Assertions.Expect(detail).ToContainTextAsync("Grave");
        await Assertions.Expect(detail).ToContainTextAsync("Immédiate : agissez maintenant");
        await Assertions.Expect(detail).ToContainTextAsync("Observée");
        await Assertions.Expect(detail).ToContainTextAsync("Restez à l'intérieur et fermez portes et fenêtres.");
        await Assertions.Expect(detail).ToContainTextAsync("Brandweerzone Centrum / Zone de secours Centrum");
        await Assertions.Expect(detail).ToContainTextAsync("Haven van Gent / Port de Gand");
        await Assertions.Expect(page.Page.Locator("#public-map path.muni")).ToHaveCountAsync(581);
        await page.ScreenshotAsync("public-alert-detail");

        // The Dutch block on request; the shared link (?alert=) reopens the same alert.
        await detail.Locator("button[data-lang=nl]").ClickAsync();
        await Assertions.Expect(page.Page.Locator("#alert-detail-heading")).ToHaveTextAsync("Brand in de haven van Gent: houd ramen en deuren gesloten");
        await page.Page.ReloadAsync();
        await Assertions.Expect(page.Page.Locator("#alert-detail-heading")).ToContainTextAsync("Incendie dans le port de Gand");
        Assert.Empty(page.Errors);
    }

    [Fact]
    public async Task HomePage_TestAlert_IsMarkedAndLinksToTestPage_SimulationAlertNeverShows()
    {
        await _factory.Service<AuthorityStore>().SetSimulationAsync("gent", simulation: true);
        using var gent = _factory.CreateClient(DemoKeyNames.Commune);
        var simulated = PublicAlerts.Fresh(PublicAlerts.GentFire);
        await PublicAlerts.PostAsync(gent, simulated.Bytes);
        using var federal = _factory.CreateClient(DemoKeyNames.Federal);
        await PublicAlerts.PostAsync(federal, PublicAlerts.Fresh(PublicAlerts.NationalTest).Bytes);

        await using var page = await browser.OpenAsync(_factory.BaseUrl, acceptLanguage: "de-DE");
        await page.Page.GotoAsync("/");
        var items = page.Page.Locator("#alert-list .alert-item");
        await Assertions.Expect(items).ToHaveCountAsync(1);
        await Assertions.Expect(items.First).ToContainTextAsync("TEST: Dies ist ein Test von BE-Alert.");
        await Assertions.Expect(items.First.Locator(".badge.test")).ToBeVisibleAsync();
        await Assertions.Expect(page.Page.GetByText("Brand in de haven van Gent")).ToHaveCountAsync(0);

        await items.First.ClickAsync();
        var detail = page.Page.GetByTestId("alert-detail");
        await Assertions.Expect(detail).ToContainTextAsync("Dies ist eine TEST-Meldung. Sie müssen nichts tun.");
        await detail.GetByRole(AriaRole.Link, new() { Name = "Was ist eine TEST-Meldung?" }).ClickAsync();
        await page.Page.WaitForURLAsync(url => url.EndsWith("/test-message", StringComparison.Ordinal));
        await Assertions.Expect(page.Page.Locator("h1")).ToHaveTextAsync("Was ist eine TEST-Meldung?");

        // Gent's simulated alert is in no public output either.
        using var anonymous = _factory.CreateClient();
        Assert.DoesNotContain(simulated.Identifier, await anonymous.GetStringAsync(new Uri("/api/public/alerts.geojson", UriKind.Relative)), StringComparison.Ordinal);
        Assert.Empty(page.Errors);
    }

    [Fact]
    public async Task HomePage_Phone_TapShowsDetailsAndPinchZooms()
    {
        using var gent = _factory.CreateClient(DemoKeyNames.Commune);
        await PublicAlerts.PostAsync(gent, PublicAlerts.Fresh(PublicAlerts.GentFire).Bytes);

        await using var page = await browser.OpenAsync(_factory.BaseUrl, phone: true, acceptLanguage: "nl-BE");
        await page.Page.GotoAsync("/");
        await Assertions.Expect(page.Page.Locator("#public-map path.muni")).ToHaveCountAsync(581);
        var item = page.Page.Locator("#alert-list .alert-item");
        await item.TapAsync();
        await Assertions.Expect(page.Page.GetByTestId("alert-detail")).ToContainTextAsync("Blijf binnen en sluit ramen en deuren.");
        var width = await page.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"no horizontal scrolling on a phone (scrollWidth {width})");
        await page.Page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await page.ScreenshotAsync("public-home-phone");

        // Two-finger pinch (pointer events, as a touch screen sends them) zooms the map.
        var before = await ViewWidthAsync(page.Page);
        await page.Page.EvaluateAsync("""
            () => {
              const svg = document.querySelector('#public-map svg');
              const r = svg.getBoundingClientRect();
              const cx = r.left + r.width / 2, cy = r.top + r.height / 2;
              const ev = (type, id, x) => svg.dispatchEvent(new PointerEvent(type, { pointerId: id, pointerType: 'touch', clientX: x, clientY: cy, bubbles: true }));
              ev('pointerdown', 11, cx - 20); ev('pointerdown', 12, cx + 20);
              ev('pointermove', 11, cx - 80); ev('pointermove', 12, cx + 80);
              ev('pointerup', 11, cx - 80); ev('pointerup', 12, cx + 80);
            }
            """);
        Assert.True(await ViewWidthAsync(page.Page) < before, "pinching out zoomed in");
        Assert.Empty(page.Errors);
    }

    [Fact]
    public async Task TestMessagePage_Desktop_ExplainsAndLinksBack()
    {
        await using var page = await browser.OpenAsync(_factory.BaseUrl, acceptLanguage: "fr-BE");
        await page.Page.GotoAsync("/test-message");
        await Assertions.Expect(page.Page.Locator("h1")).ToHaveTextAsync("Qu'est-ce qu'un message TEST ?");
        await Assertions.Expect(page.Page.GetByTestId("test-message")).ToContainTextAsync("test national de 2018");
        await Assertions.Expect(page.Page.Locator("nav a[aria-current=page]")).ToHaveTextAsync("Qu'est-ce qu'un TEST ?");
        await page.ScreenshotAsync("public-test-message");
        await page.Page.GetByRole(AriaRole.Link, new() { Name = "Retour à la carte des alertes" }).ClickAsync();
        await Assertions.Expect(page.Page.Locator("#public-map path.muni")).ToHaveCountAsync(581);
        Assert.Empty(page.Errors);
    }

    private static Task<double> ViewWidthAsync(IPage page) =>
        page.EvaluateAsync<double>("() => Number(document.querySelector('#public-map svg').getAttribute('viewBox').split(' ')[2])");
}
