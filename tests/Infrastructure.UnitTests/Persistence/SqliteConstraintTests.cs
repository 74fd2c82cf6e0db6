using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Domain.Employees;
using FastApiLearning.TestSupport.Employees;
using FluentValidation;
using Microsoft.Data.Sqlite;

namespace FastApiLearning.Infrastructure.UnitTests.Persistence;

/// <summary>
/// SQLite keeps any length in a varchar(n): the table's CHECKs are the last line behind the validators,
/// and what they refuse reaches the caller as a validation failure (a 400), not a 500.
/// </summary>
public sealed class SqliteConstraintTests
{
    private SqliteTestDatabase _database = null!;

    [SetUp]
    public async Task CreateDatabase() => _database = await SqliteTestDatabase.CreateAsync();

    [TearDown]
    public async Task RemoveDatabase() => await _database.DisposeAsync();

    private static readonly object[] s_refusedValues =
    [
        new object[] { "email", $"'{new string('a', Employee.MaxEmailLength - 11)}@example.com'", "ck_employees_email_length" },
        new object[] { "password", $"'{new string('h', Employee.MaxPasswordHashLength + 1)}'", "ck_employees_password_length" },
        new object[] { "first_name", $"'{new string('f', Employee.MaxFirstNameLength + 1)}'", "ck_employees_first_name_length" },
        new object[] { "last_name", $"'{new string('l', Employee.MaxLastNameLength + 1)}'", "ck_employees_last_name_length" },
        new object[] { "gender", "'X'", "ck_employees_gender" },
    ];

    [TestCaseSource(nameof(s_refusedValues))]
    public async Task Insert_PastTheStore_WithAValueTheColumnDoesNotAllow_IsRefusedByItsCheck(string column, string literal, string constraint)
    {
        var values = new Dictionary<string, string>
        {
            ["emp_no"] = "1",
            ["email"] = "'x@example.com'",
            ["password"] = "'!no-password'",
            ["birth_date"] = "'1980-01-02'",
            ["first_name"] = "'First'",
            ["last_name"] = "'Last'",
            ["gender"] = "'F'",
            ["hire_date"] = "'2020-03-04'",
        };
        values[column] = literal;
        await using var connection = await _database.OpenAsync();
        await using var insert = connection.CreateCommand();
        insert.CommandText = $"INSERT INTO employees ({string.Join(", ", values.Keys)}) VALUES ({string.Join(", ", values.Values)})";

        var error = Assert.Throws<SqliteException>(() => insert.ExecuteNonQuery());

        Assert.That(error?.Message, Does.Contain($"CHECK constraint failed: {constraint}"));
    }

    [Test]
    public async Task Insert_PastTheStore_AtEveryLimit_IsAccepted()
    {
        await _database.InsertAsync(SampleEmployees.Behai(new string('h', Employee.MaxPasswordHashLength)) with
        {
            Email = new string('a', Employee.MaxEmailLength - 12) + "@example.com",
            FirstName = new string('f', Employee.MaxFirstNameLength),
            LastName = new string('l', Employee.MaxLastNameLength),
            Gender = Gender.F,
        });

        Assert.That(await _database.ScalarAsync("SELECT COUNT(*) FROM employees"), Is.EqualTo(1));
    }

    [TestCase(nameof(Employee.FirstName))]
    [TestCase(nameof(Employee.LastName))]
    [TestCase(nameof(Employee.Email))]
    public async Task AddAsync_WithAValueTooLongForItsColumn_ThrowsAValidationFailureNamingTheField(string field)
    {
        var store = _database.Store();
        var employee = new NewEmployee("new@example.com", Employee.NoPassword, new DateOnly(1980, 1, 2), "First", "Last", Gender.F, new DateOnly(2020, 3, 4));
        employee = field switch
        {
            nameof(Employee.FirstName) => employee with { FirstName = new string('f', Employee.MaxFirstNameLength + 1) },
            nameof(Employee.LastName) => employee with { LastName = new string('l', Employee.MaxLastNameLength + 1) },
            _ => employee with { Email = new string('e', 10_000) + "@example.com" },
        };

        var error = await Assert.ThrowsAsync<ValidationException>(async () => await store.AddAsync(employee, CancellationToken.None));

        Assert.That(error?.Errors.Select(failure => failure.PropertyName), Is.EqualTo(new[] { field }));
        Assert.That(await _database.ScalarAsync("SELECT COUNT(*) FROM employees"), Is.Zero);
    }

    [Test]
    public async Task ReplacePasswordHashAsync_WithAHashTooLongForItsColumn_ThrowsAValidationFailureAndKeepsTheOldHash()
    {
        var behai = SampleEmployees.Behai();
        await _database.InsertAsync(behai);
        var store = _database.Store();

        var error = await Assert.ThrowsAsync<ValidationException>(async () =>
            await store.ReplacePasswordHashAsync(behai.EmpNo, behai.PasswordHash, new string('h', 256), CancellationToken.None));

        Assert.That(error?.Errors.Single().PropertyName, Is.EqualTo(nameof(Employee.PasswordHash)));
        Assert.That((await store.FindByEmpNoAsync(behai.EmpNo, CancellationToken.None))?.PasswordHash, Is.EqualTo(behai.PasswordHash));
    }

    [Test]
    public async Task ImportAsync_WithANameTooLongForItsColumn_NamesTheLineAndWritesNothing()
    {
        var import = _database.Import();
        var rows = new[]
        {
            new ImportedEmployee(10001, new DateOnly(1953, 9, 2), "Georgi", "Facello", Gender.M, new DateOnly(1986, 6, 26), "georgi@example.com", 1),
            new ImportedEmployee(10002, new DateOnly(1964, 6, 2), "Bezalel", new string('S', 17), Gender.F, new DateOnly(1985, 11, 21), "bezalel@example.com", 2),
        };

        var error = await Assert.ThrowsAsync<ImportFormatException>(async () =>
            await import.ImportAsync(rows.ToAsyncEnumerable(), Employee.NoPassword, update: false, progress: null, CancellationToken.None));

        Assert.That(error?.LineNumber, Is.EqualTo(2));
        Assert.That(error?.Message, Does.StartWith("Line 2:").And.Contain(nameof(Employee.LastName)));
        Assert.That(await _database.ScalarAsync("SELECT COUNT(*) FROM employees"), Is.Zero);
    }
}
