using System.Data.Common;
using FastApiLearning.Application.Common.Ports;

namespace FastApiLearning.Infrastructure.Persistence;

/// <summary>
/// Refresh-token families and their tokens on SQLite: the same tables, SQL and answers as
/// <see cref="EfRefreshTokenStore"/> (which PostgreSQL keeps), but every write goes through this instance's
/// <see cref="SqliteSessionWriter"/> (one connection, writes batched into one commit) and the lookup is plain
/// ADO.NET. A use is still one conditional UPDATE whose row count decides, so that of callers racing with one
/// token, in this process or another, exactly one wins.
/// </summary>
public sealed class SqliteRefreshTokenStore(DatabaseCalls calls, SqliteSessionWriter writer, TimeProvider timeProvider) : IRefreshTokenStore
{
    private const string FindSql =
        "SELECT t.token_hash, t.issued_at, t.expires_at, t.used_at, f.family_id, f.emp_no, f.client_id, f.scopes, f.started_at, f.revoked_at"
        + " FROM refresh_tokens t JOIN refresh_token_families f ON f.family_id = t.family_id WHERE t.token_hash = @p0";

    private const string UseSql =
        "UPDATE refresh_tokens SET used_at = @p1 WHERE token_hash = @p0 AND used_at IS NULL"
        + " AND EXISTS (SELECT 1 FROM refresh_token_families f WHERE f.family_id = refresh_tokens.family_id AND f.revoked_at IS NULL)";

    private const string AddTokenSql =
        "INSERT INTO refresh_tokens (token_hash, family_id, issued_at, expires_at) VALUES (@p0, @p1, @p2, @p3)";

    private const string AddFamilySql =
        "INSERT INTO refresh_token_families (family_id, emp_no, client_id, scopes, started_at, revoked_at) VALUES (@p0, @p1, @p2, @p3, @p4, @p5)";

    private const string RevokeSql =
        "UPDATE refresh_token_families SET revoked_at = @p1 WHERE family_id = @p0 AND revoked_at IS NULL";

    private const string PurgeTokensSql =
        "DELETE FROM refresh_tokens WHERE token_hash IN"
        + " (SELECT token_hash FROM refresh_tokens WHERE expires_at < @p0 ORDER BY expires_at LIMIT @p1)";

    private const string PurgeFamiliesSql =
        "DELETE FROM refresh_token_families WHERE family_id IN (SELECT f.family_id FROM refresh_token_families f"
        + " WHERE f.started_at < @p0 AND NOT EXISTS (SELECT 1 FROM refresh_tokens t WHERE t.family_id = f.family_id)"
        + " ORDER BY f.started_at LIMIT @p1)";

    private readonly PurgeSchedule _purge = new(timeProvider);

    public async ValueTask<bool> StartFamilyAsync(RefreshTokenFamily family, string tokenHash, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        PurgeIfDue();
        var scopes = GrantedScopes.Format(family.Scopes);
        var startedAt = family.StartedAt.ToUnixTimeMilliseconds();
        return await WriteAsync(w => Recorded(() =>
        {
            // One savepoint: the family and its first token together, or neither.
            w.Command(AddFamilySql, family.FamilyId, family.EmpNo, family.ClientId, scopes, startedAt, family.RevokedAt?.ToUnixTimeMilliseconds())
                .ExecuteNonQuery();
            w.Command(AddTokenSql, tokenHash, family.FamilyId, startedAt, expiresAt.ToUnixTimeMilliseconds()).ExecuteNonQuery();
        }), cancellationToken);
    }

    public async ValueTask<Redemption<RefreshTokenRecord>> UseAsync(string tokenHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var usedAt = now.ToUnixTimeMilliseconds();
        return await WriteAsync(w =>
        {
            // The row count decides: the file's write lock lets one UPDATE of the row match, whoever else races for it.
            var marked = w.Command(UseSql, tokenHash, usedAt).ExecuteNonQuery();
            using var reader = w.Command(FindSql, tokenHash).ExecuteReader();
            var record = reader.Read() ? ReadRecord(reader) : null;
            return record is null
                ? new Redemption<RefreshTokenRecord>(null, false)
                // The record as it was before this use.
                : marked == 1 ? new Redemption<RefreshTokenRecord>(record with { UsedAt = null }, true) : new Redemption<RefreshTokenRecord>(record, false);
        }, cancellationToken);
    }

