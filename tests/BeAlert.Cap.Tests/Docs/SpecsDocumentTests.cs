using BeAlert.TestUtils;

namespace BeAlert.Cap.Tests.Docs;

/// <summary>docs/specs.md lists every rule of the catalogue, CAP and profiles, with its clause and its tests.</summary>
public sealed class SpecsDocumentTests
{
    private static readonly string[] Rows = [.. File.ReadAllLines(Path.Combine(TestPaths.RepositoryRoot, "docs", "specs.md"))
        .Where(l => l.StartsWith("| CAP", StringComparison.Ordinal) && !l.StartsWith("| CAP11", StringComparison.Ordinal))]; // CAP11xx belong to BeAlert.Cap.Geo

    [Fact]
    public void Specs_ListEveryCodeOnceWithItsSeverity()
    {
        foreach (var rule in CapRuleCatalog.All)
        {
            var row = Assert.Single(Rows, r => r.StartsWith($"| {rule.Code} |", StringComparison.Ordinal));
            Assert.Contains($"| {rule.Severity.ToString().ToLowerInvariant()} |", row, StringComparison.Ordinal);
        }

        Assert.Equal(CapRuleCatalog.All.Count, Rows.Length);
    }

    [Fact]
    public void Specs_ListEveryProfileCodeOnceWithItsSeverityAndTestFolder()
    {
        var lines = File.ReadAllLines(Path.Combine(TestPaths.RepositoryRoot, "docs", "specs.md"));
        var profileRows = lines.Where(l => l.Length > 9 && l.StartsWith("| ", StringComparison.Ordinal) && ProfileRuleCatalog.All.Any(r => l.StartsWith($"| {r.Code[..3]}", StringComparison.Ordinal))).ToList();

        foreach (var rule in ProfileRuleCatalog.All)
        {
            var row = Assert.Single(profileRows, r => r.StartsWith($"| {rule.Code} |", StringComparison.Ordinal));
            Assert.Contains($"| {rule.Severity.ToString().ToLowerInvariant()} |", row, StringComparison.Ordinal);
            Assert.Contains($"`TestData/profiles/{rule.Code[..3]}/{rule.Code}/`", row, StringComparison.Ordinal);
            Assert.True(Directory.Exists(Path.Combine(TestPaths.RepositoryRoot, "tests", "BeAlert.Cap.Tests", "TestData", "profiles", rule.Code[..3], rule.Code)), rule.Code);
        }

        Assert.Equal(ProfileRuleCatalog.All.Count, profileRows.Count);
    }

    [Fact]
    public void Specs_TestFoldersNamedInTheTableExist()
    {
        foreach (var row in Rows.Where(r => r.Contains("TestData/invalid/", StringComparison.Ordinal)))
        {
            var code = row[2..9];
            Assert.True(Directory.Exists(Path.Combine(TestPaths.RepositoryRoot, "tests", "BeAlert.Cap.Tests", "TestData", "invalid", code)), code);
        }
    }
}
