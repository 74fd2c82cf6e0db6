using FastApiLearning.Application.Auth;
using FastApiLearning.Application.Common.Exceptions;
using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Domain.Employees;
using FastApiLearning.Infrastructure.Persistence;
using FastApiLearning.TestSupport.Employees;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace FastApiLearning.Infrastructure.UnitTests.Persistence;

/// <summary>
/// What the batching writer adds to the refresh-token contract (SqliteSessionStoreTests): writes that arrive
/// together share a commit, yet each is kept or refused on its own; a failed batch fails only its own callers;
/// a caller's cancellation counts only while its write is queued.
/// </summary>
/// <remarks>
/// Batches are made on purpose with a <see cref="Gate"/>: a write that holds the writer's thread until opened, so
/// that the writes queued meanwhile go into the next batch together. No sleeps, no timed assertions.
/// </remarks>
public sealed class SqliteSessionWriterTests
{
    private const int SqliteBusy = 5;
    private const int SqliteConstraint = 19;

    private static readonly DateTimeOffset s_start = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task AddAsync_WhenOneOfManyAtOnceIsRefused_KeepsEveryOther()
    {
        await using var database = await SqliteTestDatabase.CreateAsync();
        var employee = SampleEmployees.Behai();
        await database.InsertAsync(employee);
        var store = database.RefreshTokens(TimeProvider.System);
        var family = new RefreshTokenFamily(TokenHandles.NewFamilyId(), employee.EmpNo, "", [Scopes.UserRead], s_start);
        await store.StartFamilyAsync(family, TokenHandles.Hash(TokenHandles.New()), s_start.AddDays(7), CancellationToken.None);
        var kept = Enumerable.Range(0, 16).Select(_ => TokenHandles.Hash(TokenHandles.New())).ToList();

        // Sixteen successors and one of a family that does not exist (its foreign key refuses it), all at once.
        var orphanHash = TokenHandles.Hash(TokenHandles.New());
        var orphan = store.AddAsync(TokenHandles.NewFamilyId(), orphanHash, s_start, s_start.AddDays(7), CancellationToken.None).AsTask();
        var adds = kept.Select(hash => store.AddAsync(family.FamilyId, hash, s_start, s_start.AddDays(7), CancellationToken.None).AsTask()).ToList();

        Assert.That(await Task.WhenAll(adds), Is.All.True);
        Assert.That(await orphan, Is.False, "refused by the foreign key, and said so");
        Assert.That(await store.FindAsync(orphanHash, CancellationToken.None), Is.Null);
        foreach (var hash in kept)
        {
            Assert.That(await store.FindAsync(hash, CancellationToken.None), Is.Not.Null);
        }
    }

    [Test]
    public async Task RunAsync_WhenOneWriteThrowsWhatIsNoConstraint_FailsItAlone()
    {
        await using var database = await MarksDatabaseAsync();
        var writer = database.Writer();
        using var gate = await Gate.HoldAsync(writer);

        var first = writer.RunAsync(Mark(1), CancellationToken.None);
        var broken = writer.RunAsync<int>(w =>
        {
            Mark(2)(w);
            throw new InvalidOperationException("a write with a bug");
        }, CancellationToken.None);
        var third = writer.RunAsync(Mark(3), CancellationToken.None);
        gate.Open();

        Assert.That(await first, Is.EqualTo(1));
        Assert.That(await third, Is.EqualTo(1));
        Assert.That(async () => await broken, Throws.InvalidOperationException.With.Message.EqualTo("a write with a bug"));
        Assert.That(await MarksAsync(database), Is.EqualTo(new[] { 1, 3 }), "the broken write's own row is undone, the others kept");
    }

