using FastApiLearning.Application.Common.Ports;
using Mediator;

namespace FastApiLearning.Application.Users.GetCurrentUser;

public sealed class GetCurrentUserQueryHandler(IEmployeeStore employees)
    : IQueryHandler<GetCurrentUserQuery, UserProfile?>
{
    public async ValueTask<UserProfile?> Handle(GetCurrentUserQuery query, CancellationToken cancellationToken)
    {
        var employee = await employees.FindByEmpNoAsync(query.EmpNo, cancellationToken);
        return employee is null
            ? null
            : new UserProfile(
                employee.EmpNo,
                employee.Email,
                employee.FirstName,
                employee.LastName,
                employee.Gender,
                employee.BirthDate,
                employee.HireDate);
    }
}
