using BeAlert.Cap;
using BeAlert.Dispatch;
using BeAlert.Gateway.Audit;
using BeAlert.Gateway.Campaigns;
using BeAlert.Gateway.Population;
using BeAlert.Gateway.Scheduling;
using BeAlert.Gateway.Security;
using BeAlert.Gateway.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace BeAlert.Gateway.Tests.Scheduling;

/// <summary>
/// The scheduler against the gateway's real database (SQLite, or PostgreSQL under test.sh) and real dispatch engine,
/// with a <see cref="FakeTimeProvider"/> for the scheduler's clock. "Restarts" and "instances" are new
/// <see cref="ScheduledTestService"/> objects on the same database.
/// </summary>
public sealed class ScheduledTestServiceTests : IDisposable
{
    // Thursday 3 December 2026, 12:00 in Brussels (CET, UTC+1).
    private static readonly DateTimeOffset DecemberDue = new(2026, 12, 3, 11, 0, 0, TimeSpan.Zero);

    private readonly GatewayFactory _factory = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)); // tests move it forward
    private readonly RecordingCampaignLauncher _launcher;

    public ScheduledTestServiceTests()
    {
        _factory.CreateClient().Dispose();
        _launcher = new RecordingCampaignLauncher(_factory.Service<DispatchHost>(), _factory.Service<PopulationService>(), _time);
    }

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task RunDue_AtTheDueTime_LaunchesOnceATestMessageInEveryLanguage()
    {
        _time.SetUtcNow(DecemberDue);
        var service = CreateService(Monthly());

        var outcomes = await service.RunDueAsync();

        Assert.Equal(ScheduleOutcome.Launched, outcomes["gent-monthly"]);
        var (command, _) = Assert.Single(_launcher.Commands);
        Assert.Equal("gent", command.AuthorityId);
        Assert.Equal(CapStatus.Test, command.Alert.Status);
        Assert.Equal(DeliveryChannels.Sms | DeliveryChannels.Voice | DeliveryChannels.Email, command.Channels);
        Assert.Equal([44021], command.Audience.Municipalities);
        Assert.Equal(["nl-BE", "fr-BE", "de-BE", "en-BE"], command.Alert.Infos.Select(i => i.Language));
        Assert.All(command.Alert.Infos, i => Assert.StartsWith("TEST", i.Headline, StringComparison.Ordinal));
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.FromHours(1)), command.Alert.Sent.Value);
        var validation = new CapValidator(CapProfile.BeAlert).Validate(command.Alert);
        Assert.True(validation.IsValid, string.Join("; ", validation.Errors.Select(e => $"{e.Code} {e.Message}")));

        var run = Assert.Single(await Runs().ListAsync("gent-monthly"));
        Assert.Equal(ScheduleRunStatus.Launched, run.Status);
        Assert.Equal(DecemberDue, run.DueAt);
        Assert.NotNull(run.CampaignId);
        Assert.Contains(await _factory.Service<AuditLog>().ListAsync("gent"), e => e.Action == "schedule.launched" && e.Target == "gent-monthly");

        Assert.Equal(ScheduleOutcome.NothingDue, (await service.RunDueAsync())["gent-monthly"]);
        Assert.Single(_launcher.Commands);
    }

    [Fact]
    public async Task Restart_BackWithinTheCatchUpWindow_RunsOnceAndNotAgainAfterAnotherRestart()
    {
        _time.SetUtcNow(DecemberDue.AddMinutes(20)); // down at 12:00, back at 12:20
        Assert.Equal(ScheduleOutcome.Launched, (await CreateService(Monthly()).RunDueAsync())["gent-monthly"]);

        _time.Advance(TimeSpan.FromMinutes(5)); // restarted again at 12:25
        Assert.Equal(ScheduleOutcome.NothingDue, (await CreateService(Monthly()).RunDueAsync())["gent-monthly"]);

        Assert.Single(_launcher.Commands);
    }

    [Fact]
    public async Task Restart_BackTheNextDay_SkipsTheRunAndRecordsAndLogsIt_ThenRunsTheNextMonth()
    {
        _time.SetUtcNow(DecemberDue.AddDays(1));
        var service = CreateService(Monthly());

        Assert.Equal(ScheduleOutcome.Missed, (await service.RunDueAsync())["gent-monthly"]);
        Assert.Equal(ScheduleOutcome.NothingDue, (await service.RunDueAsync())["gent-monthly"]);

        Assert.Empty(_launcher.Commands);
        var run = Assert.Single(await Runs().ListAsync("gent-monthly"));
        Assert.Equal((ScheduleRunStatus.Missed, DecemberDue), (run.Status, run.DueAt));
        Assert.Contains("catch-up window", run.Detail, StringComparison.Ordinal);
        Assert.Contains(await _factory.Service<AuditLog>().ListAsync("gent"), e => e.Action == "schedule.missed");

        _time.SetUtcNow(new DateTimeOffset(2027, 1, 7, 11, 0, 0, TimeSpan.Zero));
        Assert.Equal(ScheduleOutcome.Launched, (await service.RunDueAsync())["gent-monthly"]);
        Assert.Single(_launcher.Commands);
    }

    [Fact]
    public async Task CatchUpWindow_IsConfigurable()
    {
        var schedule = Monthly();
        schedule.CatchUpWindow = TimeSpan.FromMinutes(30);
        _time.SetUtcNow(DecemberDue.AddMinutes(31));

        Assert.Equal(ScheduleOutcome.Missed, (await CreateService(schedule).RunDueAsync())["gent-monthly"]);
        Assert.Empty(_launcher.Commands);
    }

    [Fact]
    public async Task TwoInstancesOnOneDatabase_RunTheDueTestOnce()
    {
        _time.SetUtcNow(DecemberDue);
        var first = CreateService(Monthly());
        var second = CreateService(Monthly());

        var outcomes = await Task.WhenAll(first.RunDueAsync(), second.RunDueAsync(), first.RunDueAsync(), second.RunDueAsync());

        Assert.Single(outcomes, o => o["gent-monthly"] == ScheduleOutcome.Launched);
        Assert.Equal(3, outcomes.Count(o => o["gent-monthly"] == ScheduleOutcome.NothingDue));
        Assert.Single(_launcher.Commands);
        Assert.NotEqual(first.Instance, second.Instance);
        Assert.Contains((await Runs().ListAsync("gent-monthly"))[0].Instance, new[] { first.Instance, second.Instance });
    }

    [Fact]
    public async Task HostedLoop_AcrossTheSpringDstChange_FiresAtNoonSummerTime()
    {
        // Thursday 26 March 2026 (winter time); the next monthly test is Thursday 2 April, after the last Sunday of March.
        _time.SetUtcNow(new DateTimeOffset(2026, 3, 26, 12, 0, 0, TimeSpan.Zero));
        var service = CreateService(Monthly());
        Assert.Equal(new DateTimeOffset(2026, 4, 2, 10, 0, 0, TimeSpan.Zero), service.Describe(_time.GetUtcNow()).Single().NextDueAt);

        await service.StartAsync(CancellationToken.None);
        try
        {
            // The first pass (at start) records 5 March as missed; then the loop sleeps on the fake clock.
            for (var i = 0; i < 600 && (await Runs().ListAsync("gent-monthly")).Count == 0; i++)
            {
                await Task.Delay(50);
            }

            // The jump may land before the loop has armed its timer (then the timer counts from the new time): step
            // the clock a minute at a time — the loop's longest sleep — until the test goes out.
            _time.SetUtcNow(new DateTimeOffset(2026, 4, 2, 10, 0, 0, TimeSpan.Zero));
            var launch = _launcher.NextLaunchAsync();
            for (var step = 0; step < 20 && !launch.IsCompleted; step++)
            {
                await Task.WhenAny(launch, Task.Delay(500));
                if (!launch.IsCompleted)
                {
                    _time.Advance(TimeSpan.FromMinutes(1));
                }
            }

            var (command, at, _) = await launch;
            Assert.True(at >= new DateTimeOffset(2026, 4, 2, 10, 0, 0, TimeSpan.Zero));
            Assert.Equal(new DateTimeOffset(2026, 4, 2, 12, 0, 0, TimeSpan.FromHours(2)), command.Alert.Sent.Value);
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
        }

        var runs = await Runs().ListAsync("gent-monthly");
        Assert.Equal(ScheduleRunStatus.Launched, runs[0].Status);
        Assert.Equal(new DateTimeOffset(2026, 4, 2, 10, 0, 0, TimeSpan.Zero), runs[0].DueAt);
        Assert.Equal(ScheduleRunStatus.Missed, runs[1].Status); // 5 March, before this database existed
        Assert.Single(_launcher.Commands);
    }

    [Fact]
    public async Task RunDue_UnknownAuthority_RecordsTheFailureOnceAndDoesNotRetry()
    {
        _time.SetUtcNow(DecemberDue);
        var schedule = Monthly();
        schedule.Authority = "nowhere";
        var service = CreateService(schedule);

        Assert.Equal(ScheduleOutcome.Failed, (await service.RunDueAsync())["gent-monthly"]);
        Assert.Equal(ScheduleOutcome.NothingDue, (await service.RunDueAsync())["gent-monthly"]);

        var run = Assert.Single(await Runs().ListAsync("gent-monthly"));
        Assert.Equal(ScheduleRunStatus.Failed, run.Status);
        Assert.Contains("nowhere", run.Detail, StringComparison.Ordinal);
        Assert.Empty(_launcher.Commands);
    }

    [Fact]
    public async Task RunDue_Quarterly_SendsTheLocationBasedTestToTheZone()
    {
        _time.SetUtcNow(new DateTimeOffset(2026, 10, 1, 10, 0, 0, TimeSpan.Zero));
        var schedule = new ScheduledTestOptions
        {
            Kind = ScheduleKind.Quarterly,
            Authority = "gent",
            Area = "51.06,3.70 51.06,3.74 51.04,3.74 51.04,3.70 51.06,3.70",
        };

        Assert.Equal(ScheduleOutcome.Launched, (await CreateService(schedule, "gent-quarterly").RunDueAsync())["gent-quarterly"]);

        var (command, _) = Assert.Single(_launcher.Commands);
        Assert.Equal(DeliveryChannels.CellBroadcast | DeliveryChannels.Sms, command.Channels);
        Assert.Single(command.Audience.Areas);
        Assert.Empty(command.Audience.Municipalities);
        Assert.All(command.Alert.Infos, i => Assert.Single(Assert.Single(i.Areas).Polygons));
        Assert.Equal(CapStatus.Test, command.Alert.Status);
        var validation = new CapValidator(CapProfile.BeAlert).Validate(command.Alert);
        Assert.True(validation.IsValid, string.Join("; ", validation.Errors.Select(e => $"{e.Code} {e.Message}")));
    }

    [Fact]
    public async Task RunDue_NoLauncherRegistered_RecordsWhy()
    {
        _time.SetUtcNow(DecemberDue);
        var service = new ScheduledTestService(
            Options.Create(ScheduleSet(Monthly())),
            Runs(),
            _factory.Service<AuthorityStore>(),
            new AuditLog(_factory.Service<GatewayDatabase>(), _time),
            new ServiceCollection().BuildServiceProvider(),
            _time,
            NullLogger<ScheduledTestService>.Instance);

        Assert.Equal(ScheduleOutcome.Failed, (await service.RunDueAsync())["gent-monthly"]);
        Assert.Contains("No campaign launcher", Assert.Single(await Runs().ListAsync()).Detail, StringComparison.Ordinal);
    }

    private static ScheduledTestOptions Monthly() => new() { Authority = "gent" };

    private static SchedulingOptions ScheduleSet(ScheduledTestOptions schedule, string name = "gent-monthly")
    {
        var options = new SchedulingOptions();
        options.Schedules[name] = schedule;
        return options;
    }

    private ScheduleRunStore Runs() => new(_factory.Service<GatewayDatabase>(), _time);

    private ScheduledTestService CreateService(ScheduledTestOptions schedule, string name = "gent-monthly") => new(
        Options.Create(ScheduleSet(schedule, name)),
        Runs(),
        _factory.Service<AuthorityStore>(),
        new AuditLog(_factory.Service<GatewayDatabase>(), _time),
        new ServiceCollection().AddSingleton<ICampaignLauncher>(_launcher).BuildServiceProvider(),
        _time,
        NullLogger<ScheduledTestService>.Instance);
}
