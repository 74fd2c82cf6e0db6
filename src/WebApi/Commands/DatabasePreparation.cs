using FastApiLearning.Infrastructure.Persistence;
using Microsoft.Extensions.Options;

namespace FastApiLearning.WebApi.Commands;

/// <summary>
/// Before an <c>employees</c> command: the migrations, as the web app applies them at start-up (unless
/// <c>Database:MigrateOnStartup</c> is false), so that a command run first on a fresh clone finds its table.
/// Sample users are not seeded here: that stays the web app's start-up, so that a sample user removed
/// with a command does not come back at the next one.
/// </summary>
/// <param name="migrator">Absent with the Fake provider, which has nothing to migrate.</param>
public sealed class DatabasePreparation(IOptions<DatabaseOptions> options, DatabaseMigrator? migrator = null)
{
    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        if (migrator is not null && options.Value.MigrateOnStartup)
        {
            await migrator.MigrateAsync(cancellationToken);
        }
    }
}
