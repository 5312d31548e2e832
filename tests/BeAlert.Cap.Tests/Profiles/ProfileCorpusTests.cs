namespace BeAlert.Cap.Tests.Profiles;

/// <summary>
/// Data-driven tests of every profile rule: the valid examples of a profile give no diagnostic at all, each document in
/// a CODE folder gives that code (and, for an error code, no other error). Removing a rule makes its folder fail.
/// </summary>
public sealed class ProfileCorpusTests
{
    public static TheoryData<string> ValidFiles => ProfileCorpus.Files(folder => folder == "valid");

    public static TheoryData<string> InvalidFiles => ProfileCorpus.Files(folder => folder != "valid");

    [Theory]
    [MemberData(nameof(ValidFiles))]
    public void ValidFile_GivesNoDiagnosticUnderItsProfile(string file)
    {
        var profile = ProfileCorpus.ForPrefix(file.Split(Path.DirectorySeparatorChar)[0]);

        Assert.Empty(ProfileCorpus.Check(file, profile));
    }

    [Theory]
    [MemberData(nameof(InvalidFiles))]
    public void InvalidFile_GivesItsFolderCodeAndNoOtherError(string file)
    {
        var parts = file.Split(Path.DirectorySeparatorChar);
        var (prefix, code) = (parts[0], parts[1]);
        var diagnostics = ProfileCorpus.Check(file, ProfileCorpus.ForPrefix(prefix));
        var severity = CapRuleCatalog.Get(code).Severity;

        Assert.Contains(diagnostics, d => d.Code == code);
        var errors = diagnostics.Where(d => d.IsError).Select(d => d.Code).Distinct().ToList();
        Assert.Equal(severity == CapDiagnosticSeverity.Error ? [code] : [], errors);
        Assert.All(diagnostics.Where(d => d.Code == code), d =>
        {
            Assert.Equal(severity, d.Severity);
            Assert.StartsWith("/alert", d.Path, StringComparison.Ordinal);
            Assert.True(d.Line > 0 && d.Column > 0, $"{d.Code} at {d.Path} has no position");
            Assert.False(string.IsNullOrWhiteSpace(d.Message));
        });
    }

    [Theory]
    [MemberData(nameof(InvalidFiles))]
    public void InvalidFile_IsValidPlainCap(string file)
    {
        // The profile rule is what the document breaks: plain CAP 1.2 accepts it without an error.
        Assert.DoesNotContain(ProfileCorpus.Check(file, CapProfile.Cap), d => d.IsError);
    }

    [Theory]
    [MemberData(nameof(ValidFiles))]
    [MemberData(nameof(InvalidFiles))]
    public void EveryFile_ValidatesAgainstTheOfficialXsd(string file) =>
        Assert.True(Corpus.Corpus.XsdAccepts(Path.Combine(ProfileCorpus.Root, file)), file);

    [Fact]
    public void Corpus_HasAFolderWithADocumentForEveryProfileCode()
    {
        var missing = ProfileRuleCatalog.All
            .Select(r => r.Code)
            .Where(code => !Directory.Exists(Path.Combine(ProfileCorpus.Root, code[..3], code))
                || Directory.GetFiles(Path.Combine(ProfileCorpus.Root, code[..3], code), "*.xml").Length == 0)
            .ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void Corpus_HasValidExamplesForEveryProfile()
    {
        foreach (var profile in CapProfile.All.Where(p => p != CapProfile.Cap))
        {
            Assert.True(Directory.GetFiles(Path.Combine(ProfileCorpus.Root, profile.CodePrefix, "valid"), "*.xml").Length >= 2, profile.Name);
        }
    }

    [Theory]
    [MemberData(nameof(InvalidFiles))]
    public void OtherProfiles_NeverReportThisProfilesCodes(string file)
    {
        var prefix = file.Split(Path.DirectorySeparatorChar)[0];
        foreach (var profile in CapProfile.All)
        {
            var codes = ProfileCorpus.Check(file, profile).Select(d => d.Code);
            Assert.All(codes, c => Assert.True(c.StartsWith("CAP", StringComparison.Ordinal) || c.StartsWith(profile.CodePrefix, StringComparison.Ordinal), $"{profile.Name} reported {c}"));
            if (profile.CodePrefix != prefix)
            {
                Assert.DoesNotContain(codes, c => c.StartsWith(prefix, StringComparison.Ordinal));
            }
        }
    }
}
