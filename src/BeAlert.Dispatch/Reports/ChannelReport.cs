namespace BeAlert.Dispatch;

/// <summary>The final account of one channel of a campaign, read from the store.</summary>
public sealed record ChannelReport
{
    /// <summary>The channel.</summary>
    public required DeliveryChannel Channel { get; init; }

    /// <summary>Deliveries planned.</summary>
    public required long Targeted { get; init; }

    /// <summary>Accepted by a peer, no receipt (yet).</summary>
    public required long Sent { get; init; }

    /// <summary>Reached the person.</summary>
    public required long Delivered { get; init; }

    /// <summary>Given up.</summary>
    public required long Failed { get; init; }

    /// <summary>Deliberately not sent (voice while networks were saturated).</summary>
    public required long Skipped { get; init; }

    /// <summary>Stopped before sending.</summary>
    public required long Cancelled { get; init; }

    /// <summary>Still pending or in flight (only when the campaign stopped without finishing, e.g. the engine shut down).</summary>
    public required long Unfinished { get; init; }

    /// <summary>Deliveries sent again after a crash while a first attempt may have left: the person may have it twice.</summary>
    public required long PossibleDuplicates { get; init; }

    /// <summary>Failed deliveries per reason.</summary>
    public required IReadOnlyDictionary<DeliveryError, long> FailureReasons { get; init; }

    /// <summary>From the first to the last send of this channel in the engine run that finished the campaign.</summary>
    public required TimeSpan Duration { get; init; }

    /// <summary>Deliveries handled per second over <see cref="Duration"/> (0 when nothing was sent).</summary>
    public required double AchievedRate { get; init; }

    /// <summary>Billable units (SMS segments, started voice minutes, messages) of what was sent.</summary>
    public required long BillableUnits { get; init; }

    /// <summary>The cost in euro of what was sent.</summary>
    public required decimal Cost { get; init; }
}
