using FastApiLearning.Domain.Employees;
using FastApiLearning.Infrastructure.Persistence;
using FastApiLearning.TestSupport.Persistence;
using FastApiLearning.WebApi.PostgresTests.Support;

namespace FastApiLearning.WebApi.PostgresTests.Persistence;

/// <summary>
/// The refresh-token and code contract on PostgreSQL 15: one migrated database for the fixture, emptied and
/// filled afresh for each test (TRUNCATE … CASCADE takes the sessions along), with the stores of two
/// instances over their own pooled connections.
/// </summary>
public sealed class PostgresSessionStoreTests : SessionStoreContract
{
    private PostgresTestDatabase _database = null!;

    [OneTimeSetUp]
    public async Task CreateDatabase() => _database = await PostgresTestDatabase.CreateAsync("session_contract");

    [OneTimeTearDown]
    public async Task DropDatabase() => await _database.DisposeAsync();

    protected override async Task<Stores> CreateAsync(TimeProvider clock, params Employee[] employees)
    {
        await _database.ResetAsync(employees);
        return new Stores(
            _database.Store(),
            new EfRefreshTokenStore(_database.Calls(), clock),
            new EfAuthorizationCodeStore(_database.Calls(), clock),
            new EfRefreshTokenStore(_database.Calls(), clock),
            new EfAuthorizationCodeStore(_database.Calls(), clock));
    }
}
