using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace BeAlert.Gateway.Tests.Web;

/// <summary>
/// Every page checked by an independent accessibility engine (axe-core, run inside Chromium by Deque's Playwright
/// binding) against the WCAG 2.1 A and AA rules it can decide automatically: labelled controls, names of buttons and
/// links, headings and landmarks, language of the page, ARIA use, contrast. Plus a keyboard walk: Tab reaches every
/// control of the sign-in and registration forms. What axe cannot judge (a sensible reading order, the map's drawing
/// by keyboard) is covered by the flow tests that use the keyboard and by review, not here.
/// </summary>
[Collection(BrowserTests.Name)]
[Trait("Category", "Browser")]
public sealed class AccessibilityTests(BrowserFixture browser) : IDisposable
{
    private static readonly AxeRunOptions WcagAA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    private readonly WebGatewayFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Theory]
    [InlineData("/", "en", false)]
    [InlineData("/?lang=nl", "nl", false)]
    [InlineData("/test-message", "en", false)]
    [InlineData("/citizen", "en", false)]
    [InlineData("/citizen?lang=fr", "fr", true)]
    [InlineData("/console/sign-in", "en", false)]
    public async Task PublicPage_Axe_NoWcagViolations(string path, string language, bool phone)
    {
        await using var page = await browser.OpenAsync(_factory.BaseUrl, phone);
        await page.Page.GotoAsync(path);
        await WaitUntilDrawnAsync(page.Page);
        Assert.Equal(language, await page.Page.Locator("html").GetAttributeAsync("lang"));
        await AssertNoViolationsAsync(page.Page, path);
    }

    [Theory]
    [InlineData("/console")]
    [InlineData("/console/compose")]
    [InlineData("/console/campaigns")]
    public async Task ConsolePage_Axe_NoWcagViolations(string path)
    {
        await using var page = await browser.OpenAsync(_factory.BaseUrl);
        await page.SignInAsync("gent");
        await page.Page.GotoAsync(path);
        await WaitUntilDrawnAsync(page.Page);
        await AssertNoViolationsAsync(page.Page, path);
    }

    [Fact]
    public async Task SignInForm_Keyboard_StartsInUserNameAndTabReachesPasswordThenButton()
    {
        await using var page = await browser.OpenAsync(_factory.BaseUrl);
        await page.Page.GotoAsync("/console/sign-in");
        // The user name has autofocus: a keyboard user starts typing there, then Tab goes to the password and the button.
        Assert.Equal("userName", await page.Page.EvaluateAsync<string>("() => document.activeElement.id"));
        var reached = new List<string> { "userName" };
        for (var i = 0; i < 5; i++)
        {
            await page.Page.Keyboard.PressAsync("Tab");
            var focused = await page.Page.EvaluateAsync<string>(
                "() => { const e = document.activeElement; return e ? (e.id || e.getAttribute('name') || e.textContent.trim()) : ''; }");
            reached.Add(focused);
        }

        var user = reached.IndexOf("userName");
        var password = reached.IndexOf("password");
        var submit = reached.IndexOf("Sign in");
        Assert.True(user >= 0 && password > user && submit > password, "Tab order reached: " + string.Join(" | ", reached.Distinct()));
    }

    private static async Task WaitUntilDrawnAsync(IPage page)
    {
        await page.WaitForLoadStateAsync(LoadState.Load);
        if (await page.Locator("svg path.muni").CountAsync() > 0 || await page.Locator("[data-map]").CountAsync() > 0)
        {
            await Assertions.Expect(page.Locator("svg path.muni")).ToHaveCountAsync(581);
        }

        // Let the page's scripts fill their lists (each page fetches its data once at load).
        await page.WaitForTimeoutAsync(500);
    }

    private static async Task AssertNoViolationsAsync(IPage page, string path)
    {
        var result = await page.RunAxe(WcagAA);
        var report = string.Join(
            Environment.NewLine,
            result.Violations.Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(", ", v.Nodes.Take(5).Select(n => string.Join(' ', n.Target?.ToString() ?? "?")))}"));
        Assert.True(result.Violations.Length == 0, $"axe found {result.Violations.Length} WCAG violation(s) on {path}:{Environment.NewLine}{report}");
        Assert.NotEmpty(result.Passes); // the engine really ran on a rendered page
    }
}
