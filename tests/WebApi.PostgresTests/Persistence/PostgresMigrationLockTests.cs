using FastApiLearning.Infrastructure.Persistence;
using FastApiLearning.WebApi.PostgresTests.Support;
using Npgsql;

namespace FastApiLearning.WebApi.PostgresTests.Persistence;

/// <summary>
/// Instances migrating one database take turns over the whole run: EF Core's own PostgreSQL lock is let go
/// between two migrations, so the migrator holds a session-level advisory lock of its own, and lets go of it.
/// </summary>
public sealed class PostgresMigrationLockTests
{
    /// <summary>A guard against a hang (the bug being tested), not a timing assertion.</summary>
    private static readonly TimeSpan s_hangGuard = TimeSpan.FromSeconds(60);

    private PostgresTestDatabase _database = null!;

    [SetUp]
    public async Task CreateDatabase() => _database = await PostgresTestDatabase.CreateAsync("migration_lock", migrate: false);

    [TearDown]
    public async Task DropDatabase() => await _database.DisposeAsync();

    [Test]
    public async Task MigrateAsync_WhenDone_LetsGoOfTheLock()
    {
        await _database.Migrator().MigrateAsync(CancellationToken.None);

        Assert.That(await _database.Migrator().PendingMigrationsAsync(CancellationToken.None), Is.Empty);
        Assert.That(await _database.ScalarAsync<long>("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"), Is.Zero);
    }

    [Test]
    public async Task MigrateAsync_WhileAnotherInstanceHoldsTheMigrationLock_WaitsAndAppliesNothingUntilItIsLetGo()
    {
        // EF Core's own lock is let go between two migrations; the migrator's is held over all of them.
        await using var other = await _database.OpenAsync();
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({DatabaseMigrator.PostgresMigrationLock})", other))
        {
            await take.ExecuteNonQueryAsync();
        }

        var migration = _database.Migrator().MigrateAsync(CancellationToken.None);
        await WaitForAsync(async () => await _database.ScalarAsync<long>("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted") == 1);
        var tablesWhileWaiting = await _database.ScalarAsync<long>("SELECT count(*) FROM information_schema.tables WHERE table_name = 'employees'");
        await using (var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({DatabaseMigrator.PostgresMigrationLock})", other))
        {
            await release.ExecuteNonQueryAsync();
        }

        await migration.WaitAsync(s_hangGuard);

        Assert.That(tablesWhileWaiting, Is.Zero, "nothing applied while the other instance migrated");
        Assert.That(await _database.Migrator().PendingMigrationsAsync(CancellationToken.None), Is.Empty);
    }

    /// <summary>Until <paramref name="condition"/> holds (a state of the server, looked at again and again), within the hang guard.</summary>
    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        using var giveUp = new CancellationTokenSource(s_hangGuard);
        while (!await condition())
        {
            await Task.Delay(10, giveUp.Token);
        }
    }
}
