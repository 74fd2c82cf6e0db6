using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace FastApiLearning.Infrastructure.Persistence;

/// <summary>
/// Plain pooled ADO.NET connections to the employees database, for the lookups asked on every request
/// (the token cutoff, the profile, the login's employee): a fifth of an EF Core query's cost (docs/database.md).
/// Same SQL on both providers, always parameterised.
/// </summary>
public sealed class EmployeesConnections(DbDataSource dataSource, int commandTimeoutSeconds) : IAsyncDisposable
{
    public static EmployeesConnections For(DatabaseOptions options) => new(
        options.Provider == DatabaseProvider.Postgres
            ? NpgsqlDataSource.Create(EmployeesDbContextOptions.PostgresConnectionString(options))
            : SqliteFactory.Instance.CreateDataSource(options.ConnectionString!),
        EmployeesDbContextOptions.TimeoutSeconds(options));

    /// <summary>Runs <paramref name="sql"/> (parameters <c>@p0</c>, <c>@p1</c>, …) and returns the first column of the first row.</summary>
    public async Task<object?> ScalarAsync(string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    /// <summary>Runs <paramref name="sql"/> and reads its first row with <paramref name="read"/>, or returns default when there is none.</summary>
    public async Task<T?> FirstOrDefaultAsync<T>(string sql, Func<DbDataReader, T> read, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? read(reader) : default;
    }

    /// <summary>Runs <paramref name="sql"/> and reads every row with <paramref name="read"/>.</summary>
    public async Task<IReadOnlyList<T>> ListAsync<T>(string sql, Func<DbDataReader, T> read, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    private DbCommand Command(DbConnection connection, string sql, object[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = commandTimeoutSeconds;
        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = $"@p{i}";
            parameter.Value = parameters[i];
            command.Parameters.Add(parameter);
        }

        return command;
    }

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();
}
