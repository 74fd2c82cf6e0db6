using FastApiLearning.Domain.Employees;
using FastApiLearning.TestSupport.Persistence;

namespace FastApiLearning.Infrastructure.UnitTests.Persistence;

/// <summary>The refresh-token and code contract on SQLite: a migrated file per test, two instances' stores over it.</summary>
public sealed class SqliteSessionStoreTests : SessionStoreContract
{
    private readonly List<SqliteTestDatabase> _databases = [];

    protected override async Task<Stores> CreateAsync(TimeProvider clock, params Employee[] employees)
    {
        var database = await SqliteTestDatabase.CreateAsync();
        _databases.Add(database);
        await database.InsertAsync(employees);
        return new Stores(database.Store(), database.RefreshTokens(clock), database.Codes(clock), database.RefreshTokens(clock), database.Codes(clock));
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
