using System.Text.Json.Serialization;
using FastApiLearning.Application.Users.GetCurrentUser;

namespace FastApiLearning.WebApi.Contracts;

/// <summary>The current user as <c>GET /users/me</c> shows them, in the FastAPI original's snake_case.</summary>
public sealed record UserResponse(
    [property: JsonPropertyName("emp_no")] int EmpNo,
    [property: JsonPropertyName("email")] string Email,
    [property: JsonPropertyName("username")] string Username,
    [property: JsonPropertyName("first_name")] string FirstName,
    [property: JsonPropertyName("last_name")] string LastName,
    [property: JsonPropertyName("gender")] string Gender,
    [property: JsonPropertyName("birth_date")] DateOnly BirthDate,
    [property: JsonPropertyName("hire_date")] DateOnly HireDate)
{
    public static UserResponse From(UserProfile user) => new(
        user.EmpNo,
        user.Email,
        user.Email,
        user.FirstName,
        user.LastName,
        user.Gender.ToString(),
        user.BirthDate,
        user.HireDate);
}
