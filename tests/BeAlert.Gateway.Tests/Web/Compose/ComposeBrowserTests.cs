using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using BeAlert.Gateway.Security;
using Microsoft.Playwright;

namespace BeAlert.Gateway.Tests.Web.Compose;

/// <summary>The compose page in a real browser: gent composes and sends, schoolboard gets groups only.</summary>
[Collection(BrowserTests.Name)]
[Trait("Category", "Browser")]
public sealed partial class ComposeBrowserTests(BrowserFixture browser) : IDisposable
{
    private readonly WebGatewayFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    /// <summary>Where a point (lat, lon) is on screen in the compose map.</summary>
    private static async Task<(float X, float Y)> ScreenPointAsync(IPage page, double lat, double lon)
    {
        var xy = await page.EvaluateAsync<double[]>(
            @"([lat, lon]) => {
                const svg = document.querySelector('#compose-map svg');
                const kx = Math.cos(50.5 * Math.PI / 180) * 100;
                const pt = svg.createSVGPoint();
                pt.x = (lon - 2.5) * kx; pt.y = (51.55 - lat) * 100;
                const p = pt.matrixTransform(svg.getScreenCTM());
                return [p.x, p.y];
            }",
            new[] { lat, lon });
        return ((float)xy[0], (float)xy[1]);
    }

    [Fact]
    public async Task Gent_DrawsPolygonComposesNlFrSeesSmsAndCost_SendsInSimulation()
    {
        // gent is a live account: switch its authority to simulation for this test (admin API).
        using (var admin = _factory.CreateClient(DemoKeyNames.Admin))
        using (var patched = await admin.PatchAsJsonAsync("/api/admin/authorities/gent", new { simulation = true }))
        {
            Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        }

        await using var session = await browser.OpenAsync(_factory.BaseUrl);
        var page = session.Page;
        await session.SignInAsync("gent");
        await page.GotoAsync("/console/compose");
        try
        {
            await Assertions.Expect(page.Locator("#compose-map path.muni")).ToHaveCountAsync(581, new() { Timeout = 60_000 });
        }
        catch (PlaywrightException e)
        {
            throw new InvalidOperationException("The base map did not load; page errors: " + string.Join(" | ", session.Errors), e);
        }

        // Texts in Dutch and French, side by side.
        await page.Locator("#compose-nl-headline").FillAsync("Brand in de haven van Gent: houd ramen en deuren gesloten");
        await page.Locator("#compose-nl-description").FillAsync("Grote brand in een loods aan de Kennedylaan.");
        await page.Locator("#compose-nl-instruction").FillAsync("Blijf binnen en sluit ramen en deuren.");
        await page.Locator("#compose-fr-headline").FillAsync("Incendie dans le port de Gand : gardez portes et fenêtres fermées");
        await page.Locator("#compose-fr-description").FillAsync("Important incendie dans un entrepôt de la Kennedylaan.");
        await page.Locator("#compose-fr-instruction").FillAsync("Restez à l'intérieur et fermez portes et fenêtres.");
        await page.Locator("#compose-event-name").FillAsync("Industriebrand");
        await page.Locator("#compose-category").SelectOptionAsync("Fire");

        // Keyboard: type the municipality, add it, see it counted; then remove it again.
        await page.Locator("#compose-muni-search").FillAsync("Gent");
        await page.Locator("#compose-muni-search").PressAsync("Enter");
        await Assertions.Expect(page.Locator("#compose-muni-selected li")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("audience-counts")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove Ghent" }).ClickAsync();
        await Assertions.Expect(page.Locator("#compose-muni-selected li")).ToHaveCountAsync(0);

        // Draw a polygon over the centre of Gent: zoom in there, click four corners, finish.
        await page.Locator("#compose-map").ScrollIntoViewIfNeededAsync();
        var (gx, gy) = await ScreenPointAsync(page, 51.05, 3.73);
        await page.Mouse.MoveAsync(gx, gy);
        for (var i = 0; i < 8; i++)
        {
            await page.Mouse.WheelAsync(0, -120);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Draw a polygon" }).ClickAsync();
        foreach (var (lat, lon) in new[] { (51.02, 3.68), (51.08, 3.68), (51.08, 3.78), (51.02, 3.78) })
        {
            var (x, y) = await ScreenPointAsync(page, lat, lon);
            await page.Mouse.ClickAsync(x, y);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Finish the polygon" }).ClickAsync();
        await Assertions.Expect(page.Locator("#compose-map .drawn-shape")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("audience-counts")).ToContainTextAsync("registered people", new() { Timeout = 30_000 });
        await session.ScreenshotAsync("console-compose-target");

        // Previews per language with the SMS segment count, and the cost from /api/campaigns/estimate.
        await Assertions.Expect(page.Locator(".preview-card")).ToHaveCountAsync(2, new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("sms-meta").First).ToContainTextAsync(SegmentText(), new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("cost-total")).ToContainTextAsync("Estimated cost", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#compose-kind")).ToHaveValueAsync("Actual");
        await session.ScreenshotAsync("console-compose");

        // Confirm: audience and cost are stated.
        await page.GetByRole(AriaRole.Button, new() { Name = "Check and send…" }).ClickAsync();
        await Assertions.Expect(page.Locator("#compose-confirm")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("confirm-audience")).ToContainTextAsync("people");
        await Assertions.Expect(page.GetByTestId("confirm-cost")).ToContainTextAsync("€");
        await session.ScreenshotAsync("console-compose-confirm");
        Assert.Empty(session.Errors);

        // One request sends: POST /api/compose/send (the alert and its campaign together), not /api/alerts then /api/campaigns.
        var posts = new System.Collections.Concurrent.ConcurrentQueue<string>();
        page.Request += (_, request) =>
        {
            if (request.Method == "POST")
            {
                posts.Enqueue(new Uri(request.Url).AbsolutePath);
            }
        };
        await page.GetByRole(AriaRole.Button, new() { Name = "Send now" }).ClickAsync();
        await page.WaitForURLAsync(CampaignUrl(), new() { Timeout = 30_000 });
        var id = CampaignUrl().Match(page.Url).Groups[1].Value;
        Assert.Contains("/api/compose/send", posts);
        Assert.DoesNotContain("/api/alerts", posts);
        Assert.DoesNotContain("/api/campaigns", posts);

        using var client = _factory.CreateClient(DemoKeyNames.Commune);
        using var campaign = await client.GetAsync(new Uri("/api/campaigns/" + id, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, campaign.StatusCode);
        var json = await campaign.Content.ReadAsStringAsync();
        Assert.Contains("\"simulation\":true", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SchoolBoard_Phone_SeesGroupsOnlyAndForcedPopulationCampaignIsRefused()
    {
        await using var session = await browser.OpenAsync(_factory.BaseUrl, phone: true);
        var page = session.Page;
        await session.SignInAsync("schoolboard");
        await page.GotoAsync("/console/compose");
        await Assertions.Expect(page.GetByTestId("groups-only")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#compose-map")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Draw a polygon" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByLabel("Cell broadcast (every phone in the area)")).ToBeDisabledAsync();
        await page.Locator("#compose-nl-headline").FillAsync("School gesloten wegens stormschade");
        await Assertions.Expect(page.GetByTestId("sms-meta").First).ToContainTextAsync(SegmentText(), new() { Timeout = 30_000 });
        await session.ScreenshotAsync("console-compose-phone");
        Assert.Empty(session.Errors);

        var cap = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Samples", "be-fire-gent-nl-fr.xml"));
        var status = await page.EvaluateAsync<int>(
            @"async cap => (await fetch('/api/campaigns', { method: 'POST',
                headers: { 'Content-Type': 'application/json', 'X-CSRF-TOKEN': document.querySelector('meta[name=csrf-token]').content },
                body: JSON.stringify({ capXml: cap, channels: ['sms'], audience: { municipalities: [24062] } }) })).status",
            cap);
        Assert.Equal(403, status);
    }

    [GeneratedRegex(@"/console/campaigns/([0-9a-f-]{36})")]
    private static partial Regex CampaignUrl();

    [GeneratedRegex(@"SMS: \d+ segment")]
    private static partial Regex SegmentText();
}
