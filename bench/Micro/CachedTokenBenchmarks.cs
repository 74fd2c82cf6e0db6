using System.Security.Claims;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using FastApiLearning.Domain.Employees;
using FastApiLearning.Infrastructure.Tokens;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FastApiLearning.Bench.Micro;

/// <summary>
/// A <c>GET /users/me</c> answered from the validated-token cache (bench row 2 against 2e), per key
/// type: the service's own issuer, keys, validation parameters and <see cref="CachingTokenHandler"/>,
/// the token sent again and again. Each part of the token's path through a request on its own, so
/// that a difference between HS256 and ES256 shows where it is.
/// </summary>
[MemoryDiagnoser]
public class CachedTokenBenchmarks
{
    private static readonly Employee s_employee = new(
        500222,
        "behai_nguyen@hotmail.com",
        "$argon2id$v=19$m=16,t=2,p=1$b2szcWQ4a0tlTkFydUdOaw$7LX7WCYbItEMEwvH3yUxPA",
        new DateOnly(1970, 10, 27),
        "Be Hai",
        "Doe",
        Gender.M,
        new DateOnly(2021, 6, 15));

    private CachingTokenHandler _handler = null!;
    private TokenValidationParameters _parameters = null!;
    private MemoryCache _keyOnly = null!;
    private string _token = "";

    /// <summary>The first (signing) key's algorithm, as Jwt:SigningKeys:0:Algorithm.</summary>
    [Params(SigningAlgorithms.Hs256, SigningAlgorithms.Es256)]
    public string Algorithm { get; set; } = SigningAlgorithms.Hs256;

    [GlobalSetup]
    public void Setup()
    {
        var key = Algorithm == SigningAlgorithms.Es256
            ? new SigningKeyOptions { Algorithm = Algorithm, Pem = ECDsa.Create(ECCurve.NamedCurves.nistP256).ExportPkcs8PrivateKeyPem() }
            : new SigningKeyOptions { Algorithm = Algorithm, Key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(JwtOptions.MinimumKeyBytes)) };
        var options = Options.Create(new JwtOptions { Issuer = "http://localhost", SigningKeys = [key] });
        var keys = new JwtSigningKeys(options);
        _handler = new CachingTokenHandler(TimeProvider.System, options);
        var bearer = new JwtBearerOptions();
        new JwtBearerOptionsSetup(options, keys, _handler).Configure(JwtBearerDefaults.AuthenticationScheme, bearer);
        _parameters = bearer.TokenValidationParameters;
        _token = new JwtTokenIssuer(options, keys, TimeProvider.System)
            .Issue(s_employee, [Scopes.UserRead, Scopes.UserWrite], new("0123456789abcdef0123456789abcdef", "")).Value;

        // The first validation checks the signature and fills the cache; every one after answers from it.
        var result = _handler.ValidateTokenAsync(_token, _parameters).GetAwaiter().GetResult();
        if (!result.IsValid)
        {
            throw new InvalidOperationException($"The issued {Algorithm} token does not validate: {result.Exception}");
        }

        // How long the token is: what the cache key's hash and comparison scale with (in the run's log).
        Console.WriteLine($"// {Algorithm} token: {_token.Length} characters");
        _keyOnly = new MemoryCache(new MemoryCacheOptions { SizeLimit = CachingTokenHandler.DefaultCapacity });
        _keyOnly.Set(_token, result.SecurityToken, new MemoryCacheEntryOptions { Size = 1 });
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _handler.Dispose();
        _keyOnly.Dispose();
    }

    /// <summary>The cache lookup alone: the token's hash and its comparison with the stored key.</summary>
    [Benchmark(Description = "MemoryCache lookup by token")]
    public bool CacheLookup() => _keyOnly.TryGetValue(_token, out _);

    /// <summary><see cref="CachingTokenHandler.ValidateTokenAsync"/> on a cache hit.</summary>
    [Benchmark(Description = "cached validate")]
    public async Task<bool> CachedValidate() => (await _handler.ValidateTokenAsync(_token, _parameters)).IsValid;

    /// <summary>
    /// What JwtBearer and the revocation check do with a token per request around the handler: clone
    /// the parameters, validate (cached), make the principal,
    /// read exp and nbf for the ticket, then jti, sub and the precise iat for the revocation query.
    /// </summary>
    [Benchmark(Description = "request path (cached)")]
    public async Task<int> RequestPath()
    {
        var parameters = _parameters.Clone();
        var result = await _handler.ValidateTokenAsync(_token, parameters);
        var principal = new ClaimsPrincipal(result.ClaimsIdentity);
        var jwt = (JsonWebToken)result.SecurityToken;
        var seen = jwt.ValidTo.Second + jwt.ValidFrom.Second;
        seen += principal.FindFirst(TokenClaimNames.TokenId)?.Value.Length ?? 0;
        seen += principal.FindFirst(TokenClaimNames.Subject)?.Value.Length ?? 0;
        seen += NumericDateClaim.IssuedAt(jwt) is { } iat ? (int)(iat % 7) : 0;
        return seen;
    }
}
