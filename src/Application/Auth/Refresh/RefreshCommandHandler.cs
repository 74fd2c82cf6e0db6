using FastApiLearning.Application.Auth.Clients;
using FastApiLearning.Application.Auth.Login;
using FastApiLearning.Application.Auth.Sessions;
using FastApiLearning.Application.Common.Exceptions;
using FastApiLearning.Application.Common.Logging;
using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Domain.Employees;
using Mediator;
using Microsoft.Extensions.Logging;

namespace FastApiLearning.Application.Auth.Refresh;

/// <summary>
/// Rotates a refresh token (RFC 6749 §6, RFC 9700 §4.14): the token is used once, atomically; its successor
/// continues the family. A token used before revokes its whole family, except the browser session's own
/// parallel requests within a short grace. The family's client, lifetimes and employee are checked on every use.
/// </summary>
public sealed class RefreshCommandHandler(
    IRefreshTokenStore refreshTokens,
    IEmployeeStore employees,
    IScopeGrantStore scopeGrants,
    IClientRegistry clients,
    ILoginThrottle throttle,
    TokenSessions sessions,
    SessionRevocation sessionRevocation,
    RefreshTokenLifetimes lifetimes,
    TimeProvider timeProvider,
    ILoggerFactory loggerFactory) : ICommandHandler<RefreshCommand, RefreshResult>
{
    private readonly ILogger _log = loggerFactory.CreateLogger(SecurityLog.Category);

    public async ValueTask<RefreshResult> Handle(RefreshCommand command, CancellationToken cancellationToken)
    {
        var client = command.BrowserSession
            ? AuthenticatedClient.BrowserSession
            : ClientAuthentication.Authenticate(clients, command.Client ?? ClientCredentials.None);
        if (client is null)
        {
            SecurityLog.ClientAuthenticationFailed(_log, command.Client?.ClientId, "/token", command.ClientIp);
            return RefreshResult.ClientRefused;
        }

        // A token nobody issued is a guess. 256 random bits make guessing hopeless, but a flood of guesses still
        // counts against its address like failed logins do (given back for a token that exists), so one address
        // cannot spend the store's time on them for free.
        var attempt = command.ClientIp is { } ip ? new LoginAttempt(GuessesFrom(ip), ip, DeviceId: null) : null;
        if (attempt is not null && await throttle.TryBeginAsync(attempt, cancellationToken) is { } retryAfter)
        {
            SecurityLog.RefreshRefused(_log, "throttled", null, client.ClientId, command.ClientIp);
            return new RefreshResult.Throttled(retryAfter);
        }

        var now = timeProvider.GetUtcNow();
        Redemption<RefreshTokenRecord> redemption;
        try
        {
            redemption = await refreshTokens.UseAsync(TokenHandles.Hash(command.RefreshToken), now, cancellationToken);
        }
        catch (ResourceUnavailableException)
        {
            if (attempt is not null)
            {
                await throttle.AbandonAsync(attempt, CancellationToken.None);
            }

            throw;
        }

        if (redemption.Record is not { } token)
        {
            // The attempt stays counted: that is the guess.
            return Refuse("unknown", null, client, command);
        }

        if (attempt is not null)
        {
            await throttle.SucceededAsync(attempt, cancellationToken);
        }

        return await ContinueAsync(token, redemption.IsFirst, client, command, now, cancellationToken);
    }

    private async ValueTask<RefreshResult> ContinueAsync(
        RefreshTokenRecord token, bool isFirst, AuthenticatedClient client, RefreshCommand command, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var family = token.Family;

        // Bound to the client it was issued to (RFC 6749 §6): in another client's hands it has leaked, so the
        // family ends, as for a reuse (this use may have been the first, and the owner's next would fail anyway).
        if (family.ClientId != client.ClientId)
        {
            await sessionRevocation.EndAsync(family.FamilyId, now, cancellationToken);
            return Refuse("another client's", family.EmpNo, client, command);
        }

        if (family.RevokedAt is not null)
        {
            return Refuse("revoked", family.EmpNo, client, command);
        }

        var withinGrace = false;
        if (!isFirst)
        {
            // Only the browser session: its requests leave together with one expired access cookie and the
            // same refresh cookie. An API client has no such excuse (RFC 9700 §4.14.2).
            withinGrace = client == AuthenticatedClient.BrowserSession
                && token.UsedAt is { } usedAt
                && now - usedAt <= lifetimes.BrowserGrace;
            if (!withinGrace)
            {
                await sessionRevocation.EndAsync(family.FamilyId, now, cancellationToken);
                SecurityLog.RefreshTokenReused(_log, family.EmpNo, family.FamilyId, client.ClientId, command.ClientIp);
                return RefreshResult.InvalidToken;
            }
        }

        if (token.ExpiresAt <= now)
        {
            return Refuse("expired", family.EmpNo, client, command);
        }

        // Logout everywhere, a password set, grants changed, the employee removed: the family is void with the
        // tokens of its time (started in the very instant of the cutoff counts as before it).
        if (await employees.FindTokensValidAfterAsync(family.EmpNo, cancellationToken) is not { } validAfter
            || family.StartedAt <= validAfter
            || await employees.FindByEmpNoAsync(family.EmpNo, cancellationToken) is not { } employee)
        {
            return Refuse("tokens void", family.EmpNo, client, command);
        }

        // RFC 6749 §6: the scope may narrow the access token, never widen the family; and never beyond what
        // the employee holds now.
        var requested = ScopeParameter.Parse(command.Scope);
        if (requested?.FirstOrDefault(name => !Scopes.Satisfy(family.Scopes, name)) is { } beyond)
        {
            SecurityLog.RefreshRefused(_log, $"scope {beyond} beyond the session's", family.EmpNo, client.ClientId, command.ClientIp);
            return new RefreshResult.ScopeRefused($"scope may only narrow the session's: {Names(family.Scopes)}");
        }

        var held = await scopeGrants.FindGrantedScopesAsync(family.EmpNo, cancellationToken) ?? Scopes.Default;
        var scopes = Scopes.Canonical((requested ?? family.Scopes).Where(name => Scopes.Satisfy(held, name)));
        if (requested is not null && scopes.Count == 0)
        {
            SecurityLog.RefreshRefused(_log, "none of the scopes held", family.EmpNo, client.ClientId, command.ClientIp);
            return new RefreshResult.ScopeRefused(new LoginResult.ScopeRefused().Message);
        }

        RefreshResult result;
        if (withinGrace)
        {
            result = new RefreshResult.Reissued(sessions.Reissue(employee, family, scopes));
        }
        else if (await sessions.ContinueAsync(employee, family, scopes, cancellationToken) is { } continued)
        {
            result = new RefreshResult.Succeeded(continued);
        }
        else
        {
            // The family went with its employee, removed a moment ago, after it was read.
            return Refuse("employee removed", family.EmpNo, client, command);
        }

        // A "log out everywhere" may have written its cutoff after the read above and before the tokens were minted.
        // Read it again now that they are stored: a cutoff written before this read voids them here; one written
        // after it is followed by the logout's own revocation of every token issued before its (later) instant.
        // Each side checks after its own write, so neither order lets a token outlive the logout.
        if (await employees.FindTokensValidAfterAsync(family.EmpNo, cancellationToken) is not { } stillValidAfter
            || family.StartedAt <= stillValidAfter)
        {
            await sessionRevocation.EndAsync(family.FamilyId, timeProvider.GetUtcNow(), cancellationToken);
            return Refuse("tokens void", family.EmpNo, client, command);
        }

        return result;
    }

    private RefreshResult Refuse(string reason, int? empNo, AuthenticatedClient client, RefreshCommand command)
    {
        SecurityLog.RefreshRefused(_log, reason, empNo, client.ClientId, command.ClientIp);
        return RefreshResult.InvalidToken;
    }

    /// <summary>
    /// The throttle's "account" for refresh guesses: one per address, which no email can be (it has no @), so
    /// guesses lock out only their own address's guessing, never a user.
    /// </summary>
    private static string GuessesFrom(string clientIp) => "refresh-token guesses from " + clientIp;

    private static string Names(IReadOnlyList<string> scopes) => scopes.Count > 0 ? string.Join(' ', scopes) : "(none)";
}
