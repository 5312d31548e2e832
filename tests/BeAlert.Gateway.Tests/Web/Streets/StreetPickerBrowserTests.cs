using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using BeAlert.Gateway.Security;
using Microsoft.Playwright;

namespace BeAlert.Gateway.Tests.Web.Streets;

/// <summary>
/// The street picker in a real browser: gent picks Ghent, types "sint", picks Sint-Pietersnieuwstraat with the
/// keyboard, sees the count, sends in simulation, and the campaign page names the street. Phone layout too.
/// </summary>
[Collection(BrowserTests.Name)]
[Trait("Category", "Browser")]
public sealed partial class StreetPickerBrowserTests(BrowserFixture browser) : IDisposable
{
    private static readonly AxeRunOptions WcagAA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    private readonly WebGatewayFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private async Task<BrowserPage> OpenComposeAsync(bool phone)
    {
        StreetApiTests.AddResidents(_factory);
        using (var admin = _factory.CreateClient(DemoKeyNames.Admin))
        using (var patched = await admin.PatchAsJsonAsync("/api/admin/authorities/gent", new { simulation = true }))
        {
            Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        }

        var session = await browser.OpenAsync(_factory.BaseUrl, phone);
        await session.SignInAsync("gent");
        await session.Page.GotoAsync("/console/compose");
        await Assertions.Expect(session.Page.Locator("#compose-map path.muni")).ToHaveCountAsync(581, new() { Timeout = 60_000 });
        return session;
    }

    private static async Task PickStreetWithKeyboardAsync(IPage page)
    {
        // The municipality typed (its English name on an English page), Enter moves on to the street.
        await page.GetByLabel("Municipality of the street").FillAsync("Ghent");
        await page.GetByLabel("Municipality of the street").PressAsync("Enter");
        var combo = page.GetByRole(AriaRole.Combobox, new() { Name = "Street", Exact = true });
        await Assertions.Expect(combo).ToBeEnabledAsync();
        await Assertions.Expect(combo).ToBeFocusedAsync();
        await combo.PressSequentiallyAsync("sint");
        await Assertions.Expect(page.Locator("#street-options").GetByRole(AriaRole.Option)).ToHaveCountAsync(2, new() { Timeout = 30_000 });
        await Assertions.Expect(combo).ToHaveAttributeAsync("aria-expanded", "true");

        // Down twice: the second suggestion (sorted: Sint-Amandsstraat, Sint-Pietersnieuwstraat), Enter picks it.
        await combo.PressAsync("ArrowDown");
        await combo.PressAsync("ArrowDown");
        await Assertions.Expect(combo).ToHaveAttributeAsync("aria-activedescendant", "street-option-1");
        await Assertions.Expect(page.Locator("#street-options").GetByRole(AriaRole.Option, new() { Selected = true })).ToContainTextAsync("Sint-Pietersnieuwstraat");
        await combo.PressAsync("Enter");
        await Assertions.Expect(combo).ToHaveValueAsync("Sint-Pietersnieuwstraat");
        await Assertions.Expect(combo).ToHaveAttributeAsync("aria-expanded", "false");
        await Assertions.Expect(page.Locator("#street-status")).ToContainTextAsync("2 people");
    }

