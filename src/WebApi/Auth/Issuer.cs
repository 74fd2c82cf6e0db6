using FastApiLearning.Infrastructure.Tokens;
using Microsoft.Extensions.Options;

namespace FastApiLearning.WebApi.Auth;

/// <summary>
/// This service's issuer identifier, as every token's <c>iss</c> carries it: authorization responses name it
/// too (<c>iss</c>, RFC 9207), so that a client talking to several servers can tell whose answer it got.
/// </summary>
public sealed class Issuer(IOptions<JwtOptions> jwt)
{
    public string Value { get; } = jwt.Value.Issuer ?? "";
}
