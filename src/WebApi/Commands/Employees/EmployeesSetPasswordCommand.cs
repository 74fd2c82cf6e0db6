using FastApiLearning.Application.Employees.SetPassword;
using Mediator;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FastApiLearning.WebApi.Commands.Employees;

/// <summary><c>employees set-password EMAIL</c>: sends the same <see cref="SetPasswordCommand"/> as the API.</summary>
public sealed class EmployeesSetPasswordCommand(ISender sender, CommandConsole console, DatabasePreparation database)
    : AsyncCommand<EmployeesSetPasswordSettings>
{
    public override async Task<int> ExecuteAsync(
        CommandContext context, EmployeesSetPasswordSettings settings, CancellationToken cancellationToken)
    {
        await database.PrepareAsync(cancellationToken);
        var password = await PasswordInput.ReadAsync(console, settings.PasswordStdin, "--password-stdin", "new password", cancellationToken);
        if (!await sender.Send(new SetPasswordCommand(settings.Email, password), cancellationToken))
        {
            throw new CommandFailedException($"no employee has the email {settings.Email}.");
        }

        console.Out.MarkupLineInterpolated(
            $"The password of {settings.Email} is set; the tokens they held are refused from now on.");
        return ExitCodes.Success;
    }
}
