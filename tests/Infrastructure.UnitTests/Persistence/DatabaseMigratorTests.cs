using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Domain.Employees;
using FastApiLearning.Infrastructure.Persistence;
using FastApiLearning.TestSupport.Employees;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Time.Testing;

namespace FastApiLearning.Infrastructure.UnitTests.Persistence;

public sealed class DatabaseMigratorTests
{
    // As the sample file (src/Infrastructure/Data/employees.json) holds them.
    private const string BehaiSeedHash = "$argon2id$v=19$m=19456,t=2,p=1$R1Fi5ctIRz8dM4oKbxa7uw$I2RspsR0nN3XaWI8cSTQMvYlUjc2VbtD0IGn/2d33rw";
    private const string PranavSeedHash = "$argon2id$v=19$m=19456,t=2,p=1$QORzl1n+S1zdY7Q3J3ClFw$8NwYpoYw23EeSdIlW/rCFkiVRj5b75oOEmIcZklCSjc";

    // The sample users the directory issue added, as the file holds them (but their hashes), and every grant.
    private static readonly Employee[] s_newSampleUsers =
    [
        new(10005, "kyoichi.maliniak.10005@gmail.com", "", new DateOnly(1955, 1, 21), "Kyoichi", "Maliniak", Gender.M, new DateOnly(1989, 9, 12)),
        new(10011, "mary.sluis.10011@gmail.com", "", new DateOnly(1953, 11, 7), "Mary", "Sluis", Gender.F, new DateOnly(1990, 1, 22)),
        new(10045, "moss.shanbhogue.10045@gmail.com", "", new DateOnly(1957, 8, 14), "Moss", "Shanbhogue", Gender.M, new DateOnly(1989, 9, 2)),
    ];

    private static readonly Dictionary<int, string[]> s_sampleGrants = new()
    {
        [10005] = [Scopes.AdminRead, Scopes.AdminWrite],
        [10011] = [Scopes.Super],
        [10045] = [],
        [10198] = [Scopes.UserRead],
        [500222] = [Scopes.UserRead, Scopes.UserWrite],
    };

    /// <summary>A guard against a hang (the bug being tested), not a timing assertion.</summary>
    private static readonly TimeSpan s_hangGuard = TimeSpan.FromSeconds(60);

    private SqliteTestDatabase _database = null!;

    [SetUp]
    public async Task CreateDatabase() => _database = await SqliteTestDatabase.CreateAsync(migrate: false);

    [TearDown]
    public async Task RemoveDatabase() => await _database.DisposeAsync();

    [Test]
    public async Task MigrateAsync_OnANewFile_CreatesTheTableInWalMode()
    {
        await _database.Migrator().MigrateAsync(CancellationToken.None);

        Assert.That(await _database.ScalarAsync("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'employees'"), Is.EqualTo(1));
        Assert.That(await _database.Migrator().PendingMigrationsAsync(CancellationToken.None), Is.Empty);
        await using var connection = await _database.OpenAsync();
        await using var mode = connection.CreateCommand();
        mode.CommandText = "PRAGMA journal_mode";
        Assert.That(await mode.ExecuteScalarAsync(), Is.EqualTo("wal"));
    }

    [Test]
    public async Task MigrateAsync_ThroughThePooledContextsOfTheStore_LeavesThemTheRequestsTimeout()
    {
        // A migration's statements may take minutes; a request's may not, on a context the pool hands out again.
        var contexts = SqliteTestDatabase.ContextsFor(_database.Options(timeout: TimeSpan.FromSeconds(2)));

        await _database.Migrator(contexts: contexts).MigrateAsync(CancellationToken.None);

        await using var db = await contexts.CreateDbContextAsync();
        Assert.That(db.Database.GetCommandTimeout(), Is.EqualTo(2));
    }

