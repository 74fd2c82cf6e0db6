using System.ComponentModel;
using Spectre.Console.Cli;

namespace FastApiLearning.WebApi.Commands.Employees;

/// <summary><c>employees grant</c> and <c>employees revoke-scope</c>: an email and the scope names.</summary>
public sealed class EmployeesScopesSettings : CommandSettings
{
    [CommandArgument(0, "<EMAIL>")]
    [Description("The employee's email.")]
    public string Email { get; set; } = "";

    [CommandArgument(1, "<SCOPE>")]
    [Description("One or more of: user:read, user:write, admin:read, admin:write, super:* (quote super:* in a shell).")]
    public string[] Scopes { get; set; } = [];
}
