using FastApiLearning.Application.Common.Logging;
using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Domain.Employees;
using Mediator;
using Microsoft.Extensions.Logging;

namespace FastApiLearning.Application.Employees.SearchEmployees;

public sealed class SearchEmployeesQueryHandler(IEmployeeDirectory directory, ILoggerFactory loggerFactory)
    : IQueryHandler<SearchEmployeesQuery, SearchEmployeesResult>
{
    private readonly ILogger _log = loggerFactory.CreateLogger(SecurityLog.Category);

    public async ValueTask<SearchEmployeesResult> Handle(SearchEmployeesQuery query, CancellationToken cancellationToken)
    {
        if (!query.Caller.Holds(Scopes.AdminRead))
        {
            SecurityLog.AccessDenied(_log, query.Caller.EmpNo, "employee search", Scopes.AdminRead, clientIp: null);
            return new SearchEmployeesResult.Forbidden(Scopes.AdminRead);
        }

        var page = await directory.SearchAsync(
            new EmployeeSearch(NamePattern.Parse(query.LastName), NamePattern.Parse(query.FirstName), query.Page, query.PageSize),
            cancellationToken);
        return new SearchEmployeesResult.Found(
            [.. page.Employees.Select(EmployeeProfile.From)], page.Total, query.Page, query.PageSize);
    }
}
