using FastApiLearning.Application.Common.Exceptions;
using FastApiLearning.Infrastructure.Persistence;
using FastApiLearning.TestSupport.Employees;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FastApiLearning.Infrastructure.UnitTests.Persistence;

/// <summary>A database out of reach is a 503 (<see cref="ResourceUnavailableException"/>) after a bounded wait, never a 500.</summary>
public sealed class SqliteUnavailableTests
{
    private static readonly TimeSpan s_shortTimeout = TimeSpan.FromSeconds(1);

    private SqliteTestDatabase _database = null!;

    [SetUp]
    public async Task CreateDatabase() => _database = await SqliteTestDatabase.CreateAsync();

    [TearDown]
    public async Task RemoveDatabase() => await _database.DisposeAsync();

    [Test]
    public async Task Write_WhileAnotherConnectionHoldsTheWriteLock_IsUnavailableAfterTheTimeout()
    {
        var behai = SampleEmployees.Behai();
        await _database.InsertAsync(behai);
        await using var other = await _database.OpenAsync();
        await using var transaction = await other.BeginTransactionAsync();
        await using (var write = other.CreateCommand())
        {
            write.CommandText = "UPDATE employees SET first_name = 'Locked'";
            await write.ExecuteNonQueryAsync();
        }

        var store = _database.Store(s_shortTimeout);

        var error = await Assert.ThrowsAsync<ResourceUnavailableException>(async () =>
            await store.SetTokensValidAfterAsync(behai.EmpNo, DateTimeOffset.UtcNow, CancellationToken.None));
        Assert.That(error?.RetryAfter, Is.GreaterThan(TimeSpan.Zero));
        Assert.That(await store.FindTokensValidAfterAsync(behai.EmpNo, CancellationToken.None), Is.EqualTo(DateTimeOffset.MinValue),
            "readers do not wait for the writer (WAL)");
    }

    [Test]
    public async Task AnyCall_WhenTheFileCannotBeOpened_IsUnavailable()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"fal-no-such-folder-{Guid.NewGuid():N}", "employees.db");
        var options = _database.Options();
        options.ConnectionString = $"Data Source={missing}";
        var store = new EfEmployeeStore(SqliteTestDatabase.Calls(options));

        Assert.That(async () => await store.FindByEmailAsync(SampleEmployees.BehaiEmail, CancellationToken.None),
            Throws.TypeOf<ResourceUnavailableException>());
        Assert.That(async () => await store.FindTokensValidAfterAsync(500222, CancellationToken.None),
            Throws.TypeOf<ResourceUnavailableException>());
    }

    [Test]
    public async Task HealthCheck_WhenTheDatabaseAnswers_IsHealthy_AndWhenTheTableIsGone_Unhealthy()
    {
        var check = new DatabaseHealthCheck(SqliteTestDatabase.Calls(_database.Options()));

        var healthy = await check.CheckHealthAsync(new HealthCheckContext());
        await _database.ScalarAsync("DROP TABLE employees");
        var unhealthy = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.That(healthy.Status, Is.EqualTo(HealthStatus.Healthy));
        Assert.That(unhealthy.Status, Is.EqualTo(HealthStatus.Unhealthy));
    }
}
