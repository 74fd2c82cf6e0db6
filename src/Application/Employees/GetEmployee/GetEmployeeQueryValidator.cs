using FluentValidation;

namespace FastApiLearning.Application.Employees.GetEmployee;

public sealed class GetEmployeeQueryValidator : AbstractValidator<GetEmployeeQuery>
{
    public GetEmployeeQueryValidator()
    {
        RuleFor(q => q.EmpNo).MustBeAnEmpNo();
    }
}
