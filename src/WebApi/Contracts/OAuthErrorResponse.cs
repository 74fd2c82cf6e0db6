using System.Text.Json.Serialization;

namespace FastApiLearning.WebApi.Contracts;

/// <summary>
/// RFC 6749 §5.2 error response, plus <c>detail</c> (the same text) for clients written against
/// the FastAPI original, and the failing form fields when there are any.
/// </summary>
public sealed record OAuthErrorResponse(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("error_description")] string ErrorDescription,
    [property: JsonPropertyName("detail")] string Detail,
    [property: JsonPropertyName("errors"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    IReadOnlyDictionary<string, string[]>? Errors = null);
