namespace BeAlert.Cap.Tests.Profiles;

/// <summary>TestData/profiles/PREFIX/{valid,CODE}/*.xml: documents that each profile accepts, and documents that break one rule.</summary>
internal static class ProfileCorpus
{
    internal static string Root => Path.Combine(AppContext.BaseDirectory, "TestData", "profiles");

    /// <summary>The profile whose codes carry <paramref name="prefix"/>.</summary>
    internal static CapProfile ForPrefix(string prefix) => CapProfile.All.Single(p => p.CodePrefix == prefix);

    /// <summary>Every file, as "PREFIX/FOLDER/name.xml".</summary>
    internal static TheoryData<string> Files(Func<string, bool> folderFilter) =>
        [.. Directory.EnumerateFiles(Root, "*.xml", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Root, f))
            .Where(f => folderFilter(f.Split(Path.DirectorySeparatorChar)[1]))
            .Order(StringComparer.Ordinal)];

    /// <summary>Parses a file and validates it with a profile: every diagnostic, or the parse failure as one.</summary>
    internal static IReadOnlyList<CapDiagnostic> Check(string relative, CapProfile profile)
    {
        using var stream = File.OpenRead(Path.Combine(Root, relative));
        if (!CapParser.Default.TryParse(stream, out var document, out var error))
        {
            return [error.ToDiagnostic()];
        }

        return CapValidator.For(profile).Validate(document).Diagnostics;
    }
}
