using BeAlert.TestUtils;

namespace BeAlert.Cli.Tests.Docs;

/// <summary>The README's code compiles because it is a sample project; this keeps the two from drifting apart.</summary>
public sealed class ReadmeTests
{
    [Theory]
    [InlineData("README.md")]
    [InlineData("src/BeAlert.Cap/README.md")]
    public void LibrarySnippet_IsTheSampleProgramVerbatim(string readmePath)
    {
        var root = TestPaths.RepositoryRoot;
        var readme = File.ReadAllText(Path.Combine(root, readmePath)).ReplaceLineEndings("\n");
        var program = File.ReadAllText(Path.Combine(root, "samples", "BeAlert.Samples.Cap", "Program.cs")).ReplaceLineEndings("\n").TrimEnd('\n');

        Assert.Contains("```csharp\n" + program + "\n```", readme, StringComparison.Ordinal);
    }

    [Fact]
    public void QuickStart_HasTheTwoCommands()
    {
        var readme = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "README.md"));

        // The first shell block under "## Quick start": exactly two commands, the gateway and the tests.
        var start = readme.IndexOf("## Quick start", StringComparison.Ordinal);
        Assert.True(start >= 0, "README has no Quick start section");
        var open = readme.IndexOf("```sh\n", start, StringComparison.Ordinal) + "```sh\n".Length;
        var close = readme.IndexOf("```", open, StringComparison.Ordinal);
        var commands = readme[open..close].Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('#')[0].Trim())
            .Where(line => line.Length > 0)
            .ToList();
        Assert.Equal(["dotnet run --project src/BeAlert.Gateway", "./test.sh"], commands);
    }
}
