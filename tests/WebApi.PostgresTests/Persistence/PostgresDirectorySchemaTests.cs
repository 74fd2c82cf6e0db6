using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Domain.Employees;
using FastApiLearning.TestSupport.Employees;
using FastApiLearning.WebApi.PostgresTests.Support;
using FluentValidation;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace FastApiLearning.WebApi.PostgresTests.Persistence;

/// <summary>
/// The directory's schema on PostgreSQL: the migration over rows already there, the sample users and their
/// grants seeded in Development, and text PostgreSQL cannot keep (U+0000, a lone surrogate) refused as a
/// validation failure.
/// </summary>
public sealed class PostgresDirectorySchemaTests
{
    private readonly List<PostgresTestDatabase> _databases = [];

    [TearDown]
    public async Task DropDatabases()
    {
        foreach (var database in _databases)
        {
            await database.DisposeAsync();
        }

        _databases.Clear();
    }

    [Test]
    public async Task MigrateAsync_ADatabaseOfTheFirstMigration_FillsTheLowerCasedNamesAndTheVersionOfItsRows()
    {
        var database = await CreateAsync("migrate_existing", migrate: false);
        await using (var db = await database.Contexts().CreateDbContextAsync())
        {
            await db.GetService<IMigrator>().MigrateAsync("20261127082033_InitialEmployees");
        }

        await Execute(database, "INSERT INTO employees (emp_no, email, password, birth_date, first_name, last_name, gender, hire_date) "
            + "VALUES (10001, 'georgi@example.com', '!no-password', DATE '1953-09-02', 'Georgi', 'Facello', 'M', DATE '1986-06-26')");

        await database.Migrator().MigrateAsync(CancellationToken.None);

        Assert.That(await database.Migrator().PendingMigrationsAsync(CancellationToken.None), Is.Empty);
        var page = await database.Directory().SearchAsync(new EmployeeSearch(NamePattern.Parse("FACE"), NamePattern.Parse("geo"), 1, 10), CancellationToken.None);
        Assert.That(page.Employees.Select(e => e.EmpNo), Is.EqualTo(new[] { 10001 }));
        Assert.That((await database.Directory().FindVersionedAsync(10001, CancellationToken.None))?.Version, Is.EqualTo(1));
        Assert.That(await database.ScalarAsync<string>(
            "SELECT collation_name::text FROM information_schema.columns WHERE table_name = 'employees' AND column_name = 'last_name_lower'"), Is.EqualTo("C"));
    }

    [Test]
    public async Task Insert_PastTheApp_WithoutTheLowerCasedNames_IsRefused()
    {
        // The column default the migration needed for the rows already there is gone: such a row would never be found.
        var database = await CreateAsync("no_lower_default");

        var error = await Assert.ThrowsAsync<PostgresException>(async () => await Execute(database,
            "INSERT INTO employees (emp_no, email, password, birth_date, first_name, last_name, gender, hire_date) "
            + "VALUES (1, 'x@example.com', '!no-password', DATE '1980-01-02', 'First', 'Last', 'F', DATE '2020-03-04')"));

        Assert.That(error?.SqlState, Is.EqualTo(PostgresErrorCodes.NotNullViolation));
    }

