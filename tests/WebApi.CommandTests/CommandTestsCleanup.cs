using FastApiLearning.WebApi.CommandTests.Support;
using Microsoft.Data.Sqlite;

namespace FastApiLearning.WebApi.CommandTests;

[SetUpFixture]
public sealed class CommandTestsCleanup
{
    [OneTimeTearDown]
    public void RemoveTestFolders()
    {
        // Pooled connections hold the files open.
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(TestFolders.Root))
        {
            Directory.Delete(TestFolders.Root, recursive: true);
        }
    }
}
