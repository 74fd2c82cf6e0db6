using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace FastApiLearning.Infrastructure.Persistence;

/// <summary>
/// Reads <c>ConnectionStrings:Employees</c> into the options, and gives SQLite without one its default
/// file, <c>data/employees.db</c> under the content root (git-ignored), so that a fresh clone runs with no setup.
/// </summary>
public sealed class DatabaseOptionsSetup(IConfiguration configuration, IHostEnvironment environment)
    : IPostConfigureOptions<DatabaseOptions>
{
    public void PostConfigure(string? name, DatabaseOptions options)
    {
        options.ConnectionString ??= configuration.GetConnectionString(DatabaseOptions.ConnectionStringName);
        if (options.Provider == DatabaseProvider.Sqlite && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            options.ConnectionString = new SqliteConnectionStringBuilder
            {
                DataSource = Path.Combine(environment.ContentRootPath, "data", "employees.db"),
            }.ToString();
        }
    }
}
