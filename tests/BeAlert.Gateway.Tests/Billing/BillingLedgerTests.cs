using BeAlert.Dispatch;
using BeAlert.Gateway.Billing;
using BeAlert.Gateway.Campaigns;
using BeAlert.Gateway.Population;
using BeAlert.Gateway.Scheduling;
using BeAlert.Gateway.Security;
using BeAlert.Gateway.Tests.Scheduling;

namespace BeAlert.Gateway.Tests.Billing;

/// <summary>The cost sink as the gateway registers it, on the gateway's real database.</summary>
public sealed class BillingLedgerTests : IDisposable
{
    private readonly GatewayFactory _factory = new();

    public BillingLedgerTests() => _factory.CreateClient().Dispose();

    public void Dispose() => _factory.Dispose();

    private ICampaignCostSink Sink => _factory.Service<ICampaignCostSink>();

    private BillingLedger Ledger => _factory.Service<BillingLedger>();

    [Fact]
    public async Task Record_ARealFinishedCampaign_ChargesEachChannelsCostToThePrepaidBalance()
    {
        // A real campaign on the gateway's dispatch engine (simulation transports, not flagged simulation): its report
        // carries the engine's own units and costs (EUR 0.055 per SMS segment; e-mail free).
        var launcher = new RecordingCampaignLauncher(_factory.Service<DispatchHost>(), _factory.Service<PopulationService>(), TimeProvider.System);
        var gent = (await _factory.Service<AuthorityStore>().FindAsync("gent"))!;
        var command = ScheduledTestMessage.Build("billing", new ScheduledTestOptions { Authority = "gent", Channels = DeliveryChannels.Sms | DeliveryChannels.Email }, gent, TimeProvider.System.GetUtcNow());
        var handle = await launcher.LaunchAsync(command);
        var report = await handle.Completion.WaitAsync(TimeSpan.FromSeconds(120));
        var sms = report.Channels.Single(c => c.Channel == DeliveryChannel.Sms);
        Assert.True(sms.BillableUnits > 0, "the demo population has subscribers in Gent");
        Assert.Equal(sms.BillableUnits * 0.055m, sms.Cost);
        await Ledger.TopUpAsync("gent", 100m, "PO-1", null);

        await Sink.RecordAsync("gent", report);

        var summary = await Ledger.GetSummaryAsync("gent", DateTimeOffset.UnixEpoch);
        Assert.Equal(100m - report.TotalCost, summary.Balance);
        Assert.False(summary.Overdrawn);
        var smsUsage = summary.Usage.Single(u => u.Channel == DeliveryChannel.Sms);
        Assert.Equal((sms.BillableUnits, sms.Cost, 1), (smsUsage.Units, smsUsage.Amount, smsUsage.Campaigns));
        Assert.Equal(0m, summary.Usage.Single(u => u.Channel == DeliveryChannel.Email).Amount);
        Assert.Equal(BillingLedger.MonthOf(TimeProvider.System.GetUtcNow()), smsUsage.Month);
    }