    [Test]
    public async Task SeedSampleUsersAsync_InDevelopment_InsertsTheFiveWithTheirGrants_AndOnASecondRunNothing()
    {
        var database = await CreateAsync("seed_grants");
        await database.ResetAsync(SampleEmployees.Behai());
        var migrator = database.Migrator("Development");

        var first = await migrator.SeedSampleUsersAsync(CancellationToken.None);
        var second = await migrator.SeedSampleUsersAsync(CancellationToken.None);

        Assert.That(first, Is.EqualTo(4), "Be Hai was there");
        Assert.That(second, Is.Zero);
        var grants = database.Grants();
        Assert.That(await grants.FindGrantedScopesAsync(500222, CancellationToken.None), Is.EqualTo(new[] { Scopes.UserRead, Scopes.UserWrite }));
        Assert.That(await grants.FindGrantedScopesAsync(10198, CancellationToken.None), Is.EqualTo(new[] { Scopes.UserRead }));
        Assert.That(await grants.FindGrantedScopesAsync(10005, CancellationToken.None), Is.EqualTo(new[] { Scopes.AdminRead, Scopes.AdminWrite }));
        Assert.That(await grants.FindGrantedScopesAsync(10011, CancellationToken.None), Is.EqualTo(new[] { Scopes.Super }));
        Assert.That(await grants.FindGrantedScopesAsync(10045, CancellationToken.None), Is.Not.Null.And.Empty);
        var mary = await database.Directory().SearchAsync(new EmployeeSearch(NamePattern.Parse("sluis"), NamePattern.Parse("MARY"), 1, 10), CancellationToken.None);
        Assert.That(mary.Employees.Select(e => e.Email), Is.EqualTo(new[] { "mary.sluis.10011@gmail.com" }));
    }

    // U+0000 is refused by the server (22021), a lone surrogate by Npgsql's encoder: a 400, never a 500.
    // (Not [TestCase]: an attribute's strings are kept as UTF-8, which has no lone surrogate.)
    private static IEnumerable<TestCaseData> UnkeepableNames(string operation)
    {
        yield return new TestCaseData("Be\0Hai").SetName($"{operation}_WithANulInAName_ThrowsAValidationFailure_AndWritesNothing");
        yield return new TestCaseData("Be\uD800Hai").SetName($"{operation}_WithALoneSurrogateInAName_ThrowsAValidationFailure_AndWritesNothing");
    }

    [TestCaseSource(nameof(UnkeepableNames), new object[] { "UpdateAsync" })]
    public async Task UpdateAsync_WithTextPostgresCannotKeep(string firstName)
    {
        var database = await CreateAsync("unkeepable_name");
        var behai = SampleEmployees.Behai();
        await database.ResetAsync(behai);
        var details = new EmployeeDetails(behai.Email, firstName, behai.LastName, behai.Gender, behai.BirthDate, behai.HireDate);

        var error = await Assert.ThrowsAsync<ValidationException>(async () => await database.Directory().UpdateAsync(behai.EmpNo, details, 1, CancellationToken.None));

        Assert.That(error?.Errors.Select(e => e.ErrorMessage), Is.EqualTo(new[] { "A value holds a character the employees table cannot keep." }));
        Assert.That(await database.Directory().FindVersionedAsync(behai.EmpNo, CancellationToken.None), Is.EqualTo(new VersionedEmployee(behai, 1)));
    }

    [TestCaseSource(nameof(UnkeepableNames), new object[] { "AddAsync" })]
    public async Task AddAsync_WithTextPostgresCannotKeep(string firstName)
    {
        var database = await CreateAsync("unkeepable_add");
        var employee = new NewEmployee("new@example.com", Employee.NoPassword, new DateOnly(1980, 1, 2), firstName, "Last", Gender.F, new DateOnly(2020, 3, 4));

        var error = await Assert.ThrowsAsync<ValidationException>(async () => await database.Store().AddAsync(employee, CancellationToken.None));

        Assert.That(error?.Errors.Select(e => e.ErrorMessage), Is.EqualTo(new[] { "A value holds a character the employees table cannot keep." }));
        Assert.That(await database.ScalarAsync<long>("SELECT count(*) FROM employees"), Is.Zero);
    }

    private async Task<PostgresTestDatabase> CreateAsync(string purpose, bool migrate = true)
    {
        var database = await PostgresTestDatabase.CreateAsync(purpose, migrate);
        _databases.Add(database);
        return database;
    }

    private static async Task Execute(PostgresTestDatabase database, string sql)
    {
        await using var connection = await database.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
