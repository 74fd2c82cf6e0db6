using System.Text.Json.Serialization;
using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Domain.Employees;

namespace FastApiLearning.WebApi.Contracts;

/// <summary>
/// The body of <c>PUT /employees/{emp_no}</c>: every editable field (a full replacement). Fields are optional
/// here so that a missing one reaches the validator and comes back as "… is required" under its own name.
/// </summary>
public class EmployeeRequest
{
    [JsonPropertyName("email")]
    public string? Email { get; init; }

    [JsonPropertyName("first_name")]
    public string? FirstName { get; init; }

    [JsonPropertyName("last_name")]
    public string? LastName { get; init; }

    /// <summary><c>M</c> or <c>F</c>.</summary>
    [JsonPropertyName("gender")]
    public string? Gender { get; init; }

    /// <summary>yyyy-MM-dd.</summary>
    [JsonPropertyName("birth_date")]
    public DateOnly? BirthDate { get; init; }

    /// <summary>yyyy-MM-dd.</summary>
    [JsonPropertyName("hire_date")]
    public DateOnly? HireDate { get; init; }

    /// <summary>
    /// The fields as the use case takes them. What is missing or not M/F becomes a value the validator refuses
    /// (an empty text, no date, a gender outside the enum), so that every rule stays in the validator.
    /// </summary>
    public EmployeeDetails ToDetails() => new(
        Email ?? "",
        FirstName ?? "",
        LastName ?? "",
        ParseGender(Gender),
        BirthDate ?? default,
        HireDate ?? default);

    private static Gender ParseGender(string? gender) => gender switch
    {
        "M" or "m" => Domain.Employees.Gender.M,
        "F" or "f" => Domain.Employees.Gender.F,
        _ => (Gender)(-1),
    };
}
