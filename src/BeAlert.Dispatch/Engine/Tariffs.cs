namespace BeAlert.Dispatch;

/// <summary>
/// What one billable unit costs per channel, in euro: an SMS segment, a started voice minute, one e-mail, one
/// cell-broadcast request, one signage push. Defaults: EUR 0.055 per SMS segment and per started voice minute; e-mail,
/// cell broadcast and signage free.
/// </summary>
public sealed class Tariffs
{
    /// <summary>Price of one SMS segment. Default 0.055.</summary>
    public decimal PerSmsSegment { get; set; } = 0.055m;

    /// <summary>Price of one started voice minute. Default 0.055.</summary>
    public decimal PerVoiceMinute { get; set; } = 0.055m;

    /// <summary>Price of one e-mail. Default 0.</summary>
    public decimal PerEmail { get; set; }

    /// <summary>Price of one cell-broadcast request (one zone, one language). Default 0.</summary>
    public decimal PerCellBroadcast { get; set; }

    /// <summary>Price of one signage push. Default 0.</summary>
    public decimal PerSignage { get; set; }

    /// <summary>The price of one billable unit on <paramref name="channel"/>.</summary>
    /// <param name="channel">The channel.</param>
    /// <returns>The unit price in euro.</returns>
    public decimal UnitPrice(DeliveryChannel channel) => channel switch
    {
        DeliveryChannel.Sms => PerSmsSegment,
        DeliveryChannel.Voice => PerVoiceMinute,
        DeliveryChannel.Email => PerEmail,
        DeliveryChannel.CellBroadcast => PerCellBroadcast,
        DeliveryChannel.Signage => PerSignage,
        _ => 0m,
    };

    internal Tariffs Clone() => (Tariffs)MemberwiseClone();

    internal void Validate(List<string> errors)
    {
        if (PerSmsSegment < 0 || PerVoiceMinute < 0 || PerEmail < 0 || PerCellBroadcast < 0 || PerSignage < 0)
        {
            errors.Add("Tariffs: prices must not be negative.");
        }
    }
}
