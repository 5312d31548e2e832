namespace BeAlert.Cli.Validation;

/// <summary>Turns the PATH arguments into the list of files to validate.</summary>
internal static class InputFiles
{
    private static readonly EnumerationOptions XmlSearch = new()
    {
        RecurseSubdirectories = true,
        MatchCasing = MatchCasing.CaseInsensitive,
        IgnoreInaccessible = false,
    };

    /// <summary>
    /// Expands files and directories (searched recursively for <c>*.xml</c>, hidden entries skipped) into one list
    /// sorted by ordinal path comparison, each file once. A file named explicitly is taken whatever its extension.
    /// </summary>
    /// <param name="paths">The arguments.</param>
    /// <param name="files">The files, sorted; empty when there are errors.</param>
    /// <param name="errors">One message per path that does not exist or cannot be listed.</param>
    /// <returns>Whether every path could be expanded.</returns>
    public static bool TryExpand(IReadOnlyList<string> paths, out IReadOnlyList<string> files, out IReadOnlyList<string> errors)
    {
        var found = new List<string>();
        var problems = new List<string>();
        foreach (var path in paths)
        {
            if (File.Exists(path))
            {
                found.Add(path);
            }
            else if (Directory.Exists(path))
            {
                try
                {
                    found.AddRange(Directory.EnumerateFiles(path, "*.xml", XmlSearch));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    problems.Add($"{path}: cannot list the directory: {e.Message}");
                }
            }
            else
            {
                problems.Add($"{path}: no such file or directory");
            }
        }

        if (problems.Count > 0)
        {
            files = [];
            errors = problems;
            return false;
        }

        // The working directory is read once: Path.GetFullPath(file) would ask the system for it (getcwd) per file.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var unique = new List<string>(found.Count);
        var directory = Environment.CurrentDirectory;
        foreach (var file in found)
        {
            if (seen.Add(Path.GetFullPath(file, directory)))
            {
                unique.Add(file);
            }
        }

        unique.Sort(StringComparer.Ordinal);
        files = unique;
        errors = [];
        return true;
    }
}
