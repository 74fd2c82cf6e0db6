using System.Globalization;
using FastApiLearning.Application.Employees.ListEmployees;
using Mediator;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FastApiLearning.WebApi.Commands.Employees;

/// <summary><c>employees list</c>: sends the same <see cref="ListEmployeesQuery"/> as the API, shows a table.</summary>
public sealed class EmployeesListCommand(ISender sender, CommandConsole console, DatabasePreparation database)
    : AsyncCommand<EmployeesListSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, EmployeesListSettings settings, CancellationToken cancellationToken)
    {
        await database.PrepareAsync(cancellationToken);
        var employees = await sender.Send(new ListEmployeesQuery(settings.Limit, settings.After), cancellationToken);

        // Whether a password is set, never the hash.
        var table = new Table()
            .AddColumn("emp_no")
            .AddColumn("email")
            .AddColumn("first name")
            .AddColumn("last name")
            .AddColumn("gender")
            .AddColumn("birth date")
            .AddColumn("hire date")
            .AddColumn("password");
        foreach (var employee in employees)
        {
            table.AddRow(
                new Text(employee.EmpNo.ToString(CultureInfo.InvariantCulture)),
                new Text(employee.Email),
                new Text(employee.FirstName),
                new Text(employee.LastName),
                new Text(employee.Gender.ToString()),
                new Text(employee.BirthDate.ToString(EmployeesAddSettings.DateFormat, CultureInfo.InvariantCulture)),
                new Text(employee.HireDate.ToString(EmployeesAddSettings.DateFormat, CultureInfo.InvariantCulture)),
                new Text(employee.HasPassword ? "set" : "none"));
        }

        console.Out.Write(table);
        console.Out.WriteLine(employees.Count == settings.Limit
            ? $"{employees.Count} employees; more with --after {employees[^1].EmpNo}."
            : $"{employees.Count} employees.");
        return ExitCodes.Success;
    }
}
