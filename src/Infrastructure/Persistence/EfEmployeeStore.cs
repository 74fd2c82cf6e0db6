using FastApiLearning.Application.Common.Exceptions;
using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Domain.Employees;
using Microsoft.EntityFrameworkCore;

namespace FastApiLearning.Infrastructure.Persistence;

/// <summary>
/// The employees store on EF Core (SQLite or PostgreSQL, the same code): a singleton over pooled
/// contexts, every query parameterised (LINQ), every call bounded by <see cref="DatabaseCalls"/>.
/// </summary>
public sealed class EfEmployeeStore(DatabaseCalls calls) : IEmployeeStore
{
    /// <summary>Two adds racing for the same max + 1: the loser tries again with the next one.</summary>
    private const int AddAttempts = 5;

    // Compiled per store rather than per process: a compiled query keeps the model it first ran with.
    // Asked on every authenticated request: compiled once, no tracking, one column. A missing row
    // reads null; a row without a cutoff long.MinValue (the column itself is null).
    private readonly Func<EmployeesDbContext, int, CancellationToken, Task<long?>> _tokensValidAfter =
        EF.CompileAsyncQuery((EmployeesDbContext db, int empNo, CancellationToken _) =>
            db.Employees.AsNoTracking()
                .Where(e => e.EmpNo == empNo)
                .Select(e => (long?)(e.TokensValidAfter ?? long.MinValue))
                .FirstOrDefault());

    private readonly Func<EmployeesDbContext, string, CancellationToken, Task<EmployeeRow?>> _byEmail =
        EF.CompileAsyncQuery((EmployeesDbContext db, string email, CancellationToken _) =>
            db.Employees.AsNoTracking().FirstOrDefault(e => e.Email == email));

    private readonly Func<EmployeesDbContext, int, CancellationToken, Task<EmployeeRow?>> _byEmpNo =
        EF.CompileAsyncQuery((EmployeesDbContext db, int empNo, CancellationToken _) =>
            db.Employees.AsNoTracking().FirstOrDefault(e => e.EmpNo == empNo));

    public async ValueTask<Employee?> FindByEmailAsync(string normalizedEmail, CancellationToken cancellationToken)
    {
        var row = await calls.RunAsync((db, ct) => _byEmail(db, normalizedEmail, ct), cancellationToken);
        return row?.ToEmployee();
    }

    public async ValueTask<Employee?> FindByEmpNoAsync(int empNo, CancellationToken cancellationToken)
    {
        var row = await calls.RunAsync((db, ct) => _byEmpNo(db, empNo, ct), cancellationToken);
        return row?.ToEmployee();
    }

    public async ValueTask<bool> ReplacePasswordHashAsync(int empNo, string currentHash, string newHash, CancellationToken cancellationToken)
    {
        // One conditional UPDATE: of two logins racing to upgrade the same hash, exactly one matches.
        var updated = await calls.RunAsync(
            (db, ct) => db.Employees
                .Where(e => e.EmpNo == empNo && e.Password == currentHash)
                .ExecuteUpdateAsync(set => set.SetProperty(e => e.Password, newHash), ct),
            cancellationToken);
        return updated == 1;
    }

    public async ValueTask<Employee> AddAsync(NewEmployee employee, CancellationToken cancellationToken)
    {
        var email = Employee.NormalizeEmail(employee.Email);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await calls.RunAsync(async (db, ct) =>
                {
                    var empNo = (await db.Employees.MaxAsync(e => (int?)e.EmpNo, ct) ?? 0) + 1;
                    var row = new EmployeeRow
                    {
                        EmpNo = empNo,
                        Email = email,
                        Password = employee.PasswordHash,
                        BirthDate = employee.BirthDate,
                        FirstName = employee.FirstName,
                        LastName = employee.LastName,
                        Gender = employee.Gender,
                        HireDate = employee.HireDate,
                    };
                    db.Employees.Add(row);
                    await db.SaveChangesAsync(ct);
                    return row.ToEmployee();
                }, cancellationToken);
            }
            catch (DbUpdateException e) when (DatabaseErrors.IsViolationOf(e, DatabaseErrors.EmailIndex))
            {
                throw new EmailTakenException(email, e);
            }
            catch (DbUpdateException e) when (DatabaseErrors.IsViolationOf(e, DatabaseErrors.PrimaryKey) && attempt < AddAttempts)
            {
                // Another add took this emp_no between our max and our insert: read the max again.
            }
        }
    }

    public async ValueTask<bool> SetPasswordHashAsync(int empNo, string passwordHash, DateTimeOffset tokensValidAfter, CancellationToken cancellationToken)
    {
        var cutoff = tokensValidAfter.ToUnixTimeMilliseconds();
        var updated = await calls.RunAsync(
            (db, ct) => db.Employees
                .Where(e => e.EmpNo == empNo)
                .ExecuteUpdateAsync(set => set.SetProperty(e => e.Password, passwordHash).SetProperty(e => e.TokensValidAfter, cutoff), ct),
            cancellationToken);
        return updated == 1;
    }

    public async ValueTask<bool> SetTokensValidAfterAsync(int empNo, DateTimeOffset tokensValidAfter, CancellationToken cancellationToken)
    {
        var cutoff = tokensValidAfter.ToUnixTimeMilliseconds();
        var updated = await calls.RunAsync(
            (db, ct) => db.Employees
                .Where(e => e.EmpNo == empNo)
                .ExecuteUpdateAsync(set => set.SetProperty(e => e.TokensValidAfter, cutoff), ct),
            cancellationToken);
        return updated == 1;
    }

    public async ValueTask<bool> RemoveAsync(int empNo, CancellationToken cancellationToken)
    {
        var deleted = await calls.RunAsync(
            (db, ct) => db.Employees.Where(e => e.EmpNo == empNo).ExecuteDeleteAsync(ct), cancellationToken);
        return deleted == 1;
    }

    public async ValueTask<IReadOnlyList<Employee>> ListAsync(int afterEmpNo, int limit, CancellationToken cancellationToken)
    {
        var rows = await calls.RunAsync(
            (db, ct) => db.Employees.AsNoTracking()
                .Where(e => e.EmpNo > afterEmpNo)
                .OrderBy(e => e.EmpNo)
                .Take(limit)
                .ToListAsync(ct),
            cancellationToken);
        return [.. rows.Select(row => row.ToEmployee())];
    }

    public async ValueTask<DateTimeOffset?> FindTokensValidAfterAsync(int empNo, CancellationToken cancellationToken)
    {
        var cutoff = await calls.RunAsync((db, ct) => _tokensValidAfter(db, empNo, ct), cancellationToken);
        return cutoff switch
        {
            null => null,
            long.MinValue => DateTimeOffset.MinValue,
            var milliseconds => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds.Value),
        };
    }
}
