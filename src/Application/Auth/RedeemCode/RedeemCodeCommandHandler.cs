using FastApiLearning.Application.Auth.Authorize;
using FastApiLearning.Application.Auth.Clients;
using FastApiLearning.Application.Auth.Sessions;
using FastApiLearning.Application.Common.Logging;
using FastApiLearning.Application.Common.Ports;
using Mediator;
using Microsoft.Extensions.Logging;

namespace FastApiLearning.Application.Auth.RedeemCode;

/// <summary>
/// Redeems an authorization code once, for the client it was issued to, with the redirect URI and the PKCE
/// verifier it was bound to; the session it starts is the refresh-token family the code named beforehand.
/// </summary>
public sealed class RedeemCodeCommandHandler(
    IClientRegistry clients,
    IAuthorizationCodeStore codes,
    IRefreshTokenStore refreshTokens,
    IEmployeeStore employees,
    TokenSessions sessions,
    TimeProvider timeProvider,
    ILoggerFactory loggerFactory) : ICommandHandler<RedeemCodeCommand, RedeemCodeResult>
{
    public const string UnknownClient = "Client authentication failed";
    public const string InvalidCode = "The authorization code is invalid";
    public const string UsedCode = "The authorization code has been used already";
    public const string ExpiredCode = "The authorization code has expired";
    public const string OtherClient = "The authorization code was issued to another client";
    public const string OtherRedirectUri = "redirect_uri is not the one the authorization code was issued for";
    public const string WrongVerifier = "code_verifier does not match the code_challenge";
    public const string NoLongerValid = "The authorization code is no longer valid for this user";

    private readonly ILogger _log = loggerFactory.CreateLogger(SecurityLog.Category);

    public async ValueTask<RedeemCodeResult> Handle(RedeemCodeCommand command, CancellationToken cancellationToken)
    {
        if (!IsAuthenticated(command))
        {
            SecurityLog.AuthorizationCodeRefused(_log, UnknownClient, command.ClientId, command.ClientIp);
            return new RedeemCodeResult.ClientRefused(UnknownClient);
        }

        var now = timeProvider.GetUtcNow();
        var (code, isFirst) = await codes.RedeemAsync(TokenHandles.Hash(command.Code), now, cancellationToken);
        if (code is null)
        {
            return Refuse(InvalidCode, command);
        }

        if (!isFirst)
        {
            // RFC 6749 §4.1.2: a second use means someone else holds the code; whatever it bought is revoked.
            await refreshTokens.RevokeFamilyAsync(code.FamilyId, now, cancellationToken);
            SecurityLog.AuthorizationCodeReplayed(_log, code.EmpNo, code.ClientId, command.ClientId, command.ClientIp);
            return new RedeemCodeResult.CodeRefused(UsedCode);
        }

        var refusal = code.ExpiresAt <= now ? ExpiredCode
            : code.ClientId != command.ClientId ? OtherClient
            : code.RedirectUri != command.RedirectUri ? OtherRedirectUri
            : !Pkce.Matches(command.CodeVerifier, code.CodeChallenge) ? WrongVerifier
            : null;
        if (refusal is not null)
        {
            return Refuse(refusal, command);
        }

        // A "log out everywhere", a new password or changed grants since the code was issued end it too.
        var issuedAt = code.ExpiresAt - AuthorizeCommandHandler.CodeLifetime;
        var employee = await employees.FindByEmpNoAsync(code.EmpNo, cancellationToken);
        var tokensValidAfter = await employees.FindTokensValidAfterAsync(code.EmpNo, cancellationToken);
        if (employee is null || tokensValidAfter is null || tokensValidAfter >= issuedAt)
        {
            return Refuse(NoLongerValid, command);
        }

        var tokens = await sessions.StartAsync(employee, code.Scopes, code.ClientId, code.FamilyId, cancellationToken);
        SecurityLog.AuthorizationCodeRedeemed(_log, code.EmpNo, code.ClientId, command.ClientIp);
        return new RedeemCodeResult.Redeemed(tokens);
    }

    /// <summary>
    /// The one rule for client credentials (<see cref="ClientAuthentication"/>): a public client names itself, a
    /// confidential one proves it with its secret; codes are only ever issued to a registered client.
    /// </summary>
    private bool IsAuthenticated(RedeemCodeCommand command) =>
        ClientAuthentication.Authenticate(clients, new ClientCredentials(command.ClientId, command.ClientSecret)) is { IsAnonymous: false };

    private RedeemCodeResult.CodeRefused Refuse(string reason, RedeemCodeCommand command)
    {
        SecurityLog.AuthorizationCodeRefused(_log, reason, command.ClientId, command.ClientIp);
        return new RedeemCodeResult.CodeRefused(reason);
    }
}
