using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using FastApiLearning.Domain.Employees;
using FastApiLearning.Infrastructure.Tokens;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FastApiLearning.Bench.Micro;

/// <summary>
/// Issuing an access token (what <c>POST /token</c> does after the password check) and validating
/// one (what every <c>GET /users/me</c> pays), with the service's own issuer and keys.
/// </summary>
[MemoryDiagnoser]
public class TokenBenchmarks
{
    private static readonly IReadOnlyList<string> s_scopes = [Scopes.UserRead, Scopes.UserWrite];

    private static readonly Employee s_employee = new(
        500222,
        "behai_nguyen@hotmail.com",
        "$argon2id$v=19$m=16,t=2,p=1$b2szcWQ4a0tlTkFydUdOaw$7LX7WCYbItEMEwvH3yUxPA",
        new DateOnly(1970, 10, 27),
        "Be Hai",
        "Doe",
        Gender.M,
        new DateOnly(2021, 6, 15));

    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private JwtTokenIssuer _issuer = null!;
    private TokenValidationParameters _parameters = null!;
    private string _token = "";

    [GlobalSetup]
    public void Setup()
    {
        var options = Options.Create(new JwtOptions
        {
            SigningKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(JwtOptions.MinimumKeyBytes)),
        });
        var keys = new JwtSigningKeys(options);
        _issuer = new JwtTokenIssuer(options, keys, TimeProvider.System);
        _parameters = new TokenValidationParameters
        {
            ValidIssuer = "FastApiLearning",
            ValidAudience = "FastApiLearning",
            IssuerSigningKeys = keys.ValidationKeys,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ClockSkew = options.Value.ClockSkew,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
        };
        _token = _issuer.Issue(s_employee, s_scopes).Value;

        var result = _handler.ValidateTokenAsync(_token, _parameters).GetAwaiter().GetResult();
        if (!result.IsValid)
        {
            throw new InvalidOperationException($"The issued token does not validate: {result.Exception}");
        }
    }

    [Benchmark(Description = "issue (HS256)")]
    public string Issue() => _issuer.Issue(s_employee, s_scopes).Value;

    [Benchmark(Description = "validate (HS256)")]
    public async Task<bool> Validate() => (await _handler.ValidateTokenAsync(_token, _parameters)).IsValid;
}
