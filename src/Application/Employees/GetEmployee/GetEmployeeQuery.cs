using FastApiLearning.Application.Auth;
using Mediator;

namespace FastApiLearning.Application.Employees.GetEmployee;

/// <summary>One employee's record with its version (the ETag): anyone's with <c>admin:read</c>, one's own with <c>user:read</c>.</summary>
public sealed record GetEmployeeQuery(Caller Caller, int EmpNo) : IQuery<GetEmployeeResult>;
