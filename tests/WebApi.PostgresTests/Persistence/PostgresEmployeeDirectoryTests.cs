using FastApiLearning.Domain.Employees;
using FastApiLearning.TestSupport.Persistence;
using FastApiLearning.WebApi.PostgresTests.Support;

namespace FastApiLearning.WebApi.PostgresTests.Persistence;

/// <summary>
/// The directory and grants contract on PostgreSQL 15: one migrated database for the fixture, emptied and
/// filled afresh for each test, behind stores as the app holds them (singletons over pooled connections).
/// The database sorts text linguistically (ICU en-US), as production databases often do: the lower-cased
/// names are kept in collation "C", so the search still answers as SQLite and the Fake store do.
/// </summary>
public sealed class PostgresEmployeeDirectoryTests : EmployeeDirectoryContract
{
    private PostgresTestDatabase _database = null!;
    private Stores _stores = null!;

    [OneTimeSetUp]
    public async Task CreateDatabase()
    {
        _database = await PostgresTestDatabase.CreateAsync("directory_contract", linguisticCollation: true);
        _stores = new Stores(_database.Store(), _database.Directory(), _database.Grants(), _database.Import());
    }

    [OneTimeTearDown]
    public async Task DropDatabase() => await _database.DisposeAsync();

    protected override async Task<Stores> CreateAsync(params Employee[] employees)
    {
        await _database.ResetAsync(employees);
        return _stores;
    }
}
