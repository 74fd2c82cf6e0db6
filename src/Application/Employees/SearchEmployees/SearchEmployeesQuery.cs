using FastApiLearning.Application.Auth;
using Mediator;

namespace FastApiLearning.Application.Employees.SearchEmployees;

/// <summary>
/// Employees by name, a page at a time, sorted by last name, first name, emp_no (needs <c>admin:read</c>).
/// A name matches on its start, case-insensitively, or as a LIKE pattern when it holds <c>%</c> or <c>_</c>
/// (<see cref="Common.Ports.NamePattern"/>); a null or blank name matches everyone.
/// </summary>
/// <param name="Page">1-based.</param>
/// <param name="PageSize">1 to <see cref="SearchEmployeesQueryValidator.MaxPageSize"/>.</param>
public sealed record SearchEmployeesQuery(
    Caller Caller,
    string? LastName,
    string? FirstName,
    int Page = 1,
    int PageSize = SearchEmployeesQueryValidator.DefaultPageSize) : IQuery<SearchEmployeesResult>;
