using System.Text.Json.Serialization;

namespace FastApiLearning.WebApi.Contracts;

/// <summary>RFC 6749 §5.1 successful access token response.</summary>
/// <param name="Scope">
/// The granted scope names, space-separated (empty when none): always written, since a request may have been
/// narrowed (§3.3) and a client should not have to compare to know.
/// </param>
/// <param name="RefreshToken">The refresh token (RFC 6749 §6), when one was issued.</param>
public sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] long ExpiresIn,
    [property: JsonPropertyName("scope")] string Scope,
    [property: JsonPropertyName("refresh_token"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RefreshToken = null);
