using System.Globalization;
using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Domain.Employees;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FastApiLearning.Infrastructure.Security;

/// <summary>Issues HS256-signed JWT access tokens.</summary>
public sealed class JwtTokenIssuer(
    IOptions<JwtOptions> options,
    JwtSigningKeys keys,
    TimeProvider timeProvider) : ITokenIssuer
{
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public AccessToken Issue(Employee employee)
    {
        var settings = options.Value;
        // Whole seconds, as the token carries them.
        var now = DateTimeOffset.FromUnixTimeSeconds(timeProvider.GetUtcNow().ToUnixTimeSeconds());
        var expiresAt = now + settings.AccessTokenLifetime;
        var id = Guid.NewGuid().ToString("N");

        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expiresAt.UtcDateTime,
            SigningCredentials = keys.SigningCredentials,
            Claims = new Dictionary<string, object>
            {
                [JwtRegisteredClaimNames.Sub] = employee.EmpNo.ToString(CultureInfo.InvariantCulture),
                [JwtRegisteredClaimNames.Email] = employee.Email,
                [JwtRegisteredClaimNames.Name] = employee.FullName,
                [JwtRegisteredClaimNames.Jti] = id,
            },
        });

        return new AccessToken(token, id, expiresAt, settings.AccessTokenLifetime);
    }
}
