using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using BeAlert.Dispatch;

namespace BeAlert.Gateway.Campaigns;

/// <summary>
/// What the simulation transports accepted: appended to <see cref="SimulationSettings.SinkFile"/> when set (one line
/// per message, flushed before the send returns), and observable in process: when each campaign's first message
/// reached a transport (for the template-send timing) and the last text seen per campaign and channel (to show that
/// simulation texts carry the SIMULATION mark). Thread-safe.
/// </summary>
public sealed class SimulationSink : IDisposable
{
    private readonly Lock _gate = new();
    private readonly FileStream? _file;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource<long>> _first = new();
    private readonly ConcurrentDictionary<(Guid, DeliveryChannel), string> _texts = new();

    public SimulationSink(string? path, TimeProvider time)
    {
        _time = time;
        if (!string.IsNullOrWhiteSpace(path))
        {
            var full = System.IO.Path.GetFullPath(path);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
            _file = new FileStream(full, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);
        }
    }

    /// <summary>The sink file in use, if any.</summary>
    public string? Path => _file?.Name;

    /// <summary>
    /// Completes with the <see cref="TimeProvider.GetTimestamp"/> at which the campaign's first message was accepted
    /// by a simulation transport (in this process).
    /// </summary>
    public Task<long> FirstMessageAsync(Guid campaignId) => _first.GetOrAdd(campaignId, static _ => NewSource()).Task;

    /// <summary>The text of the last message a campaign sent on a channel (null when none).</summary>
    public string? LastText(Guid campaignId, DeliveryChannel channel) => _texts.GetValueOrDefault((campaignId, channel));

    /// <summary>Forgets a finished campaign's in-process observations.</summary>
    public void Forget(Guid campaignId)
    {
        _first.TryRemove(campaignId, out _);
        foreach (var channel in Enum.GetValues<DeliveryChannel>())
        {
            _texts.TryRemove((campaignId, channel), out _);
        }
    }

    internal void Accepted(in OutboundMessage message)
    {
        var now = _time.GetTimestamp();
        _first.GetOrAdd(message.Key.CampaignId, static _ => NewSource()).TrySetResult(now);
        _texts[(message.Key.CampaignId, message.Content.Channel)] = message.Content.Text;
        if (_file is null)
        {
            return;
        }

        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"{message.Key.CampaignId:D}\t{message.Key.Sequence}\t{message.Content.Channel.ToString().ToLowerInvariant()}\t{Clean(message.Destination)}\n");
        var bytes = Encoding.UTF8.GetBytes(line);
        lock (_gate)
        {
            _file.Write(bytes);
            _file.Flush();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _file?.Dispose();
        }
    }

    private static TaskCompletionSource<long> NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static string Clean(string destination) =>
        destination.AsSpan().ContainsAny('\t', '\n', '\r') ? destination.Replace('\t', ' ').Replace('\n', ' ').Replace('\r', ' ') : destination;
}

/// <summary>A simulation transport that tells the <see cref="SimulationSink"/> about every message it accepts, before reporting success.</summary>
internal sealed class SinkingSimulationTransport(SimulationTransport inner, SimulationSink sink) : IDeliveryTransport
{
    public DeliveryChannel Channel => inner.Channel;

    public string Name => inner.Name;

    public int MaxConcurrency => inner.MaxConcurrency;

    public ValueTask StartAsync(IDeliveryReceiptSink receipts, CancellationToken cancellationToken) => inner.StartAsync(receipts, cancellationToken);

    public ValueTask<SendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        var pending = inner.SendAsync(message, cancellationToken);
        if (pending.IsCompletedSuccessfully)
        {
            var result = pending.Result;
            Record(message, result);
            return new ValueTask<SendResult>(result);
        }

        return AwaitAsync(pending, message);
    }

    public ValueTask DisposeAsync() => inner.DisposeAsync();

    private async ValueTask<SendResult> AwaitAsync(ValueTask<SendResult> pending, OutboundMessage message)
    {
        var result = await pending.ConfigureAwait(false);
        Record(message, result);
        return result;
    }

    private void Record(in OutboundMessage message, SendResult result)
    {
        if (result.Status is SendStatus.Accepted or SendStatus.Delivered)
        {
            sink.Accepted(message);
        }
    }
}
