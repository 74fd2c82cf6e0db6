using System.Globalization;
using FastApiLearning.Application.Auth.Clients;
using FastApiLearning.Application.Auth.Refresh;
using FastApiLearning.Application.Auth.Sessions;
using FastApiLearning.Application.Common.Logging;
using FastApiLearning.Application.Common.Ports;
using Mediator;
using Microsoft.Extensions.Logging;

namespace FastApiLearning.Application.Auth.RevokeToken;

/// <summary>
/// RFC 7009. Confidential clients authenticate; public and anonymous callers may revoke too, since holding the
/// token is the proof (anyone holding a refresh token could end its family by reusing it anyway). A refresh token
/// is looked for first unless the hint says otherwise (§2.1: then every kind is tried). A token is revoked only for
/// the client it was issued to (§2.1); another client's is refused, and a refresh token's session ends all the same
/// (it has leaked, as <c>/token</c> judges the same presentation). Another client's access token is left alone: it
/// lives 30 minutes at most, and its holder can use it anyway.
/// </summary>
public sealed class RevokeTokenCommandHandler(
    IRefreshTokenStore refreshTokens,
    IRevocationStore revocations,
    IAccessTokenValidator accessTokens,
    IClientRegistry clients,
    SessionRevocation sessions,
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

        var result = command.TokenTypeHint == RevokeTokenCommand.AccessTokenHint
            ? await RevokeAccessTokenAsync(command, client, cancellationToken) ?? await RevokeRefreshTokenAsync(command, client, cancellationToken)
            : await RevokeRefreshTokenAsync(command, client, cancellationToken) ?? await RevokeAccessTokenAsync(command, client, cancellationToken);
        return result ?? RevokeTokenResult.Done;
    }

    /// <returns>The answer for a refresh token of ours (its session ended now or before, or another client's); null for anything else.</returns>
    private async ValueTask<RevokeTokenResult?> RevokeRefreshTokenAsync(RevokeTokenCommand command, AuthenticatedClient client, CancellationToken cancellationToken)
    {
        if (command.Token.Length > RefreshCommand.MaxRefreshTokenLength
            || await refreshTokens.FindAsync(TokenHandles.Hash(command.Token), cancellationToken) is not { } token)
        {
            return null;
        }

        var family = token.Family;
        if (family.ClientId != client.ClientId)
        {
            // Refused (§2.1), but in another client's hands the token has leaked: its session ends, as /token ends
            // it for the same presentation. Otherwise the 400 (against 200 for an unknown token) would tell a
            // holder of stolen tokens, unthrottled, which are alive, at no cost to them.
            await sessions.EndAsync(family.FamilyId, timeProvider.GetUtcNow(), cancellationToken);
            SecurityLog.TokenRevocationRefused(_log, "Refresh token", family.EmpNo, family.ClientId, client.ClientId, command.ClientIp);
            return RevokeTokenResult.TokenRefused;
        }

        if (await sessions.EndAsync(family.FamilyId, timeProvider.GetUtcNow(), cancellationToken))
        {
            SecurityLog.TokenRevoked(_log, "Refresh token", family.EmpNo, client.ClientId, command.ClientIp);
        }

        return RevokeTokenResult.Done;
    }

    /// <returns>The answer for a valid access token of ours (its jti revoked now, or another client's); null for anything else.</returns>
    private async ValueTask<RevokeTokenResult?> RevokeAccessTokenAsync(RevokeTokenCommand command, AuthenticatedClient client, CancellationToken cancellationToken)
    {
        if (await accessTokens.ValidateAsync(command.Token, cancellationToken) is not { } token)
        {
            return null;
        }

        var empNo = int.TryParse(token.Subject, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : 0;
        // An anonymous password-grant token carries no client_id, as its family's client id is empty.
        if ((token.ClientId ?? "") != client.ClientId)
        {
            SecurityLog.TokenRevocationRefused(_log, "Access token", empNo, token.ClientId ?? "", client.ClientId, command.ClientIp);
            return RevokeTokenResult.TokenRefused;
        }

        await revocations.RevokeAsync(token.TokenId, token.ExpiresAt, cancellationToken);
        SecurityLog.TokenRevoked(_log, "Access token", empNo, client.ClientId, command.ClientIp);
        return RevokeTokenResult.Done;
    }
}
