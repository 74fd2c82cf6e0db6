using System.Buffers;
using System.Globalization;
using System.Text;
using FastApiLearning.Application.Common.Exceptions;
using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Domain.Employees;
using FastApiLearning.Infrastructure.Users;

namespace FastApiLearning.Infrastructure.Persistence;

/// <summary>
/// The employee directory on SQLite or PostgreSQL (the same code): the search (<see cref="EmployeeSearchSql"/>),
/// the versioned read and the conditional edit are plain parameterised ADO.NET (<see cref="EmployeesConnections"/>),
/// bounded by <see cref="DatabaseCalls"/>. An edit made here makes <paramref name="profiles"/> forget the employee.
/// </summary>
public sealed class EfEmployeeDirectory(DatabaseCalls calls, CachingEmployeeStore? profiles = null) : IEmployeeDirectory
{
    // One statement: of two edits racing from the same version, exactly one matches; RETURNING gives the
    // hash the answer needs (the edit never touches it) without a second read that could see a later edit.
    private const string UpdateSql =
        "UPDATE employees SET email = @p2, first_name = @p3, first_name_lower = @p4, last_name = @p5, last_name_lower = @p6, "
        + "gender = @p7, birth_date = @p8, hire_date = @p9, version = @p10 "
        + "WHERE emp_no = @p0 AND version = @p1 RETURNING password";

    public async ValueTask<EmployeePage> SearchAsync(EmployeeSearch search, CancellationToken cancellationToken)
    {
        var sql = EmployeeSearchSql.For(search);
        if (!CanBeStored(search.LastName) || !CanBeStored(search.FirstName))
        {
            // Text PostgreSQL cannot keep (U+0000, a lone surrogate) is in no name: nothing matches, on either provider.
            return new EmployeePage([], 0);
        }

        return await calls.RunAsync(async (connections, ct) =>
        {
            var total = Convert.ToInt32(await connections.ScalarAsync(sql.CountSql, ct, sql.CountParameters), CultureInfo.InvariantCulture);
            var employees = sql.Offset < total
                ? await connections.ListAsync(sql.PageSql, EmployeeColumns.Read, ct, sql.PageParameters)
                : [];
            return new EmployeePage(employees, total);
        }, cancellationToken);
    }

    public async ValueTask<VersionedEmployee?> FindVersionedAsync(int empNo, CancellationToken cancellationToken) =>
        await calls.RunAsync(
            (connections, ct) => connections.FirstOrDefaultAsync($"{EmployeeColumns.Select} WHERE emp_no = @p0", EmployeeColumns.ReadVersioned, ct, empNo),
            cancellationToken);

    public async ValueTask<DirectoryUpdate> UpdateAsync(int empNo, EmployeeDetails details, long expectedVersion, CancellationToken cancellationToken)
    {
        var email = Employee.NormalizeEmail(details.Email);
        var version = expectedVersion + 1;
        string? passwordHash;
        try
        {
            passwordHash = await calls.RunAsync(
                (connections, ct) => connections.FirstOrDefaultAsync(UpdateSql, row => row.GetString(0), ct,
                    empNo, expectedVersion, email, details.FirstName, details.FirstName.ToLowerInvariant(),
                    details.LastName, details.LastName.ToLowerInvariant(), details.Gender.ToString(), details.BirthDate, details.HireDate, version),
                cancellationToken);
        }
        catch (Exception e) when (DatabaseErrors.IsViolationOf(e, DatabaseErrors.EmailIndex))
        {
            throw new EmailTakenException(email, e);
        }
        finally
        {
            profiles?.Forget(empNo);
        }

        if (passwordHash is not null)
        {
            var employee = new Employee(empNo, email, passwordHash, details.BirthDate, details.FirstName, details.LastName, details.Gender, details.HireDate);
            return new DirectoryUpdate.Updated(new VersionedEmployee(employee, version));
        }

        // Nothing matched: tell "someone edited it since" from "it is gone".
        return await FindVersionedAsync(empNo, cancellationToken) is { } current
            ? new DirectoryUpdate.Stale(current.Version)
            : DirectoryUpdate.NotFound;
    }

    private static bool CanBeStored(NamePattern? pattern)
    {
        if (pattern is null)
        {
            return true;
        }

        var text = pattern.Text.AsSpan();
        while (!text.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(text, out var rune, out var length) != OperationStatus.Done || rune.Value == 0)
            {
                return false;
            }

            text = text[length..];
        }

        return true;
    }
}
