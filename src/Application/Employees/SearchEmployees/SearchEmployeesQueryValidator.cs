using FluentValidation;

namespace FastApiLearning.Application.Employees.SearchEmployees;

/// <summary>Keyed by the query's parameter names (<c>last_name</c>, <c>first_name</c>, <c>page</c>, <c>page_size</c>).</summary>
public sealed class SearchEmployeesQueryValidator : AbstractValidator<SearchEmployeesQuery>
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    /// <summary>The last page whose offset, <c>(page - 1) * page_size</c>, still fits an int.</summary>
    public const int MaxPage = int.MaxValue / MaxPageSize;

    public SearchEmployeesQueryValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;

        RuleFor(q => q.LastName ?? "").MustBeANamePattern("last_name");
        RuleFor(q => q.FirstName ?? "").MustBeANamePattern("first_name");

        RuleFor(q => q.Page)
            .InclusiveBetween(1, MaxPage).WithMessage($"page must be between 1 and {MaxPage}")
            .OverridePropertyName("page");

        RuleFor(q => q.PageSize)
            .InclusiveBetween(1, MaxPageSize).WithMessage($"page_size must be between 1 and {MaxPageSize}")
            .OverridePropertyName("page_size");
    }
}
