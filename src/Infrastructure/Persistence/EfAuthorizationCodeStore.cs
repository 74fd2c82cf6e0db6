using FastApiLearning.Application.Common.Exceptions;
using FastApiLearning.Application.Common.Ports;
using Microsoft.EntityFrameworkCore;

namespace FastApiLearning.Infrastructure.Persistence;

/// <summary>
/// Authorization codes on SQLite or PostgreSQL (table <c>authorization_codes</c>): only hashes are stored.
/// A redemption is one conditional UPDATE, so that of two callers racing with one code, in one process or
/// several, exactly one wins. Writes delete codes long expired now and then (<see cref="PurgeSchedule"/>);
/// a removed employee's codes go with them (ON DELETE CASCADE).
/// </summary>
public sealed class EfAuthorizationCodeStore(DatabaseCalls calls, TimeProvider timeProvider) : IAuthorizationCodeStore
{
    private readonly PurgeSchedule _purge = new(timeProvider);

    public async ValueTask AddAsync(AuthorizationCodeRecord code, CancellationToken cancellationToken)
    {
        await PurgeIfDueAsync(cancellationToken);
        var scopes = GrantedScopes.Format(code.Scopes);
        await calls.RunAsync(async (db, ct) =>
        {
            db.AuthorizationCodes.Add(new AuthorizationCodeRow
            {
                CodeHash = code.CodeHash,
                ClientId = code.ClientId,
                RedirectUri = code.RedirectUri,
                CodeChallenge = code.CodeChallenge,
                EmpNo = code.EmpNo,
                Scopes = scopes,
                FamilyId = code.FamilyId,
                ExpiresAt = code.ExpiresAt.ToUnixTimeMilliseconds(),
                UsedAt = code.UsedAt?.ToUnixTimeMilliseconds(),
            });
            return await db.SaveChangesAsync(ct);
        }, cancellationToken);
    }

    public async ValueTask<Redemption<AuthorizationCodeRecord>> RedeemAsync(string codeHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var usedAt = now.ToUnixTimeMilliseconds();
        return await calls.RunAsync(async (db, ct) =>
        {
            // The row count decides: the database lets one UPDATE of the row match, whoever else races for it.
            var marked = await db.AuthorizationCodes
                .Where(c => c.CodeHash == codeHash && c.UsedAt == null)
                .ExecuteUpdateAsync(set => set.SetProperty(c => c.UsedAt, usedAt), ct);
            var replayMarked = 0;
            if (marked == 0)
            {
                // A replay (or nothing): marked before the caller ends the family, for a redemption that may not
                // have started it yet (it reads the mark after starting it).
                replayMarked = await db.AuthorizationCodes
                    .Where(c => c.CodeHash == codeHash && c.UsedAt != null && c.ReplayedAt == null)
                    .ExecuteUpdateAsync(set => set.SetProperty(c => c.ReplayedAt, usedAt), ct);
            }

            var row = await db.AuthorizationCodes.AsNoTracking().FirstOrDefaultAsync(c => c.CodeHash == codeHash, ct);
            if (row is null)
            {
                return new Redemption<AuthorizationCodeRecord>(null, false);
            }

            // The record as it was before this use.
            var record = ToRecord(row);
            return marked == 1
                ? new Redemption<AuthorizationCodeRecord>(record with { UsedAt = null }, true)
                : new Redemption<AuthorizationCodeRecord>(replayMarked == 1 ? record with { ReplayedAt = null } : record, false);
        }, cancellationToken);
    }

    public async ValueTask<AuthorizationCodeRecord?> FindAsync(string codeHash, CancellationToken cancellationToken) =>
        await calls.RunAsync(async (db, ct) =>
            await db.AuthorizationCodes.AsNoTracking().FirstOrDefaultAsync(c => c.CodeHash == codeHash, ct) is { } row ? ToRecord(row) : null,
            cancellationToken);

    private static AuthorizationCodeRecord ToRecord(AuthorizationCodeRow row) => new(
        row.CodeHash,
        row.ClientId,
        row.RedirectUri,
        row.CodeChallenge,
        row.EmpNo,
        GrantedScopes.Parse(row.Scopes),
        row.FamilyId,
        DateTimeOffset.FromUnixTimeMilliseconds(row.ExpiresAt),
        row.UsedAt is { } used ? DateTimeOffset.FromUnixTimeMilliseconds(used) : null,
        row.ReplayedAt is { } replayed ? DateTimeOffset.FromUnixTimeMilliseconds(replayed) : null);

    /// <summary>Deletes codes expired a while ago; a purge the database is too busy for waits for the next write.</summary>
    private async ValueTask PurgeIfDueAsync(CancellationToken cancellationToken)
    {
        if (!_purge.TryClaim(out var before))
        {
            return;
        }

        var cutoff = before.ToUnixTimeMilliseconds();
        try
        {
            await calls.RunAsync(
                (db, ct) => db.AuthorizationCodes
                    .Where(c => c.ExpiresAt < cutoff)
                    .OrderBy(c => c.ExpiresAt)
                    .Take(PurgeSchedule.BatchSize)
                    .ExecuteDeleteAsync(ct),
                cancellationToken);
        }
        catch (ResourceUnavailableException)
        {
            // The write that follows meets the same database and answers for it.
        }
    }
}
