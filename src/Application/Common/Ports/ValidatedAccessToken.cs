namespace FastApiLearning.Application.Common.Ports;

/// <summary>An access token that passed <see cref="IAccessTokenValidator.ValidateAsync"/>, as its claims say.</summary>
/// <param name="Subject">Its <c>sub</c>: the emp_no, as written.</param>
/// <param name="IssuedAt">Its <c>iat</c>, to the millisecond ("log out everywhere" compares with it).</param>
/// <param name="Scopes">Its <c>scope</c> names, as granted.</param>
/// <param name="ClientId">Its <c>client_id</c>; null when issued to an anonymous client.</param>
/// <param name="SessionId">Its <c>sid</c> (refresh-token family); null when issued outside one.</param>
public sealed record ValidatedAccessToken(
    string TokenId,
    string Subject,
    string? Username,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt,
    IReadOnlyList<string> Scopes,
    string? ClientId,
    string? SessionId,
    string Issuer,
    string Audience);
