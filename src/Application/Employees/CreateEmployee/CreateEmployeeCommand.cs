using System.Globalization;
using FastApiLearning.Application.Auth;
using FastApiLearning.Application.Common.Ports;
using Mediator;

namespace FastApiLearning.Application.Employees.CreateEmployee;

/// <summary>A new employee with an initial password (needs <c>admin:write</c>); the store assigns the emp_no.</summary>
public sealed record CreateEmployeeCommand(Caller Caller, EmployeeDetails Details, string Password) : ICommand<CreateEmployeeResult>
{
    // Never let a password reach a log line or an error message through the record's generated ToString.
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"CreateEmployeeCommand {{ Caller = {Caller}, Details = {Details} }}");
}
