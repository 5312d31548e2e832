using BeAlert.Cap;
using BeAlert.Cli.Tests.Infrastructure;
using BeAlert.Cli.Validation;

namespace BeAlert.Cli.Tests.Validation;

public sealed class CapFileValidatorTests
{
    [Fact]
    public void ValidateFile_FileVanished_ReturnsIoErrorInsteadOfThrowing()
    {
        using var temp = new TempFolder();
        var validator = new CapFileValidator(CapParser.Default, ValidationProfile.Cap);

        var result = validator.ValidateFile(Path.Combine(temp.Path, "vanished.xml"));

        Assert.NotNull(result.IoError);
        Assert.Null(result.Version);
        Assert.False(result.IsValid);
    }

    [Fact]
    public void ValidateAll_FilesVanished_KeepsInputOrder()
    {
        using var temp = new TempFolder();
        var validator = new CapFileValidator(CapParser.Default, ValidationProfile.Cap);
        var files = Enumerable.Range(0, 100).Select(i => Path.Combine(temp.Path, $"{i:D3}.xml")).ToList();

        var results = validator.ValidateAll(files, maxDegreeOfParallelism: 4).ToList();

        Assert.Equal(files, results.Select(r => r.Path));
        Assert.All(results, r => Assert.NotNull(r.IoError));
    }

    [Fact]
    public void ValidateAll_ParsesWithOneSharedParser_KeepsInputOrder()
    {
        using var temp = new TempFolder();
        var files = Enumerable.Range(0, 64).Select(i => temp.Write($"{i:D3}.xml", i % 2 == 0 ? CapXml.Valid($"BE-{i}") : CapXml.Truncated)).ToList();
        var validator = new CapFileValidator(CapParser.Default, ValidationProfile.Cap);

        var results = validator.ValidateAll(files, maxDegreeOfParallelism: 4).ToList();

        Assert.Equal(files, results.Select(r => r.Path));
        for (var i = 0; i < results.Count; i++)
        {
            Assert.Equal(i % 2 == 0, results[i].IsValid);
            Assert.Equal(i % 2 == 0 ? CapVersion.Cap12 : null, results[i].Version);
        }
    }

    [Fact]
    public void ValidateAll_MoreFilesThanWorkersMayRunAhead_KeepsInputOrderAndEveryResult()
    {
        // 2,000 results: more than the batches workers may complete ahead of the reader, so they must wait and resume.
        using var temp = new TempFolder();
        var valid = temp.Write("valid.xml", CapXml.Valid("BE-1"));
        var broken = temp.Write("broken.xml", CapXml.Truncated);
        var files = Enumerable.Range(0, 2000).Select(i => i % 3 == 0 ? broken : valid).ToList();
        var validator = new CapFileValidator(CapParser.Default, ValidationProfile.Cap);

        var results = validator.ValidateAll(files, maxDegreeOfParallelism: 3).ToList();

        Assert.Equal(files.Count, results.Count);
        for (var i = 0; i < results.Count; i++)
        {
            Assert.Equal(i % 3 != 0, results[i].IsValid);
        }
    }

    [Fact]
    public void ValidateAll_CallerStopsEarly_EndsWithoutHanging()
    {
        using var temp = new TempFolder();
        var valid = temp.Write("valid.xml", CapXml.Valid("BE-1"));
        var files = Enumerable.Repeat(valid, 5000).ToList();
        var validator = new CapFileValidator(CapParser.Default, ValidationProfile.Cap);

        var firstFew = validator.ValidateAll(files, maxDegreeOfParallelism: 2).Take(40).ToList();

        Assert.Equal(40, firstFew.Count);
        Assert.All(firstFew, r => Assert.True(r.IsValid));
    }

    [Fact]
    public void Find_KnownAndUnknownProfiles()
    {
        Assert.Same(ValidationProfile.Cap, ValidationProfile.Find("cap"));
        Assert.Same(ValidationProfile.Cap, ValidationProfile.Find("Cap"));
        Assert.Equal("cap-cp", ValidationProfile.Find("CAP-CP")?.Name);
        Assert.Null(ValidationProfile.Find("nonsense"));
    }
}
