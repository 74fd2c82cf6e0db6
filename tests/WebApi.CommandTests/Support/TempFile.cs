namespace FastApiLearning.WebApi.CommandTests.Support;

/// <summary>A file in a folder of its own under the temp folder, deleted with it on dispose.</summary>
public sealed class TempFile : IDisposable
{
    private readonly string _folder;

    private TempFile(string folder, string path)
    {
        _folder = folder;
        Path = path;
    }

    public string Path { get; }

    public static TempFile Write(string name, string content)
    {
        var folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"command-tests-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var path = System.IO.Path.Combine(folder, name);
        File.WriteAllText(path, content);
        return new TempFile(folder, path);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
