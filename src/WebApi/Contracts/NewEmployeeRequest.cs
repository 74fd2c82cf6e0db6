using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace FastApiLearning.WebApi.Contracts;

/// <summary>The body of <c>POST /employees</c>: the record and an initial password (15 to 256 characters, not the email).</summary>
public sealed class NewEmployeeRequest : EmployeeRequest
{
    [DataType(DataType.Password)]
    [JsonPropertyName("password")]
    public string? Password { get; init; }

    // Never let the password reach a log line through a generated ToString.
    public override string ToString() => $"NewEmployeeRequest {{ Email = {Email} }}";
}
