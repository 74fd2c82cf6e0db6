using FastApiLearning.Infrastructure.Persistence;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FastApiLearning.WebApi.Commands;

/// <summary><c>migrate</c>: brings the employees database to the model with the web app's <see cref="DatabaseMigrator"/>.</summary>
/// <param name="migrator">Absent with the Fake provider, which has nothing to migrate.</param>
public sealed class MigrateCommand(CommandConsole console, IConfiguration configuration, DatabaseMigrator? migrator = null) : AsyncCommand
{
    public override async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var database = DatabaseDescription.Describe(configuration);
        if (migrator is null)
        {
            console.Out.MarkupLineInterpolated($"Nothing to migrate: {database} keeps no schema.");
            return ExitCodes.Success;
        }

        await migrator.MigrateAsync(cancellationToken);
        console.Out.MarkupLineInterpolated($"Migrated {database}: it is up to date.");
        return ExitCodes.Success;
    }
}
