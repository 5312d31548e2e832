using System.Net;
using System.Text;
using BeAlert.Gateway.Security;
using BeAlert.Gateway.Tests.Campaigns;
using Microsoft.Playwright;

namespace BeAlert.Gateway.Tests.Web.Campaigns;

/// <summary>
/// The operator console in a real browser: a campaign started through the API for gent (in simulation) followed on its
/// page from live progress to the final report with a chart per channel; cancelling a slow campaign from the page; the
/// history and the home dashboard. Slow sends come from the simulation transports' latency (BeAlert:Simulation:Latency).
/// </summary>
[Collection(BrowserTests.Name)]
[Trait("Category", "Browser")]
public sealed class ConsoleCampaignBrowserTests(BrowserFixture browser) : IDisposable
{
    private static readonly TimeSpan ReportPatience = TimeSpan.FromSeconds(120);

    private readonly WebGatewayFactory _factory = new() { Subscribers = 20_000 };

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Campaign_StartedViaApi_PageShowsLiveProgressThenReportWithCharts_HistoryAndHomeListIt()
    {
        _factory.Settings["BeAlert:Simulation:Latency"] = "00:00:02";
        var baseUrl = _factory.BaseUrl;
        await SwitchGentToSimulationAsync();
        await using var page = await browser.OpenAsync(baseUrl);
        await page.SignInAsync("gent");

        var id = await StartGentCampaignAsync("Brand Gent — oefening", ["sms", "cellBroadcast"]);
        await page.Page.GotoAsync($"/console/campaigns/{id:D}");
        await Assertions.Expect(page.Page.GetByTestId("campaign-name")).ToHaveTextAsync("Brand Gent — oefening");
        var smsBar = page.Page.GetByTestId("progress-sms");
        await Assertions.Expect(smsBar).ToBeVisibleAsync();
        await Assertions.Expect(smsBar.GetByRole(AriaRole.Progressbar)).ToHaveAttributeAsync("aria-valuemax", "100");
        await Assertions.Expect(page.Page.GetByTestId("progress-cellBroadcast")).ToBeVisibleAsync();
        await Assertions.Expect(page.Page.GetByTestId("cancel-button")).ToBeVisibleAsync();
        await Assertions.Expect(page.Page.GetByTestId("campaign-status")).ToHaveTextAsync("Sending");
        await page.ScreenshotAsync("console-campaign-progress");

        var report = page.Page.GetByTestId("report");
        await Assertions.Expect(report).ToBeVisibleAsync(new() { Timeout = (float)ReportPatience.TotalMilliseconds });
        await Assertions.Expect(page.Page.GetByTestId("campaign-status")).ToHaveTextAsync("Completed");
        await Assertions.Expect(page.Page.GetByTestId("chart-sms")).ToBeVisibleAsync();
        await Assertions.Expect(page.Page.GetByTestId("chart-cellBroadcast")).ToBeVisibleAsync();
        Assert.Equal(6, await page.Page.GetByTestId("chart-sms").Locator("rect.chart-bar").CountAsync());
        await Assertions.Expect(page.Page.GetByTestId("progress-section")).ToBeHiddenAsync();
        await Assertions.Expect(page.Page.GetByTestId("cancel-button")).ToBeHiddenAsync();
        await Assertions.Expect(report).ToContainTextAsync("SIMULATION");
        await Assertions.Expect(page.Page.GetByTestId("report-csv")).ToHaveAttributeAsync("href", $"/api/campaigns/{id:D}/report.csv");

        // The chart's delivered bar says what the report says.
        using var api = _factory.CreateClient(DemoKeyNames.Commune);
        var json = await CampaignTestKit.WaitForReportAsync(api, id);
        var delivered = json["channels"]!.AsArray().Single(c => c!["channel"]!.GetValue<string>() == "Sms")!["delivered"]!.GetValue<long>();
        Assert.True(delivered > 0);
        var title = await page.Page.GetByTestId("chart-sms").Locator("title").TextContentAsync();
        Assert.Contains("Delivered " + delivered.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture), title, StringComparison.Ordinal);
        await page.ScreenshotAsync("console-campaign-report");
        Assert.Empty(page.Errors);

        // The report link works with the cookie.
        var download = await page.Page.EvaluateAsync<int>($"async () => (await fetch('/api/campaigns/{id:D}/report.csv')).status");
        Assert.Equal(200, download);

        await page.Page.GotoAsync("/console/campaigns");
        var row = page.Page.GetByTestId("history").GetByRole(AriaRole.Link, new() { Name = "Brand Gent — oefening" });
        await Assertions.Expect(row).ToBeVisibleAsync();
        await Assertions.Expect(page.Page.GetByTestId("history")).ToContainTextAsync("Completed");
        await page.ScreenshotAsync("console-history");
        await row.ClickAsync();
        await page.Page.WaitForURLAsync($"**/console/campaigns/{id:D}");
        await Assertions.Expect(page.Page.GetByTestId("report")).ToBeVisibleAsync();

