using Spectre.Console;

namespace FastApiLearning.WebApi.Commands.Employees;

/// <summary>
/// The import port's "rows read so far", shown as how far into the file the reader is: the number of
/// rows is not known before the end, the file's length is.
/// </summary>
/// <param name="name">The file's name, escaped for markup.</param>
public sealed class ImportProgress(ProgressTask task, Stream file, string name) : IProgress<int>
{
    public void Report(int value)
    {
        task.Description = $"Importing {name}: {value:N0} rows";
        task.Value = Math.Min(file.Position, task.MaxValue);
    }
}
