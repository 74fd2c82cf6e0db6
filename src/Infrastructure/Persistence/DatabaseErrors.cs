using System.Data.Common;
using System.Net.Sockets;
using System.Text;
using FastApiLearning.Application.Common.Exceptions;
using FastApiLearning.Domain.Employees;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace FastApiLearning.Infrastructure.Persistence;

/// <summary>
/// What the providers' errors mean to the service, in one place: "the database is out of reach"
/// (a 503), a unique or primary key violation, or a value that a CHECK or a column refused (a 400).
/// </summary>
internal static class DatabaseErrors
{
    public const string UnavailableMessage = "The employees database is unavailable";

    public const string EmailIndex = "ix_employees_email";
    public const string PrimaryKey = "pk_employees";

    private const int SqliteConstraint = 19;
    private const int SqliteConstraintPrimaryKey = 1555;
    private const int SqliteConstraintUnique = 2067;
    private const int SqliteConstraintCheck = 275;
    private const int SqliteConstraintForeignKey = 787;

    // CHECK constraint name → the field it guards, for the 400's errors.
    private static readonly Dictionary<string, string> s_checkedFields = new(StringComparer.Ordinal)
    {
        ["ck_employees_email_length"] = nameof(Employee.Email),
        ["ck_employees_password_length"] = nameof(Employee.PasswordHash),
        ["ck_employees_first_name_length"] = nameof(Employee.FirstName),
        ["ck_employees_last_name_length"] = nameof(Employee.LastName),
        ["ck_employees_gender"] = nameof(Employee.Gender),
    };

    public static ResourceUnavailableException Unavailable(Exception inner) =>
        new(UnavailableMessage, TimeSpan.FromSeconds(2), inner);

    /// <summary>
    /// Whether an exception means "the database did not answer" (cannot open, busy or locked past the
    /// timeout, connection refused or lost, a server shutting down) rather than a refused row or a bug.
    /// </summary>
    public static bool IsUnavailable(Exception exception) => Unwrap(exception) switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode != SqliteConstraint,
        PostgresException postgres => !IsRefusedRow(postgres),
        // Not IOException: Npgsql wraps its own, and the import's file throws them for other reasons.
        NpgsqlException or TimeoutException or SocketException => true,
        _ => false,
    };

    /// <summary>
    /// Whether the exception is a row referring to one that is not there (a foreign key): the employee or the
    /// family it belongs to was removed in the meantime.
    /// </summary>
    public static bool IsForeignKeyViolation(Exception exception) => Unwrap(exception) switch
    {
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode == SqliteConstraintForeignKey,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.ForeignKeyViolation,
        _ => false,
    };

    /// <summary>Whether the exception is a duplicate of the unique index or key named.</summary>
    public static bool IsViolationOf(Exception exception, string constraint) => Unwrap(exception) switch
    {
        SqliteException { SqliteErrorCode: SqliteConstraint } sqlite => constraint switch
        {
            // SQLite names the column, not the index: "UNIQUE constraint failed: employees.email".
            EmailIndex => sqlite.SqliteExtendedErrorCode == SqliteConstraintUnique
                && sqlite.Message.Contains($"{EmployeesDbContext.TableName}.email", StringComparison.Ordinal),
            PrimaryKey => sqlite.SqliteExtendedErrorCode == SqliteConstraintPrimaryKey
                || (sqlite.SqliteExtendedErrorCode == SqliteConstraintUnique
                    && sqlite.Message.Contains($"{EmployeesDbContext.TableName}.emp_no", StringComparison.Ordinal)),
            _ => false,
        },
        PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } postgres => postgres.ConstraintName == constraint,
        _ => false,
    };

    /// <summary>
    /// A value the table refuses (a CHECK, or PostgreSQL's varchar(n)) as the validation failure the web
    /// layer answers 400 and the commands exit 2 with; null for anything else. The validators stop such
    /// values first: this is the last line.
    /// </summary>
    public static ValidationException? AsValidationFailure(Exception exception)
    {
        switch (Unwrap(exception))
        {
            case SqliteException { SqliteErrorCode: SqliteConstraint, SqliteExtendedErrorCode: SqliteConstraintCheck } sqlite:
                var constraint = s_checkedFields.Keys.FirstOrDefault(name => sqlite.Message.Contains(name, StringComparison.Ordinal));
                return Refused(constraint);
            case PostgresException { SqlState: PostgresErrorCodes.CheckViolation } postgres:
                return Refused(postgres.ConstraintName);
            case PostgresException { SqlState: PostgresErrorCodes.StringDataRightTruncation }:
                return Refused(null);
            case PostgresException { SqlState: PostgresErrorCodes.CharacterNotInRepertoire } or EncoderFallbackException:
                // Text PostgreSQL cannot keep: U+0000 (refused by the server), a lone surrogate (by Npgsql's encoder).
                return Refused(null, "A value holds a character the employees table cannot keep.");
            default:
                return null;
        }
    }

    private static ValidationException Refused(string? constraint, string? message = null)
    {
        var field = constraint is not null && s_checkedFields.TryGetValue(constraint, out var name) ? name : "";
        message ??= field.Length > 0
            ? $"{field} is longer than the employees table allows, or not one of its values."
            : "A value is longer than the employees table allows.";
        return new ValidationException([new ValidationFailure(field, message)]);
    }

    /// <summary>A row the server refused (integrity, or a value out of its column's type): not an outage.</summary>
    private static bool IsRefusedRow(PostgresException postgres) =>
        postgres.SqlState.StartsWith("23", StringComparison.Ordinal) || postgres.SqlState.StartsWith("22", StringComparison.Ordinal);

    private static Exception Unwrap(Exception exception) => exception switch
    {
        // EF Core's execution strategy wraps a transient failure of SaveChanges that it does not retry
        // ("An exception has been raised that is likely due to a transient failure").
        InvalidOperationException { InnerException: DbUpdateException or DbException } wrapped => Unwrap(wrapped.InnerException!),
        DbUpdateException { InnerException: { } inner and (DbException or EncoderFallbackException) } => inner,
        _ => exception,
    };
}
