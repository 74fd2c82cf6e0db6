using FastApiLearning.Application.Employees.RemoveEmployee;
using Mediator;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FastApiLearning.WebApi.Commands.Employees;

/// <summary><c>employees remove EMAIL</c>: sends the same <see cref="RemoveEmployeeCommand"/> as the API.</summary>
public sealed class EmployeesRemoveCommand(ISender sender, CommandConsole console, DatabasePreparation database)
    : AsyncCommand<EmployeesRemoveSettings>
{
    public override async Task<int> ExecuteAsync(
        CommandContext context, EmployeesRemoveSettings settings, CancellationToken cancellationToken)
    {
        await database.PrepareAsync(cancellationToken);
        if (!settings.Yes)
        {
            // A script cannot answer: it says --yes, so that nobody is removed by a stray pipe.
            if (!console.CanPrompt)
            {
                throw new CommandUsageException("standard input is not a terminal, so removing needs --yes.");
            }

            var confirmed = await new ConfirmationPrompt($"Remove the employee {settings.Email.EscapeMarkup()}?") { DefaultValue = false }
                .ShowAsync(console.Error, cancellationToken);
            if (!confirmed)
            {
                throw new CommandFailedException("not confirmed; nothing was removed.");
            }
        }

        if (!await sender.Send(new RemoveEmployeeCommand(settings.Email), cancellationToken))
        {
            throw new CommandFailedException($"no employee has the email {settings.Email}.");
        }

        console.Out.MarkupLineInterpolated($"Removed {settings.Email}; their tokens are refused from now on.");
        return ExitCodes.Success;
    }
}
