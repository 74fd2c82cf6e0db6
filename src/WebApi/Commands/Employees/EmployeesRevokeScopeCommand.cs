using FastApiLearning.Application.Employees.RevokeScopes;
using Mediator;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FastApiLearning.WebApi.Commands.Employees;

/// <summary><c>employees revoke-scope EMAIL SCOPE…</c>: sends <see cref="RevokeScopesCommand"/> and says what the employee holds afterwards.</summary>
public sealed class EmployeesRevokeScopeCommand(ISender sender, CommandConsole console, DatabasePreparation database)
    : AsyncCommand<EmployeesScopesSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, EmployeesScopesSettings settings, CancellationToken cancellationToken)
    {
        await database.PrepareAsync(cancellationToken);
        var held = await sender.Send(new RevokeScopesCommand(settings.Email, settings.Scopes), cancellationToken)
            ?? throw new CommandFailedException($"no employee has the email {settings.Email}.");

        console.Out.MarkupLineInterpolated($"{settings.Email} now holds: {ScopeList.Describe(held)}.");
        console.Out.MarkupLine("A change takes effect at once: the tokens they held before it are refused, so nobody keeps a scope that was taken away.");
        return ExitCodes.Success;
    }
}
