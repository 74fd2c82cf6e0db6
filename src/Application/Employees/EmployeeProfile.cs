using FastApiLearning.Domain.Employees;

namespace FastApiLearning.Application.Employees;

/// <summary>
/// An employee as the directory shows them: every field but the password hash, which no result of the
/// directory's handlers carries, so no answer or page made from one can show it.
/// </summary>
public sealed record EmployeeProfile(
    int EmpNo,
    string Email,
    string FirstName,
    string LastName,
    Gender Gender,
    DateOnly BirthDate,
    DateOnly HireDate)
{
    public string FullName => $"{FirstName} {LastName}";

    public static EmployeeProfile From(Employee employee) => new(
        employee.EmpNo,
        employee.Email,
        employee.FirstName,
        employee.LastName,
        employee.Gender,
        employee.BirthDate,
        employee.HireDate);
}
