namespace FastApiLearning.Application.Common.Ports;

/// <summary>
/// Remembers revoked tokens by <c>jti</c>, ended sessions by <c>sid</c>, and per user an instant before which
/// every token of theirs is refused ("log out everywhere"), each until the tokens it covers would have expired anyway.
/// </summary>
public interface IRevocationStore
{
    ValueTask RevokeAsync(string tokenId, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>Every token of <paramref name="subject"/> issued before <paramref name="notBefore"/>, or in its millisecond, is refused from now on.</summary>
    ValueTask RevokeAllAsync(string subject, DateTimeOffset notBefore, CancellationToken cancellationToken);

    /// <summary>
    /// Every access token carrying <paramref name="sessionId"/> as its <c>sid</c> is refused from now on, whenever it
    /// was issued (one minted by a refresh racing with the end is refused too). The entry lives one access-token
    /// lifetime (and the clock skew) and a margin past when it is written (or <paramref name="endedAt"/>, if later),
    /// so that a token a racing refresh minted just after it cannot outlive it; a later call never shortens it.
    /// </summary>
    ValueTask RevokeSessionAsync(string sessionId, DateTimeOffset endedAt, CancellationToken cancellationToken);

    /// <summary>
    /// Whether the token is revoked by its id, by its session (when it has a <paramref name="sessionId"/>) or by its
    /// subject's "not before" instant: one question to the store (one round trip), asked on every authenticated request.
    /// </summary>
    ValueTask<bool> IsRevokedAsync(string tokenId, string subject, string? sessionId, DateTimeOffset issuedAt, CancellationToken cancellationToken);
}
