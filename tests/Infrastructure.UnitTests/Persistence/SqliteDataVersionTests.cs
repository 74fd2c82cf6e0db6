using FastApiLearning.Application.Common.Exceptions;
using FastApiLearning.Infrastructure.Persistence;
using FastApiLearning.TestSupport.Employees;

namespace FastApiLearning.Infrastructure.UnitTests.Persistence;

/// <summary>
/// The SQLite store remembers token cutoffs while the file's data version stands: a cutoff written by
/// another connection (a command in another process, another instance on the same file) must refuse
/// tokens on the very next request.
/// </summary>
public sealed class SqliteDataVersionTests
{
    private SqliteTestDatabase _database = null!;

    [SetUp]
    public async Task CreateDatabase() => _database = await SqliteTestDatabase.CreateAsync();

    [TearDown]
    public async Task RemoveDatabase() => await _database.DisposeAsync();

    [Test]
    public async Task Read_StandsWhileNothingIsCommitted_AndChangesAfterACommitOnAnotherConnection()
    {
        await _database.InsertAsync(SampleEmployees.Behai());
        var dataVersion = _database.DataVersion();

        var first = dataVersion.Read();
        var unchanged = dataVersion.Read();
        await _database.ScalarAsync("UPDATE employees SET first_name = 'Other'");
        var changed = dataVersion.Read();

        Assert.That(unchanged, Is.EqualTo(first));
        Assert.That(changed, Is.Not.EqualTo(first));
    }

    [Test]
    public async Task FindTokensValidAfterAsync_AfterACutoffWrittenBehindTheStoresBack_ReturnsTheNewCutoff()
    {
        var behai = SampleEmployees.Behai();
        await _database.InsertAsync(behai);
        var store = _database.Store();
        var cutoff = new DateTimeOffset(2026, 11, 27, 11, 0, 0, TimeSpan.Zero);

        var remembered = await store.FindTokensValidAfterAsync(behai.EmpNo, CancellationToken.None);
        await _database.ScalarAsync($"UPDATE employees SET tokens_valid_after = {cutoff.ToUnixTimeMilliseconds()} WHERE emp_no = {behai.EmpNo}");
        var afterCommand = await store.FindTokensValidAfterAsync(behai.EmpNo, CancellationToken.None);
        await _database.ScalarAsync($"DELETE FROM employees WHERE emp_no = {behai.EmpNo}");
        var afterRemove = await store.FindTokensValidAfterAsync(behai.EmpNo, CancellationToken.None);

        Assert.That(remembered, Is.EqualTo(DateTimeOffset.MinValue));
        Assert.That(afterCommand, Is.EqualTo(cutoff));
        Assert.That(afterRemove, Is.Null);
    }

    [Test]
    public async Task FindTokensValidAfterAsync_WhenTheFileCannotBeOpened_IsUnavailable_AndAnswersOnceItCan()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"fal-db-later-{Guid.NewGuid():N}");
        var connectionString = $"Data Source={Path.Combine(folder, "employees.db")}";
        var options = _database.Options(connectionString: connectionString);
        using var dataVersion = new SqliteDataVersion(connectionString, commandTimeoutSeconds: 1);
        var store = new EfEmployeeStore(SqliteTestDatabase.Calls(options), dataVersion);
        try
        {
            Assert.That(async () => await store.FindTokensValidAfterAsync(500222, CancellationToken.None),
                Throws.TypeOf<ResourceUnavailableException>());

            Directory.CreateDirectory(folder);
            await _database.Migrator(connectionString: connectionString).MigrateAsync(CancellationToken.None);

            Assert.That(await store.FindTokensValidAfterAsync(500222, CancellationToken.None), Is.Null);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            dataVersion.Dispose();
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
