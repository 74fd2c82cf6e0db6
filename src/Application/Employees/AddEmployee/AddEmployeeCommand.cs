using System.Globalization;
using FastApiLearning.Domain.Employees;
using Mediator;

namespace FastApiLearning.Application.Employees.AddEmployee;

/// <summary>A new employee who can log in with <paramref name="Password"/>; the store assigns the emp_no.</summary>
/// <returns>The employee as stored.</returns>
public sealed record AddEmployeeCommand(
    string Email,
    string FirstName,
    string LastName,
    Gender Gender,
    DateOnly BirthDate,
    DateOnly HireDate,
    string Password) : ICommand<Employee>
{
    // Never let a password reach a log line or an error message through the record's generated ToString.
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"AddEmployeeCommand {{ Email = {Email}, FirstName = {FirstName}, LastName = {LastName}, Gender = {Gender}, BirthDate = {BirthDate:yyyy-MM-dd}, HireDate = {HireDate:yyyy-MM-dd} }}");
}
