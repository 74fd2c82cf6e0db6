namespace FastApiLearning.Application.Auth;

/// <param name="Value">The signed, encoded token.</param>
/// <param name="Id">Its <c>jti</c>, the handle a revocation is keyed by.</param>
/// <param name="Scopes">The scope names it was granted, as its <c>scope</c> claim lists them (not expanded; maybe none).</param>
public sealed record AccessToken(string Value, string Id, DateTimeOffset ExpiresAt, TimeSpan Lifetime, IReadOnlyList<string> Scopes)
{
    /// <summary>The granted names as OAuth2 writes them (RFC 6749 §3.3): space-separated, empty when none.</summary>
    public string Scope => string.Join(' ', Scopes);
}
