namespace FastApiLearning.Application.Common.Ports;

/// <summary>
/// An authorization code as stored (only <see cref="Auth.TokenHandles.Hash"/> of its value), with
/// everything it is bound to (RFC 6749 §4.1, RFC 7636).
/// </summary>
/// <param name="CodeChallenge">The S256 code challenge the client sent to /authorize.</param>
/// <param name="FamilyId">The refresh-token family its redemption starts: a replayed code revokes it.</param>
/// <param name="ReplayedAt">When it was first presented again after its redemption, or null.</param>
public sealed record AuthorizationCodeRecord(
    string CodeHash,
    string ClientId,
    string RedirectUri,
    string CodeChallenge,
    int EmpNo,
    IReadOnlyList<string> Scopes,
    string FamilyId,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? UsedAt = null,
    DateTimeOffset? ReplayedAt = null);
