namespace FastApiLearning.Application.Common.Ports;

/// <summary>
/// Remembers revoked tokens by <c>jti</c>, and per user an instant before which every token of theirs
/// is refused ("log out everywhere"), each until the tokens it covers would have expired anyway.
/// </summary>
public interface IRevocationStore
{
    ValueTask RevokeAsync(string tokenId, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>Every token of <paramref name="subject"/> issued before <paramref name="notBefore"/>, or in its millisecond, is refused from now on.</summary>
    ValueTask RevokeAllAsync(string subject, DateTimeOffset notBefore, CancellationToken cancellationToken);

    /// <summary>
    /// Whether the token is revoked by its id or by its subject's "not before" instant: one question to
    /// the store (one round trip), asked on every authenticated request.
    /// </summary>
    ValueTask<bool> IsRevokedAsync(string tokenId, string subject, DateTimeOffset issuedAt, CancellationToken cancellationToken);
}
