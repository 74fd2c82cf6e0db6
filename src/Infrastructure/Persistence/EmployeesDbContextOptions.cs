using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace FastApiLearning.Infrastructure.Persistence;

/// <summary>How each provider's context connects: the connection string, and every command bounded by the timeout.</summary>
public static class EmployeesDbContextOptions
{
    public static void UseSqlite(DbContextOptionsBuilder builder, DatabaseOptions options) =>
        // The command timeout also bounds how long a command waits for a file another writer has locked.
        builder.UseSqlite(options.ConnectionString, sqlite => sqlite.CommandTimeout(TimeoutSeconds(options)));

    public static void UsePostgres(DbContextOptionsBuilder builder, DatabaseOptions options) =>
        builder.UseNpgsql(PostgresConnectionString(options), postgres => postgres.CommandTimeout(TimeoutSeconds(options)));

    /// <summary>The configured connection string; connecting to a server that does not answer waits no longer than a command may.</summary>
    public static string PostgresConnectionString(DatabaseOptions options)
    {
        var connection = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        if (!connection.ContainsKey("Timeout"))
        {
            connection.Timeout = TimeoutSeconds(options);
        }

        return connection.ConnectionString;
    }

    /// <summary>ADO.NET counts whole seconds; the service's own bound (<see cref="DatabaseCalls"/>) is exact.</summary>
    public static int TimeoutSeconds(DatabaseOptions options) => Math.Max(1, (int)Math.Ceiling(options.Timeout.TotalSeconds));
}
