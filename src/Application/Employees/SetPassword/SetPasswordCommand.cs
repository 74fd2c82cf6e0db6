using Mediator;

namespace FastApiLearning.Application.Employees.SetPassword;

/// <summary>
/// An administrator sets an employee's password. Every token the employee holds is refused from
/// then on, on every instance.
/// </summary>
/// <returns>False when no employee has this email.</returns>
public sealed record SetPasswordCommand(string Email, string Password) : ICommand<bool>
{
    // Never let a password reach a log line or an error message through the record's generated ToString.
    public override string ToString() => $"SetPasswordCommand {{ Email = {Email} }}";
}
