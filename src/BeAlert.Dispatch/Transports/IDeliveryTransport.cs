namespace BeAlert.Dispatch;

/// <summary>
/// One endpoint of one channel (an SMSC bind, an SMTP relay, a cell-broadcast centre, a voice provider, a signage
/// webhook, or the simulation). The engine calls <see cref="SendAsync"/> from several workers at once, up to
/// <see cref="MaxConcurrency"/> calls in flight, after its own rate limiter; failures are values, not exceptions.
/// </summary>
public interface IDeliveryTransport : IAsyncDisposable
{
    /// <summary>The channel this endpoint serves.</summary>
    DeliveryChannel Channel { get; }

    /// <summary>The endpoint's name, unique per channel (e.g. <c>smsc-a</c>); used in reports, logs and failover.</summary>
    string Name { get; }

    /// <summary>How many sends the engine may keep in flight at once (an SMPP window, an SMTP connection pool).</summary>
    int MaxConcurrency { get; }

    /// <summary>Connects and starts reporting receipts to <paramref name="receipts"/>. Called once, before any send.</summary>
    /// <param name="receipts">Where receipts go.</param>
    /// <param name="cancellationToken">Stops the start.</param>
    /// <returns>A task that completes when the endpoint is ready.</returns>
    ValueTask StartAsync(IDeliveryReceiptSink receipts, CancellationToken cancellationToken);

    /// <summary>Sends one message. Thread-safe. Returns a failure value for delivery errors; throws only for caller bugs.</summary>
    /// <param name="message">The message.</param>
    /// <param name="cancellationToken">Abandons the attempt (the result is then a transient failure or an <see cref="OperationCanceledException"/>).</param>
    /// <returns>The outcome of the attempt.</returns>
    ValueTask<SendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken);
}
