using BeAlert.Cli.Tests.Infrastructure;
using BeAlert.Cli.Validation;

namespace BeAlert.Cli.Tests.Validation;

public sealed class InputFilesTests
{
    [Fact]
    public void TryExpand_Directory_FindsXmlRecursivelyInOrdinalOrder()
    {
        using var temp = new TempFolder();
        temp.Write("b.xml", "x");
        temp.Write("B.XML", "x");
        temp.Write("a.xml", "x");
        temp.Write("z/y/deep.xml", "x");
        temp.Write("z/notes.txt", "x");
        temp.Write("z/alert.xml.bak", "x");

        Assert.True(InputFiles.TryExpand([temp.Path], out var files, out var errors));

        Assert.Empty(errors);
        string[] expected =
        [
            Path.Combine(temp.Path, "B.XML"),
            Path.Combine(temp.Path, "a.xml"),
            Path.Combine(temp.Path, "b.xml"),
            Path.Combine(temp.Path, "z", "y", "deep.xml"),
        ];
        Assert.Equal(expected, files);
    }

    [Fact]
    public void TryExpand_ExplicitFile_TakenWhateverItsExtension()
    {
        using var temp = new TempFolder();
        var file = temp.Write("alert.cap", "x");

        Assert.True(InputFiles.TryExpand([file], out var files, out _));

        Assert.Equal([file], files);
    }

    [Fact]
    public void TryExpand_SameFileSeveralWays_ListedOnce()
    {
        using var temp = new TempFolder();
        var file = temp.Write("a.xml", "x");

        Assert.True(InputFiles.TryExpand([file, temp.Path, Path.Combine(temp.Path, ".", "a.xml")], out var files, out _));

        Assert.Single(files);
    }

    [Fact]
    public void TryExpand_MissingPath_FailsNamingEveryMissingPath()
    {
        using var temp = new TempFolder();
        var one = Path.Combine(temp.Path, "one.xml");
        var two = Path.Combine(temp.Path, "two");

        Assert.False(InputFiles.TryExpand([one, temp.Path, two], out var files, out var errors));

        Assert.Empty(files);
        Assert.Equal(2, errors.Count);
        Assert.Contains(one, errors[0], StringComparison.Ordinal);
        Assert.Contains(two, errors[1], StringComparison.Ordinal);
    }
}
