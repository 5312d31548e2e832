namespace BeAlert.TestUtils;

/// <summary>Locations of test data next to the test assembly and in the repository.</summary>
public static class TestPaths
{
    /// <summary>The folder of the running test assembly.</summary>
    public static string BaseDirectory => AppContext.BaseDirectory;

    /// <summary>The repository root (the folder holding BeAlert.slnx), found by walking up from the test assembly.</summary>
    public static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "BeAlert.slnx")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("BeAlert.slnx not found above " + AppContext.BaseDirectory);
        }
    }
}
