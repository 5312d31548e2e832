namespace BeAlert.Cap.Tests.Corpus;

/// <summary>Data-driven tests over samples/cap and TestData: valid, invalid (one folder per rule), versions, lenient.</summary>
public sealed class CorpusTests
{
    public static TheoryData<string> SampleFiles => Corpus.Relative(Corpus.Samples);

    public static TheoryData<string> InvalidFiles => Corpus.Relative(Corpus.TestData, "invalid");

    public static TheoryData<string> VersionFiles => Corpus.Relative(Corpus.TestData, "versions");

    public static TheoryData<string> LenientFiles => Corpus.Relative(Corpus.TestData, "lenient");

    [Fact]
    public void Samples_AreAtLeastThirty() => Assert.True(SampleFiles.Count >= 30, $"{SampleFiles.Count} samples");

    [Theory]
    [MemberData(nameof(SampleFiles))]
    public void Sample_IsValidWithoutAnyDiagnostic(string file)
    {
        var (document, diagnostics) = Corpus.Check(Path.Combine(Corpus.Samples, file));
        Assert.Empty(diagnostics);
        Assert.Equal(CapVersion.Cap12, document!.Version);
    }

    [Theory]
    [MemberData(nameof(SampleFiles))]
    public void Sample_WriteThenParse_KeepsItsMeaning(string file)
    {
        var (document, _) = Corpus.Check(Path.Combine(Corpus.Samples, file));
        var written = CapWriter.WriteToBytes(document!.Alert, new CapWriterOptions { PreserveSignedSource = false });
        var again = CapParser.Default.Parse(written);
        Assert.Equal(document.Alert, again.Alert);
        Assert.Empty(CapValidator.Default.Validate(again).Diagnostics);
    }

    [Theory]
    [MemberData(nameof(InvalidFiles))]
    public void InvalidFile_GivesExactlyItsFolderCode(string file)
    {
        var code = file.Split(Path.DirectorySeparatorChar)[1];
        var (_, diagnostics) = Corpus.Check(Path.Combine(Corpus.TestData, file));
        var severity = CapRuleCatalog.Get(code).Severity;

        Assert.Contains(diagnostics, d => d.Code == code);
        var errors = diagnostics.Where(d => d.IsError).Select(d => d.Code).Distinct().ToList();
        if (severity == CapDiagnosticSeverity.Error)
        {
            Assert.Equal([code], errors);
        }
        else
        {
            Assert.Empty(errors);
        }

        Assert.All(diagnostics, d => Assert.False(string.IsNullOrWhiteSpace(d.Message)));
        Assert.All(diagnostics.Where(d => d.Code == code), d => Assert.StartsWith("/", d.Path, StringComparison.Ordinal));
    }

    [Fact]
    public void InvalidCorpus_HasAFolderForEveryRuleThatCanBeShownInAFile()
    {
        var folders = Directory.GetDirectories(Path.Combine(Corpus.TestData, "invalid")).Select(Path.GetFileName).ToHashSet();
        string[] testedInCode = [CapDiagnosticCodes.DocumentTooLarge, CapDiagnosticCodes.TooManyElements, CapDiagnosticCodes.ValueTooLong];
        var missing = CapRuleCatalog.All
            .Where(r => r.Kind is CapRuleKind.Unreadable or CapRuleKind.Xsd or CapRuleKind.Normative)
            .Select(r => r.Code)
            .Except(testedInCode)
            .Where(c => !folders.Contains(c))
            .ToList();
        Assert.Empty(missing);
    }

    [Theory]
    [MemberData(nameof(VersionFiles))]
    public void OlderVersion_ReadsWithoutErrorAndSaysWhichVersion(string file)
    {
        var (document, diagnostics) = Corpus.Check(Path.Combine(Corpus.TestData, file));
        Assert.NotNull(document);
        Assert.Equal(file.Contains("cap10", StringComparison.Ordinal) ? CapVersion.Cap10 : CapVersion.Cap11, document.Version);
        Assert.DoesNotContain(diagnostics, d => d.IsError);
        Assert.Contains(diagnostics, d => d.Code == CapDiagnosticCodes.OlderCapVersion);
    }

    [Theory]
    [InlineData("whitespace-around-enum.xml", CapDiagnosticCodes.InvalidEnumValue, CapDiagnosticCodes.RepairedWhitespace)]
    [InlineData("polygon-not-closed.xml", CapDiagnosticCodes.PolygonNotClosed, CapDiagnosticCodes.RepairedPolygonClosed)]
    [InlineData("zulu-time.xml", CapDiagnosticCodes.ZuluTimeZone, CapDiagnosticCodes.RepairedZuluTime)]
    [InlineData("lowercase-enum.xml", CapDiagnosticCodes.InvalidEnumValue, CapDiagnosticCodes.RepairedEnumCase)]
    [InlineData("unknown-element.xml", CapDiagnosticCodes.UnexpectedElement, CapDiagnosticCodes.SkippedElement)]
    public void LenientFile_StrictRejectsLenientRepairs(string file, string strictCode, string repairCode)
    {
        var path = Path.Combine(Corpus.TestData, "lenient", file);
        var (_, strict) = Corpus.Check(path);
        Assert.Equal([strictCode], strict.Where(d => d.IsError).Select(d => d.Code));

        var (repaired, lenient) = Corpus.Check(path, CapParser.Lenient);
        var repair = Assert.Single(lenient);
        Assert.Equal(repairCode, repair.Code);
        Assert.Equal(CapDiagnosticSeverity.Warning, repair.Severity);
        Assert.Empty(CapValidator.Default.Validate(repaired!.Alert).Diagnostics);
    }

    [Fact]
    public void LenientCorpus_CoversEveryRepairCode() => Assert.Equal(5, LenientFiles.Count);
}