        await page.Page.GotoAsync("/console");
        await Assertions.Expect(page.Page.GetByTestId("recent-campaigns")).ToContainTextAsync("Brand Gent — oefening");
        await Assertions.Expect(page.Page.GetByTestId("mode-card")).ToContainTextAsync("Simulation");
        await Assertions.Expect(page.Page.GetByTestId("balance")).ToContainTextAsync("€");
        await Assertions.Expect(page.Page.GetByTestId("new-alert")).ToHaveAttributeAsync("href", "/console/compose");
        await page.ScreenshotAsync("console-home");
        Assert.Empty(page.Errors);

        await using var phone = await browser.OpenAsync(baseUrl, phone: true);
        await phone.SignInAsync("gent");
        await phone.Page.GotoAsync($"/console/campaigns/{id:D}");
        await Assertions.Expect(phone.Page.GetByTestId("chart-sms")).ToBeVisibleAsync();
        var width = await phone.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"the report page is {width}px wide on a 390px screen");
        await phone.ScreenshotAsync("console-campaign-phone");
        Assert.Empty(phone.Errors);
    }

    [Fact]
    public async Task Campaign_SlowCampaign_CancelledFromThePageAfterConfirmation()
    {
        _factory.Settings["BeAlert:Simulation:Latency"] = "00:00:04";
        var baseUrl = _factory.BaseUrl;
        await SwitchGentToSimulationAsync();
        await using var page = await browser.OpenAsync(baseUrl);
        await page.SignInAsync("gent");
        var id = await StartGentCampaignAsync("Slow drill");
        await page.Page.GotoAsync($"/console/campaigns/{id:D}");
        await Assertions.Expect(page.Page.GetByTestId("progress-sms")).ToBeVisibleAsync();

        // "No, keep sending" leaves it running.
        await page.Page.GetByTestId("cancel-button").ClickAsync();
        var dialog = page.Page.GetByTestId("cancel-dialog");
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "No, keep sending" }).ClickAsync();
        await Assertions.Expect(dialog).ToBeHiddenAsync();
        await Assertions.Expect(page.Page.GetByTestId("campaign-status")).ToHaveTextAsync("Sending");

        await page.Page.GetByTestId("cancel-button").ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Yes, cancel" }).ClickAsync();
        await Assertions.Expect(page.Page.GetByTestId("campaign-status")).ToHaveTextAsync("Cancelled", new() { Timeout = (float)ReportPatience.TotalMilliseconds });
        await Assertions.Expect(page.Page.GetByTestId("report")).ToBeVisibleAsync();
        await Assertions.Expect(page.Page.GetByTestId("chart-sms")).ToBeVisibleAsync();
        await page.ScreenshotAsync("console-campaign-cancelled");

        using var api = _factory.CreateClient(DemoKeyNames.Commune);
        var report = await CampaignTestKit.WaitForReportAsync(api, id);
        Assert.Equal("Cancelled", report["status"]!.GetValue<string>());
        Assert.True(CampaignTestKit.Sum(report, "cancelled") > 0);
        Assert.Empty(page.Errors);
    }

    [Fact]
    public async Task CampaignPage_UnknownOrForeignCampaign_Is404Page()
    {
        var baseUrl = _factory.BaseUrl;
        using var federal = _factory.CreateClient(DemoKeyNames.Federal);
        var (foreign, _) = await CampaignTestKit.StartAsync(federal, CampaignTestKit.GentCampaign(["email"], simulation: true, name: "Federal only"));
        await using var page = await browser.OpenAsync(baseUrl);
        await page.SignInAsync("gent");
        foreach (var path in new[] { $"/console/campaigns/{foreign:D}", "/console/campaigns/not-a-campaign", $"/console/campaigns/{Guid.NewGuid():D}" })
        {
            var response = await page.Page.GotoAsync(path);
            Assert.Equal(404, response!.Status);
            await Assertions.Expect(page.Page.GetByTestId("campaign-not-found")).ToBeVisibleAsync();
            await Assertions.Expect(page.Page.GetByText("Federal only")).ToHaveCountAsync(0);
        }
    }

    private async Task SwitchGentToSimulationAsync()
    {
        using var admin = _factory.CreateClient(DemoKeyNames.Admin);
        using var request = new HttpRequestMessage(HttpMethod.Patch, "/api/admin/authorities/gent") { Content = new StringContent("""{"simulation":true}""", Encoding.UTF8, "application/json") };
        using var response = await admin.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<Guid> StartGentCampaignAsync(string name, string[]? channels = null)
    {
        using var client = _factory.CreateClient(DemoKeyNames.Commune);
        var (id, body) = await CampaignTestKit.StartAsync(client, CampaignTestKit.GentCampaign(channels ?? ["sms", "email"], name: name));
        Assert.Equal("SIMULATION", body["mode"]!.GetValue<string>());
        return id;
    }
}
