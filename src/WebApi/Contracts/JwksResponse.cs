using System.Text.Json.Serialization;

namespace FastApiLearning.WebApi.Contracts;

/// <summary>A JWK Set (RFC 7517 §5): the public keys tokens are signed with.</summary>
public sealed record JwksResponse([property: JsonPropertyName("keys")] IReadOnlyList<JwkResponse> Keys);

/// <summary>
/// One public EC key (RFC 7517 §4, RFC 7518 §6.2.1). Its members are listed here one by one, so
/// that nothing but these (no private <c>d</c>) can ever be written.
/// </summary>
public sealed record JwkResponse(
    [property: JsonPropertyName("kty")] string KeyType,
    [property: JsonPropertyName("crv")] string Curve,
    [property: JsonPropertyName("x")] string X,
    [property: JsonPropertyName("y")] string Y,
    [property: JsonPropertyName("kid")] string KeyId,
    [property: JsonPropertyName("use")] string Use,
    [property: JsonPropertyName("alg")] string Algorithm);
