namespace FastApiLearning.WebApi.CommandTests.Support;

/// <summary>Folders for the tests' databases and files, all under one temp folder removed after the run.</summary>
public static class TestFolders
{
    public static readonly string Root = Path.Combine(Path.GetTempPath(), $"command-tests-{Guid.NewGuid():N}");

    public static string New()
    {
        var folder = Path.Combine(Root, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }
}
