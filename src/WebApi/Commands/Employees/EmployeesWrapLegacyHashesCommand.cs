using FastApiLearning.Application.Employees.WrapLegacyHashes;
using Mediator;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FastApiLearning.WebApi.Commands.Employees;

/// <summary><c>employees wrap-legacy-hashes</c>: sends <see cref="WrapLegacyHashesCommand"/>, prints what it did.</summary>
public sealed class EmployeesWrapLegacyHashesCommand(ISender sender, CommandConsole console, DatabasePreparation database)
    : AsyncCommand<EmployeesWrapLegacyHashesSettings>
{
    public override async Task<int> ExecuteAsync(
        CommandContext context, EmployeesWrapLegacyHashesSettings settings, CancellationToken cancellationToken)
    {
        await database.PrepareAsync(cancellationToken);
        var result = await sender.Send(new WrapLegacyHashesCommand(settings.BatchSize), cancellationToken);
        console.Out.MarkupLineInterpolated(
            $"Examined {result.Examined} employees: wrapped {result.Wrapped} legacy hashes, skipped {result.Skipped} that changed meanwhile.");
        return ExitCodes.Success;
    }
}
