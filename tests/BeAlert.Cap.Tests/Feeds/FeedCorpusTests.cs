namespace BeAlert.Cap.Tests.Feeds;

/// <summary>Data-driven tests over TestData/feeds: valid feeds read clean, each invalid/CAP12xx file gives exactly its code.</summary>
public sealed class FeedCorpusTests
{
    public static TheoryData<string> ValidFiles => Relative("valid");

    public static TheoryData<string> InvalidFiles => Relative("invalid");

    [Theory]
    [MemberData(nameof(ValidFiles))]
    public void ValidFeed_ReadsWithoutAnyDiagnostic(string file)
    {
        var diagnostics = Check(Path.Combine(FeedSamples.TestData, file));
        Assert.Empty(diagnostics);
    }

    [Theory]
    [MemberData(nameof(ValidFiles))]
    public void ValidFeed_EveryEntryHasAnIdAndPointsToItsAlert(string file)
    {
        var feed = CapFeedReader.Default.Read(File.ReadAllBytes(Path.Combine(FeedSamples.TestData, file)));
        Assert.NotEmpty(feed.Entries);
        Assert.All(feed.Entries, e =>
        {
            Assert.False(string.IsNullOrEmpty(e.Id));
            Assert.True(e.Link is not null || e.EmbeddedAlerts.Count > 0, e.Path);
        });
    }

    [Theory]
    [MemberData(nameof(InvalidFiles))]
    public void InvalidFeed_GivesExactlyItsFolderCode(string file)
    {
        var code = file.Split(Path.DirectorySeparatorChar)[1];
        var diagnostics = Check(Path.Combine(FeedSamples.TestData, file));
        var severity = CapRuleCatalog.Get(code).Severity;

        Assert.Contains(diagnostics, d => d.Code == code);
        var errors = diagnostics.Where(d => d.IsError).Select(d => d.Code).Distinct().ToList();
        Assert.Equal(severity == CapDiagnosticSeverity.Error ? [code] : [], errors);
        Assert.All(diagnostics, d => Assert.False(string.IsNullOrWhiteSpace(d.Message)));
        Assert.All(diagnostics, d => Assert.True(d.Line > 0 && d.Column > 0, d.ToString()));
    }

    [Fact]
    public void InvalidCorpus_HasAFolderForEveryFeedRuleThatCanBeShownInAFile()
    {
        var folders = Directory.GetDirectories(Path.Combine(FeedSamples.TestData, "invalid")).Select(Path.GetFileName).ToHashSet();
        var missing = CapRuleCatalog.All
            .Where(r => r.Kind == CapRuleKind.Feed && r.Code != CapDiagnosticCodes.FeedTooManyElements)
            .Select(r => r.Code)
            .Where(c => !folders.Contains(c))
            .ToList();
        Assert.Empty(missing);
    }

    /// <summary>Reads a feed: every diagnostic, or the read failure as one.</summary>
    internal static IReadOnlyList<CapDiagnostic> Check(string path)
    {
        using var stream = File.OpenRead(path);
        return CapFeedReader.Default.TryRead(stream, out var feed, out var error) ? feed.Diagnostics : [error.ToDiagnostic()];
    }

    private static TheoryData<string> Relative(string sub) =>
        [.. Directory.EnumerateFiles(Path.Combine(FeedSamples.TestData, sub), "*.xml", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(f => Path.GetRelativePath(FeedSamples.TestData, f))];
}
