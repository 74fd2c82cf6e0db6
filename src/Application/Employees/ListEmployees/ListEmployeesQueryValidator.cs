using FluentValidation;

namespace FastApiLearning.Application.Employees.ListEmployees;

public sealed class ListEmployeesQueryValidator : AbstractValidator<ListEmployeesQuery>
{
    /// <summary>One page is read into memory at once: 300,024 rows are listed in pages, not in one.</summary>
    public const int MaxLimit = 10_000;

    public ListEmployeesQueryValidator()
    {
        RuleFor(c => c.Limit)
            .InclusiveBetween(1, MaxLimit).WithMessage($"limit must be between 1 and {MaxLimit}")
            .OverridePropertyName("limit");

        RuleFor(c => c.AfterEmpNo)
            .GreaterThanOrEqualTo(0).WithMessage("after must be 0 or more")
            .OverridePropertyName("after");
    }
}
