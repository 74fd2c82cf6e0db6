using FastApiLearning.Application.Auth;
using FastApiLearning.Application.Common.Ports;
using Mediator;

namespace FastApiLearning.Application.Employees.UpdateEmployee;

/// <summary>
/// Replaces a record's editable fields, if nobody edited it since <paramref name="ExpectedVersion"/>: anyone's with
/// <c>admin:write</c>; one's own names, gender and birth date with <c>user:write</c> (the email and the hire date
/// must then stay as they are).
/// </summary>
/// <param name="ExpectedVersion">The version the caller read (its <c>If-Match</c>); null when none was given.</param>
public sealed record UpdateEmployeeCommand(Caller Caller, int EmpNo, long? ExpectedVersion, EmployeeDetails Details)
    : ICommand<UpdateEmployeeResult>;