    public async ValueTask<bool> AddAsync(string familyId, string tokenHash, DateTimeOffset issuedAt, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        PurgeIfDue();
        return await WriteAsync(
            w => Recorded(() => w.Command(AddTokenSql, tokenHash, familyId, issuedAt.ToUnixTimeMilliseconds(), expiresAt.ToUnixTimeMilliseconds()).ExecuteNonQuery()),
            cancellationToken);
    }

    /// <summary>
    /// False when the row refers to an employee or family removed meanwhile (SQLite undoes the refused
    /// statement alone; the write's savepoint goes on): the caller refuses, as for a removed employee.
    /// </summary>
    private static bool Recorded(Action insert)
    {
        try
        {
            insert();
            return true;
        }
        catch (Microsoft.Data.Sqlite.SqliteException e) when (DatabaseErrors.IsForeignKeyViolation(e))
        {
            return false;
        }
    }

    public async ValueTask<RefreshTokenRecord?> FindAsync(string tokenHash, CancellationToken cancellationToken) =>
        await calls.RunAsync((connections, ct) => connections.FirstOrDefaultAsync(FindSql, ReadRecord, ct, tokenHash), cancellationToken);

    public async ValueTask<bool> RevokeFamilyAsync(string familyId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var revokedAt = now.ToUnixTimeMilliseconds();
        return await WriteAsync(w => w.Command(RevokeSql, familyId, revokedAt).ExecuteNonQuery(), cancellationToken) == 1;
    }

    /// <summary>
    /// Through the writer, bounded and its errors read as every database call's (<see cref="DatabaseCalls"/>). The
    /// bound (or the caller) cancels only a write still queued, which is then not written (a 503); once the writer
    /// has taken it, the call returns its real outcome even past the bound: a use committed late is still this
    /// caller's success, not a 503 whose retry would look like a replay and end the family.
    /// </summary>
    private ValueTask<T> WriteAsync<T>(Func<SqliteSessionWriter, T> write, CancellationToken cancellationToken) =>
        calls.RunAsync((EmployeesConnections _, CancellationToken ct) => writer.RunAsync(write, ct), cancellationToken);

    private static RefreshTokenRecord ReadRecord(DbDataReader row) => new(
        row.GetString(0),
        new RefreshTokenFamily(
            row.GetString(4),
            row.GetInt32(5),
            row.GetString(6),
            GrantedScopes.Parse(row.GetString(7)),
            DateTimeOffset.FromUnixTimeMilliseconds(row.GetInt64(8)),
            FromUnixTimeMilliseconds(row, 9)),
        DateTimeOffset.FromUnixTimeMilliseconds(row.GetInt64(1)),
        DateTimeOffset.FromUnixTimeMilliseconds(row.GetInt64(2)),
        FromUnixTimeMilliseconds(row, 3));

    private static DateTimeOffset? FromUnixTimeMilliseconds(DbDataReader row, int ordinal) =>
        row.IsDBNull(ordinal) ? null : DateTimeOffset.FromUnixTimeMilliseconds(row.GetInt64(ordinal));

    /// <summary>
    /// Deletes tokens expired a while ago, then the families none is left of (older than that, so never one
    /// being started), in the writer's next batch; nobody waits for it, and a purge that fails waits for the
    /// next one (its savepoint is undone, the writes beside it are kept).
    /// </summary>
    private void PurgeIfDue()
    {
        if (!_purge.TryClaim(out var before))
        {
            return;
        }

        var cutoff = before.ToUnixTimeMilliseconds();
        _ = writer.RunAsync(
                w => w.Command(PurgeTokensSql, cutoff, PurgeSchedule.BatchSize).ExecuteNonQuery()
                    + w.Command(PurgeFamiliesSql, cutoff, PurgeSchedule.BatchSize).ExecuteNonQuery(),
                CancellationToken.None)
            .ContinueWith(purge => purge.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }
}
