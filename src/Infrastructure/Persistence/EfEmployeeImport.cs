using System.Data.Common;
using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Domain.Employees;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace FastApiLearning.Infrastructure.Persistence;

/// <summary>
/// The bulk path: one transaction, one prepared INSERT (and one UPDATE) reused for every row, plain
/// ADO.NET on the context's connection (the same SQL on SQLite and PostgreSQL). Any failure rolls it all back.
/// </summary>
public sealed class EfEmployeeImport(IDbContextFactory<EmployeesDbContext> contexts) : IEmployeeImport
{
    private const int ProgressEvery = 10_000;

    public async ValueTask<ImportSummary> ImportAsync(
        IAsyncEnumerable<ImportedEmployee> rows,
        string passwordHash,
        bool update,
        IProgress<int>? progress,
        CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        try
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            var sqlite = db.Database.IsSqlite();
            if (sqlite)
            {
                // WAL (set by the migrator) with NORMAL is still crash-safe; FULL syncs every commit, and
                // this is one commit, but the WAL checkpoint of 300,000 rows is faster without it.
                await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous = NORMAL", cancellationToken);
            }

            try
            {
                return await ImportInTransactionAsync(db, rows, passwordHash, update, progress, cancellationToken);
            }
            finally
            {
                if (sqlite)
                {
                    await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous = FULL", CancellationToken.None);
                }
            }
        }
        catch (Exception e) when (DatabaseErrors.IsUnavailable(e))
        {
            throw DatabaseErrors.Unavailable(e);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<ImportSummary> ImportInTransactionAsync(
        EmployeesDbContext db,
        IAsyncEnumerable<ImportedEmployee> rows,
        string passwordHash,
        bool update,
        IProgress<int>? progress,
        CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        var timeout = db.Database.GetCommandTimeout() ?? 30;
        var existing = await ExistingEmpNosAsync(db, cancellationToken);

        await using var insert = Prepare(connection, transaction, timeout,
            "INSERT INTO employees (emp_no, email, password, birth_date, first_name, last_name, first_name_lower, last_name_lower, gender, hire_date) "
            + "VALUES (@emp_no, @email, @password, @birth_date, @first_name, @last_name, @first_name_lower, @last_name_lower, @gender, @hire_date)",
            "@emp_no", "@email", "@password", "@birth_date", "@first_name", "@last_name", "@first_name_lower", "@last_name_lower", "@gender", "@hire_date");
        // An update never touches the password: a re-import must not undo a password set since. It is a new
        // version of the directory record, so that an editor's older copy cannot overwrite it.
        await using var change = Prepare(connection, transaction, timeout,
            "UPDATE employees SET email = @email, birth_date = @birth_date, first_name = @first_name, last_name = @last_name, "
            + "first_name_lower = @first_name_lower, last_name_lower = @last_name_lower, gender = @gender, hire_date = @hire_date, "
            + "version = version + 1 WHERE emp_no = @emp_no",
            "@emp_no", "@email", "@birth_date", "@first_name", "@last_name", "@first_name_lower", "@last_name_lower", "@gender", "@hire_date");
        insert.Parameters["@password"].Value = passwordHash;

        var prepared = new HashSet<DbCommand>();
        int added = 0, updated = 0, skipped = 0, read = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            if (++read % ProgressEvery == 0)
            {
                progress?.Report(read);
            }

            var exists = existing.Contains(row.EmpNo);
            if (exists && !update)
            {
                skipped++;
                continue;
            }

            var command = exists ? change : insert;
            Bind(command, row);
            try
            {
                // Prepared once its parameters hold values (PostgreSQL infers their types from them).
                if (prepared.Add(command))
                {
                    await command.PrepareAsync(cancellationToken);
                }

                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (DbException e) when (!DatabaseErrors.IsUnavailable(e))
            {
                throw RowRefused(row, e);
            }

            if (exists)
            {
                updated++;
            }
            else
            {
                added++;
                existing.Add(row.EmpNo);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        progress?.Report(read);
        return new ImportSummary(added, updated, skipped);
    }

    private static async Task<HashSet<int>> ExistingEmpNosAsync(EmployeesDbContext db, CancellationToken cancellationToken)
    {
        var empNos = await db.Employees.Select(e => e.EmpNo).ToListAsync(cancellationToken);
        return [.. empNos];
    }

    private static DbCommand Prepare(DbConnection connection, IDbContextTransaction transaction, int timeout, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction.GetDbTransaction();
        command.CommandTimeout = timeout;
        foreach (var name in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private static void Bind(DbCommand command, ImportedEmployee row)
    {
        command.Parameters["@emp_no"].Value = row.EmpNo;
        command.Parameters["@email"].Value = Employee.NormalizeEmail(row.Email);
        command.Parameters["@birth_date"].Value = row.BirthDate;
        command.Parameters["@first_name"].Value = row.FirstName;
        command.Parameters["@last_name"].Value = row.LastName;
        command.Parameters["@first_name_lower"].Value = row.FirstName.ToLowerInvariant();
        command.Parameters["@last_name_lower"].Value = row.LastName.ToLowerInvariant();
        command.Parameters["@gender"].Value = row.Gender.ToString();
        command.Parameters["@hire_date"].Value = row.HireDate;
    }

    private static ImportFormatException RowRefused(ImportedEmployee row, DbException e)
    {
        var reason = DatabaseErrors.IsViolationOf(e, DatabaseErrors.EmailIndex)
            ? $"the email {Employee.NormalizeEmail(row.Email)} belongs to another employee already"
            : DatabaseErrors.AsValidationFailure(e) is { } refused
                ? refused.Errors.First().ErrorMessage
                : $"the database refused emp_no {row.EmpNo}: {e.Message}";
        return new ImportFormatException(row.LineNumber, reason);
    }
}
