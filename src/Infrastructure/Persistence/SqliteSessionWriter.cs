using System.Threading.Channels;
using FastApiLearning.Application.Common.Exceptions;
using Microsoft.Data.Sqlite;

namespace FastApiLearning.Infrastructure.Persistence;

/// <summary>
/// Every refresh-token write of this instance on SQLite, made by one connection of its own, in batches: the
/// writes waiting when the connection is free go into one transaction (group commit), each in a savepoint of
/// its own, and each caller hears of its write only once that transaction is committed.
/// </summary>
/// <remarks>
/// Why: SQLite lets one writer at a time, and with <c>synchronous = FULL</c> (the default) each commit waits for
/// the disk (an fsync of the WAL, milliseconds here). Pooled connections writing at once meet the file locked,
/// and Microsoft.Data.Sqlite answers SQLITE_BUSY by sleeping 150 ms on the calling thread before it tries again.
/// One writer never meets its own instance's writes, and one commit makes many writes durable at once. Another
/// process (a second instance, a management command) still takes turns through the file's lock as before: the
/// transaction starts with <c>BEGIN IMMEDIATE</c>, so the conditional UPDATEs decide with the lock held.
/// </remarks>
public sealed class SqliteSessionWriter : IAsyncDisposable
{
    /// <summary>The most writes in one transaction, so that one batch holds the file's lock briefly.</summary>
    public const int MaxBatch = 64;

    private readonly Channel<IWrite> _queue = Channel.CreateUnbounded<IWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly string _connectionString;
    private readonly int _timeoutSeconds;
    private readonly Task _loop;
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private SqliteConnection? _connection;
    private volatile Exception? _stopped;

    public SqliteSessionWriter(string connectionString, int timeoutSeconds)
    {
        // Foreign keys on, as EF Core turns them on for its connections: a token of a family just removed is refused.
        _connectionString = new SqliteConnectionStringBuilder(connectionString) { ForeignKeys = true, Pooling = false }.ConnectionString;
        _timeoutSeconds = timeoutSeconds;
        // Microsoft.Data.Sqlite is synchronous under its async methods: the loop has a thread of its own.
        _loop = Task.Factory.StartNew(RunLoop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>
    /// Runs <paramref name="write"/> on the writer's connection inside the next transaction, and returns what it
    /// returned once that transaction is committed. A write that throws is rolled back alone (its savepoint).
    /// </summary>
    /// <remarks>
    /// <paramref name="cancellationToken"/> counts only until the writer takes the write: cancelled while queued,
    /// the write is never run and the caller hears "cancelled". Once taken, the caller waits for its real outcome
    /// (bounded by the connection's timeout, as every batch is), so a use that was committed is never reported as
    /// failed, and the client's retry is not mistaken for a replay.
    /// </remarks>
    public Task<T> RunAsync<T>(Func<SqliteSessionWriter, T> write, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        var pending = new Write<T>(write, cancellationToken);
        if (!_queue.Writer.TryWrite(pending) && pending.TryTake())
        {
            // Disposed (the app is stopping), or the loop is gone: a 503 like any database out of reach, not a 500.
            pending.Fail(Stopped());
        }

        return pending.Completion.Task;
    }

    /// <summary>
    /// A command with this SQL on the writer's connection, prepared once and kept (parameters <c>@p0</c>, <c>@p1</c>, …).
    /// Only for the writes <see cref="RunAsync{T}"/> runs: the connection is the writer thread's alone.
    /// </summary>
    public SqliteCommand Command(string sql, params object?[] parameters)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = _connection!.CreateCommand();
            command.CommandText = sql;
            command.CommandTimeout = _timeoutSeconds;
            for (var i = 0; i < parameters.Length; i++)
            {
                command.Parameters.Add(new SqliteParameter($"@p{i}", null));
            }

            _commands.Add(sql, command);
        }

        for (var i = 0; i < parameters.Length; i++)
        {
            command.Parameters[i].Value = parameters[i] ?? DBNull.Value;
        }

        return command;
    }

    private void RunLoop()
    {
        var batch = new List<IWrite>(MaxBatch);
        var reader = _queue.Reader;
        try
        {
            while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
            {
                batch.Clear();
                while (batch.Count < MaxBatch && reader.TryRead(out var write))
                {
                    // A caller that gave up (its timeout, a closed request) before its turn has heard so and is not
                    // written; from here on the write is the batch's and its caller waits for the outcome.
                    if (write.TryTake())
                    {
                        batch.Add(write);
                    }
                }

                if (batch.Count > 0)
                {
                    RunBatch(batch);
                }
            }
        }
        catch (Exception e)
        {
            // Nothing should get here (RunBatch answers its own failures); if something does, the loop stops
            // loudly: every write waiting or to come is answered with this as the cause, none waits forever, and
            // no transaction is left holding the file's lock.
            _stopped = e;
            Close();
            foreach (var write in batch)
            {
                write.Fail(DatabaseErrors.Unavailable(e));
            }
        }
        finally
        {
            _queue.Writer.TryComplete();
            while (reader.TryRead(out var write))
            {
                if (write.TryTake())
                {
                    write.Fail(Stopped());
                }
            }
        }
    }

