using FluentValidation;

namespace FastApiLearning.Application.Employees.RemoveEmployee;

public sealed class RemoveEmployeeCommandValidator : AbstractValidator<RemoveEmployeeCommand>
{
    public RemoveEmployeeCommandValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;

        RuleFor(c => c.Email.Trim()).MustBeAnEmployeeEmail(c => c.Email);
    }
}
