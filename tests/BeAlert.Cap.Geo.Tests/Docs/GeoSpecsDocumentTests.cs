using BeAlert.TestUtils;

namespace BeAlert.Cap.Geo.Tests.Docs;

/// <summary>docs/specs.md lists every code of this package with its severity; the package README's snippet is the sample.</summary>
public sealed class GeoSpecsDocumentTests
{
    [Fact]
    public void Specs_ListEveryGeoCodeOnceWithItsSeverity()
    {
        var rows = File.ReadAllLines(Path.Combine(TestPaths.RepositoryRoot, "docs", "specs.md"))
            .Where(l => l.StartsWith("| CAP11", StringComparison.Ordinal)).ToList();

        foreach (var rule in CapGeoRuleCatalog.All)
        {
            var row = Assert.Single(rows, r => r.StartsWith($"| {rule.Code} |", StringComparison.Ordinal));
            Assert.Contains($"| {rule.Severity.ToString().ToLowerInvariant()} |", row, StringComparison.Ordinal);
        }

        Assert.Equal(CapGeoRuleCatalog.All.Count, rows.Count);
    }

    [Fact]
    public void Catalog_CodesAreTheConstants_InTheirRange()
    {
        var constants = typeof(CapGeoDiagnosticCodes).GetFields().Select(f => (string)f.GetRawConstantValue()!).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(constants, CapGeoRuleCatalog.All.Select(r => r.Code).Order(StringComparer.Ordinal));
        Assert.All(constants, c => Assert.InRange(string.CompareOrdinal(c, "CAP1101"), 0, int.MaxValue));
        Assert.All(constants, c => Assert.InRange(string.CompareOrdinal(c, "CAP1149"), int.MinValue, 0));
    }

    [Fact]
    public void PackageReadme_SnippetIsTheSampleProgramVerbatim()
    {
        var root = TestPaths.RepositoryRoot;
        var readme = File.ReadAllText(Path.Combine(root, "src", "BeAlert.Cap.Geo", "README.md")).ReplaceLineEndings("\n");
        var program = File.ReadAllText(Path.Combine(root, "samples", "BeAlert.Samples.Geo", "Program.cs")).ReplaceLineEndings("\n").TrimEnd('\n');

        Assert.Contains("```csharp\n" + program + "\n```", readme, StringComparison.Ordinal);
    }
}
