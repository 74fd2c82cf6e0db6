using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FastApiLearning.WebApi.ClientTests.Support;

/// <summary>Tokens for the verifiers to judge: the service's own, and three it never made.</summary>
public static class Tokens
{
    public static async Task<string> LogInAsync(HttpClient http, string email = SampleUsers.BehaiEmail)
    {
        using var response = await http.PostAsync(
            "/token",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = email, ["password"] = SampleUsers.Password }));
        Assert.That(response.IsSuccessStatusCode, Is.True, await response.Content.ReadAsStringAsync());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("access_token").GetString()!;
    }

    /// <summary>The same token with one byte of its signature changed.</summary>
    public static string Forged(string token)
    {
        var parts = token.Split('.');
        var signature = Base64UrlEncoder.DecodeBytes(parts[2]);
        signature[signature.Length / 2] ^= 0x01;
        return $"{parts[0]}.{parts[1]}.{Base64UrlEncoder.Encode(signature)}";
    }

    /// <summary>Signed with the service's own key and kid, by the service's rules, but expired ten minutes ago.</summary>
    public static string Expired(ServiceHost service)
    {
        var now = DateTime.UtcNow;
        var key = new ECDsaSecurityKey(service.SigningKey) { KeyId = ServiceHost.KeyId };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = service.Origin,
            Audience = ServiceHost.Audience,
            IssuedAt = now.AddMinutes(-40),
            NotBefore = now.AddMinutes(-40),
            Expires = now.AddMinutes(-10),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.EcdsaSha256),
            Claims = new Dictionary<string, object>
            {
                ["sub"] = "500222",
                ["email"] = SampleUsers.BehaiEmail,
                ["jti"] = Guid.NewGuid().ToString("N"),
            },
        });
    }

    /// <summary>
    /// The classic key-type confusion: HS256, "signed" with the public key's PEM as the shared secret (anyone
    /// can read it from the JWKS), naming the service's EC key. A verifier that let the token pick the
    /// algorithm would accept it.
    /// </summary>
    public static string SignedWithThePublicKeyAsHmacSecret(ServiceHost service)
    {
        var secret = new SymmetricSecurityKey(Encoding.ASCII.GetBytes(service.SigningKey.ExportSubjectPublicKeyInfoPem()))
        {
            KeyId = ServiceHost.KeyId,
        };
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = service.Origin,
            Audience = ServiceHost.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(30),
            SigningCredentials = new SigningCredentials(secret, SecurityAlgorithms.HmacSha256),
            Claims = new Dictionary<string, object> { ["sub"] = "500222", ["jti"] = Guid.NewGuid().ToString("N") },
        });
    }

}
