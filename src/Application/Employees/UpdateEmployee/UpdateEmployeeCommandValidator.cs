using FluentValidation;

namespace FastApiLearning.Application.Employees.UpdateEmployee;

/// <summary>
/// The record as the directory keeps it (<see cref="EmployeeRules.AddEmployeeDetailsRules{T}"/>), keyed by its JSON
/// and form field names. A missing version is not a validation failure but its own outcome (428).
/// </summary>
public sealed class UpdateEmployeeCommandValidator : AbstractValidator<UpdateEmployeeCommand>
{
    public UpdateEmployeeCommandValidator(TimeProvider timeProvider)
    {
        RuleLevelCascadeMode = CascadeMode.Stop;

        RuleFor(c => c.EmpNo).MustBeAnEmpNo();
        // Null (no If-Match) passes here: it is its own outcome.
        RuleFor(c => c.ExpectedVersion)
            .GreaterThan(0).WithMessage("version must be a positive number")
            .OverridePropertyName("version");
        this.AddEmployeeDetailsRules(c => c.Details, timeProvider);
    }
}
