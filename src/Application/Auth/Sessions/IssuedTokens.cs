namespace FastApiLearning.Application.Auth.Sessions;

/// <summary>What a successful login, refresh or code redemption hands the client.</summary>
/// <param name="RefreshToken">The opaque refresh token's value (shown once, stored only as its hash).</param>
/// <param name="FamilyId">The family it belongs to: what a logout of this session revokes.</param>
/// <param name="RefreshTokenExpiresAt">When the refresh token expires (the browser's refresh cookie expires with it).</param>
public sealed record IssuedTokens(AccessToken Access, string RefreshToken, string FamilyId, DateTimeOffset RefreshTokenExpiresAt = default)
{
    // Never let a token reach a log line through the record's generated ToString.
    public override string ToString() => $"IssuedTokens {{ FamilyId = {FamilyId}, RefreshTokenExpiresAt = {RefreshTokenExpiresAt:O} }}";
}
