using FastApiLearning.Domain.Employees;

namespace FastApiLearning.Application.Common.Ports;

/// <summary>An employee to add: everything but the emp_no, which the store assigns.</summary>
/// <param name="Email">Normalised (<see cref="Employee.NormalizeEmail"/>).</param>
/// <param name="PasswordHash">A hash, or <see cref="Employee.NoPassword"/>.</param>
public sealed record NewEmployee(
    string Email,
    string PasswordHash,
    DateOnly BirthDate,
    string FirstName,
    string LastName,
    Gender Gender,
    DateOnly HireDate);
