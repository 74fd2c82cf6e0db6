using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Domain.Employees;
using FastApiLearning.TestSupport.Persistence;
using FastApiLearning.WebApi.PostgresTests.Support;

namespace FastApiLearning.WebApi.PostgresTests.Persistence;

/// <summary>
/// The employees store contract on PostgreSQL 15: one migrated database for the fixture, emptied and
/// filled afresh for each test, behind one store as the app holds it (a singleton over pooled connections).
/// </summary>
public sealed class PostgresEmployeeStoreTests : EmployeeStoreContract
{
    private PostgresTestDatabase _database = null!;
    private IEmployeeStore _store = null!;
    private IEmployeeImport _import = null!;

    [OneTimeSetUp]
    public async Task CreateDatabase()
    {
        _database = await PostgresTestDatabase.CreateAsync("store_contract");
        _store = _database.Store();
        _import = _database.Import();
    }

    [OneTimeTearDown]
    public async Task DropDatabase() => await _database.DisposeAsync();

    protected override async Task<(IEmployeeStore Store, IEmployeeImport Import)> CreateAsync(params Employee[] employees)
    {
        await _database.ResetAsync(employees);
        return (_store, _import);
    }
}
