using System.ComponentModel;
using System.Globalization;
using FastApiLearning.Domain.Employees;
using Spectre.Console;
using Spectre.Console.Cli;

namespace FastApiLearning.WebApi.Commands.Employees;

public sealed class EmployeesAddSettings : CommandSettings
{
    public const string DateFormat = "yyyy-MM-dd";

    [CommandOption("--email <EMAIL>", isRequired: true)]
    [Description("The email they log in with (stored trimmed and in lower case).")]
    public string Email { get; set; } = "";

    [CommandOption("--first-name <NAME>", isRequired: true)]
    [Description("First name (at most 14 characters).")]
    public string FirstName { get; set; } = "";

    [CommandOption("--last-name <NAME>", isRequired: true)]
    [Description("Last name (at most 16 characters).")]
    public string LastName { get; set; } = "";

    [CommandOption("--gender <GENDER>", isRequired: true)]
    [Description("M or F.")]
    public Gender Gender { get; set; }

    [CommandOption("--birth-date <DATE>", isRequired: true)]
    [Description("Date of birth, as YYYY-MM-DD.")]
    public string BirthDate { get; set; } = "";

    [CommandOption("--hire-date <DATE>", isRequired: true)]
    [Description("Date of hire, as YYYY-MM-DD.")]
    public string HireDate { get; set; } = "";

    [CommandOption("--password-stdin")]
    [Description("Read the password from the first line of standard input instead of asking for it. "
        + "There is no option that takes the password itself.")]
    public bool PasswordStdin { get; set; }

    public DateOnly ParsedBirthDate => ParseDate(BirthDate);

    public DateOnly ParsedHireDate => ParseDate(HireDate);

    public override ValidationResult Validate()
    {
        if (!Enum.IsDefined(Gender))
        {
            return ValidationResult.Error("--gender: must be M or F.");
        }

        foreach (var (option, value) in new[] { ("--birth-date", BirthDate), ("--hire-date", HireDate) })
        {
            if (!TryParseDate(value, out _))
            {
                return ValidationResult.Error($"{option}: '{value}' is not a date as YYYY-MM-DD.");
            }
        }

        return ValidationResult.Success();
    }

    private static DateOnly ParseDate(string value) =>
        TryParseDate(value, out var date) ? date : throw new CommandUsageException($"'{value}' is not a date as YYYY-MM-DD.");

    private static bool TryParseDate(string value, out DateOnly date) =>
        DateOnly.TryParseExact(value, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
