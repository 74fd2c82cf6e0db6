using System.ComponentModel;
using FastApiLearning.Infrastructure.Import;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FastApiLearning.WebApi.Commands.Employees;

public sealed class EmployeesImportSettings : CommandSettings
{
    [CommandArgument(0, "<FILE>")]
    [Description("The MySQL employees sample's dump (INSERT INTO `employees` VALUES (...),(...);) or CSV with a header row "
        + "(emp_no,birth_date,first_name,last_name,gender,hire_date and optionally email).")]
    public string File { get; set; } = "";

    [CommandOption("--format <FORMAT>")]
    [Description("The file's format: " + ImportFile.FormatNames + "; by default told by its extension.")]
    public string? Format { get; set; }

    [CommandOption("--update")]
    [Description("Update the employees whose emp_no exists already (names, dates, email; never the password) instead of skipping them.")]
    public bool Update { get; set; }

    [CommandOption("--initial-password-stdin")]
    [Description("For sample data only: every new employee gets the password on the first line of standard input "
        + "(hashed once, shared by all). Without it, imported employees have no password until set-password.")]
    public bool InitialPasswordStdin { get; set; }

    public ImportFileFormat ParsedFormat => ImportFile.FormatOf(File, Format);

    public override ValidationResult Validate()
    {
        if (!System.IO.File.Exists(File))
        {
            return ValidationResult.Error($"FILE: there is no file {File}.");
        }

        try
        {
            _ = ParsedFormat;
            return ValidationResult.Success();
        }
        catch (UnknownImportFormatException unknown)
        {
            return ValidationResult.Error($"--format: {unknown.Message}");
        }
    }
}