    [Test]
    public async Task RunAsync_WhenAnotherConnectionHoldsTheWriteLockPastTheTimeout_FailsTheBatchsCallers_AndTheNextWriteSucceeds()
    {
        await using var database = await MarksDatabaseAsync();
        var writer = database.Writer(timeoutSeconds: 1);
        await using var other = await database.OpenAsync();
        // Held with the writer's own transaction ended, so the other connection can take the lock meanwhile.
        using var gate = await Gate.HoldAsync(writer, outsideTransaction: true);
        await ExecuteAsync(other, "BEGIN IMMEDIATE");

        var batch = new[] { writer.RunAsync(Mark(1), CancellationToken.None), writer.RunAsync(Mark(2), CancellationToken.None) };
        gate.Open();
        foreach (var write in batch)
        {
            Assert.That(async () => await write, Throws.InstanceOf<SqliteException>().With.Property(nameof(SqliteException.SqliteErrorCode)).EqualTo(SqliteBusy));
        }

        await ExecuteAsync(other, "ROLLBACK");

        Assert.That(await writer.RunAsync(Mark(3), CancellationToken.None), Is.EqualTo(1));
        Assert.That(await MarksAsync(database), Is.EqualTo(new[] { 3 }));
    }

    [Test]
    public async Task RunAsync_WhenTheCommitFails_FailsEveryWriteThatRan_AndTheNextWriteSucceeds()
    {
        await using var database = await MarksDatabaseAsync();
        var writer = database.Writer();
        using var gate = await Gate.HoldAsync(writer);

        var first = writer.RunAsync(Mark(1), CancellationToken.None);
        var brokenAlone = writer.RunAsync<int>(_ => throw new InvalidOperationException("failed alone"), CancellationToken.None);
        // A token of no family, its foreign key checked only at COMMIT: the commit fails.
        var orphan = writer.RunAsync(w =>
        {
            w.Command("PRAGMA defer_foreign_keys = ON").ExecuteNonQuery();
            return w.Command("INSERT INTO refresh_tokens (token_hash, family_id, issued_at, expires_at) VALUES (@p0, @p1, 0, 0)",
                TokenHandles.Hash(TokenHandles.New()), TokenHandles.NewFamilyId()).ExecuteNonQuery();
        }, CancellationToken.None);
        var last = writer.RunAsync(Mark(3), CancellationToken.None);
        gate.Open();

        foreach (var write in new[] { first, orphan, last })
        {
            Assert.That(async () => await write, Throws.InstanceOf<SqliteException>().With.Property(nameof(SqliteException.SqliteErrorCode)).EqualTo(SqliteConstraint));
        }

        Assert.That(async () => await brokenAlone, Throws.InvalidOperationException.With.Message.EqualTo("failed alone"), "a write that failed alone keeps its own error");
        Assert.That(await writer.RunAsync(Mark(4), CancellationToken.None), Is.EqualTo(1));
        Assert.That(await MarksAsync(database), Is.EqualTo(new[] { 4 }));
        Assert.That(await database.ScalarAsync("SELECT count(*) FROM refresh_tokens"), Is.Zero);
    }

    [Test]
    public async Task RunAsync_WhenAWritesUndoFails_FailsTheBatch_AndTheNextWriteSucceeds()
    {
        await using var database = await MarksDatabaseAsync();
        var writer = database.Writer();
        using var gate = await Gate.HoldAsync(writer);

        var first = writer.RunAsync(Mark(1), CancellationToken.None);
        // Its savepoint cannot be rolled back on a closed connection: nothing of the batch can be kept.
        var breaking = writer.RunAsync<int>(w =>
        {
            w.Command("SELECT 1").Connection!.Close();
            throw new InvalidOperationException("the connection is gone");
        }, CancellationToken.None);
        gate.Open();

        Assert.That(async () => await breaking, Throws.InvalidOperationException.With.Message.EqualTo("the connection is gone"));
        Assert.That(async () => await first, Throws.InvalidOperationException);
        Assert.That(await writer.RunAsync(Mark(2), CancellationToken.None), Is.EqualTo(1), "the writer opens a new connection");
        Assert.That(await MarksAsync(database), Is.EqualTo(new[] { 2 }));
    }

