using System.Globalization;
using FastApiLearning.Application.Auth.Clients;
using FastApiLearning.Application.Auth.Refresh;
using FastApiLearning.Application.Common.Logging;
using FastApiLearning.Application.Common.Ports;
using Mediator;
using Microsoft.Extensions.Logging;

namespace FastApiLearning.Application.Auth.IntrospectToken;

/// <summary>
/// RFC 7662, for confidential clients only (§2.1: the endpoint must not let anyone scan for tokens). A token is
/// active only when every check that would accept it passes now: an access token as the protected endpoints
/// judge it (signature, lifetime, revocation, its employee's "tokens valid after"), a refresh token as a refresh
/// would (unused, family not revoked, not expired, its employee still there and its family not void).
/// </summary>
public sealed class IntrospectTokenQueryHandler(
    IRefreshTokenStore refreshTokens,
    IRevocationStore revocations,
    IEmployeeStore employees,
    IAccessTokenValidator accessTokens,
    IClientRegistry clients,
    TimeProvider timeProvider,
    ILoggerFactory loggerFactory) : IQueryHandler<IntrospectTokenQuery, IntrospectionResult>
{
    public const string AccessTokenType = "bearer";
    public const string RefreshTokenType = "refresh_token";

    private readonly ILogger _log = loggerFactory.CreateLogger(SecurityLog.Category);

    public async ValueTask<IntrospectionResult> Handle(IntrospectTokenQuery query, CancellationToken cancellationToken)
    {
        if (ClientAuthentication.Authenticate(clients, query.Client ?? ClientCredentials.None) is not { IsConfidential: true })
        {
            SecurityLog.ClientAuthenticationFailed(_log, query.Client?.ClientId, "/introspect", query.ClientIp);
            return IntrospectionResult.ClientRefused;
        }

        var answer = query.TokenTypeHint == RevokeToken.RevokeTokenCommand.AccessTokenHint
            ? await AccessTokenAsync(query.Token, cancellationToken) ?? await RefreshTokenAsync(query.Token, cancellationToken)
            : await RefreshTokenAsync(query.Token, cancellationToken) ?? await AccessTokenAsync(query.Token, cancellationToken);
        return answer ?? IntrospectionResult.Inactive;
    }

    /// <returns>The answer for a refresh token of ours; null for anything else (another kind may match).</returns>
    private async ValueTask<IntrospectionResult?> RefreshTokenAsync(string value, CancellationToken cancellationToken)
    {
        if (value.Length > RefreshCommand.MaxRefreshTokenLength
            || await refreshTokens.FindAsync(TokenHandles.Hash(value), cancellationToken) is not { } token)
        {
            return null;
        }

        var family = token.Family;
        var active = token.UsedAt is null
            && family.RevokedAt is null
            && token.ExpiresAt > timeProvider.GetUtcNow()
            && await employees.FindTokensValidAfterAsync(family.EmpNo, cancellationToken) is { } validAfter
            && family.StartedAt > validAfter;
        return active
            ? new IntrospectionResult.Active(
                RefreshTokenType,
                family.Scopes,
                family.ClientId.Length > 0 ? family.ClientId : null,
                family.EmpNo.ToString(CultureInfo.InvariantCulture),
                Username: null,
                token.IssuedAt,
                token.ExpiresAt,
                accessTokens.Issuer,
                Audience: null)
            : IntrospectionResult.Inactive;
    }

    /// <returns>The answer for a valid access token of ours; null for anything else (another kind may match).</returns>
    private async ValueTask<IntrospectionResult?> AccessTokenAsync(string value, CancellationToken cancellationToken)
    {
        if (await accessTokens.ValidateAsync(value, cancellationToken) is not { } token)
        {
            return null;
        }

        if (await AccessTokenRevocation.IsRevokedAsync(revocations, employees, token.TokenId, token.Subject, token.SessionId, token.IssuedAt, cancellationToken))
        {
            return IntrospectionResult.Inactive;
        }

        return new IntrospectionResult.Active(
            AccessTokenType, token.Scopes, token.ClientId, token.Subject, token.Username, token.IssuedAt, token.ExpiresAt, token.Issuer, token.Audience);
    }
}
