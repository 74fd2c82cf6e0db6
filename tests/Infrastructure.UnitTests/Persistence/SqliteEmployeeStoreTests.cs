using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Domain.Employees;
using FastApiLearning.TestSupport.Persistence;

namespace FastApiLearning.Infrastructure.UnitTests.Persistence;

/// <summary>The employees store contract on SQLite: a migrated file per test.</summary>
public sealed class SqliteEmployeeStoreTests : EmployeeStoreContract
{
    private readonly List<SqliteTestDatabase> _databases = [];

    protected override async Task<(IEmployeeStore Store, IEmployeeImport Import)> CreateAsync(params Employee[] employees)
    {
        var database = await SqliteTestDatabase.CreateAsync();
        _databases.Add(database);
        await database.InsertAsync(employees);
        return (database.Store(), database.Import());
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
