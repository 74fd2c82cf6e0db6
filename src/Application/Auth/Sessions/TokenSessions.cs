using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Domain.Employees;

namespace FastApiLearning.Application.Auth.Sessions;

/// <summary>
/// Starts a session: an access token and the first refresh token of a new family. The login, the
/// authorization-code redemption and the refresh (which continues a family instead) all issue through here.
/// </summary>
public sealed class TokenSessions(
    ITokenIssuer tokenIssuer,
    IRefreshTokenStore refreshTokens,
    RefreshTokenLifetimes lifetimes,
    TimeProvider timeProvider)
{
    /// <param name="clientId">The client the session is for; empty for anonymous password-grant clients.</param>
    /// <param name="familyId">A family id fixed beforehand (an authorization code carries its family's), or null for a new one.</param>
    /// <returns>Null when the employee was removed while the session was being started (nothing is stored).</returns>
    public async ValueTask<IssuedTokens?> StartAsync(
        Employee employee, IReadOnlyList<string> scopes, string clientId, string? familyId, CancellationToken cancellationToken)
    {
        var family = new RefreshTokenFamily(familyId ?? TokenHandles.NewFamilyId(), employee.EmpNo, clientId, scopes, timeProvider.GetUtcNow());
        var access = tokenIssuer.Issue(employee, scopes, new AccessTokenSession(family.FamilyId, clientId));
        var refreshToken = TokenHandles.New();
        var expiresAt = lifetimes.ExpiryOf(family.StartedAt, family.StartedAt);
        return await refreshTokens.StartFamilyAsync(family, TokenHandles.Hash(refreshToken), expiresAt, cancellationToken)
            ? new IssuedTokens(access, refreshToken, family.FamilyId, expiresAt)
            : null;
    }

    /// <summary>
    /// Continues a family: the successor of a token just used (rotation), with an access token for
    /// <paramref name="scopes"/> (the family's, or fewer). The family keeps its scopes and its start.
    /// </summary>
    /// <returns>Null when the family went with its employee, removed meanwhile (nothing is stored).</returns>
    public async ValueTask<IssuedTokens?> ContinueAsync(
        Employee employee, RefreshTokenFamily family, IReadOnlyList<string> scopes, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var access = Reissue(employee, family, scopes);
        var refreshToken = TokenHandles.New();
        var expiresAt = lifetimes.ExpiryOf(family.StartedAt, now);
        return await refreshTokens.AddAsync(family.FamilyId, TokenHandles.Hash(refreshToken), now, expiresAt, cancellationToken)
            ? new IssuedTokens(access, refreshToken, family.FamilyId, expiresAt)
            : null;
    }

    /// <summary>Only an access token of the family's session: no refresh token changes hands.</summary>
    public AccessToken Reissue(Employee employee, RefreshTokenFamily family, IReadOnlyList<string> scopes) =>
        tokenIssuer.Issue(employee, scopes, new AccessTokenSession(family.FamilyId, family.ClientId));
}
