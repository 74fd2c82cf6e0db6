using FastApiLearning.Application.Common.Exceptions;
using FastApiLearning.Application.Common.Ports;
using Microsoft.EntityFrameworkCore;

namespace FastApiLearning.Infrastructure.Persistence;

/// <summary>
/// Refresh-token families and their tokens on SQLite or PostgreSQL (tables <c>refresh_token_families</c> and
/// <c>refresh_tokens</c>): only hashes are stored. A use is one conditional UPDATE, so that of two callers
/// racing with one token, in one process or several, exactly one wins. Writes delete rows long expired now
/// and then (<see cref="PurgeSchedule"/>); a removed employee's families and tokens go with them (ON DELETE CASCADE).
/// </summary>
public sealed class EfRefreshTokenStore(DatabaseCalls calls, TimeProvider timeProvider) : IRefreshTokenStore
{
    private readonly PurgeSchedule _purge = new(timeProvider);

    public async ValueTask<bool> StartFamilyAsync(RefreshTokenFamily family, string tokenHash, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        await PurgeIfDueAsync(cancellationToken);
        var scopes = GrantedScopes.Format(family.Scopes);
        return await calls.RunAsync(async (db, ct) =>
        {
            // One SaveChanges: the family and its first token together, or neither.
            db.RefreshTokenFamilies.Add(new RefreshTokenFamilyRow
            {
                FamilyId = family.FamilyId,
                EmpNo = family.EmpNo,
                ClientId = family.ClientId,
                Scopes = scopes,
                StartedAt = family.StartedAt.ToUnixTimeMilliseconds(),
                RevokedAt = family.RevokedAt?.ToUnixTimeMilliseconds(),
            });
            db.RefreshTokens.Add(new RefreshTokenRow
            {
                TokenHash = tokenHash,
                FamilyId = family.FamilyId,
                IssuedAt = family.StartedAt.ToUnixTimeMilliseconds(),
                ExpiresAt = expiresAt.ToUnixTimeMilliseconds(),
            });
            return await RecordedAsync(db, ct);
        }, cancellationToken);
    }

    public async ValueTask<Redemption<RefreshTokenRecord>> UseAsync(string tokenHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var usedAt = now.ToUnixTimeMilliseconds();
        return await calls.RunAsync(async (db, ct) =>
        {
            // The row count decides: the database lets one UPDATE of the row match, whoever else races for it.
            var marked = await db.RefreshTokens
                .Where(t => t.TokenHash == tokenHash
                    && t.UsedAt == null
                    && db.RefreshTokenFamilies.Any(f => f.FamilyId == t.FamilyId && f.RevokedAt == null))
                .ExecuteUpdateAsync(set => set.SetProperty(t => t.UsedAt, usedAt), ct);
            var record = await FindRecordAsync(db, tokenHash, ct);
            return record is null
                ? new Redemption<RefreshTokenRecord>(null, false)
                // The record as it was before this use.
                : marked == 1 ? new Redemption<RefreshTokenRecord>(record with { UsedAt = null }, true) : new Redemption<RefreshTokenRecord>(record, false);
        }, cancellationToken);
    }

    public async ValueTask<bool> AddAsync(string familyId, string tokenHash, DateTimeOffset issuedAt, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        await PurgeIfDueAsync(cancellationToken);
        return await calls.RunAsync(async (db, ct) =>
        {
            db.RefreshTokens.Add(new RefreshTokenRow
            {
                TokenHash = tokenHash,
                FamilyId = familyId,
                IssuedAt = issuedAt.ToUnixTimeMilliseconds(),
                ExpiresAt = expiresAt.ToUnixTimeMilliseconds(),
            });
            return await RecordedAsync(db, ct);
        }, cancellationToken);
    }

    /// <summary>False when a row refers to an employee or family removed meanwhile: the caller refuses, as for a removed employee.</summary>
    private static async Task<bool> RecordedAsync(EmployeesDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsForeignKeyViolation(e))
        {
            return false;
        }
    }

    public async ValueTask<RefreshTokenRecord?> FindAsync(string tokenHash, CancellationToken cancellationToken) =>
        await calls.RunAsync((db, ct) => FindRecordAsync(db, tokenHash, ct), cancellationToken);

    public async ValueTask<bool> RevokeFamilyAsync(string familyId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var revokedAt = now.ToUnixTimeMilliseconds();
        var revoked = await calls.RunAsync(
            (db, ct) => db.RefreshTokenFamilies
                .Where(f => f.FamilyId == familyId && f.RevokedAt == null)
                .ExecuteUpdateAsync(set => set.SetProperty(f => f.RevokedAt, revokedAt), ct),
            cancellationToken);
        return revoked == 1;
    }

    private static async Task<RefreshTokenRecord?> FindRecordAsync(EmployeesDbContext db, string tokenHash, CancellationToken cancellationToken)
    {
        var row = await db.RefreshTokens.AsNoTracking()
            .Where(t => t.TokenHash == tokenHash)
            .Select(t => new { Token = t, Family = t.Family! })
            .FirstOrDefaultAsync(cancellationToken);
        return row is null
            ? null
            : new RefreshTokenRecord(
                row.Token.TokenHash,
                new RefreshTokenFamily(
                    row.Family.FamilyId,
                    row.Family.EmpNo,
                    row.Family.ClientId,
                    GrantedScopes.Parse(row.Family.Scopes),
                    DateTimeOffset.FromUnixTimeMilliseconds(row.Family.StartedAt),
                    FromUnixTimeMilliseconds(row.Family.RevokedAt)),
                DateTimeOffset.FromUnixTimeMilliseconds(row.Token.IssuedAt),
                DateTimeOffset.FromUnixTimeMilliseconds(row.Token.ExpiresAt),
                FromUnixTimeMilliseconds(row.Token.UsedAt));
    }

    private static DateTimeOffset? FromUnixTimeMilliseconds(long? milliseconds) =>
        milliseconds is { } value ? DateTimeOffset.FromUnixTimeMilliseconds(value) : null;

    /// <summary>
    /// Deletes tokens expired a while ago, then the families none is left of (older than that, so never one
    /// being started). A purge the database is too busy for waits for the next write rather than fail this one.
    /// </summary>
    private async ValueTask PurgeIfDueAsync(CancellationToken cancellationToken)
    {
        if (!_purge.TryClaim(out var before))
        {
            return;
        }

        var cutoff = before.ToUnixTimeMilliseconds();
        try
        {
            await calls.RunAsync(async (db, ct) =>
            {
                var tokens = await db.RefreshTokens
                    .Where(t => t.ExpiresAt < cutoff)
                    .OrderBy(t => t.ExpiresAt)
                    .Take(PurgeSchedule.BatchSize)
                    .ExecuteDeleteAsync(ct);
                var families = await db.RefreshTokenFamilies
                    .Where(f => f.StartedAt < cutoff && !db.RefreshTokens.Any(t => t.FamilyId == f.FamilyId))
                    .OrderBy(f => f.StartedAt)
                    .Take(PurgeSchedule.BatchSize)
                    .ExecuteDeleteAsync(ct);
                return tokens + families;
            }, cancellationToken);
        }
        catch (ResourceUnavailableException)
        {
            // The write that follows meets the same database and answers for it.
        }
    }
}
