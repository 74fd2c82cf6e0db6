using System.ComponentModel;
using Spectre.Console.Cli;

namespace FastApiLearning.WebApi.Commands.Employees;

public sealed class EmployeesListSettings : CommandSettings
{
    public const int DefaultLimit = 100;

    [CommandOption("--limit <N>")]
    [Description("How many employees to list.")]
    [DefaultValue(DefaultLimit)]
    public int Limit { get; set; } = DefaultLimit;

    [CommandOption("--after <EMP_NO>")]
    [Description("Start after this emp_no (the next page: the last emp_no of the previous one).")]
    [DefaultValue(0)]
    public int After { get; set; }
}