    [Fact]
    public async Task Gent_PicksStreetWithKeyboard_SeesCount_SendsInSimulation_ReportNamesTheStreet()
    {
        await using var session = await OpenComposeAsync(phone: false);
        var page = session.Page;
        await page.Locator("#compose-nl-headline").FillAsync("Gaslek in de Sint-Pietersnieuwstraat: blijf binnen");
        await page.Locator("#compose-nl-description").FillAsync("Gaslek bij werken in de straat.");
        await page.Locator("#compose-nl-instruction").FillAsync("Blijf binnen, sluit ramen en deuren.");
        await page.Locator("#compose-event-name").FillAsync("Gaslek");
        await page.Locator("input[name=channel][value=email]").CheckAsync();

        await PickStreetWithKeyboardAsync(page);

        // axe on the page with the picker in use (suggestions open again).
        var combo = page.GetByRole(AriaRole.Combobox, new() { Name = "Street", Exact = true });
        await page.GetByLabel("From house number (optional)").FillAsync("1");
        await page.GetByLabel("To house number (optional)").FillAsync("99");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add street" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("street-chip")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("street-chip")).ToContainTextAsync("Sint-Pietersnieuwstraat nos. 1–99, Ghent");
        await Assertions.Expect(page.GetByTestId("audience-counts")).ToContainTextAsync("Inside: 2 registered people, 2 addresses", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#compose-map .muni-selected[data-nis='44021']")).ToHaveCountAsync(1);

        await combo.PressSequentiallyAsync("sint");
        await Assertions.Expect(page.Locator("#street-options").GetByRole(AriaRole.Option)).ToHaveCountAsync(2, new() { Timeout = 30_000 });
        var axe = await page.RunAxe(WcagAA);
        Assert.True(axe.Violations.Length == 0, "axe: " + string.Join(" | ", axe.Violations.Select(v => v.Id + ": " + v.Help + " at " + string.Join(", ", v.Nodes.Select(n => n.Html)))));
        await session.ScreenshotAsync("console-streets");
        await combo.PressAsync("Escape");
        await combo.FillAsync(string.Empty);

        await page.GetByRole(AriaRole.Button, new() { Name = "Check and send…" }).ClickAsync();
        await Assertions.Expect(page.Locator("#compose-confirm")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("confirm-streets")).ToContainTextAsync("Sint-Pietersnieuwstraat nos. 1–99, Ghent");
        Assert.Empty(session.Errors);

        await page.GetByRole(AriaRole.Button, new() { Name = "Send now" }).ClickAsync();
        await page.WaitForURLAsync(CampaignUrl(), new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("campaign-streets")).ToHaveTextAsync("Sint-Pietersnieuwstraat 1–99, Ghent");
        await Assertions.Expect(page.GetByTestId("report")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await session.ScreenshotAsync("console-streets-report");
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task Gent_Phone_PicksStreet()
    {
        await using var session = await OpenComposeAsync(phone: true);
        var page = session.Page;
        await PickStreetWithKeyboardAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add street" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("street-chip")).ToContainTextAsync("Sint-Pietersnieuwstraat, Ghent");
        await page.GetByRole(AriaRole.Combobox, new() { Name = "Street", Exact = true }).PressSequentiallyAsync("sint");
        await Assertions.Expect(page.Locator("#street-options").GetByRole(AriaRole.Option)).ToHaveCountAsync(2, new() { Timeout = 30_000 });
        await page.Locator("#street-picker").ScrollIntoViewIfNeededAsync();
        await session.ScreenshotAsync("console-streets-phone");

        // Remove with its button: the list is empty again.
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove Sint-Pietersnieuwstraat, Ghent" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("street-chip")).ToHaveCountAsync(0);
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task GermanPage_MapAndPickerSayKelmisNotLaCalamine()
    {
        StreetApiTests.AddResidents(_factory);
        await using var session = await browser.OpenAsync(_factory.BaseUrl);
        await session.SignInAsync("federal");
        await session.Page.GotoAsync("/console/compose?lang=de");
        await Assertions.Expect(session.Page.Locator("#compose-map path.muni")).ToHaveCountAsync(581, new() { Timeout = 60_000 });
        await Assertions.Expect(session.Page.Locator("#compose-map path.muni[data-nis='63040'] title")).ToHaveTextAsync("Kelmis");
        await Assertions.Expect(session.Page.Locator("#compose-muni-list option[value='Kelmis']")).ToHaveCountAsync(1);
        await Assertions.Expect(session.Page.Locator("#compose-muni-list option[value='Lüttich']")).ToHaveCountAsync(1);
        Assert.Equal(0, await session.Page.Locator("#compose-muni-list option[value*='Calamine']").CountAsync());
        Assert.Empty(session.Errors);
    }

    [GeneratedRegex(@"/console/campaigns/([0-9a-f-]{36})")]
    private static partial Regex CampaignUrl();
}
