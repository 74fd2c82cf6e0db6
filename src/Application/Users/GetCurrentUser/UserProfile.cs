using FastApiLearning.Domain.Employees;

namespace FastApiLearning.Application.Users.GetCurrentUser;

/// <summary>An employee's public fields: everything but the password hash.</summary>
public sealed record UserProfile(
    int EmpNo,
    string Email,
    string FirstName,
    string LastName,
    Gender Gender,
    DateOnly BirthDate,
    DateOnly HireDate)
{
    public string FullName => $"{FirstName} {LastName}";
}
