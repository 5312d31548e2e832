namespace BeAlert.Cap.Tests.Profiles;

/// <summary>
/// The BE-Alert variant of the sample corpus test: every sample in samples/cap is a BE-Alert style message and passes
/// the BE-Alert profile without an error. The few that cover places without an info block in the place's language are
/// documented here, with the warnings they give (BEA003): they are kept as they are because they show that case
/// (English-only national messages, German-only messages for the German-language area).
/// </summary>
public sealed class BeAlertSampleTests
{
    /// <summary>Samples with BE-Alert warnings, and the languages each lacks.</summary>
    private static readonly Dictionary<string, string[]> Documented = new(StringComparer.Ordinal)
    {
        ["be-airspace-drone-zaventem.xml"] = ["Dutch (nl)"],
        ["be-covid-testing-en.xml"] = ["Dutch (nl)", "French (fr)"],
        ["be-large-polygons.xml"] = ["Dutch (nl)", "French (fr)"],
        ["be-utc-times-kmi.xml"] = ["French (fr)"],
        ["be-wildfire-hautes-fagnes-de.xml"] = ["French (fr)"],
        ["kmi-snow-ice-de.xml"] = ["French (fr)"],
    };

    public static TheoryData<string> SampleFiles => Corpus.Corpus.Relative(Corpus.Corpus.Samples);

    [Theory]
    [MemberData(nameof(SampleFiles))]
    public void Sample_PassesBeAlertWithOnlyItsDocumentedWarnings(string file)
    {
        using var stream = File.OpenRead(Path.Combine(Corpus.Corpus.Samples, file));
        var diagnostics = CapValidator.For(CapProfile.BeAlert).Validate(CapParser.Default.Parse(stream)).Diagnostics;

        var missing = Documented.GetValueOrDefault(file, []);
        Assert.Equal(missing.Length, diagnostics.Count);
        for (var i = 0; i < missing.Length; i++)
        {
            var diagnostic = diagnostics[i];
            Assert.Equal(CapProfileDiagnosticCodes.BeAlertRegionLanguageMissing, diagnostic.Code);
            Assert.Equal(CapDiagnosticSeverity.Warning, diagnostic.Severity);
            Assert.Equal("/alert", diagnostic.Path);
            Assert.StartsWith("No info block in " + missing[i], diagnostic.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void DocumentedExceptions_AreSamples() =>
        Assert.All(Documented.Keys, f => Assert.True(File.Exists(Path.Combine(Corpus.Corpus.Samples, f)), f));
}
