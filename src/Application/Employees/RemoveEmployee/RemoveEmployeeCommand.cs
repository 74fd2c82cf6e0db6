using Mediator;

namespace FastApiLearning.Application.Employees.RemoveEmployee;

/// <summary>Removes an employee; their live tokens are refused from then on, on every instance.</summary>
/// <returns>False when no employee has this email.</returns>
public sealed record RemoveEmployeeCommand(string Email) : ICommand<bool>;
