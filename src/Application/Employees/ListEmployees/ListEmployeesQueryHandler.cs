using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Domain.Employees;
using Mediator;

namespace FastApiLearning.Application.Employees.ListEmployees;

public sealed class ListEmployeesQueryHandler(IEmployeeStore employees)
    : IQueryHandler<ListEmployeesQuery, IReadOnlyList<Employee>>
{
    public ValueTask<IReadOnlyList<Employee>> Handle(ListEmployeesQuery query, CancellationToken cancellationToken) =>
        employees.ListAsync(query.AfterEmpNo, query.Limit, cancellationToken);
}
