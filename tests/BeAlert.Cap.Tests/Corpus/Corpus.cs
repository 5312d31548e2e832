using System.Diagnostics;

namespace BeAlert.Cap.Tests.Corpus;

/// <summary>The test corpus on disk, and the official CAP 1.2 XSD as an oracle.</summary>
internal static class Corpus
{
    internal static string TestData => Path.Combine(AppContext.BaseDirectory, "TestData");

    internal static string Samples => Path.Combine(AppContext.BaseDirectory, "Samples");

    internal static IEnumerable<string> Files(string folder) =>
        Directory.EnumerateFiles(folder, "*.xml", SearchOption.AllDirectories).Order(StringComparer.Ordinal);

    internal static TheoryData<string> Relative(string root, string sub = "") =>
        [.. Files(Path.Combine(root, sub)).Select(f => Path.GetRelativePath(root, f))];

    /// <summary>Parses and validates a file: every diagnostic, or the parse failure as one.</summary>
    internal static (CapDocument? Document, IReadOnlyList<CapDiagnostic> Diagnostics) Check(string path, CapParser? parser = null)
    {
        using var stream = File.OpenRead(path);
        if (!(parser ?? CapParser.Default).TryParse(stream, out var document, out var error))
        {
            return (null, [error.ToDiagnostic()]);
        }

        return (document, CapValidator.Default.Validate(document).Diagnostics);
    }

    private static readonly Lazy<Dictionary<string, bool>> XmllintVerdicts = new(RunXmllint);

    /// <summary>
    /// Whether the official XSD accepts the file, according to libxml2's xmllint (an independent schema validator,
    /// installed by test.sh). Unreadable XML counts as rejected.
    /// </summary>
    internal static bool XsdAccepts(string path) =>
        XmllintVerdicts.Value.TryGetValue(Path.GetFullPath(path), out var valid)
            ? valid
            : throw new InvalidOperationException($"xmllint gave no verdict for {path}");

    private static Dictionary<string, bool> RunXmllint()
    {
        var files = new[] { Samples, Path.Combine(TestData, "invalid"), Path.Combine(TestData, "lenient"), Path.Combine(TestData, "versions"), Path.Combine(TestData, "profiles") }
            .SelectMany(Files)
            .Select(Path.GetFullPath)
            .ToList();
        var start = new ProcessStartInfo("xmllint") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "--noout", "--nonet", "--schema", Path.Combine(TestData, "xsd", "CAP-v1.2.xsd") }.Concat(files))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("xmllint did not start (test.sh installs libxml2-utils)");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        _ = stdout.Result;
        var verdicts = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var line in stderr.Split('\n'))
        {
            if (line.EndsWith(" validates", StringComparison.Ordinal))
            {
                verdicts[line[..^" validates".Length]] = true;
            }
            else if (line.EndsWith(" fails to validate", StringComparison.Ordinal))
            {
                verdicts[line[..^" fails to validate".Length]] = false;
            }
        }

        // A file xmllint cannot even parse gets no verdict line: it is rejected.
        foreach (var file in files)
        {
            verdicts.TryAdd(file, false);
        }

        return verdicts;
    }
}