    [Test]
    public async Task RunAsync_WhenMoreThanMaxBatchAreQueued_CommitsMaxBatchOfThemFirst()
    {
        await using var database = await MarksDatabaseAsync();
        var writer = database.Writer();
        await using var observer = await database.OpenAsync();
        await using var count = observer.CreateCommand();
        count.CommandText = "SELECT count(*) FROM marks";
        using var gate = await Gate.HoldAsync(writer);

        // Each write first counts, from another connection, the marks committed before it ran.
        var seen = new long[SqliteSessionWriter.MaxBatch + 1];
        var writes = Enumerable.Range(0, seen.Length).Select(i => writer.RunAsync(w =>
        {
            seen[i] = (long)count.ExecuteScalar()!;
            return Mark(i)(w);
        }, CancellationToken.None)).ToList();
        gate.Open();
        await Task.WhenAll(writes);

        Assert.That(seen.Take(SqliteSessionWriter.MaxBatch), Is.All.EqualTo(0), "the first MaxBatch share one transaction");
        Assert.That(seen[^1], Is.EqualTo(SqliteSessionWriter.MaxBatch), "the one past MaxBatch waits for their commit");
    }

    [Test]
    public async Task RunAsync_WhenCancelledWhileQueued_IsNotWritten_AndItsCallerHearsCancelled()
    {
        await using var database = await MarksDatabaseAsync();
        var writer = database.Writer();
        using var gate = await Gate.HoldAsync(writer);
        using var cancellation = new CancellationTokenSource();
        var ran = false;

        var cancelled = writer.RunAsync(w =>
        {
            ran = true;
            return Mark(1)(w);
        }, cancellation.Token);
        await cancellation.CancelAsync();

        Assert.That(async () => await cancelled, Throws.InstanceOf<OperationCanceledException>(), "answered while the writer is still held");
        gate.Open();
        Assert.That(await writer.RunAsync(Mark(2), CancellationToken.None), Is.EqualTo(1));
        Assert.That(ran, Is.False);
        Assert.That(await MarksAsync(database), Is.EqualTo(new[] { 2 }));
    }

    [Test]
    public async Task RunAsync_WhenCancelledAfterTheWriterTookIt_ReturnsTheCommittedOutcome()
    {
        await using var database = await MarksDatabaseAsync();
        var writer = database.Writer();
        using var cancellation = new CancellationTokenSource();

        var write = writer.RunAsync(w =>
        {
            var marked = Mark(1)(w);
            cancellation.Cancel();
            return marked;
        }, cancellation.Token);

        Assert.That(await write, Is.EqualTo(1));
        Assert.That(await MarksAsync(database), Is.EqualTo(new[] { 1 }));
    }

    [Test]
    public async Task UseAsync_WhenTheTimeoutPassesAfterTheWriterTookIt_ReturnsTheUse()
    {
        await using var database = await SqliteTestDatabase.CreateAsync();
        var (store, writer, clock, calls, hash) = await StoreWithTokenAsync(database);
        using var gate = await Gate.HoldAsync(writer);

        var use = store.UseAsync(hash, s_start, CancellationToken.None).AsTask();
        // The next write of the same batch moves the clock past the store's bound, before that batch commits.
        var late = writer.RunAsync(_ =>
        {
            clock.Advance(calls.Timeout + TimeSpan.FromSeconds(1));
            return 0;
        }, CancellationToken.None);
        gate.Open();

        var redemption = await use;
        await late;
        Assert.That(redemption.IsFirst, Is.True, "the use committed is this caller's, not a 503 whose retry is a replay");
        Assert.That((await store.FindAsync(hash, CancellationToken.None))?.UsedAt, Is.EqualTo(s_start));
    }

    [Test]
    public async Task UseAsync_WhenTheTimeoutPassesWhileQueued_IsUnavailable_AndNotWritten()
    {
        await using var database = await SqliteTestDatabase.CreateAsync();
        var (store, writer, clock, calls, hash) = await StoreWithTokenAsync(database);
        using var gate = await Gate.HoldAsync(writer);

        var use = store.UseAsync(hash, s_start, CancellationToken.None).AsTask();
        clock.Advance(calls.Timeout + TimeSpan.FromSeconds(1));

        Assert.That(async () => await use, Throws.TypeOf<ResourceUnavailableException>());
        gate.Open();
        await writer.RunAsync(_ => 0, CancellationToken.None);
        Assert.That((await store.FindAsync(hash, CancellationToken.None))?.UsedAt, Is.Null);
    }

