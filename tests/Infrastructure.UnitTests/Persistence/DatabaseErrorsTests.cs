using System.Net.Sockets;
using FastApiLearning.Domain.Employees;
using FastApiLearning.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace FastApiLearning.Infrastructure.UnitTests.Persistence;

/// <summary>
/// The providers' errors as the service reads them. SQLite's come from a real file in the other tests;
/// PostgreSQL's are made here by their SQLSTATE, so that the mapping is held without a server.
/// </summary>
public sealed class DatabaseErrorsTests
{
    private static PostgresException Postgres(string sqlState, string? constraint = null) =>
        new("refused", "ERROR", "ERROR", sqlState, constraintName: constraint);

    private static readonly object[] s_unavailable =
    [
        new object[] { "server shutting down", Postgres(PostgresErrorCodes.AdminShutdown) },
        new object[] { "too many connections", Postgres(PostgresErrorCodes.TooManyConnections) },
        new object[] { "no table (not migrated)", Postgres(PostgresErrorCodes.UndefinedTable) },
        new object[] { "connection refused", new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused)) },
        new object[] { "timeout", new TimeoutException() },
        new object[] { "SQLite busy", new SqliteException("database is locked", 5) },
        new object[] { "SQLite cannot open", new SqliteException("unable to open database file", 14) },
    ];

    private static readonly object[] s_refusedRows =
    [
        new object[] { "unique email", Postgres(PostgresErrorCodes.UniqueViolation, DatabaseErrors.EmailIndex) },
        new object[] { "check", Postgres(PostgresErrorCodes.CheckViolation, "ck_employees_first_name_length") },
        new object[] { "varchar(n)", Postgres(PostgresErrorCodes.StringDataRightTruncation) },
        new object[] { "SQLite constraint", new SqliteException("CHECK constraint failed: ck_employees_gender", 19, 275) },
    ];

    [TestCaseSource(nameof(s_unavailable))]
    public void IsUnavailable_WhenTheDatabaseDidNotAnswer_IsTrue(string what, Exception error)
    {
        Assert.That(DatabaseErrors.IsUnavailable(error), Is.True, what);
    }

    [TestCaseSource(nameof(s_refusedRows))]
    public void IsUnavailable_WhenARowWasRefused_IsFalse(string what, Exception error)
    {
        Assert.That(DatabaseErrors.IsUnavailable(error), Is.False, what);
    }

    [Test]
    public void IsViolationOf_OnPostgres_TellsTheEmailIndexFromThePrimaryKey()
    {
        var email = Postgres(PostgresErrorCodes.UniqueViolation, DatabaseErrors.EmailIndex);
        var key = Postgres(PostgresErrorCodes.UniqueViolation, DatabaseErrors.PrimaryKey);

        Assert.That(DatabaseErrors.IsViolationOf(email, DatabaseErrors.EmailIndex), Is.True);
        Assert.That(DatabaseErrors.IsViolationOf(email, DatabaseErrors.PrimaryKey), Is.False);
        Assert.That(DatabaseErrors.IsViolationOf(key, DatabaseErrors.PrimaryKey), Is.True);
        Assert.That(DatabaseErrors.IsViolationOf(key, DatabaseErrors.EmailIndex), Is.False);
    }

    [TestCase("ck_employees_first_name_length", nameof(Employee.FirstName))]
    [TestCase("ck_employees_last_name_length", nameof(Employee.LastName))]
    [TestCase("ck_employees_email_length", nameof(Employee.Email))]
    [TestCase("ck_employees_gender", nameof(Employee.Gender))]
    public void AsValidationFailure_OnAPostgresCheck_NamesTheField(string constraint, string field)
    {
        var failure = DatabaseErrors.AsValidationFailure(Postgres(PostgresErrorCodes.CheckViolation, constraint));

        Assert.That(failure?.Errors.Single().PropertyName, Is.EqualTo(field));
    }

    [Test]
    public void AsValidationFailure_OnPostgresValueTooLong_IsAValidationFailure()
    {
        // PostgreSQL's varchar(n) refuses before any CHECK: 22001, without a column name.
        var failure = DatabaseErrors.AsValidationFailure(Postgres(PostgresErrorCodes.StringDataRightTruncation));

        Assert.That(failure?.Errors.Single().ErrorMessage, Does.Contain("longer than the employees table allows"));
    }

    [Test]
    public void AsValidationFailure_OnAnOutage_IsNull()
    {
        Assert.That(DatabaseErrors.AsValidationFailure(Postgres(PostgresErrorCodes.AdminShutdown)), Is.Null);
        Assert.That(DatabaseErrors.AsValidationFailure(new SqliteException("database is locked", 5)), Is.Null);
    }
}
