using FastApiLearning.Application.Common.Ports;

namespace FastApiLearning.Application.Auth.Sessions;

/// <summary>
/// Ends a session, the one way every caller does it (a reused or another client's refresh token, a replayed
/// code, <c>/revoke</c> of a refresh token, a logout): its refresh-token family refreshes no more, and every
/// access token issued in it (its <c>sid</c>) is refused from now on instead of living out its 30 minutes.
/// </summary>
public sealed class SessionRevocation(IRefreshTokenStore refreshTokens, IRevocationStore revocations)
{
    /// <returns>Whether the family was revoked now (false: unknown yet, or revoked before).</returns>
    /// <remarks>
    /// Neither write heeds <paramref name="cancellationToken"/>: a client that gave up must not leave its session
    /// half ended (each store bounds its own calls). Whichever write fails, the other is still made.
    /// </remarks>
    public async ValueTask<bool> EndAsync(string familyId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        bool revoked;
        try
        {
            // First, and even when the family is unknown or ended already: a code replayed before its redemption
            // started the family still names it, and the access tokens a racing refresh minted are refused all the
            // same. A congested database writer does not hold it up.
            await revocations.RevokeSessionAsync(familyId, now, CancellationToken.None);
        }
        finally
        {
            revoked = await refreshTokens.RevokeFamilyAsync(familyId, now, CancellationToken.None);
        }

        return revoked;
    }
}
