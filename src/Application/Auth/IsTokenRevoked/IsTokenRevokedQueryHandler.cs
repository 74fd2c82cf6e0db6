using FastApiLearning.Application.Common.Ports;
using Mediator;

namespace FastApiLearning.Application.Auth.IsTokenRevoked;

public sealed class IsTokenRevokedQueryHandler(IRevocationStore revocations) : IQueryHandler<IsTokenRevokedQuery, bool>
{
    public ValueTask<bool> Handle(IsTokenRevokedQuery query, CancellationToken cancellationToken) =>
        // A token without an id cannot be revoked and so cannot be trusted.
        string.IsNullOrWhiteSpace(query.TokenId)
            ? ValueTask.FromResult(true)
            : revocations.IsRevokedAsync(query.TokenId, query.Subject, query.IssuedAt, cancellationToken);
}
