using System.Globalization;

namespace BeAlert.Dispatch;

/// <summary>
/// The transport of the simulation environment, for exercises, training and load tests: nothing leaves, yet timing,
/// failures and delivery receipts look real. Outcomes are drawn from a hash of the seed, the delivery and the attempt,
/// so they do not depend on thread scheduling: the same seed gives the same outcome for the same delivery.
/// </summary>
/// <remarks>
/// Texts of simulation campaigns carry the SIMULATION mark (the engine renders them so); this transport keeps nothing
/// of them. With <see cref="SimulationOptions.Latency"/> zero and no receipts a send completes synchronously without
/// allocating. Thread-safe.
/// </remarks>
public sealed class SimulationTransport : IDeliveryTransport
{
    private readonly SimulationOptions _options;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stopping = new();
    private IDeliveryReceiptSink? _receipts;
    private long _accepted;
    private long _messageIds;

    /// <summary>Creates a simulation endpoint.</summary>
    /// <param name="options">The behaviour (copied and validated).</param>
    /// <param name="timeProvider">The clock for latency and receipts; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public SimulationTransport(SimulationOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options.Clone();
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public DeliveryChannel Channel => _options.Channel;

    /// <inheritdoc />
    public string Name => _options.Name;

    /// <inheritdoc />
    public int MaxConcurrency => _options.MaxConcurrency;

    /// <summary>How many sends this endpoint accepted (or reported delivered) so far.</summary>
    public long AcceptedCount => Interlocked.Read(ref _accepted);

    /// <inheritdoc />
    public ValueTask StartAsync(IDeliveryReceiptSink receipts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(receipts);
        _receipts = receipts;
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<SendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message.Content);
        if (_options.Latency == TimeSpan.Zero && _options.LatencyJitter == TimeSpan.Zero)
        {
            return new ValueTask<SendResult>(Decide(message));
        }

        return SendLaterAsync(message, cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    /// <summary>A uniform draw in [0, 1) from the seed, the delivery, the attempt and a purpose.</summary>
    internal static double Draw(int seed, in DeliveryKey key, int attempt, int purpose)
    {
        var h = (ulong)(uint)seed * 0x9E3779B97F4A7C15UL;
        h ^= (ulong)key.Sequence + 0x632BE59BD9B4E019UL + (h << 6) + (h >> 2);
        h ^= (ulong)(uint)key.CampaignId.GetHashCode() * 0xBF58476D1CE4E5B9UL;
        h ^= ((ulong)(uint)attempt << 32) | (uint)purpose;

        // SplitMix64 finaliser
        h ^= h >> 30;
        h *= 0xBF58476D1CE4E5B9UL;
        h ^= h >> 27;
        h *= 0x94D049BB133111EBUL;
        h ^= h >> 31;
        return (h >> 11) * (1.0 / (1UL << 53));
    }

    private async ValueTask<SendResult> SendLaterAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        var delay = _options.Latency + TimeSpan.FromTicks((long)(_options.LatencyJitter.Ticks * Draw(_options.Seed, message.Key, message.Attempt, 3)));
        await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
        return Decide(message);
    }

    private SendResult Decide(in OutboundMessage message)
    {
        var u = Draw(_options.Seed, message.Key, message.Attempt, 1);
        if (u < _options.PermanentFailureRate)
        {
            return SendResult.Failure(DeliveryError.InvalidDestination, "simulated: unknown subscriber");
        }

        if (u < _options.PermanentFailureRate + _options.TransientFailureRate)
        {
            return SendResult.Failure(DeliveryError.Throttled, "simulated: throttled");
        }

        Interlocked.Increment(ref _accepted);
        if (_options.ReceiptDelay is not { } receiptDelay || _receipts is null)
        {
            return new SendResult(SendStatus.Delivered);
        }

        var id = "sim-" + Interlocked.Increment(ref _messageIds).ToString(CultureInfo.InvariantCulture);
        var delivered = Draw(_options.Seed, message.Key, message.Attempt, 2) >= _options.UndeliverableRate;
        _ = SendReceiptLaterAsync(message.Key, id, delivered, receiptDelay);
        return SendResult.Accepted(id);
    }

    private async Task SendReceiptLaterAsync(DeliveryKey key, string id, bool delivered, TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, _time, _stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return; // disposed: receipts stop, like a closed SMSC bind
        }

        _receipts!.OnReceipt(new DeliveryReceipt(
            key,
            id,
            delivered,
            delivered ? DeliveryError.None : DeliveryError.Undeliverable,
            delivered ? "simulated: DELIVRD" : "simulated: UNDELIV",
            _time.GetUtcNow()));
    }
}
