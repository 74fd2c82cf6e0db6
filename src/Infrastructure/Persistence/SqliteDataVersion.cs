using Microsoft.Data.Sqlite;

namespace FastApiLearning.Infrastructure.Persistence;

/// <summary>
/// Whether anything was committed to the SQLite file since a value was read: <c>PRAGMA data_version</c>
/// on a connection of its own that never writes, so that every commit (this process's pooled
/// connections, a command in another process) changes it (sqlite.org/pragma.html#pragma_data_version).
/// In WAL mode it reads the shared-memory index, a few microseconds: cheaper than the query it saves.
/// </summary>
public sealed class SqliteDataVersion(string connectionString, int commandTimeoutSeconds) : IDisposable
{
    // One connection is not thread-safe; the pragma is short enough to take turns.
    private readonly Lock _lock = new();
    private SqliteConnection? _connection;
    private SqliteCommand? _command;

    // A new connection counts from its own start: each one gets its own high bits, so that a value
    // read before a reconnect never equals one read after it.
    private long _connectionNumber;

    /// <summary>The file's data version; a different value means some other connection committed in between.</summary>
    /// <exception cref="SqliteException">The file cannot be read (the caller answers 503).</exception>
    public long Read()
    {
        lock (_lock)
        {
            try
            {
                if (_command is null)
                {
                    // Its own connection outside the pool: a pooled one could write, and its own
                    // commits do not change its data_version.
                    _connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
                    _connection.Open();
                    _command = _connection.CreateCommand();
                    _command.CommandText = "PRAGMA data_version";
                    _command.CommandTimeout = commandTimeoutSeconds;
                    _connectionNumber++;
                }

                return (_connectionNumber << 40) | (long)_command.ExecuteScalar()!;
            }
            catch
            {
                // Open afresh on the next call: the file may be back by then.
                Close();
                throw;
            }
        }
    }

    private void Close()
    {
        _command?.Dispose();
        _connection?.Dispose();
        _command = null;
        _connection = null;
    }

    public void Dispose()
    {
        lock (_lock)
        {
            Close();
        }
    }
}
