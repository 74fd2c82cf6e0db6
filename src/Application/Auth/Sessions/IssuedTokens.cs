namespace FastApiLearning.Application.Auth.Sessions;

/// <summary>What a successful login, refresh or code redemption hands the client.</summary>
/// <param name="RefreshToken">The opaque refresh token's value (shown once, stored only as its hash).</param>
/// <param name="FamilyId">The family it belongs to: what a logout of this session revokes.</param>
public sealed record IssuedTokens(AccessToken Access, string RefreshToken, string FamilyId);
