using FluentValidation;

namespace FastApiLearning.Application.Employees.SetPassword;

public sealed class SetPasswordCommandValidator : AbstractValidator<SetPasswordCommand>
{
    public SetPasswordCommandValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;

        RuleFor(c => c.Email.Trim()).MustBeAnEmployeeEmail(c => c.Email);
        RuleFor(c => c.Password).MustBeANewPassword(c => c.Email);
    }
}
