using System.Net;
using BeAlert.Cap;
using BeAlert.Dispatch;
using BeAlert.Gateway.Campaigns;
using BeAlert.Gateway.Demo;
using BeAlert.Gateway.Security;
using BeAlert.Gateway.Storage;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace BeAlert.Gateway.Tests.Campaigns;

public sealed class CampaignLauncherTests : IDisposable
{
    private readonly RecordingFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task LaunchAsync_SystemCampaign_FinishesStoresTheReportAndTellsEveryCostSink()
    {
        _ = _factory.Services;
        var launcher = _factory.Service<ICampaignLauncher>();
        var alert = CapParser.Default.Parse(CampaignTestKit.GentFire).Alert;
        var handle = await launcher.LaunchAsync(new CampaignCommand(DemoSeeder.GentId, alert, DeliveryChannels.Sms, AudienceSpec.ForMunicipalities(44021)) { Name = "scheduled test" });
        var report = await handle.Completion.WaitAsync(CampaignTestKit.Patience);
        Assert.Equal(CampaignStatus.Completed, report.Status);

        var recorded = await _factory.Sink.Reports.Reader.ReadAsync(new CancellationTokenSource(CampaignTestKit.Patience).Token);
        Assert.Equal(DemoSeeder.GentId, recorded.AuthorityId);
        Assert.Equal(handle.Id, recorded.Report.CampaignId);

        using var client = _factory.CreateClient(DemoKeyNames.Commune);
        var status = await CampaignTestKit.WaitForStatusAsync(client, handle.Id);
        Assert.Equal("scheduled test", status["name"]!.GetValue<string>());
        Assert.Null(status["templateId"]);
    }

    [Fact]
    public async Task LaunchAsync_TypeTwoWithAnArea_IsRefusedWithReasons()
    {
        _ = _factory.Services;
        var launcher = _factory.Service<ICampaignLauncher>();
        var alert = CapParser.Default.Parse(CampaignTestKit.GentFire).Alert;
        var refused = await Assert.ThrowsAsync<CampaignRefusedException>(() =>
            launcher.LaunchAsync(new CampaignCommand(DemoSeeder.SchoolBoardId, alert, DeliveryChannels.Sms | DeliveryChannels.CellBroadcast, AudienceSpec.ForMunicipalities(24062))));
        Assert.Equal(2, refused.Reasons.Count);
        Assert.All(refused.Reasons, r => Assert.StartsWith("GroupAlertingOnly", r, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_GroupsAndListsThroughTheAudienceSources_TypeTwoAllowed()
    {
        using var client = _factory.CreateClient(DemoKeyNames.SchoolBoard);
        var body = new { capXml = CampaignTestKit.GentFire, channels = new[] { "sms", "email" }, audience = new { groups = new[] { 7 }, lists = new[] { 8 } } };
        var (id, json) = await CampaignTestKit.StartAsync(client, body);
        Assert.True(json["simulation"]!.GetValue<bool>(), "the school board's account is in simulation");
        Assert.Equal(3 + 2, json["audience"]!["people"]!.GetValue<long>());
        var report = await CampaignTestKit.WaitForReportAsync(client, id);
        Assert.Equal("SIMULATION", report["mode"]!.GetValue<string>());
    }

    [Fact]
    public async Task Start_ByAlertId_UsesTheAlertTheAuthorityPosted()
    {
        using var client = _factory.CreateClient(DemoKeyNames.Commune);
        await PostGentAlertAsync(client);

        var (id, json) = await CampaignTestKit.StartAsync(client, new { alertId = "BE-GENT-2026-0412", channels = new[] { "sms" }, audience = new { municipalities = new[] { 44021 } } });
        Assert.Equal("BE-GENT-2026-0412", json["alertIdentifier"]!.GetValue<string>());
        await CampaignTestKit.WaitForReportAsync(client, id);

        using var federal = _factory.CreateClient(DemoKeyNames.Federal);
        using var theirs = await federal.PostJsonAsync("/api/campaigns", new { alertId = "BE-GENT-2026-0412", channels = new[] { "sms" }, audience = new { everyone = true } });
        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
    }

    /// <summary>
    /// Through POST /api/alerts when the alerts module is there; otherwise into a minimal <c>alerts</c> table of the
    /// shape the alerts module uses (identifier, authority_id, the CAP bytes), which the default alert source reads.
    /// </summary>
    private async Task PostGentAlertAsync(HttpClient client)
    {
        using var posted = await client.PostAsync(new Uri("/api/alerts", UriKind.Relative), new StringContent(CampaignTestKit.GentFire, System.Text.Encoding.UTF8, "application/cap+xml"));
        if (posted.StatusCode == HttpStatusCode.Created)
        {
            return;
        }

        var database = _factory.Service<GatewayDatabase>();
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync($"CREATE TABLE IF NOT EXISTS alerts (id {database.Dialect.AutoIdPrimaryKey}, identifier TEXT NOT NULL, authority_id TEXT NOT NULL, xml {database.Dialect.Blob} NOT NULL)");
        await connection.ExecuteAsync(
            "INSERT INTO alerts (identifier, authority_id, xml) VALUES (@identifier, @authority, @xml)",
            new { identifier = "BE-GENT-2026-0412", authority = DemoSeeder.GentId, xml = System.Text.Encoding.UTF8.GetBytes(CampaignTestKit.GentFire) });
    }

    /// <summary>Records what the cost sinks are told; groups and lists of the school board from fixed sources.</summary>
    private sealed class RecordingFactory : GatewayFactory
    {
        public RecordingSink Sink { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services =>
            {
                services.AddSingleton<ICampaignCostSink>(Sink);
                services.AddSingleton<BeAlert.Gateway.Citizens.IAudienceSources, FixedSources>();
            });
        }
    }

    private sealed class RecordingSink : ICampaignCostSink
    {
        public System.Threading.Channels.Channel<(string AuthorityId, CampaignReport Report)> Reports { get; } =
            System.Threading.Channels.Channel.CreateUnbounded<(string, CampaignReport)>();

        public Task RecordAsync(string authorityId, CampaignReport report, CancellationToken cancellationToken = default) =>
            Reports.Writer.WriteAsync((authorityId, report), cancellationToken).AsTask();
    }

    /// <summary>The school board's group 7 (three synthetic subscribers) and list 8 (two contacts).</summary>
    private sealed class FixedSources : BeAlert.Gateway.Citizens.IAudienceSources
    {
        public Task<Group?> FindGroupAsync(string authorityId, long groupId, CancellationToken cancellationToken = default) =>
            Task.FromResult(authorityId == DemoSeeder.SchoolBoardId && groupId == 7 ? Group.OfMembers(7, "parents", authorityId, [1, 2, 3]) : null);

        public Task<ContactList?> FindListAsync(string authorityId, long listId, CancellationToken cancellationToken = default) =>
            Task.FromResult(authorityId == DemoSeeder.SchoolBoardId && listId == 8
                ? new ContactList(8, "teachers", authorityId, [new Contact("A", PhoneNumber.Parse("+32470000001"), "a@school.example", "nl"), new Contact("B", PhoneNumber.Parse("+32470000002"), null, "fr")])
                : null);
    }
}
