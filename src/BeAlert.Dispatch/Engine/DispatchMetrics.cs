using System.Diagnostics.Metrics;

namespace BeAlert.Dispatch;

/// <summary>The engine's metrics on the <c>BeAlert.Dispatch</c> meter; counters are added per slice, not per delivery.</summary>
internal static class DispatchMetrics
{
    public const string MeterName = "BeAlert.Dispatch";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Deliveries = Meter.CreateCounter<long>(
        "bealert.dispatch.deliveries", "{delivery}", "Deliveries handled, by channel and resulting state.");

    private static readonly Counter<long> BreakerOpenings = Meter.CreateCounter<long>(
        "bealert.dispatch.breaker.openings", "{opening}", "Circuit breaker openings, by channel.");

    private static readonly string[] ChannelNames = [.. Enum.GetValues<DeliveryChannel>().Select(c => c.ToString().ToLowerInvariant())];

    private static readonly string[] StateNames = [.. Enum.GetValues<DeliveryState>().Select(s => s.ToString().ToLowerInvariant())];

    public static void Handled(DeliveryChannel channel, DeliveryState state, long count)
    {
        if (count != 0 && Deliveries.Enabled)
        {
            Deliveries.Add(count, new KeyValuePair<string, object?>("channel", ChannelNames[(int)channel]), new KeyValuePair<string, object?>("state", StateNames[(int)state]));
        }
    }

    public static void BreakerOpened(DeliveryChannel channel) =>
        BreakerOpenings.Add(1, new KeyValuePair<string, object?>("channel", ChannelNames[(int)channel]));
}