    [Fact]
    public async Task Record_TheSameCampaignTwiceOrConcurrently_ChargesOnce()
    {
        var report = Report(simulation: false, (DeliveryChannel.Sms, 40, 2.20m), (DeliveryChannel.Voice, 10, 0.55m));

        await Sink.RecordAsync("gent", report);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Sink.RecordAsync("gent", report)));
        await Sink.RecordAsync("gent", report with { Channels = [.. report.Channels.Select(c => c with { Cost = c.Cost * 2 })] });

        var summary = await Ledger.GetSummaryAsync("gent", DateTimeOffset.UnixEpoch);
        Assert.Equal(-2.75m, summary.Balance);
        Assert.Equal(2, (await Ledger.ListEntriesAsync("gent", DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue.AddYears(-1), 100)).Count);
    }

    [Fact]
    public async Task Record_ASimulationCampaign_IsRecordedWithAmountZeroAndTheFlag_AndNeverCharged()
    {
        await Ledger.TopUpAsync("gent", 10m, null, null);
        var report = Report(simulation: true, (DeliveryChannel.Sms, 40, 2.20m));

        await Sink.RecordAsync("gent", report);

        var entry = Assert.Single(await Ledger.ListEntriesAsync("gent", DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue.AddYears(-1), 100));
        Assert.True(entry.Simulation);
        Assert.Equal((0m, 40L), (entry.Amount, entry.Units));
        var summary = await Ledger.GetSummaryAsync("gent", DateTimeOffset.UnixEpoch);
        Assert.Equal(10m, summary.Balance);
        var usage = Assert.Single(summary.Usage);
        Assert.Equal((0L, 40L, 0m), (usage.Units, usage.SimulatedUnits, usage.Amount));
    }

    [Fact]
    public async Task Record_ASharedAccount_SplitsByPercentageWithTheRemainderToTheOwner()
    {
        await Ledger.SetSharesAsync("gent", [new("province-antwerpen", 33.33m), new("federal", 33.33m), new("gent", 33.34m)]);
        var report = Report(simulation: false, (DeliveryChannel.Sms, 1, 0.055m), (DeliveryChannel.Voice, 20, 1.10m));

        await Sink.RecordAsync("gent", report);

        var gent = await Ledger.GetSummaryAsync("gent", DateTimeOffset.UnixEpoch);
        var province = await Ledger.GetSummaryAsync("province-antwerpen", DateTimeOffset.UnixEpoch);
        var federal = await Ledger.GetSummaryAsync("federal", DateTimeOffset.UnixEpoch);
        Assert.Equal(-(0.055m - 0.01m - 0.01m) - (1.10m - 0.36m - 0.36m), gent.Balance);
        Assert.Equal(-0.37m, province.Balance);
        Assert.Equal(-0.37m, federal.Balance);
        Assert.Equal(report.TotalCost, -(gent.Balance + province.Balance + federal.Balance));
        Assert.Equal((1L, 0.035m), (gent.Usage.Single(u => u.Channel == DeliveryChannel.Sms).Units, gent.Usage.Single(u => u.Channel == DeliveryChannel.Sms).Amount));
        Assert.Equal((0L, 0.01m), (province.Usage.Single(u => u.Channel == DeliveryChannel.Sms).Units, province.Usage.Single(u => u.Channel == DeliveryChannel.Sms).Amount));
        Assert.Equal(new CostShare("gent", 33.33m), Assert.Single(province.SharedBy));
        Assert.Equal(3, gent.SharesWith.Count);
        Assert.All(await Ledger.ListEntriesAsync("province-antwerpen", DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue.AddYears(-1), 100), e => Assert.Equal("gent", e.Owner));
    }

    [Fact]
    public async Task Record_WhenTheBalanceWouldGoNegative_RecordsAndFlagsInsteadOfRefusing()
    {
        await Ledger.TopUpAsync("gent", 1.00m, null, null);
        var report = Report(simulation: false, (DeliveryChannel.Sms, 40, 2.20m), (DeliveryChannel.Email, 40, 0m));

        await Sink.RecordAsync("gent", report);

        var summary = await Ledger.GetSummaryAsync("gent", DateTimeOffset.UnixEpoch);
        Assert.Equal(-1.20m, summary.Balance);
        Assert.True(summary.Overdrawn);
        var flagged = Assert.Single(summary.OverdrawnCharges);
        Assert.Equal((DeliveryChannel.Sms, 2.20m, -1.20m), (flagged.Channel, flagged.Amount, flagged.BalanceAfter));
    }

    [Fact]
    public async Task TopUp_AfterAnOverdraft_BringsTheBalanceBack()
    {
        await Sink.RecordAsync("gent", Report(simulation: false, (DeliveryChannel.Sms, 40, 2.20m)));

        var balance = await Ledger.TopUpAsync("gent", 50m, "PO-2", null);

        Assert.Equal(47.80m, balance);
        var summary = await Ledger.GetSummaryAsync("gent", DateTimeOffset.UnixEpoch);
        Assert.False(summary.Overdrawn);
        Assert.Single(summary.OverdrawnCharges); // the history keeps the flag
    }

    internal static CampaignReport Report(bool simulation, params (DeliveryChannel Channel, long Units, decimal Cost)[] channels) => new()
    {
        CampaignId = Guid.NewGuid(),
        Name = "test",
        Status = CampaignStatus.Completed,
        IsSimulation = simulation,
        StartedAt = TimeProvider.System.GetUtcNow(),
        FinishedAt = TimeProvider.System.GetUtcNow(),
        Channels = [.. channels.Select(c => new ChannelReport
        {
            Channel = c.Channel,
            Targeted = c.Units,
            Sent = c.Units,
            Delivered = 0,
            Failed = 0,
            Skipped = 0,
            Cancelled = 0,
            Unfinished = 0,
            PossibleDuplicates = 0,
            FailureReasons = new Dictionary<DeliveryError, long>(),
            Duration = TimeSpan.Zero,
            AchievedRate = 0,
            BillableUnits = c.Units,
            Cost = c.Cost,
        })],
        CostByMunicipality = [],
        PossibleDuplicates = [],
    };
}