    [Test]
    public async Task MigrateAsync_InAFolderThatDoesNotExistYet_CreatesIt()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"fal-db-{Guid.NewGuid():N}", "data");
        var migrator = _database.Migrator(connectionString: $"Data Source={Path.Combine(folder, "employees.db")};Pooling=False");

        try
        {
            await migrator.MigrateAsync(CancellationToken.None);

            Assert.That(File.Exists(Path.Combine(folder, "employees.db")), Is.True);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(folder)!, recursive: true);
        }
    }

    [Test]
    public async Task MigrateAsync_WhenAKilledMigrationLeftItsLock_ClearsTheStaleLockAndMigrates()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
        await LeaveLockAsync(clock.GetUtcNow() - TimeSpan.FromMinutes(5));

        await _database.Migrator(timeProvider: clock).MigrateAsync(CancellationToken.None).WaitAsync(s_hangGuard);

        Assert.That(await _database.ScalarAsync("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'employees'"), Is.EqualTo(1));
        Assert.That(await _database.ScalarAsync($"SELECT COUNT(*) FROM \"{DatabaseMigrator.SqliteLockTable}\""), Is.Zero);
    }

    [Test]
    public async Task MigrateAsync_WhileAnotherProcessHoldsAFreshLock_WaitsForItInsteadOfClearingIt()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));
        await LeaveLockAsync(clock.GetUtcNow() - TimeSpan.FromSeconds(5));
        using var giveUp = new CancellationTokenSource();

        var migration = _database.Migrator(timeProvider: clock).MigrateAsync(giveUp.Token);
        // Still waiting once the lock has been looked at (the fresh row is still there): stop waiting.
        giveUp.CancelAfter(TimeSpan.FromSeconds(1));

        Assert.That(async () => await migration.WaitAsync(s_hangGuard), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(await _database.ScalarAsync($"SELECT COUNT(*) FROM \"{DatabaseMigrator.SqliteLockTable}\""), Is.EqualTo(1));
        Assert.That(await _database.ScalarAsync("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'employees'"), Is.Zero);
    }

    [Test]
    public async Task SeedSampleUsersAsync_IntoAnEmptyDatabase_InsertsTheSampleFilesRowsAndGrants()
    {
        var migrator = _database.Migrator("Development");
        await migrator.MigrateAsync(CancellationToken.None);

        var inserted = await migrator.SeedSampleUsersAsync(CancellationToken.None);

        Assert.That(inserted, Is.EqualTo(5));
        var store = _database.Store();
        Assert.That(await store.FindByEmailAsync(SampleEmployees.BehaiEmail, CancellationToken.None), Is.EqualTo(SampleEmployees.Behai(BehaiSeedHash)));
        Assert.That(await store.FindByEmailAsync(SampleEmployees.PranavEmail, CancellationToken.None), Is.EqualTo(SampleEmployees.Pranav(PranavSeedHash)));
        foreach (var expected in s_newSampleUsers)
        {
            var found = await store.FindByEmailAsync(expected.Email, CancellationToken.None);
            Assert.That(found, Is.EqualTo(expected with { PasswordHash = found?.PasswordHash ?? "" }));
            Assert.That(found?.PasswordHash, Does.StartWith("$argon2id$v=19$m=19456,t=2,p=1$"));
        }

        Assert.That(await GrantsAsync(), Is.EqualTo(s_sampleGrants));
        var directory = _database.Directory();
        Assert.That((await directory.SearchAsync(new EmployeeSearch(NamePattern.Parse("SLU"), null, 1, 10), CancellationToken.None)).Employees.Single().EmpNo,
            Is.EqualTo(10011), "the lower-cased names are written");
        Assert.That((await directory.FindVersionedAsync(10011, CancellationToken.None))?.Version, Is.EqualTo(1));
    }

    [Test]
    public async Task SeedSampleUsersAsync_IntoAnExistingDatabase_AddsTheMissingAndLeavesTheOthersAsTheyAre()
    {
        var migrator = _database.Migrator("Development");
        await migrator.MigrateAsync(CancellationToken.None);
        // Be Hai's password was changed since, and his scopes taken away; someone else was added.
        var changedBehai = SampleEmployees.Behai("$argon2id$v=19$m=19456,t=2,p=1$Y2hhbmdlZA$Y2hhbmdlZA") with { LastName = "Nguyen" };
        var other = SampleEmployees.Pranav() with { EmpNo = 1, Email = "other@example.com" };
        await _database.InsertAsync(changedBehai, other);
        await _database.Grants().SetGrantedScopesAsync(changedBehai.EmpNo, [], DateTimeOffset.UnixEpoch, CancellationToken.None);

        var inserted = await migrator.SeedSampleUsersAsync(CancellationToken.None);

        Assert.That(inserted, Is.EqualTo(4));
        var store = _database.Store();
        var listed = await store.ListAsync(0, 2, CancellationToken.None);
        Assert.That(listed[0], Is.EqualTo(other));
        Assert.That(listed[1] with { PasswordHash = "" }, Is.EqualTo(s_newSampleUsers[0]));
        Assert.That(await store.FindByEmpNoAsync(SampleEmployees.Pranav().EmpNo, CancellationToken.None), Is.EqualTo(SampleEmployees.Pranav(PranavSeedHash)));
        Assert.That(await store.FindByEmpNoAsync(changedBehai.EmpNo, CancellationToken.None), Is.EqualTo(changedBehai));
        var grants = await GrantsAsync();
        Assert.That(grants[changedBehai.EmpNo], Is.Empty, "a grant recorded since is kept");
        Assert.That(grants.Where(grant => grant.Key != changedBehai.EmpNo), Is.EquivalentTo(s_sampleGrants.Where(grant => grant.Key != changedBehai.EmpNo)));
        Assert.That(grants.ContainsKey(other.EmpNo), Is.False);
    }

    [Test]
    public async Task SeedSampleUsersAsync_WhenASampleEmpNoBelongsToSomeoneElse_GrantsByEmpNo_AndAgainInsertsNothing()
    {
        // An existing development database with the MySQL sample imported: 10005 is there already.
        var migrator = _database.Migrator("Development");
        await migrator.MigrateAsync(CancellationToken.None);
        var imported = s_newSampleUsers[0] with { PasswordHash = Domain.Employees.Employee.NoPassword, Email = "imported.10005@example.com" };
        await _database.InsertAsync(imported);

        var first = await migrator.SeedSampleUsersAsync(CancellationToken.None);
        var second = await migrator.SeedSampleUsersAsync(CancellationToken.None);

        Assert.That(first, Is.EqualTo(4));
        Assert.That(second, Is.Zero);
        Assert.That(await _database.Store().FindByEmpNoAsync(10005, CancellationToken.None), Is.EqualTo(imported), "the row stays as it is");
        Assert.That(await GrantsAsync(), Is.EqualTo(s_sampleGrants));
    }

    [Test]
    public async Task MigrateAsync_ADatabaseOfTheFirstMigration_FillsTheLowerCasedNamesAndTheVersionOfItsRows()
    {
        // A database made before the directory existed, with a row in it.
        await using (var db = await SqliteTestDatabase.ContextsFor(_database.Options()).CreateDbContextAsync())
        {
            await db.GetService<IMigrator>().MigrateAsync("20261127081926_InitialEmployees");
        }

        await using (var connection = await _database.OpenAsync())
        {
            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO employees (emp_no, email, password, birth_date, first_name, last_name, gender, hire_date) "
                + "VALUES (10001, 'georgi@example.com', '!no-password', '1953-09-02', 'Georgi', 'Facello', 'M', '1986-06-26')";
            await insert.ExecuteNonQueryAsync();
        }

        await _database.Migrator().MigrateAsync(CancellationToken.None);

        Assert.That(await _database.Migrator().PendingMigrationsAsync(CancellationToken.None), Is.Empty);
        var page = await _database.Directory().SearchAsync(new EmployeeSearch(NamePattern.Parse("FACE"), NamePattern.Parse("geo"), 1, 10), CancellationToken.None);
        Assert.That(page.Employees.Select(e => e.EmpNo), Is.EqualTo(new[] { 10001 }));
        Assert.That((await _database.Directory().FindVersionedAsync(10001, CancellationToken.None))?.Version, Is.EqualTo(1));
        Assert.That(await _database.Grants().FindGrantedScopesAsync(10001, CancellationToken.None), Is.Null, "nothing recorded: the default scope");
    }

    [TestCase("Development", null, true)]
    [TestCase("Testing", null, false)]
    [TestCase("Staging", null, false)]
    [TestCase("Production", null, false)]
    [TestCase("Production", true, true)]
    [TestCase("Development", false, false)]
    public void SeedsSampleUsers_ByDefaultOnlyInDevelopment(string environment, bool? setting, bool seeds)
    {
        Assert.That(_database.Migrator(environment, setting).SeedsSampleUsers, Is.EqualTo(seeds));
    }

    /// <summary>Every grant row, by emp_no.</summary>
    private async Task<Dictionary<int, string[]>> GrantsAsync()
    {
        await using var connection = await _database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT emp_no, scopes FROM employee_scopes ORDER BY emp_no";
        await using var reader = await command.ExecuteReaderAsync();
        var grants = new Dictionary<int, string[]>();
        while (await reader.ReadAsync())
        {
            grants[reader.GetInt32(0)] = reader.GetString(1).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        }

        return grants;
    }

    /// <summary>What a process killed while migrating leaves: EF Core's lock table with its row.</summary>
    private async Task LeaveLockAsync(DateTimeOffset takenAt)
    {
        await using var connection = await _database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            CREATE TABLE "{DatabaseMigrator.SqliteLockTable}" ("Id" INTEGER NOT NULL CONSTRAINT "PK___EFMigrationsLock" PRIMARY KEY, "Timestamp" TEXT NOT NULL);
            INSERT INTO "{DatabaseMigrator.SqliteLockTable}" ("Id", "Timestamp") VALUES (1, $takenAt);
            """;
        command.Parameters.AddWithValue("$takenAt", takenAt.ToString("yyyy-MM-dd HH:mm:ss.fffffffzzz", System.Globalization.CultureInfo.InvariantCulture));
        await command.ExecuteNonQueryAsync();
    }
}
