using BeAlert.Cap;

namespace BeAlert.Dispatch;

/// <summary>
/// The rendered texts of one campaign, per channel and language, rendered once on first use and shared by every
/// delivery. Lookups compare the language reference first (the plan shares one string per language), so the hot path
/// is a short linear scan without hashing. Replaced as a whole when an Update alert changes what is still queued.
/// </summary>
internal sealed class ContentTable(CapAlert alert, bool isSimulation)
{
    private static readonly CapRenderer Real = new(new RenderOptions());
    private static readonly CapRenderer Simulated = new(new RenderOptions { Simulation = true });

    private readonly Lock _lock = new();
    private Entry[] _entries = [];

    public CapAlert Alert { get; } = alert;

    public bool IsSimulation { get; } = isSimulation;

    public MessageContent Get(DeliveryChannel channel, string language)
    {
        var entries = Volatile.Read(ref _entries);
        foreach (var entry in entries)
        {
            if (entry.Channel == channel && ReferenceEquals(entry.Language, language))
            {
                return entry.Content;
            }
        }

        foreach (var entry in entries)
        {
            if (entry.Channel == channel && string.Equals(entry.Language, language, StringComparison.Ordinal))
            {
                return entry.Content;
            }
        }

        lock (_lock)
        {
            foreach (var entry in _entries)
            {
                if (entry.Channel == channel && string.Equals(entry.Language, language, StringComparison.Ordinal))
                {
                    Volatile.Write(ref _entries, [.. _entries, entry with { Language = language }]);
                    return entry.Content;
                }
            }

            var content = Render(Alert, channel, language, IsSimulation);
            Volatile.Write(ref _entries, [.. _entries, new Entry(channel, language, content)]);
            return content;
        }
    }

    internal static MessageContent Render(CapAlert alert, DeliveryChannel channel, string language, bool isSimulation)
    {
        var renderer = isSimulation ? Simulated : Real;
        switch (channel)
        {
            case DeliveryChannel.Sms:
                var sms = renderer.RenderSms(alert, language);
                return new MessageContent(channel, language, sms.Text, alert) { BillableUnits = sms.SegmentCount, IsSimulation = isSimulation };
            case DeliveryChannel.CellBroadcast:
                var cb = renderer.RenderCellBroadcast(alert, language);
                return new MessageContent(channel, language, cb.Text, alert) { BillableUnits = 1, IsSimulation = isSimulation };
            case DeliveryChannel.Voice:
                var voice = renderer.RenderVoice(alert, language);
                var minutes = Math.Max(1, (int)Math.Ceiling(voice.EstimatedDuration.TotalMinutes));
                return new MessageContent(channel, language, voice.Text, alert) { BillableUnits = minutes, IsSimulation = isSimulation };
            case DeliveryChannel.Email:
                var email = renderer.RenderEmail(alert, language);
                return new MessageContent(channel, language, email.TextBody, alert)
                {
                    Subject = email.Subject,
                    Html = email.HtmlBody,
                    BillableUnits = 1,
                    IsSimulation = isSimulation,
                };
            default:
                var signage = renderer.RenderSignage(alert, language);
                return new MessageContent(channel, language, signage.Text, alert) { BillableUnits = 1, IsSimulation = isSimulation };
        }
    }

    private sealed record Entry(DeliveryChannel Channel, string Language, MessageContent Content);
}
