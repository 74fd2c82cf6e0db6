using FastApiLearning.Application.Common.Logging;
using FastApiLearning.Application.Common.Ports;
using Mediator;
using Microsoft.Extensions.Logging;

namespace FastApiLearning.Application.Auth.Logout;

public sealed class LogoutCommandHandler(IRevocationStore revocations, ILoggerFactory loggerFactory) : ICommandHandler<LogoutCommand>
{
    private readonly ILogger _log = loggerFactory.CreateLogger(SecurityLog.Category);

    public async ValueTask<Unit> Handle(LogoutCommand command, CancellationToken cancellationToken)
    {
        await revocations.RevokeAsync(command.TokenId, command.ExpiresAt, cancellationToken);
        SecurityLog.Logout(_log, command.Username, command.ClientIp);
        return Unit.Value;
    }
}
