using System.Globalization;
using FastApiLearning.Application.Auth;
using FastApiLearning.Application.Auth.Sessions;
using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Domain.Employees;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FastApiLearning.Infrastructure.Tokens;

/// <summary>Issues JWT access tokens, signed with the first configured key (ES256 or HS256).</summary>
public sealed class JwtTokenIssuer(
    IOptions<JwtOptions> options,
    JwtSigningKeys keys,
    TimeProvider timeProvider) : ITokenIssuer
{
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public AccessToken Issue(Employee employee, IReadOnlyList<string> scopes, AccessTokenSession? session = null)
    {
        var settings = options.Value;
        var issuedAt = timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        // iat, nbf and exp in whole seconds (the floor), as every verifier reads them; the instant to the
        // millisecond in a claim of its own, so that "log out everywhere" can tell a token issued a moment
        // before it from one issued a moment after, within the same second.
        var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.FromUnixTimeMilliseconds(issuedAt).ToUnixTimeSeconds());
        var expiresAt = now + settings.AccessTokenLifetime;
        var id = Guid.NewGuid().ToString("N");
        var claims = new Dictionary<string, object>
        {
            [TokenClaimNames.Subject] = employee.EmpNo.ToString(CultureInfo.InvariantCulture),
            [TokenClaimNames.Email] = employee.Email,
            [TokenClaimNames.Name] = employee.FullName,
            [TokenClaimNames.TokenId] = id,
            [TokenClaimNames.IssuedAt] = now.ToUnixTimeSeconds(),
            [TokenClaimNames.IssuedAtMilliseconds] = issuedAt,
        };
        IReadOnlyList<string> granted = [.. scopes];
        if (granted.Count > 0)
        {
            // One string, not an array: what RFC 9068 readers expect.
            claims[TokenClaimNames.Scope] = string.Join(' ', granted);
        }

        if (session is not null)
        {
            claims[TokenClaimNames.SessionId] = session.FamilyId;
            if (session.ClientId.Length > 0)
            {
                claims[TokenClaimNames.ClientId] = session.ClientId;
            }
        }

        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            NotBefore = now.UtcDateTime,
            Expires = expiresAt.UtcDateTime,
            SigningCredentials = keys.SigningCredentials,
            Claims = claims,
        });

        return new AccessToken(token, id, expiresAt, settings.AccessTokenLifetime, granted);
    }
}
