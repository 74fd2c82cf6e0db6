using Mediator;

namespace FastApiLearning.Application.Employees.SetPassword;

/// <summary>
/// An administrator sets an employee's password. Every token the employee holds is refused from
/// then on, on every instance.
/// </summary>
/// <returns>False when no employee has this email.</returns>
public sealed record SetPasswordCommand(string Email, string Password) : ICommand<bool>;
