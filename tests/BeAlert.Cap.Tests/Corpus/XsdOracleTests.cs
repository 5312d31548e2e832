namespace BeAlert.Cap.Tests.Corpus;

/// <summary>
/// The official CAP 1.2 XSD, applied by xmllint, as an oracle over the whole corpus: what the XSD rejects gets at least one error, and
/// every error on an XSD-valid document comes from a normative rule (never from a misplaced schema check).
/// </summary>
public sealed class XsdOracleTests
{
    public static TheoryData<string> AllCap12Files =>
    [
        .. new[] { Corpus.Samples, Path.Combine(Corpus.TestData, "invalid"), Path.Combine(Corpus.TestData, "lenient") }
            .SelectMany(Corpus.Files)
            .Where(f => !f.Contains("CAP0805", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(AppContext.BaseDirectory, f)),
    ];

    [Theory]
    [MemberData(nameof(AllCap12Files))]
    public void Oracle_XsdRejection_MeansAnError_AndErrorsOnXsdValidFilesAreNormative(string file)
    {
        var path = Path.Combine(AppContext.BaseDirectory, file);
        var (_, diagnostics) = Corpus.Check(path);
        var errors = diagnostics.Where(d => d.IsError).ToList();
        if (!Corpus.XsdAccepts(path))
        {
            Assert.NotEmpty(errors);
        }
        else
        {
            Assert.All(errors, e => Assert.Equal(CapRuleKind.Normative, CapRuleCatalog.Get(e.Code).Kind));
        }
    }

    [Fact]
    public void Oracle_RecordedVerdictsOfTheInvalidCorpus_MatchXmllintNow()
    {
        var root = Path.Combine(Corpus.TestData, "invalid");
        var disagreements = new List<string>();
        foreach (var line in File.ReadLines(Path.Combine(root, "xsd-oracle.txt")))
        {
            var parts = line.Split('\t');
            if (parts.Length != 2 || parts[1] == "unreadable" || parts[0].Contains("CAP0805", StringComparison.Ordinal))
            {
                continue;
            }

            var now = Corpus.XsdAccepts(Path.Combine(root, parts[0])) ? "xsd-valid" : "xsd-invalid";
            if (now != parts[1])
            {
                disagreements.Add($"{parts[0]}: recorded {parts[1]}, xmllint now {now}");
            }
        }

        Assert.Empty(disagreements);
    }
}
