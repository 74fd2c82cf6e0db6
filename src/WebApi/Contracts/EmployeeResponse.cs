using System.Text.Json.Serialization;
using FastApiLearning.Application.Employees;

namespace FastApiLearning.WebApi.Contracts;

/// <summary>An employee as the directory API shows them, snake_case like <c>/users/me</c>; never the password hash.</summary>
public sealed record EmployeeResponse(
    [property: JsonPropertyName("emp_no")] int EmpNo,
    [property: JsonPropertyName("email")] string Email,
    [property: JsonPropertyName("first_name")] string FirstName,
    [property: JsonPropertyName("last_name")] string LastName,
    [property: JsonPropertyName("gender")] string Gender,
    [property: JsonPropertyName("birth_date")] DateOnly BirthDate,
    [property: JsonPropertyName("hire_date")] DateOnly HireDate)
{
    public static EmployeeResponse From(EmployeeProfile employee) => new(
        employee.EmpNo,
        employee.Email,
        employee.FirstName,
        employee.LastName,
        employee.Gender.ToString(),
        employee.BirthDate,
        employee.HireDate);
}
