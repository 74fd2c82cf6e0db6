using System.Globalization;
using FastApiLearning.Application.Auth.Clients;
using FastApiLearning.Application.Auth.Refresh;
using FastApiLearning.Application.Common.Logging;
using FastApiLearning.Application.Common.Ports;
using Mediator;
using Microsoft.Extensions.Logging;

namespace FastApiLearning.Application.Auth.RevokeToken;

/// <summary>
/// RFC 7009. Confidential clients authenticate; public and anonymous callers may revoke too, since holding the
/// token is the proof (anyone holding a refresh token could end its family by reusing it anyway). A refresh token
/// is looked for first unless the hint says otherwise (§2.1: then every kind is tried).
/// </summary>
public sealed class RevokeTokenCommandHandler(
    IRefreshTokenStore refreshTokens,
    IRevocationStore revocations,
    IAccessTokenValidator accessTokens,
    IClientRegistry clients,
    TimeProvider timeProvider,
    ILoggerFactory loggerFactory) : ICommandHandler<RevokeTokenCommand, RevokeTokenResult>
{
    private readonly ILogger _log = loggerFactory.CreateLogger(SecurityLog.Category);

    public async ValueTask<RevokeTokenResult> Handle(RevokeTokenCommand command, CancellationToken cancellationToken)
    {
        if (ClientAuthentication.Authenticate(clients, command.Client ?? ClientCredentials.None) is not { } client)
        {
            SecurityLog.ClientAuthenticationFailed(_log, command.Client?.ClientId, "/revoke", command.ClientIp);
            return RevokeTokenResult.ClientRefused;
        }

        if (command.TokenTypeHint == RevokeTokenCommand.AccessTokenHint)
        {
            if (!await RevokeAccessTokenAsync(command, client, cancellationToken))
            {
                await RevokeRefreshTokenAsync(command, client, cancellationToken);
            }
        }
        else if (!await RevokeRefreshTokenAsync(command, client, cancellationToken))
        {
            await RevokeAccessTokenAsync(command, client, cancellationToken);
        }

        return RevokeTokenResult.Done;
    }

    /// <returns>Whether the token was a refresh token of ours (its family is revoked now, or was before).</returns>
    private async ValueTask<bool> RevokeRefreshTokenAsync(RevokeTokenCommand command, AuthenticatedClient client, CancellationToken cancellationToken)
    {
        if (command.Token.Length > RefreshCommand.MaxRefreshTokenLength
            || await refreshTokens.FindAsync(TokenHandles.Hash(command.Token), cancellationToken) is not { } token)
        {
            return false;
        }

        if (await refreshTokens.RevokeFamilyAsync(token.Family.FamilyId, timeProvider.GetUtcNow(), cancellationToken))
        {
            SecurityLog.TokenRevoked(_log, "Refresh token", token.Family.EmpNo, client.ClientId, command.ClientIp);
        }

        return true;
    }

    /// <returns>Whether the token was a valid access token of ours (its jti is revoked now).</returns>
    private async ValueTask<bool> RevokeAccessTokenAsync(RevokeTokenCommand command, AuthenticatedClient client, CancellationToken cancellationToken)
    {
        if (await accessTokens.ValidateAsync(command.Token, cancellationToken) is not { } token)
        {
            return false;
        }

        await revocations.RevokeAsync(token.TokenId, token.ExpiresAt, cancellationToken);
        SecurityLog.TokenRevoked(_log, "Access token", int.TryParse(token.Subject, NumberStyles.None, CultureInfo.InvariantCulture, out var empNo) ? empNo : 0, client.ClientId, command.ClientIp);
        return true;
    }
}
