using FastApiLearning.Application.Employees.GrantScopes;
using Mediator;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FastApiLearning.WebApi.Commands.Employees;

/// <summary><c>employees grant EMAIL SCOPE…</c>: sends <see cref="GrantScopesCommand"/> and says what the employee holds afterwards.</summary>
public sealed class EmployeesGrantCommand(ISender sender, CommandConsole console, DatabasePreparation database)
    : AsyncCommand<EmployeesScopesSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, EmployeesScopesSettings settings, CancellationToken cancellationToken)
    {
        await database.PrepareAsync(cancellationToken);
        var held = await sender.Send(new GrantScopesCommand(settings.Email, settings.Scopes), cancellationToken)
            ?? throw new CommandFailedException($"no employee has the email {settings.Email}.");

        console.Out.MarkupLineInterpolated($"{settings.Email} now holds: {ScopeList.Describe(held)}.");
        console.Out.MarkupLine("A change takes effect at once: the tokens they held before it are refused, and their next login carries these scopes.");
        return ExitCodes.Success;
    }
}
