using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Domain.Employees;
using FastApiLearning.TestSupport.Employees;
using FastApiLearning.WebApi.PostgresTests.Support;
using FluentValidation;

namespace FastApiLearning.WebApi.PostgresTests.Persistence;

/// <summary>
/// A first name one character longer than the column (varchar(14)) on PostgreSQL, which refuses it with
/// SQLSTATE 22001 before any CHECK: the validators stop it at the command line (exit 2 naming the option),
/// and if it reaches the table anyway it is a validation failure (a 400, exit 2) or the import's refused
/// line, never a 500 or a crash.
/// </summary>
public sealed class TooLongValueTests
{
    private static readonly string s_fifteenCharacters = new('A', Employee.MaxFirstNameLength + 1);

    private PostgresTestDatabase _database = null!;

    [OneTimeSetUp]
    public async Task CreateDatabase() => _database = await PostgresTestDatabase.CreateAsync("too_long");

    [OneTimeTearDown]
    public async Task DropDatabase() => await _database.DisposeAsync();

    [SetUp]
    public async Task StartWithTheSampleUsers() => await _database.ResetAsync(SampleEmployees.Behai(), SampleEmployees.Pranav());

    [Test]
    public async Task EmployeesAdd_WithAFirstNameLongerThanTheColumn_ExitsWith2NamingTheOptionAndAddsNobody()
    {
        var settings = PostgresAppInstance.Settings(_database.ConnectionString, PostgresAppInstance.NewSigningKey());

        var result = await CommandLine.RunAsync(settings,
            ["employees", "add", "--email", "long.name@example.com", "--first-name", s_fifteenCharacters, "--last-name", "Lovelace",
                "--gender", "F", "--birth-date", "1985-12-10", "--hire-date", "2024-01-15", "--password-stdin"],
            "a long enough new password\n");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("first-name must be at most 14 characters"));
        Assert.That(result.Error + result.Out, Does.Not.Contain("   at "), "no stack trace");
        Assert.That(await _database.ScalarAsync<long>("SELECT count(*) FROM employees"), Is.EqualTo(2));
    }

    [Test]
    public async Task AddAsync_WithAFirstNameLongerThanTheColumn_ThrowsAValidationFailureForTheField()
    {
        IEmployeeStore store = _database.Store();
        var tooLong = new NewEmployee("long.name@example.com", Employee.NoPassword, new DateOnly(1985, 12, 10),
            s_fifteenCharacters, "Lovelace", Gender.F, new DateOnly(2024, 1, 15));

        var error = await Assert.ThrowsAsync<ValidationException>(async () => await store.AddAsync(tooLong, CancellationToken.None));

        // 22001 names no column (PostgreSQL checks the varchar(14) before the CHECK that would name it).
        Assert.That(error?.Errors.Select(e => e.ErrorMessage), Is.EqualTo(new[] { "A value is longer than the employees table allows." }));
        Assert.That(await store.FindByEmailAsync("long.name@example.com", CancellationToken.None), Is.Null);
        Assert.That(await _database.ScalarAsync<long>("SELECT count(*) FROM employees"), Is.EqualTo(2));
    }

    [Test]
    public async Task ImportAsync_WithAFirstNameLongerThanTheColumn_NamesItsLineAndWritesNothing()
    {
        IEmployeeImport import = _database.Import();

        var error = await Assert.ThrowsAsync<ImportFormatException>(async () => await import.ImportAsync(
            Rows(
                new ImportedEmployee(10001, new DateOnly(1953, 9, 2), "Georgi", "Facello", Gender.M, new DateOnly(1986, 6, 26), "georgi@example.com", 1),
                new ImportedEmployee(10002, new DateOnly(1964, 6, 2), s_fifteenCharacters, "Simmel", Gender.F, new DateOnly(1985, 11, 21), "bezalel@example.com", 2)),
            Employee.NoPassword, update: false, progress: null, CancellationToken.None));

        Assert.That(error?.LineNumber, Is.EqualTo(2));
        Assert.That(error?.Message, Does.StartWith("Line 2:").And.Contain("longer than the employees table allows"));
        Assert.That(await _database.ScalarAsync<long>("SELECT count(*) FROM employees"), Is.EqualTo(2), "all or nothing");
    }

    private static async IAsyncEnumerable<ImportedEmployee> Rows(params ImportedEmployee[] rows)
    {
        foreach (var row in rows)
        {
            await Task.Yield();
            yield return row;
        }
    }
}
