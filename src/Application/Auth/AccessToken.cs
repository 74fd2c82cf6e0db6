namespace FastApiLearning.Application.Auth;

/// <param name="Value">The signed, encoded token.</param>
/// <param name="Id">Its <c>jti</c>, the handle a revocation is keyed by.</param>
public sealed record AccessToken(string Value, string Id, DateTimeOffset ExpiresAt, TimeSpan Lifetime);
