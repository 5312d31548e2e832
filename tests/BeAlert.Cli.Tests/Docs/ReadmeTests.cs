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

        Assert.Contains("dotnet run --project src/BeAlert.Cli -- validate samples/cap", readme, StringComparison.Ordinal);
        Assert.Contains("./test.sh", readme, StringComparison.Ordinal);
    }
}
