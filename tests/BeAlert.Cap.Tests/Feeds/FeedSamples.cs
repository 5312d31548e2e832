using Microsoft.Extensions.Time.Testing;

namespace BeAlert.Cap.Tests.Feeds;

/// <summary>Alerts from the sample corpus, writer options with a fixed clock, and the feed test data folders.</summary>
internal static class FeedSamples
{
    internal static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    internal static string TestData => Path.Combine(AppContext.BaseDirectory, "TestData", "feeds");

    internal static string Samples => Path.Combine(AppContext.BaseDirectory, "Samples");

    /// <summary>Every valid sample alert of the corpus, read from samples/cap.</summary>
    internal static IReadOnlyList<CapAlert> Alerts(int count = int.MaxValue) =>
        [.. Directory.EnumerateFiles(Samples, "*.xml").Order(StringComparer.Ordinal).Take(count)
            .Select(f => CapParser.Default.Parse(File.ReadAllBytes(f)).Alert)];

    internal static CapAlert Alert(string sample) => CapParser.Default.Parse(File.ReadAllBytes(Path.Combine(Samples, sample))).Alert;

    internal static Uri LinkOf(CapAlert alert) =>
        new($"https://alerts.example.be/cap/{Uri.EscapeDataString(alert.Sender)}/{Uri.EscapeDataString(alert.Identifier)}.xml");

    internal static CapFeedWriterOptions Options(bool embed = false) => new()
    {
        FeedId = "urn:uuid:6f7f2a0e-2b5d-4d8e-9a47-0d4c6f0b8f11",
        Title = "BE-Alert: alerts in force",
        SelfLink = new Uri("https://alerts.example.be/feed.atom"),
        AlertLink = LinkOf,
        TimeProvider = new FakeTimeProvider(Now),
        EmbedAlerts = embed,
    };
}
