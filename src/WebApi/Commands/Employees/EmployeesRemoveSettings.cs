using System.ComponentModel;
using Spectre.Console.Cli;

namespace FastApiLearning.WebApi.Commands.Employees;

public sealed class EmployeesRemoveSettings : CommandSettings
{
    [CommandArgument(0, "<EMAIL>")]
    [Description("The employee's email.")]
    public string Email { get; set; } = "";

    [CommandOption("-y|--yes")]
    [Description("Do not ask for confirmation (required when standard input is not a terminal).")]
    public bool Yes { get; set; }
}
