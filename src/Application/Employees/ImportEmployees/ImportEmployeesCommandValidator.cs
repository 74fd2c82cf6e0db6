using FluentValidation;

namespace FastApiLearning.Application.Employees.ImportEmployees;

/// <summary>The rows are checked by the reader that makes them, line by line; here only the initial password.</summary>
public sealed class ImportEmployeesCommandValidator : AbstractValidator<ImportEmployeesCommand>
{
    public ImportEmployeesCommandValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;

        // Keyed like --initial-password-stdin's value, as "password" is --password-stdin's. Shared by
        // many rows, so compared with no one email.
        When(c => c.InitialPassword is not null, () =>
            RuleFor(c => c.InitialPassword ?? "").MustBeANewPassword(email: null, "initial-password"));
    }
}
