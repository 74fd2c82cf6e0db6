using Mediator;

namespace FastApiLearning.Application.Auth.IsTokenRevoked;

/// <summary>Asked for every authenticated request, after the signature and lifetime checks pass.</summary>
public sealed record IsTokenRevokedQuery(string TokenId) : IQuery<bool>;
