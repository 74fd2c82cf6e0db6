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
    IEmployeeStore employees,
    TokenSessions sessions,
    SessionRevocation sessionRevocation,
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
        // The one rule for client credentials (ClientAuthentication): a public client names itself, a confidential
        // one proves it with its secret; codes are only ever issued to a registered client.
        if (ClientAuthentication.Authenticate(clients, command.Client ?? ClientCredentials.None) is not { IsAnonymous: false } client)
        {
            SecurityLog.AuthorizationCodeRefused(_log, UnknownClient, command.Client?.ClientId ?? "", command.ClientIp);
            return new RedeemCodeResult.ClientRefused(UnknownClient);
        }

        var now = timeProvider.GetUtcNow();
        var codeHash = TokenHandles.Hash(command.Code);
        var (code, isFirst) = await codes.RedeemAsync(codeHash, now, cancellationToken);
        if (code is null)
        {
            return Refuse(InvalidCode, client, command);
        }

        if (!isFirst)
        {
            // RFC 6749 §4.1.2: a second use means someone else holds the code; whatever it bought is revoked. The
            // store marked the code replayed before this, for a redemption whose family does not exist yet.
            await sessionRevocation.EndAsync(code.FamilyId, now, cancellationToken);
            SecurityLog.AuthorizationCodeReplayed(_log, code.EmpNo, code.ClientId, client.ClientId, command.ClientIp);
            return new RedeemCodeResult.CodeRefused(UsedCode);
        }

        var refusal = code.ExpiresAt <= now ? ExpiredCode
            : code.ClientId != client.ClientId ? OtherClient
            : code.RedirectUri != command.RedirectUri ? OtherRedirectUri
            : !Pkce.Matches(command.CodeVerifier, code.CodeChallenge) ? WrongVerifier
            : null;
        if (refusal is not null)
        {
            return Refuse(refusal, client, command);
        }

        // A "log out everywhere", a new password or changed grants since the code was issued end it too.
        var issuedAt = code.ExpiresAt - AuthorizeCommandHandler.CodeLifetime;
        var employee = await employees.FindByEmpNoAsync(code.EmpNo, cancellationToken);
        if (employee is null || await IsVoidAsync(code.EmpNo, issuedAt, cancellationToken))
        {
            return Refuse(NoLongerValid, client, command);
        }

        // Null: the employee was removed a moment ago, after it was read.
        if (await sessions.StartAsync(employee, code.Scopes, code.ClientId, code.FamilyId, cancellationToken) is not { } tokens)
        {
            return Refuse(NoLongerValid, client, command);
        }

        // Both checked again now that the family exists, each against a write the other side makes before its own
        // check: a replay marks the code before it ends the family (found now, or it finds the family), and a
        // "log out everywhere" writes its cutoff before it revokes the tokens issued until a later instant.
        var replayed = (await codes.FindAsync(codeHash, cancellationToken))?.ReplayedAt is not null;
        if (replayed || await IsVoidAsync(code.EmpNo, issuedAt, cancellationToken))
        {
            await sessionRevocation.EndAsync(code.FamilyId, timeProvider.GetUtcNow(), cancellationToken);
            return replayed ? Refuse(UsedCode, client, command) : Refuse(NoLongerValid, client, command);
        }

        SecurityLog.AuthorizationCodeRedeemed(_log, code.EmpNo, code.ClientId, command.ClientIp);
        return new RedeemCodeResult.Redeemed(tokens);
    }

    /// <summary>The employee is gone, or their tokens up to the code's issue (or later) are void.</summary>
    private async ValueTask<bool> IsVoidAsync(int empNo, DateTimeOffset issuedAt, CancellationToken cancellationToken) =>
        await employees.FindTokensValidAfterAsync(empNo, cancellationToken) is not { } validAfter || validAfter >= issuedAt;

    private RedeemCodeResult.CodeRefused Refuse(string reason, AuthenticatedClient client, RedeemCodeCommand command)
    {
        SecurityLog.AuthorizationCodeRefused(_log, reason, client.ClientId, command.ClientIp);
        return new RedeemCodeResult.CodeRefused(reason);
    }
}
