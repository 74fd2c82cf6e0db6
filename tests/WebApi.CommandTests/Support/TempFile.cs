namespace FastApiLearning.WebApi.CommandTests.Support;

/// <summary>A file in a test folder of its own (<see cref="TestFolders"/>).</summary>
public static class TempFile
{
    /// <returns>Its path.</returns>
    public static string Write(string name, string content)
    {
        var path = Path.Combine(TestFolders.New(), name);
        File.WriteAllText(path, content);
        return path;
    }
}