    private void RunBatch(List<IWrite> batch)
    {
        var failed = new bool[batch.Count];
        try
        {
            Open();
            // IMMEDIATE: the file's write lock first, so no other process writes between a check and its write.
            // Plain statements, not BeginTransaction: the kept commands then need no transaction object.
            Command("BEGIN IMMEDIATE").ExecuteNonQuery();
            for (var i = 0; i < batch.Count; i++)
            {
                Command("SAVEPOINT w").ExecuteNonQuery();
                try
                {
                    batch[i].Run(this);
                }
                catch (Exception e)
                {
                    // A refused row, or any other failure of this write: it alone is undone and the others go on.
                    // Should the undo fail too, the batch does (below).
                    failed[i] = true;
                    batch[i].Fail(e);
                    Command("ROLLBACK TO w").ExecuteNonQuery();
                }

                Command("RELEASE w").ExecuteNonQuery();
            }

            Command("COMMIT").ExecuteNonQuery();
        }
        catch (Exception e)
        {
            // Busy past the timeout, I/O, the file gone, a failed COMMIT: nothing of the batch was kept (closing the
            // connection rolls back what it began). Every write that had not failed alone hears it; open afresh next time.
            Close();
            for (var i = 0; i < batch.Count; i++)
            {
                if (!failed[i])
                {
                    batch[i].Fail(e);
                    failed[i] = true;
                }
            }
        }

        for (var i = 0; i < batch.Count; i++)
        {
            if (!failed[i])
            {
                batch[i].Complete();
            }
        }
    }

    private void Open()
    {
        if (_connection is null)
        {
            _connection = new SqliteConnection(_connectionString) { DefaultTimeout = _timeoutSeconds };
            _connection.Open();
        }
    }

    /// <summary>Gives the connection up (after a failure, or at the end); what its disposal throws changes nothing then.</summary>
    private void Close()
    {
        foreach (var command in _commands.Values)
        {
            Discard(command);
        }

        _commands.Clear();
        Discard(_connection);
        _connection = null;
    }

    private static void Discard(IDisposable? disposable)
    {
        try
        {
            disposable?.Dispose();
        }
        catch (Exception)
        {
            // A connection broken enough to throw here is dropped all the same.
        }
    }

    private ResourceUnavailableException Stopped() =>
        DatabaseErrors.Unavailable(_stopped ?? new ObjectDisposedException(nameof(SqliteSessionWriter)));

    /// <summary>Writes already queued are still run; a write that comes after is answered as unavailable.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
        Close();
    }

    private interface IWrite
    {
        /// <summary>Claims the write for a batch (or for failing it); false once its caller has given up.</summary>
        bool TryTake();

        void Run(SqliteSessionWriter writer);

        void Complete();

        void Fail(Exception exception);
    }

    private sealed class Write<T> : IWrite
    {
        private const int Queued = 0;
        private const int Taken = 1;
        private const int Cancelled = 2;

        private readonly Func<SqliteSessionWriter, T> _write;
        private readonly CancellationTokenRegistration _registration;
        private int _state = Queued;
        private T? _result;

        public Write(Func<SqliteSessionWriter, T> write, CancellationToken cancellationToken)
        {
            _write = write;
            _registration = cancellationToken.UnsafeRegister(static (state, token) => ((Write<T>)state!).Cancel(token), this);
        }

        public TaskCompletionSource<T> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool TryTake() => Interlocked.CompareExchange(ref _state, Taken, Queued) == Queued;

        public void Run(SqliteSessionWriter writer) => _result = _write(writer);

        public void Complete()
        {
            _registration.Unregister();
            Completion.TrySetResult(_result!);
        }

        public void Fail(Exception exception)
        {
            _registration.Unregister();
            Completion.TrySetException(exception);
        }

        /// <summary>Only while queued: a write the writer has taken is answered by its outcome.</summary>
        private void Cancel(CancellationToken token)
        {
            if (Interlocked.CompareExchange(ref _state, Cancelled, Queued) == Queued)
            {
                Completion.TrySetCanceled(token);
            }
        }
    }
}
