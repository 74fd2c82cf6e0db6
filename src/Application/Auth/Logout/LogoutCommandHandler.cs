using System.Globalization;
using FastApiLearning.Application.Auth.Refresh;
using FastApiLearning.Application.Auth.Sessions;
using FastApiLearning.Application.Common.Logging;
using FastApiLearning.Application.Common.Ports;
using Mediator;
using Microsoft.Extensions.Logging;

namespace FastApiLearning.Application.Auth.Logout;

public sealed class LogoutCommandHandler(
    IRevocationStore revocations,
    IEmployeeStore employees,
    IRefreshTokenStore refreshTokens,
    SessionRevocation sessions,
    TimeProvider timeProvider,
    ILoggerFactory loggerFactory) : ICommandHandler<LogoutCommand>
{
    private readonly ILogger _log = loggerFactory.CreateLogger(SecurityLog.Category);

    public async ValueTask<Unit> Handle(LogoutCommand command, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        if (command.Everywhere && command.EmpNo is { } empNo)
        {
            // The database's cutoff first: it keeps it past a restart of every instance, and every refresh-token
            // family started before it refreshes no more; a login a moment later gets a token issued after it
            // (iat_ms has millisecond precision). Then the revocation store (every instance at once), with an instant
            // read after that write: a refresh that read the old cutoff just before it may have minted a token
            // after `now`, which this later instant still covers. A refresh minting after this instant re-reads the
            // cutoff after storing its tokens, finds this one, and refuses (RefreshCommandHandler): each side checks
            // after its own write, so no token outlives the logout whichever way they interleave.
            // Both before the sessions are ended: the cutoff covers them all, so a congested writer or Redis out of
            // reach while ending them must not hold up (or, failing, skip) the write that matters most.
            // The later instant goes to the database too: another instance without a shared revocation store
            // (PostgreSQL, no Redis) sees only the database.
            await employees.SetTokensValidAfterAsync(empNo, now, cancellationToken);
            var written = timeProvider.GetUtcNow();
            await employees.SetTokensValidAfterAsync(empNo, written, cancellationToken);
            await revocations.RevokeAllAsync(empNo.ToString(CultureInfo.InvariantCulture), written, cancellationToken);
            SecurityLog.LoggedOutEverywhere(_log, command.Username, empNo, command.ClientIp);
            await EndSessionsAsync(command, now, cancellationToken);
            return Unit.Value;
        }

        await EndSessionsAsync(command, now, cancellationToken);
        await revocations.RevokeAsync(command.TokenId, command.ExpiresAt, cancellationToken);
        SecurityLog.Logout(_log, command.Username, command.ClientIp);
        return Unit.Value;
    }

    /// <summary>The token's session (its <c>sid</c>) and the browser's refresh cookie's, when it is the same employee's.</summary>
    private async ValueTask EndSessionsAsync(LogoutCommand command, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(command.SessionId))
        {
            await sessions.EndAsync(command.SessionId, now, cancellationToken);
        }

        // A cookie of any other length is none of ours: nothing to look up, and no reason to refuse the logout.
        if (command.RefreshToken is { Length: > 0 and <= RefreshCommand.MaxRefreshTokenLength }
            && await refreshTokens.FindAsync(TokenHandles.Hash(command.RefreshToken), cancellationToken) is { } token
            && token.Family.EmpNo == command.EmpNo
            && token.Family.FamilyId != command.SessionId)
        {
            await sessions.EndAsync(token.Family.FamilyId, now, cancellationToken);
        }
    }
}
