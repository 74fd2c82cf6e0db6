using System.Text.Json.Serialization;

namespace FastApiLearning.WebApi.Contracts;

/// <summary>One page of <c>GET /employees</c>, with how many match in all pages.</summary>
public sealed record EmployeeSearchResponse(
    [property: JsonPropertyName("employees")] IReadOnlyList<EmployeeResponse> Employees,
    [property: JsonPropertyName("total")] int Total,
    [property: JsonPropertyName("page")] int Page,
    [property: JsonPropertyName("page_size")] int PageSize);