    [Test]
    public async Task AddAsync_AfterTheWriterIsDisposed_IsUnavailable()
    {
        await using var database = await SqliteTestDatabase.CreateAsync();
        var (store, writer, _, _, _) = await StoreWithTokenAsync(database);

        await writer.DisposeAsync();

        Assert.That(async () => await store.AddAsync(TokenHandles.NewFamilyId(), TokenHandles.Hash(TokenHandles.New()), s_start, s_start.AddDays(7), CancellationToken.None),
            Throws.TypeOf<ResourceUnavailableException>().With.InnerException.TypeOf<ObjectDisposedException>());
    }

    [Test]
    public async Task DisposeAsync_WhenWritesAreQueued_RunsThemFirst()
    {
        await using var database = await MarksDatabaseAsync();
        var writer = database.Writer();
        using var gate = await Gate.HoldAsync(writer);

        var queued = writer.RunAsync(Mark(1), CancellationToken.None);
        var disposing = writer.DisposeAsync().AsTask();
        gate.Open();
        await disposing;

        Assert.That(await queued, Is.EqualTo(1));
        Assert.That(await MarksAsync(database), Is.EqualTo(new[] { 1 }));
    }

    private static async Task<SqliteTestDatabase> MarksDatabaseAsync()
    {
        var database = await SqliteTestDatabase.CreateAsync();
        await database.ScalarAsync("CREATE TABLE marks (n INTEGER NOT NULL)");
        return database;
    }

    private static Func<SqliteSessionWriter, int> Mark(int n) => w => w.Command("INSERT INTO marks (n) VALUES (@p0)", n).ExecuteNonQuery();

    private static async Task<int[]> MarksAsync(SqliteTestDatabase database)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT n FROM marks ORDER BY n";
        await using var reader = await command.ExecuteReaderAsync();
        var marks = new List<int>();
        while (await reader.ReadAsync())
        {
            marks.Add(reader.GetInt32(0));
        }

        return [.. marks];
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A store as the app makes it on SQLite, its bound timed by a fake clock, and one token of a started family.</summary>
    private static async Task<(SqliteRefreshTokenStore Store, SqliteSessionWriter Writer, FakeTimeProvider Clock, DatabaseCalls Calls, string Hash)> StoreWithTokenAsync(
        SqliteTestDatabase database)
    {
        var employee = SampleEmployees.Behai();
        await database.InsertAsync(employee);
        var clock = new FakeTimeProvider(s_start);
        var calls = SqliteTestDatabase.Calls(database.Options(), clock);
        var writer = database.Writer();
        var store = new SqliteRefreshTokenStore(calls, writer, clock);
        var hash = TokenHandles.Hash(TokenHandles.New());
        var family = new RefreshTokenFamily(TokenHandles.NewFamilyId(), employee.EmpNo, "", [Scopes.UserRead], s_start);
        await store.StartFamilyAsync(family, hash, s_start.AddDays(7), CancellationToken.None);
        return (store, writer, clock, calls, hash);
    }

    /// <summary>
    /// A write that holds the writer's thread inside its batch until opened (or disposed, so that a failing test
    /// never leaves the writer held).
    /// </summary>
    private sealed class Gate : IDisposable
    {
        private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <param name="outsideTransaction">Ends the batch's transaction (and its hold on the file's lock) while held.</param>
        public static async Task<Gate> HoldAsync(SqliteSessionWriter writer, bool outsideTransaction = false)
        {
            var gate = new Gate();
            _ = writer.RunAsync(w =>
            {
                if (outsideTransaction)
                {
                    w.Command("COMMIT").ExecuteNonQuery();
                }

                gate._entered.SetResult();
                gate._open.Task.GetAwaiter().GetResult();
                if (outsideTransaction)
                {
                    // A transaction that takes no lock, for the batch to release and commit as usual.
                    w.Command("BEGIN").ExecuteNonQuery();
                    w.Command("SAVEPOINT w").ExecuteNonQuery();
                }

                return 0;
            }, CancellationToken.None);
            await gate._entered.Task;
            return gate;
        }

        public void Open() => _open.TrySetResult();

        public void Dispose() => Open();
    }
}
