using System.Collections.Concurrent;
using System.Globalization;
using FastApiLearning.Application.Common.Exceptions;
using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Domain.Employees;
using Microsoft.EntityFrameworkCore;

namespace FastApiLearning.Infrastructure.Persistence;

/// <summary>
/// The employees store on SQLite or PostgreSQL (the same code): writes and lists through EF Core's pooled
/// contexts, the lookups asked on every request through plain ADO.NET (<see cref="EmployeesConnections"/>);
/// every query parameterised, every call bounded by <see cref="DatabaseCalls"/>. On SQLite the token
/// cutoffs are remembered for as long as nothing was committed to the file (<see cref="SqliteDataVersion"/>).
/// </summary>
public sealed class EfEmployeeStore(DatabaseCalls calls, SqliteDataVersion? dataVersion = null, int cutoffCapacity = 10_000)
    : IEmployeeStore
{
    /// <summary>Two adds racing for the same max + 1: the loser tries again with the next one.</summary>
    private const int AddAttempts = 5;

    // Asked on every authenticated request: plain ADO.NET on a pooled connection, one column. No row is
    // "no such employee"; a row without a cutoff reads as DateTimeOffset.MinValue's milliseconds.
    private static readonly string s_tokensValidAfterSql =
        $"SELECT COALESCE(tokens_valid_after, {DateTimeOffset.MinValue.ToUnixTimeMilliseconds()}) FROM employees WHERE emp_no = @p0";

    // The lookups of every login and profile request: plain ADO.NET (EmployeesConnections), not EF Core.
    public async ValueTask<Employee?> FindByEmailAsync(string normalizedEmail, CancellationToken cancellationToken) =>
        await calls.RunAsync(
            (connections, ct) => connections.FirstOrDefaultAsync($"{EmployeeColumns.Select} WHERE email = @p0", EmployeeColumns.Read, ct, normalizedEmail),
            cancellationToken);

    public async ValueTask<Employee?> FindByEmpNoAsync(int empNo, CancellationToken cancellationToken) =>
        await calls.RunAsync(
            (connections, ct) => connections.FirstOrDefaultAsync($"{EmployeeColumns.Select} WHERE emp_no = @p0", EmployeeColumns.Read, ct, empNo),
            cancellationToken);

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
                        FirstNameLower = employee.FirstName.ToLowerInvariant(),
                        LastNameLower = employee.LastName.ToLowerInvariant(),
                        Gender = employee.Gender,
                        HireDate = employee.HireDate,
                        Version = 1,
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
        // The cutoff only moves forward (SetTokensValidAfterAsync says why); the hash is replaced whatever it was.
        var cutoff = tokensValidAfter.ToUnixTimeMilliseconds();
        var updated = await calls.RunAsync(
            (db, ct) => db.Employees
                .Where(e => e.EmpNo == empNo)
                .ExecuteUpdateAsync(
                    set => set
                        .SetProperty(e => e.Password, passwordHash)
                        .SetProperty(e => e.TokensValidAfter, e => e.TokensValidAfter > cutoff ? e.TokensValidAfter : cutoff),
                    ct),
            cancellationToken);
        return updated == 1;
    }

    public async ValueTask<bool> SetTokensValidAfterAsync(int empNo, DateTimeOffset tokensValidAfter, CancellationToken cancellationToken)
    {
        // Only forward, in the UPDATE itself (a CASE, the same on SQLite and PostgreSQL; NULL is no cutoff yet): of two
        // writes racing, say a password set and then a "log out everywhere" that read an earlier instant, the later
        // stands, or the sessions started between the two instants would survive the password change.
        var cutoff = tokensValidAfter.ToUnixTimeMilliseconds();
        var updated = await calls.RunAsync(
            (db, ct) => db.Employees
                .Where(e => e.EmpNo == empNo)
                .ExecuteUpdateAsync(
                    set => set.SetProperty(e => e.TokensValidAfter, e => e.TokensValidAfter > cutoff ? e.TokensValidAfter : cutoff), ct),
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

    // The cutoffs read since the file's data version was last seen to change; replaced as a whole.
    private volatile RememberedCutoffs? _cutoffs;

    public async ValueTask<DateTimeOffset?> FindTokensValidAfterAsync(int empNo, CancellationToken cancellationToken)
    {
        if (dataVersion is null)
        {
            return await QueryTokensValidAfterAsync(empNo, cancellationToken);
        }

        // Asked on every authenticated request. Whatever was committed before this read (a logout
        // everywhere here, a command in another process) changes the version, so a remembered cutoff
        // is never older than the database was when the request came in.
        long version;
        try
        {
            version = dataVersion.Read();
        }
        catch (Exception e) when (DatabaseErrors.IsUnavailable(e))
        {
            throw DatabaseErrors.Unavailable(e);
        }

        var cutoffs = _cutoffs;
        if (cutoffs is null || cutoffs.Version != version)
        {
            cutoffs = new RememberedCutoffs(version);
            _cutoffs = cutoffs;
        }
        else if (cutoffs.ByEmpNo.TryGetValue(empNo, out var remembered))
        {
            return remembered;
        }

        // Read after the version: a commit in between only makes the value newer than its tag.
        var cutoff = await QueryTokensValidAfterAsync(empNo, cancellationToken);
        if (cutoffs.ByEmpNo.Count < cutoffCapacity)
        {
            cutoffs.ByEmpNo[empNo] = cutoff;
        }

        return cutoff;
    }

    private async ValueTask<DateTimeOffset?> QueryTokensValidAfterAsync(int empNo, CancellationToken cancellationToken)
    {
        var cutoff = await calls.RunAsync((connections, ct) => connections.ScalarAsync(s_tokensValidAfterSql, ct, empNo), cancellationToken);
        return cutoff is null or DBNull ? null : DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(cutoff, CultureInfo.InvariantCulture));
    }

    private sealed record RememberedCutoffs(long Version)
    {
        public ConcurrentDictionary<int, DateTimeOffset?> ByEmpNo { get; } = new();
    }
}
