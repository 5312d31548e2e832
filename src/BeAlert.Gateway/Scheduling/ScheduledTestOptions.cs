using BeAlert.Dispatch;

namespace BeAlert.Gateway.Scheduling;

/// <summary>When a scheduled test falls due.</summary>
public enum ScheduleKind
{
    /// <summary>The first Thursday of every month (the BE-Alert test to registered subscribers).</summary>
    Monthly,

    /// <summary>The first Thursday of January, April, July and October (the location-based test).</summary>
    Quarterly,
}

/// <summary>
/// Every scheduled test, from configuration: <c>BeAlert:Schedules:{name}:*</c>, one entry per test (for example
/// <c>BeAlert:Schedules:gent-monthly:Authority=gent</c>). None by default.
/// </summary>
public sealed class SchedulingOptions
{
    public const string Section = "BeAlert:Schedules";

    public Dictionary<string, ScheduledTestOptions> Schedules { get; } = new(StringComparer.Ordinal);
}

/// <summary>One scheduled test.</summary>
public sealed class ScheduledTestOptions
{
    /// <summary>Default true: an entry that is written is meant to run; set false to pause it.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Monthly (default) or Quarterly.</summary>
    public ScheduleKind Kind { get; set; } = ScheduleKind.Monthly;

    /// <summary>Local time of day in <see cref="TimeZone"/>, <c>HH:mm</c>. Default <c>12:00</c>.</summary>
    public string TimeOfDay { get; set; } = "12:00";

    /// <summary>IANA time zone of <see cref="TimeOfDay"/>. Default <c>Europe/Brussels</c>.</summary>
    public string TimeZone { get; set; } = "Europe/Brussels";

    /// <summary>The authority (its id) that sends the test and pays for its SMS and voice minutes. Required.</summary>
    public string Authority { get; set; } = string.Empty;

    /// <summary>
    /// The channels (for example <c>Sms, Voice, Email</c>). Default: SMS, voice and e-mail for the monthly test; cell
    /// broadcast and SMS for the quarterly location-based test.
    /// </summary>
    public DeliveryChannels Channels { get; set; } = DeliveryChannels.None;

    /// <summary>
    /// Municipalities (NIS codes) whose subscribers get the test. Default: the authority's own (everyone for the
    /// federal level). For the quarterly test, the zone when no <see cref="Area"/> is given.
    /// </summary>
    public List<int> Municipalities { get; } = [];

    /// <summary>The quarterly test's zone as a CAP polygon (<c>lat,lon lat,lon …</c>, closed, at least 4 points).</summary>
    public string? Area { get; set; }

    /// <summary>Languages of the message's info blocks (each subscriber gets their own). Default nl, fr, de, en.</summary>
    public List<string> Languages { get; } = [];

    /// <summary>The CAP sender. Default <c>{authority}@be-alert.be</c>.</summary>
    public string? Sender { get; set; }

    /// <summary>How late a due test may still go out after a restart (default 2 h; 0 to 7 days). Later: skipped and logged.</summary>
    public TimeSpan CatchUpWindow { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Run the test in simulation (nothing leaves; never charged).</summary>
    public bool Simulation { get; set; }

    internal static readonly string[] DefaultLanguages = ["nl", "fr", "de", "en"];

    internal IReadOnlyList<string> EffectiveLanguages => Languages.Count > 0 ? Languages : DefaultLanguages;

    internal DeliveryChannels EffectiveChannels => Channels != DeliveryChannels.None
        ? Channels
        : Kind == ScheduleKind.Monthly
            ? DeliveryChannels.Sms | DeliveryChannels.Voice | DeliveryChannels.Email
            : DeliveryChannels.CellBroadcast | DeliveryChannels.Sms;
}
