using FastApiLearning.Application.Common.Ports;
using Mediator;

namespace FastApiLearning.Application.Auth.IsTokenRevoked;

/// <summary>Asked on every authenticated request: the rule is <see cref="AccessTokenRevocation"/>'s, shared with introspection.</summary>
public sealed class IsTokenRevokedQueryHandler(IRevocationStore revocations, IEmployeeStore employees)
    : IQueryHandler<IsTokenRevokedQuery, bool>
{
    public ValueTask<bool> Handle(IsTokenRevokedQuery query, CancellationToken cancellationToken) =>
        AccessTokenRevocation.IsRevokedAsync(revocations, employees, query.TokenId, query.Subject, query.SessionId, query.IssuedAt, cancellationToken);
}
