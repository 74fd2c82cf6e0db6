using FastApiLearning.Application.Employees.AddEmployee;
using Mediator;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FastApiLearning.WebApi.Commands.Employees;

/// <summary><c>employees add</c>: sends the same <see cref="AddEmployeeCommand"/> as the API.</summary>
public sealed class EmployeesAddCommand(ISender sender, CommandConsole console, DatabasePreparation database)
    : AsyncCommand<EmployeesAddSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, EmployeesAddSettings settings, CancellationToken cancellationToken)
    {
        await database.PrepareAsync(cancellationToken);
        var password = await PasswordInput.ReadAsync(console, settings.PasswordStdin, "--password-stdin", "password", cancellationToken);
        var employee = await sender.Send(
            new AddEmployeeCommand(
                settings.Email,
                settings.FirstName,
                settings.LastName,
                settings.Gender,
                settings.ParsedBirthDate,
                settings.ParsedHireDate,
                password),
            cancellationToken);
        console.Out.MarkupLineInterpolated($"Added employee {employee.EmpNo}: {employee.FullName} <{employee.Email}>.");
        return ExitCodes.Success;
    }
}
