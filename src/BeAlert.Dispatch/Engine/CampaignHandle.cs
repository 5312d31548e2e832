using System.Runtime.CompilerServices;

namespace BeAlert.Dispatch;

/// <summary>A campaign the engine is running: its live progress, its final report, and a way to cancel it.</summary>
public sealed class CampaignHandle
{
    private readonly CampaignRun _run;
    private readonly DispatchEngine _engine;
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private readonly IReadOnlyDictionary<DeliveryChannel, double?> _rates;

    internal CampaignHandle(CampaignRun run, DispatchEngine engine, TimeProvider time, TimeSpan interval, IReadOnlyDictionary<DeliveryChannel, double?> rates)
    {
        _run = run;
        _engine = engine;
        _time = time;
        _interval = interval;
        _rates = rates;
    }

    /// <summary>The campaign's id.</summary>
    public Guid Id => _run.Id;

    /// <summary>Its name.</summary>
    public string Name => _run.Record.Name;

    /// <summary>Its priority (higher goes first).</summary>
    public int Priority => _run.Priority;

    /// <summary>The final report, once every delivery is handled (and receipts are in or <see cref="DispatchOptions.ReceiptWait"/> passed).</summary>
    public Task<CampaignReport> Completion => _run.Completion.Task;

    /// <summary>
    /// Live progress: a snapshot now, then one per <see cref="DispatchOptions.ProgressInterval"/>, and a last one
    /// (<see cref="CampaignProgress.IsFinal"/>) when the campaign finishes. Each enumeration is independent.
    /// </summary>
    public IAsyncEnumerable<CampaignProgress> Progress => WatchAsync(CancellationToken.None);

    /// <summary>A snapshot of the progress now (current rates since the campaign started sending).</summary>
    /// <returns>The snapshot.</returns>
    public CampaignProgress GetProgress() => Snapshot(null, 0, _run.Completion.Task.IsCompleted);

    /// <summary>
    /// Cancels the campaign: what is still queued is not sent and counts as cancelled; sends already handed to a
    /// transport finish. Completes once the cancellation is durable; <see cref="Completion"/> then gives the report.
    /// </summary>
    /// <param name="cancellationToken">Stops waiting (the cancellation itself goes on).</param>
    /// <returns>A task that completes when the campaign is marked cancelled in the store.</returns>
    public Task CancelAsync(CancellationToken cancellationToken = default) => _engine.CancelAsync(_run, cancellationToken);

    private async IAsyncEnumerable<CampaignProgress> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long[]? previous = null;
        var previousAt = _time.GetTimestamp();
        while (true)
        {
            var final = _run.Completion.Task.IsCompleted;
            var now = _time.GetTimestamp();
            var snapshot = Snapshot(previous, _time.GetElapsedTime(previousAt, now).TotalSeconds, final);
            previous = [.. _run.Counters.Select(c => c.Handled)];
            previousAt = now;
            yield return snapshot;
            if (final)
            {
                yield break;
            }

            var delay = Task.Delay(_interval, _time, cancellationToken);
            await Task.WhenAny(delay, _run.Completion.Task).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private CampaignProgress Snapshot(long[]? previous, double seconds, bool final)
    {
        var channels = new List<ChannelProgress>();
        var i = 0;
        foreach (var c in _run.Counters)
        {
            var handled = c.Handled;
            double rate;
            if (previous is not null && seconds > 0)
            {
                rate = (handled - previous[i]) / seconds;
            }
            else
            {
                var first = c.FirstSendTimestamp;
                var elapsed = first < 0 ? 0 : _time.GetElapsedTime(first).TotalSeconds;
                rate = elapsed > 0 ? handled / elapsed : 0;
            }

            var queued = Math.Max(0, c.Targeted - handled);
            var basis = rate > 0 ? rate : _rates.GetValueOrDefault(c.Channel) ?? 0;
            TimeSpan? eta = queued == 0 ? TimeSpan.Zero : basis > 0 ? TimeSpan.FromSeconds(Math.Min(queued / basis, TimeSpan.MaxValue.TotalSeconds / 2)) : null;
            channels.Add(new ChannelProgress(c.Channel, c.Targeted, queued, Math.Max(0, c.Sent), c.Delivered, c.Failed, c.Skipped, c.Cancelled, rate, eta));
            i++;
        }

        return new CampaignProgress(_run.Id, _time.GetUtcNow(), channels, final);
    }
}
