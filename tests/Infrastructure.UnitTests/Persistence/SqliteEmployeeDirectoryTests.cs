using FastApiLearning.Domain.Employees;
using FastApiLearning.TestSupport.Persistence;

namespace FastApiLearning.Infrastructure.UnitTests.Persistence;

/// <summary>The directory and grants contract on SQLite: a migrated file per test.</summary>
public sealed class SqliteEmployeeDirectoryTests : EmployeeDirectoryContract
{
    private readonly List<SqliteTestDatabase> _databases = [];

    protected override async Task<Stores> CreateAsync(params Employee[] employees)
    {
        var database = await SqliteTestDatabase.CreateAsync();
        _databases.Add(database);
        await database.InsertAsync(employees);
        return new Stores(database.Store(), database.Directory(), database.Grants(), database.Import());
    }

    [TearDown]
    public async Task RemoveDatabases()
    {
        foreach (var database in _databases)
        {
            await database.DisposeAsync();
        }

        _databases.Clear();
    }
}
