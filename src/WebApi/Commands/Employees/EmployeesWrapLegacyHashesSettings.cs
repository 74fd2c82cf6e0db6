using System.ComponentModel;
using Spectre.Console.Cli;

namespace FastApiLearning.WebApi.Commands.Employees;

public sealed class EmployeesWrapLegacyHashesSettings : CommandSettings
{
    public const int DefaultBatchSize = 500;

    [CommandOption("--batch-size <N>")]
    [Description("Employees read per page.")]
    [DefaultValue(DefaultBatchSize)]
    public int BatchSize { get; set; } = DefaultBatchSize;
}
