using BeAlert.Cli.Tests.Infrastructure;

namespace BeAlert.Cli.Tests.Commands;

/// <summary>Usage errors: exit 2, a message on stderr, nothing on stdout. None of these reads a document.</summary>
public sealed class ValidateCommandUsageTests
{
    [Fact]
    public void Validate_StrictAndLenient_ExitsTwo()
    {
        using var temp = new TempFolder();

        var run = CliRun.Invoke("validate", "--strict", "--lenient", temp.Path);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--strict and --lenient", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Stdout);
    }

    [Fact]
    public void Validate_MissingPath_ExitsTwoNamingThePath()
    {
        using var temp = new TempFolder();
        var missing = Path.Combine(temp.Path, "does-not-exist.xml");

        var run = CliRun.Invoke("validate", "--format", "json", missing);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(missing, run.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Stdout);
    }

    [Fact]
    public void Validate_MissingPathAmongExistingOnes_ExitsTwoBeforeReadingAnything()
    {
        using var temp = new TempFolder();
        var present = temp.Write("a.xml", CapXml.Valid());

        var run = CliRun.Invoke("validate", present, Path.Combine(temp.Path, "gone"));

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Stdout);
    }

    [Fact]
    public void Validate_UnknownProfile_ExitsTwoListingKnownProfiles()
    {
        using var temp = new TempFolder();

        var run = CliRun.Invoke("validate", "--profile", "nonsense", temp.Path);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("unknown profile 'nonsense'", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("Known profiles: cap, be-alert, eu-alert, ipaws, cap-cp, cap-au.", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Stdout);
    }

    [Fact]
    public void Validate_UnknownFormat_ExitsTwo()
    {
        using var temp = new TempFolder();

        var run = CliRun.Invoke("validate", "--format", "yaml", temp.Path);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("yaml", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NoPath_ExitsTwo()
    {
        var run = CliRun.Invoke("validate");

        Assert.Equal(2, run.ExitCode);
        Assert.NotEqual(string.Empty, run.Stderr);
    }

    [Fact]
    public void NoCommand_ExitsTwo()
    {
        var run = CliRun.Invoke();

        Assert.Equal(2, run.ExitCode);
    }

    [Fact]
    public void UnknownOption_ExitsTwoNotOne()
    {
        using var temp = new TempFolder();

        var run = CliRun.Invoke("validate", "--no-such-option", temp.Path);

        Assert.Equal(2, run.ExitCode);
    }

    [Fact]
    public void ValidateHelp_ExitsZeroAndListsOptions()
    {
        var run = CliRun.Invoke("validate", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("--profile", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("--lenient", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("--format", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EmptyDirectory_ExitsZeroWithNoFiles()
    {
        using var temp = new TempFolder();

        var run = CliRun.Invoke("validate", "--format", "json", temp.Path);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("{\"files\":[]}", run.Stdout.TrimEnd());
    }
}
