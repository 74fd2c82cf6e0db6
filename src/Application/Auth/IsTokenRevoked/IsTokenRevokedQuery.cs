using Mediator;

namespace FastApiLearning.Application.Auth.IsTokenRevoked;

/// <summary>Asked for every authenticated request, after the signature and lifetime checks pass.</summary>
/// <param name="Subject">The token's <c>sub</c> (the emp_no), whose "log out everywhere" instant applies.</param>
/// <param name="IssuedAt">The token's instant of issue to the millisecond (its <c>iat_ms</c>).</param>
/// <param name="SessionId">The token's <c>sid</c> (its refresh-token family), whose end refuses it; null when it has none.</param>
public sealed record IsTokenRevokedQuery(string TokenId, string Subject, DateTimeOffset IssuedAt, string? SessionId = null) : IQuery<bool>;
