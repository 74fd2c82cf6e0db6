using FastApiLearning.Application.Common.Ports;
using Mediator;

namespace FastApiLearning.Application.Auth.Logout;

public sealed class LogoutCommandHandler(IRevocationStore revocations) : ICommandHandler<LogoutCommand>
{
    public async ValueTask<Unit> Handle(LogoutCommand command, CancellationToken cancellationToken)
    {
        await revocations.RevokeAsync(command.TokenId, command.ExpiresAt, cancellationToken);
        return Unit.Value;
    }
}
