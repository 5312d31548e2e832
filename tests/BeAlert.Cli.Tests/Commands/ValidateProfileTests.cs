using System.Text.Json;
using BeAlert.Cli.Tests.Infrastructure;
using BeAlert.TestUtils;

namespace BeAlert.Cli.Tests.Commands;

/// <summary><c>bealert validate --profile NAME</c> with the library's profiles.</summary>
public sealed class ValidateProfileTests
{
    private static string Samples => Path.Combine(TestPaths.RepositoryRoot, "samples", "cap");

    [Fact]
    public void Validate_BeAlertProfileOverTheSamples_ExitsZero()
    {
        var run = CliRun.Invoke("validate", "--profile", "be-alert", Samples);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotContain(": error ", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("warning BEA003 /alert:", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Stderr);
    }

    [Fact]
    public void Validate_NonsenseProfile_ExitsTwoListingEveryProfile()
    {
        var run = CliRun.Invoke("validate", "--profile", "nonsense", Samples);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Stdout);
        Assert.Contains("unknown profile 'nonsense'", run.Stderr, StringComparison.Ordinal);
        foreach (var name in new[] { "cap", "be-alert", "eu-alert", "ipaws", "cap-cp", "cap-au" })
        {
            Assert.Contains(name, run.Stderr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Validate_ProfileError_ExitsOneAndReportsTheProfileCode()
    {
        using var temp = new TempFolder();
        var file = temp.Write("english-for-gent.xml", CapXml.Valid().Replace("<headline>Oefening: brand in Gent</headline>", "<headline>Fire in Gent</headline>", StringComparison.Ordinal));

        var plain = CliRun.Invoke("validate", file);
        var profiled = CliRun.Invoke("validate", "--profile", "BE-Alert", "--format", "json", file);

        Assert.True(plain.ExitCode == 0, plain.ToString());
        Assert.True(profiled.ExitCode == 1, profiled.ToString());
        using var json = JsonDocument.Parse(profiled.Stdout);
        var diagnostic = Assert.Single(json.RootElement.GetProperty("files")[0].GetProperty("diagnostics").EnumerateArray());
        Assert.Equal("BEA008", diagnostic.GetProperty("code").GetString());
        Assert.Equal("error", diagnostic.GetProperty("severity").GetString());
        Assert.Equal("/alert/info[1]/headline", diagnostic.GetProperty("path").GetString());
        Assert.True(diagnostic.GetProperty("line").GetInt32() > 0);
    }

    [Theory]
    [InlineData("eu-alert", "EUA")]
    [InlineData("ipaws", "IPW")]
    [InlineData("cap-cp", "CCP")]
    [InlineData("cap-au", "CAU")]
    public void Validate_OtherProfiles_ReportOnlyTheirOwnCodes(string profile, string prefix)
    {
        var run = CliRun.Invoke("validate", "--profile", profile, "--format", "json", Samples);

        using var json = JsonDocument.Parse(run.Stdout);
        var codes = json.RootElement.GetProperty("files").EnumerateArray()
            .SelectMany(f => f.GetProperty("diagnostics").EnumerateArray())
            .Select(d => d.GetProperty("code").GetString()!)
            .ToList();
        Assert.NotEmpty(codes); // the Belgian samples do not follow these profiles
        Assert.All(codes, c => Assert.StartsWith(prefix, c, StringComparison.Ordinal));
        Assert.Equal(1, run.ExitCode);
    }

    [Fact]
    public void Help_ListsTheProfiles()
    {
        var run = CliRun.Invoke("validate", "--help");

        Assert.Contains("cap, be-alert, eu-alert, ipaws, cap-cp, cap-au", run.Stdout, StringComparison.Ordinal);
    }
}
