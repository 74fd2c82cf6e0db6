using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FastApiLearning.Infrastructure.Persistence;

/// <summary>
/// Before the server listens: migrates the employees database (unless <c>Database:MigrateOnStartup</c> is
/// false) and seeds the sample users where that is wanted. A database that cannot be prepared stops start-up.
/// </summary>
public sealed partial class DatabaseStartup(DatabaseMigrator migrator, IOptions<DatabaseOptions> options, ILogger<DatabaseStartup> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.MigrateOnStartup)
        {
            await migrator.MigrateAsync(cancellationToken);
        }
        else if (await migrator.PendingMigrationsAsync(cancellationToken) is { Count: > 0 } pending)
        {
            // Left to the migrate command; seeding a table that may not exist yet would fail.
            LogNotMigrated(pending.Count);
            return;
        }

        if (migrator.SeedsSampleUsers)
        {
            await migrator.SeedSampleUsersAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "The employees database lacks {Pending} migration(s) and Database:MigrateOnStartup is false: run the migrate command.")]
    private partial void LogNotMigrated(int pending);
}
