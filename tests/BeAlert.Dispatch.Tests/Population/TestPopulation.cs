using BeAlert.Cap;
using BeAlert.Cap.Geo;

namespace BeAlert.Dispatch.Tests.Population;

/// <summary>A synthetic population shared by the tests (generated once per test run) and naive reference computations.</summary>
internal static class TestPopulation
{
    public const int Count = 30_000;

    private static readonly Lazy<SubscriberDirectory> LazyDirectory = new(() => SyntheticBelgium.CreateDirectory(Count, 42));
    private static readonly Lazy<IReadOnlyList<Subscriber>> LazySubscribers = new(() => [.. Directory.EnumerateSubscribers()]);

    /// <summary>Do not modify: shared. Tests that add or remove build their own.</summary>
    public static SubscriberDirectory Directory => LazyDirectory.Value;

    public static IReadOnlyList<Subscriber> Subscribers => LazySubscribers.Value;

    public static CapGeometry Municipality(string nis) =>
        CapAreaLocator.Default.Locate(new CapArea(nis) { Geocodes = [new CapNamedValue("NIS", nis)] });

    public static CapGeometry Circle(double latitude, double longitude, double km) =>
        CapAreaLocator.Default.Locate(new CapArea("circle") { Circles = [new CapCircle(new CapPoint(latitude, longitude), km)] });

    /// <summary>The ids of the subscribers with an address inside, by testing every address with <see cref="CapGeometry.Contains(double, double)"/>.</summary>
    public static SortedSet<long> NaiveInside(IEnumerable<Subscriber> subscribers, CapGeometry area) =>
        [.. subscribers.Where(s => s.Addresses.Any(a => area.Contains(a.Latitude, a.Longitude))).Select(s => s.Id)];
}
