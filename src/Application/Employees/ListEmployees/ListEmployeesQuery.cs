using FastApiLearning.Domain.Employees;
using Mediator;

namespace FastApiLearning.Application.Employees.ListEmployees;

/// <summary>Up to <paramref name="Limit"/> employees in emp_no order, after <paramref name="AfterEmpNo"/>.</summary>
public sealed record ListEmployeesQuery(int Limit, int AfterEmpNo = 0) : IQuery<IReadOnlyList<Employee>>;
