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
    public async ValueTask<IssuedTokens> StartAsync(
        Employee employee, IReadOnlyList<string> scopes, string clientId, string? familyId, CancellationToken cancellationToken)
    {
        var access = tokenIssuer.Issue(employee, scopes);
        var family = new RefreshTokenFamily(familyId ?? TokenHandles.NewFamilyId(), employee.EmpNo, clientId, scopes, timeProvider.GetUtcNow());
        var refreshToken = TokenHandles.New();
        await refreshTokens.StartFamilyAsync(
            family, TokenHandles.Hash(refreshToken), lifetimes.ExpiryOf(family.StartedAt, family.StartedAt), cancellationToken);
        return new IssuedTokens(access, refreshToken, family.FamilyId);
    }
}
