using FastApiLearning.Application.Auth.Clients;
using Mediator;

namespace FastApiLearning.Application.Auth.IntrospectToken;

/// <summary>
/// A confidential client (a resource server) asks whether a token is active and what it carries (RFC 7662).
/// </summary>
/// <param name="Token">The token as sent; missing arrives as an empty string.</param>
/// <param name="TokenTypeHint"><c>access_token</c> or <c>refresh_token</c>: which kind to look for first; anything else is ignored.</param>
public sealed record IntrospectTokenQuery(
    string Token,
    string? TokenTypeHint = null,
    ClientCredentials? Client = null,
    string? ClientIp = null) : IQuery<IntrospectionResult>
{
    // Never let a token reach a log line through the record's generated ToString.
    public override string ToString() =>
        $"IntrospectTokenQuery {{ TokenTypeHint = {TokenTypeHint}, ClientId = {Client?.ClientId}, ClientIp = {ClientIp} }}";
}
