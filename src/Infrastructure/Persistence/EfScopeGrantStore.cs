using FastApiLearning.Application.Common.Ports;
using Microsoft.EntityFrameworkCore;

namespace FastApiLearning.Infrastructure.Persistence;

/// <summary>
/// The scope grants on SQLite or PostgreSQL (table <c>employee_scopes</c>, one row per employee with a grant
/// recorded): the read asked at every login is plain ADO.NET, the write one EF Core transaction with the
/// employee's token cutoff. A removed employee's row goes with them (ON DELETE CASCADE).
/// </summary>
public sealed class EfScopeGrantStore(DatabaseCalls calls) : IScopeGrantStore
{
    public async ValueTask<IReadOnlyList<string>?> FindGrantedScopesAsync(int empNo, CancellationToken cancellationToken)
    {
        var stored = await calls.RunAsync(
            (connections, ct) => connections.FirstOrDefaultAsync("SELECT scopes FROM employee_scopes WHERE emp_no = @p0", row => row.GetString(0), ct, empNo),
            cancellationToken);
        return stored is null ? null : GrantedScopes.Parse(stored);
    }

    public async ValueTask<bool> SetGrantedScopesAsync(
        int empNo, IReadOnlyCollection<string> scopes, DateTimeOffset tokensValidAfter, CancellationToken cancellationToken)
    {
        var stored = GrantedScopes.Format(scopes);
        var cutoff = tokensValidAfter.ToUnixTimeMilliseconds();
        return await calls.RunAsync(async (db, ct) =>
        {
            // Both or neither: a narrower grant without the cutoff would leave the wider tokens working. The cutoff
            // only moves forward, as EfEmployeeStore's writes of it.
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var updated = await db.Employees
                .Where(e => e.EmpNo == empNo)
                .ExecuteUpdateAsync(
                    set => set.SetProperty(e => e.TokensValidAfter, e => e.TokensValidAfter > cutoff ? e.TokensValidAfter : cutoff), ct);
            if (updated == 0)
            {
                return false;
            }

            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO employee_scopes (emp_no, scopes) VALUES ({empNo}, {stored}) ON CONFLICT (emp_no) DO UPDATE SET scopes = excluded.scopes",
                ct);
            await transaction.CommitAsync(ct);
            return true;
        }, cancellationToken);
    }
}
