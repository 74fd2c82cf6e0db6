using System.Globalization;
using FastApiLearning.Application.Common.Logging;
using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Domain.Employees;
using Mediator;
using Microsoft.Extensions.Logging;

namespace FastApiLearning.Application.Employees.GetEmployee;

public sealed class GetEmployeeQueryHandler(IEmployeeDirectory directory, ILoggerFactory loggerFactory)
    : IQueryHandler<GetEmployeeQuery, GetEmployeeResult>
{
    private readonly ILogger _log = loggerFactory.CreateLogger(SecurityLog.Category);

    public async ValueTask<GetEmployeeResult> Handle(GetEmployeeQuery query, CancellationToken cancellationToken)
    {
        // admin:read includes user:read, so one's own record needs only the smaller one.
        var required = query.Caller.Is(query.EmpNo) ? Scopes.UserRead : Scopes.AdminRead;
        if (!query.Caller.Holds(required))
        {
            SecurityLog.AccessDenied(
                _log, query.Caller.EmpNo, string.Create(CultureInfo.InvariantCulture, $"employee {query.EmpNo}"), required, clientIp: null);
            return new GetEmployeeResult.Forbidden(required);
        }

        return await directory.FindVersionedAsync(query.EmpNo, cancellationToken) is { } found
            ? new GetEmployeeResult.Found(EmployeeProfile.From(found.Employee), found.Version)
            : GetEmployeeResult.NotFound;
    }
}
