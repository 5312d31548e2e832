using BeAlert.Cap;
using BeAlert.Cli.Output;
using BeAlert.Cli.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace BeAlert.Cli.Tests.Output;

public sealed class AtomConversionTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 3, 5, 9, 30, 0, TimeSpan.Zero));

    [Fact]
    public void Convert_ValidAlerts_OneValidFeedEmbeddingEachAlert()
    {
        using var temp = new TempFolder();
        var files = new[] { temp.Write("a.xml", CapXml.Valid("BE-A")), temp.Write("b.xml", CapXml.Valid("BE-B", sent: "2026-03-05T11:00:00+01:00")) };
        using var output = new MemoryStream();
        using var stderr = new StringWriter();

        var exit = AtomConversion.Convert(files, output, stderr, Clock, new Uri("https://alerts.gent.be/cap/"));

        Assert.True(exit == 0, stderr.ToString());
        var feed = CapFeedReader.Default.Read(output.ToArray());
        Assert.Empty(feed.Diagnostics);
        Assert.Equal(["BE-B", "BE-A"], feed.Entries.Select(e => Assert.Single(e.EmbeddedAlerts).Alert.Identifier));
        Assert.Equal(["https://alerts.gent.be/cap/b.xml", "https://alerts.gent.be/cap/a.xml"], feed.Entries.Select(e => e.Link));
        Assert.Equal(Clock.GetUtcNow(), feed.Updated);
    }

    [Fact]
    public void Convert_SameAlertsTwice_SameBytes()
    {
        using var temp = new TempFolder();
        var files = new[] { temp.Write("a.xml", CapXml.Valid("BE-A")), temp.Write("b.xml", CapXml.Valid("BE-B")) };
        using var first = new MemoryStream();
        using var second = new MemoryStream();

        AtomConversion.Convert(files, first, TextWriter.Null, Clock);
        AtomConversion.Convert([.. files.Reverse()], second, TextWriter.Null, Clock);

        Assert.Equal(first.ToArray(), second.ToArray());
    }

    [Fact]
    public void Convert_InvalidAlert_ExitsOneAndWritesNothing()
    {
        using var temp = new TempFolder();
        var files = new[] { temp.Write("a.xml", CapXml.Valid("BE-A")), temp.Write("bad.xml", CapXml.InvalidStatus()) };
        using var output = new MemoryStream();
        using var stderr = new StringWriter();

        var exit = AtomConversion.Convert(files, output, stderr, Clock);

        Assert.Equal(1, exit);
        Assert.Equal(0, output.Length);
        Assert.Contains("bad.xml", stderr.ToString(), StringComparison.Ordinal);
    }
}
