using FluentValidation;

namespace FastApiLearning.Application.Employees.CreateEmployee;

/// <summary>
/// The record as the directory keeps it (<see cref="EmployeeRules.AddEmployeeDetailsRules{T}"/>) and a new password
/// by NIST's rule, keyed by their JSON and form field names; checked before anything is hashed or stored.
/// </summary>
public sealed class CreateEmployeeCommandValidator : AbstractValidator<CreateEmployeeCommand>
{
    public CreateEmployeeCommandValidator(TimeProvider timeProvider)
    {
        RuleLevelCascadeMode = CascadeMode.Stop;

        this.AddEmployeeDetailsRules(c => c.Details, timeProvider);
        RuleFor(c => c.Password).MustBeANewPassword(c => c.Details.Email);
    }
}
