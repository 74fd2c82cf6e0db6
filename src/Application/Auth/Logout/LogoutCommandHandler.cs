using System.Globalization;
using FastApiLearning.Application.Common.Logging;
using FastApiLearning.Application.Common.Ports;
using Mediator;
using Microsoft.Extensions.Logging;

namespace FastApiLearning.Application.Auth.Logout;

public sealed class LogoutCommandHandler(
    IRevocationStore revocations,
    IEmployeeStore employees,
    TimeProvider timeProvider,
    ILoggerFactory loggerFactory) : ICommandHandler<LogoutCommand>
{
    private readonly ILogger _log = loggerFactory.CreateLogger(SecurityLog.Category);

    public async ValueTask<Unit> Handle(LogoutCommand command, CancellationToken cancellationToken)
    {
        if (command.Everywhere && command.EmpNo is { } empNo)
        {
            // Every token issued before this instant, this one included; a login a moment later
            // gets a token issued after it (iat has millisecond precision). The revocation store
            // tells every instance at once; the database keeps it past a restart of all of them.
            var now = timeProvider.GetUtcNow();
            await revocations.RevokeAllAsync(empNo.ToString(CultureInfo.InvariantCulture), now, cancellationToken);
            await employees.SetTokensValidAfterAsync(empNo, now, cancellationToken);
            SecurityLog.LoggedOutEverywhere(_log, command.Username, empNo, command.ClientIp);
            return Unit.Value;
        }

        await revocations.RevokeAsync(command.TokenId, command.ExpiresAt, cancellationToken);
        SecurityLog.Logout(_log, command.Username, command.ClientIp);
        return Unit.Value;
    }
}
