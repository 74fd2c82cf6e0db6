using System.ComponentModel;
using Spectre.Console.Cli;

namespace FastApiLearning.WebApi.Commands.Employees;

public sealed class EmployeesSetPasswordSettings : CommandSettings
{
    [CommandArgument(0, "<EMAIL>")]
    [Description("The employee's email.")]
    public string Email { get; set; } = "";

    [CommandOption("--password-stdin")]
    [Description("Read the new password from the first line of standard input instead of asking for it. "
        + "There is no option that takes the password itself.")]
    public bool PasswordStdin { get; set; }
}
