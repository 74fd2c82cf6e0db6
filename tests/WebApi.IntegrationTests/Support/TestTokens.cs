using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FastApiLearning.WebApi.IntegrationTests.Support;

/// <summary>Signs tokens the way the app would, or deliberately not.</summary>
public static class TestTokens
{
    /// <summary>The service's public origin in the tests (App:PublicOrigin), and so its tokens' iss.</summary>
    public const string Issuer = "http://localhost";
    public const string Audience = "test-audience";
    public const int BehaiEmpNo = 500222;

    public static readonly string SigningKey = Convert.ToBase64String(SHA256.HashData("integration tests"u8));

    /// <summary>The app's Jwt:AccessTokenLifetime (appsettings.json), and so the longest a token may live.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    /// <param name="issuedAt">
    /// iat in seconds since the epoch, written as given (a fraction too); by default notBefore or now.
    /// </param>
    /// <param name="withIssuedAt">False leaves iat out.</param>
    /// <param name="header">More header parameters, such as <c>crit</c>.</param>
    public static string Create(
        int empNo = BehaiEmpNo,
        string? key = null,
        string issuer = Issuer,
        string audience = Audience,
        DateTime? notBefore = null,
        DateTime? expires = null,
        string algorithm = SecurityAlgorithms.HmacSha256,
        string? keyId = null,
        double? issuedAt = null,
        bool withIssuedAt = true,
        IDictionary<string, object>? header = null)
    {
        var now = DateTime.UtcNow;
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        var claims = new Dictionary<string, object>
        {
            ["sub"] = empNo.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["email"] = "behai_nguyen@hotmail.com",
            ["name"] = "Be Hai Doe",
            ["jti"] = Guid.NewGuid().ToString("N"),
        };
        if (withIssuedAt && issuedAt is { } seconds)
        {
            // As a claim: the descriptor's IssuedAt is a DateTime, written in whole seconds.
            claims["iat"] = seconds;
        }

        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = withIssuedAt && issuedAt is null ? notBefore ?? now : null,
            NotBefore = notBefore ?? now,
            Expires = expires ?? now + Lifetime,
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(Convert.FromBase64String(key ?? SigningKey)) { KeyId = keyId }, algorithm),
            AdditionalHeaderClaims = header,
            Claims = claims,
        });
    }

    public static string OtherKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>The payload of a valid token, re-sent unsigned with <c>alg: none</c>.</summary>
    public static string Unsigned()
    {
        var payload = Create().Split('.')[1];
        var header = Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes("""{"alg":"none","typ":"JWT"}"""));
        return $"{header}.{payload}.";
    }

    /// <summary>A valid token with one character of its signature changed.</summary>
    public static string Tampered()
    {
        var token = Create();
        var last = token[^2] == 'A' ? 'B' : 'A';
        return token[..^2] + last + token[^1];
    }
}
