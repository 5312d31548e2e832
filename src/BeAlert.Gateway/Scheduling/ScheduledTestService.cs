using BeAlert.Gateway.Audit;
using BeAlert.Gateway.Campaigns;
using BeAlert.Gateway.Security;
using Microsoft.Extensions.Options;

namespace BeAlert.Gateway.Scheduling;

/// <summary>What one pass of <see cref="ScheduledTestService.RunDueAsync"/> did for one schedule.</summary>
public enum ScheduleOutcome
{
    /// <summary>Nothing due that was not already handled (by this or another instance).</summary>
    NothingDue,

    /// <summary>This instance claimed the due run and started the campaign.</summary>
    Launched,

    /// <summary>This instance claimed the due run; the campaign could not be started (recorded with the reason).</summary>
    Failed,

    /// <summary>The due run was older than the catch-up window: recorded as missed and logged, not sent.</summary>
    Missed,
}

/// <summary>
/// Runs the scheduled tests (<see cref="SchedulingOptions"/>). On every wake-up it looks, per schedule, at the last
/// due time at or before now: if no instance has handled it yet, it claims it in <c>schedule_runs</c> and starts the
/// campaign when it is within the schedule's catch-up window, or records it as missed when it is older. Then it sleeps
/// on the <see cref="TimeProvider"/> until the next due time (at most six hours, so a changed clock is picked up).
/// Campaigns start through <see cref="ICampaignLauncher"/>, looked up when a test falls due.
/// </summary>
public sealed partial class ScheduledTestService(
    IOptions<SchedulingOptions> options,
    ScheduleRunStore runs,
    AuthorityStore authorities,
    AuditLog audit,
    IServiceProvider services,
    TimeProvider time,
    ILogger<ScheduledTestService> logger) : BackgroundService
{
    /// <summary>
    /// The loop wakes at least this often and looks again (one small query per schedule): a clock that jumps forward
    /// while it sleeps (NTP step, suspended VM) delays a due test by at most this much, well within the catch-up window.
    /// </summary>
    private static readonly TimeSpan LongestSleep = TimeSpan.FromMinutes(1);

    /// <summary>This process's name in <c>schedule_runs.instance</c>.</summary>
    public string Instance { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(3))}";

    /// <summary>Every configured schedule with its next due time after <paramref name="now"/> (null when disabled).</summary>
    public IReadOnlyList<(string Name, ScheduledTestOptions Options, DateTimeOffset? NextDueAt)> Describe(DateTimeOffset now) =>
        [.. options.Value.Schedules
            .OrderBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => (s.Key, s.Value, s.Value.Enabled ? NextDue(s.Value, now) : (DateTimeOffset?)null))];

    /// <summary>Handles whatever is due now; returns what it did per enabled schedule.</summary>
    public async Task<IReadOnlyDictionary<string, ScheduleOutcome>> RunDueAsync(CancellationToken cancellationToken = default)
    {
        var outcomes = new Dictionary<string, ScheduleOutcome>(StringComparer.Ordinal);
        foreach (var (name, schedule) in options.Value.Schedules.Where(s => s.Value.Enabled).OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            outcomes[name] = await RunOneAsync(name, schedule, cancellationToken).ConfigureAwait(false);
        }

        return outcomes;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            // The next due time is taken from the start of the pass: a pass that ends after a due time (a slow
            // database, a clock jump) is followed at once by another pass instead of sleeping past it.
            var passStart = time.GetUtcNow();
            try
            {
                await RunDueAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogPassFailed(logger, e);
            }

            var next = Describe(passStart).Select(s => s.NextDueAt).Where(d => d is not null).Min();
            var sleep = next is { } due ? due - time.GetUtcNow() : LongestSleep;
            try
            {
                await Task.Delay(sleep < TimeSpan.Zero ? TimeSpan.Zero : sleep > LongestSleep ? LongestSleep : sleep, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private static DateTimeOffset? NextDue(ScheduledTestOptions schedule, DateTimeOffset now) =>
        TestCalendar.TryParseTimeOfDay(schedule.TimeOfDay, out var at) && SchedulingOptionsValidator.FindZone(schedule.TimeZone) is { } zone
            ? TestCalendar.Next(schedule.Kind, at, zone, now)
            : null;

    private async Task<ScheduleOutcome> RunOneAsync(string name, ScheduledTestOptions schedule, CancellationToken cancellationToken)
    {
        if (!TestCalendar.TryParseTimeOfDay(schedule.TimeOfDay, out var at) || SchedulingOptionsValidator.FindZone(schedule.TimeZone) is not { } zone)
        {
            return ScheduleOutcome.NothingDue;
        }

        var now = time.GetUtcNow();
        var due = TestCalendar.Previous(schedule.Kind, at, zone, now);
        var late = now - due;
        if (late > schedule.CatchUpWindow)
        {
            var detail = $"The gateway was not running when the test fell due; {late.TotalHours:0.#} h later is past the catch-up window of {schedule.CatchUpWindow.TotalHours:0.#} h.";
            if (!await runs.TryClaimAsync(name, due, ScheduleRunStatus.Missed, Instance, detail, cancellationToken).ConfigureAwait(false))
            {
                return ScheduleOutcome.NothingDue;
            }

            LogMissed(logger, name, due, late);
            await audit.RecordAsync(null, "scheduler", schedule.Authority, "schedule.missed", name, detail, null, cancellationToken).ConfigureAwait(false);
            return ScheduleOutcome.Missed;
        }

        if (!await runs.TryClaimAsync(name, due, ScheduleRunStatus.Claimed, Instance, null, cancellationToken).ConfigureAwait(false))
        {
            return ScheduleOutcome.NothingDue;
        }

        // Claimed: from here on this instance owns the run. It is not retried if the launch fails or the process
        // stops: a test twice is worse than a test skipped (and the failure is recorded and logged).
        Guid? campaignId = null;
        string? failure = null;
        try
        {
            var authority = await authorities.FindAsync(schedule.Authority, cancellationToken).ConfigureAwait(false);
            var launcher = services.GetService<ICampaignLauncher>();
            if (authority is null)
            {
                failure = $"The authority '{schedule.Authority}' does not exist.";
            }
            else if (launcher is null)
            {
                failure = "No campaign launcher is registered in this gateway.";
            }
            else
            {
                var command = ScheduledTestMessage.Build(name, schedule, authority, due);
                var handle = await launcher.LaunchAsync(command, cancellationToken).ConfigureAwait(false);
                campaignId = handle.Id;
            }
        }
        catch (CampaignRefusedException e)
        {
            failure = "Refused: " + string.Join("; ", e.Reasons);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            failure = $"{e.GetType().Name}: {e.Message}";
        }

        var status = failure is null ? ScheduleRunStatus.Launched : ScheduleRunStatus.Failed;
        await runs.CompleteAsync(name, due, status, campaignId, failure, CancellationToken.None).ConfigureAwait(false);
        await audit.RecordAsync(null, "scheduler", schedule.Authority, failure is null ? "schedule.launched" : "schedule.failed", name, failure ?? $"campaign {campaignId}", null, CancellationToken.None).ConfigureAwait(false);
        if (failure is null)
        {
            LogLaunched(logger, name, due, campaignId!.Value);
            return ScheduleOutcome.Launched;
        }

        LogFailed(logger, name, due, failure);
        return ScheduleOutcome.Failed;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled test {Schedule} due {DueAt:o} started campaign {CampaignId}")]
    private static partial void LogLaunched(ILogger logger, string schedule, DateTimeOffset dueAt, Guid campaignId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Scheduled test {Schedule} due {DueAt:o} could not start: {Reason}")]
    private static partial void LogFailed(ILogger logger, string schedule, DateTimeOffset dueAt, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scheduled test {Schedule} due {DueAt:o} was missed ({Late} late, past its catch-up window): skipped")]
    private static partial void LogMissed(ILogger logger, string schedule, DateTimeOffset dueAt, TimeSpan late);

    [LoggerMessage(Level = LogLevel.Error, Message = "A pass of the scheduled tests failed; retrying at the next wake-up")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
