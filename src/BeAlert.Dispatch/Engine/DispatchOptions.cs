namespace BeAlert.Dispatch;

/// <summary>Settings of a <see cref="DispatchEngine"/>; validated once when the engine is created, every error listed together.</summary>
public sealed class DispatchOptions
{
    /// <summary>Creates options with the default settings of every channel.</summary>
    public DispatchOptions()
    {
        Channels = new Dictionary<DeliveryChannel, ChannelOptions>
        {
            [DeliveryChannel.Sms] = new() { RatePerSecond = 500 },
            [DeliveryChannel.Email] = new() { RatePerSecond = 2_500 },
            [DeliveryChannel.Voice] = new() { RatePerSecond = 10 },
            [DeliveryChannel.CellBroadcast] = new() { RatePerSecond = 10 },
            [DeliveryChannel.Signage] = new() { RatePerSecond = 50 },
        };
    }

    /// <summary>Per-channel settings; a channel missing here gets <see cref="ChannelOptions"/> defaults with no rate limit.</summary>
    public IDictionary<DeliveryChannel, ChannelOptions> Channels { get; }

    /// <summary>Whether the per-channel rates apply. Turn off only for load tests against the simulation. Default <see langword="true"/>.</summary>
    public bool RateLimitsEnabled { get; set; } = true;

    /// <summary>Prices for cost estimates and reports.</summary>
    public Tariffs Tariffs { get; set; } = new();

    /// <summary>Deliveries per plan write to the store. Default 8,192.</summary>
    public int PlanBatchSize { get; set; } = 8_192;

    /// <summary>Deliveries per batch read back from the store and queued for a channel. Default 1,024.</summary>
    public int QueueBatchSize { get; set; } = 1_024;

    /// <summary>Batches queued per campaign and channel before the reader waits (the bounded queue). Default 8.</summary>
    public int QueueCapacityBatches { get; set; } = 8;

    /// <summary>Deliveries a worker takes at once when the channel has no rate limit (one store write each side). Default 256.</summary>
    public int SliceSize { get; set; } = 256;

    /// <summary>The most audience members one campaign accepts (hostile or runaway input). Default 50,000,000.</summary>
    public long MaxAudienceSize { get; set; } = 50_000_000;

    /// <summary>The most cell-broadcast zones one campaign accepts. Default 10,000.</summary>
    public int MaxZones { get; set; } = 10_000;

    /// <summary>How often a progress stream yields a snapshot. Default 1 s.</summary>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a campaign waits, after its last send, for outstanding delivery receipts before it reports. Default 30 s.</summary>
    public TimeSpan ReceiptWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Whether <see cref="DispatchEngine.StartAsync"/> resumes every Running campaign of the store (and cancels those left
    /// in Planning). Default <see langword="true"/>. Set it to <see langword="false"/> when several engines share one
    /// store: each then resumes only the campaigns it has claimed, one by one, with <see cref="DispatchEngine.ResumeCampaignAsync"/>.
    /// </summary>
    public bool ResumeOnStart { get; set; } = true;

    /// <summary>Checks every setting and throws one exception listing every problem.</summary>
    /// <exception cref="ArgumentException">At least one setting is invalid.</exception>
    public void Validate()
    {
        var errors = new List<string>();
        foreach (var (channel, options) in Channels)
        {
            if (options is null)
            {
                errors.Add($"{channel}: channel options are null.");
                continue;
            }

            options.Validate(channel, errors);
        }

        if (Tariffs is null)
        {
            errors.Add("Tariffs must not be null.");
        }
        else
        {
            Tariffs.Validate(errors);
        }

        if (PlanBatchSize is < 1 or > 1_000_000)
        {
            errors.Add($"PlanBatchSize must be between 1 and 1,000,000; it is {PlanBatchSize}.");
        }

        if (QueueBatchSize is < 1 or > 1_000_000)
        {
            errors.Add($"QueueBatchSize must be between 1 and 1,000,000; it is {QueueBatchSize}.");
        }

        if (QueueCapacityBatches is < 1 or > 10_000)
        {
            errors.Add($"QueueCapacityBatches must be between 1 and 10,000; it is {QueueCapacityBatches}.");
        }

        if (SliceSize is < 1 or > 100_000)
        {
            errors.Add($"SliceSize must be between 1 and 100,000; it is {SliceSize}.");
        }

        if (MaxAudienceSize < 1)
        {
            errors.Add($"MaxAudienceSize must be at least 1; it is {MaxAudienceSize}.");
        }

        if (MaxZones < 0)
        {
            errors.Add($"MaxZones must not be negative; it is {MaxZones}.");
        }

        if (ProgressInterval <= TimeSpan.Zero)
        {
            errors.Add("ProgressInterval must be positive.");
        }

        if (ReceiptWait < TimeSpan.Zero)
        {
            errors.Add("ReceiptWait must not be negative.");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid dispatch options: " + string.Join(" ", errors));
        }
    }

    internal ChannelOptions For(DeliveryChannel channel) => Channels.TryGetValue(channel, out var options) ? options : new ChannelOptions();

    internal DispatchOptions Clone()
    {
        var clone = new DispatchOptions
        {
            RateLimitsEnabled = RateLimitsEnabled,
            Tariffs = Tariffs.Clone(),
            PlanBatchSize = PlanBatchSize,
            QueueBatchSize = QueueBatchSize,
            QueueCapacityBatches = QueueCapacityBatches,
            SliceSize = SliceSize,
            MaxAudienceSize = MaxAudienceSize,
            MaxZones = MaxZones,
            ProgressInterval = ProgressInterval,
            ReceiptWait = ReceiptWait,
            ResumeOnStart = ResumeOnStart,
        };
        clone.Channels.Clear();
        foreach (var (channel, options) in Channels)
        {
            clone.Channels[channel] = options.Clone();
        }

        return clone;
    }
}
