using System.Globalization;
using FastApiLearning.Application.Auth.Refresh;
using FastApiLearning.Application.Common.Logging;
using FastApiLearning.Application.Common.Ports;
using Mediator;
using Microsoft.Extensions.Logging;

namespace FastApiLearning.Application.Auth.Logout;

public sealed class LogoutCommandHandler(
    IRevocationStore revocations,
    IEmployeeStore employees,
    IRefreshTokenStore refreshTokens,
    TimeProvider timeProvider,
    ILoggerFactory loggerFactory) : ICommandHandler<LogoutCommand>
{
    private readonly ILogger _log = loggerFactory.CreateLogger(SecurityLog.Category);

    public async ValueTask<Unit> Handle(LogoutCommand command, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        await EndRefreshAsync(command, now, cancellationToken);

        if (command.Everywhere && command.EmpNo is { } empNo)
        {
            // Every token issued before this instant, this one included; a login a moment later
            // gets a token issued after it (iat has millisecond precision). The revocation store
            // tells every instance at once; the database keeps it past a restart of all of them,
            // and every refresh-token family started before it refreshes no more.
            await revocations.RevokeAllAsync(empNo.ToString(CultureInfo.InvariantCulture), now, cancellationToken);
            await employees.SetTokensValidAfterAsync(empNo, now, cancellationToken);
            SecurityLog.LoggedOutEverywhere(_log, command.Username, empNo, command.ClientIp);
            return Unit.Value;
        }

        await revocations.RevokeAsync(command.TokenId, command.ExpiresAt, cancellationToken);
        SecurityLog.Logout(_log, command.Username, command.ClientIp);
        return Unit.Value;
    }

    /// <summary>The session's family (the token's <c>sid</c>) and the browser's refresh cookie's, when it is the same employee's.</summary>
    private async ValueTask EndRefreshAsync(LogoutCommand command, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(command.SessionId))
        {
            await refreshTokens.RevokeFamilyAsync(command.SessionId, now, cancellationToken);
        }

        // A cookie of any other length is none of ours: nothing to look up, and no reason to refuse the logout.
        if (command.RefreshToken is { Length: > 0 and <= RefreshCommand.MaxRefreshTokenLength }
            && await refreshTokens.FindAsync(TokenHandles.Hash(command.RefreshToken), cancellationToken) is { } token
            && token.Family.EmpNo == command.EmpNo
            && token.Family.FamilyId != command.SessionId)
        {
            await refreshTokens.RevokeFamilyAsync(token.Family.FamilyId, now, cancellationToken);
        }
    }
}
