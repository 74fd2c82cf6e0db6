using FastApiLearning.Domain.Employees;
using FastApiLearning.Infrastructure.Tokens;
using FastApiLearning.TestSupport.Employees;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Tokens;

namespace FastApiLearning.Infrastructure.UnitTests.Tokens;

public sealed class JwtBearerOptionsSetupTests
{
    private static readonly Employee s_employee = SampleEmployees.Behai();

    // JwtBearer's own lifetime check reads the real clock, so the issuer's starts at the real now.
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
    private IOptions<JwtOptions> _jwt = null!;
    private JwtSigningKeys _keys = null!;
    private CachingTokenHandler _tokenHandler = null!;

    [SetUp]
    public void SetUp()
    {
        _jwt = Options.Create(new JwtOptions
        {
            Issuer = "iss-x",
            Audience = "aud-x",
            ClockSkew = TimeSpan.FromSeconds(17),
            SigningKeys =
            [
                new SigningKeyOptions { Id = "new", Key = Convert.ToBase64String([.. Enumerable.Range(1, 32).Select(i => (byte)i)]) },
                new SigningKeyOptions { Id = "old", Key = Convert.ToBase64String([.. Enumerable.Range(101, 32).Select(i => (byte)i)]) },
            ],
        });
        _keys = new JwtSigningKeys(_jwt);
        _tokenHandler = new CachingTokenHandler(_clock, _jwt);
    }

    [TearDown]
    public void TearDown() => _tokenHandler.Dispose();

    [Test]
    public void Configure_ForTheBearerScheme_ChecksTokensAgainstWhatTheIssuerUses()
    {
        // Arrange
        var options = new JwtBearerOptions();

        // Act
        CreateSetup().Configure(JwtBearerDefaults.AuthenticationScheme, options);

        // Assert
        var parameters = options.TokenValidationParameters;
        Assert.That(parameters.ValidIssuer, Is.EqualTo("iss-x"));
        Assert.That(parameters.ValidAudience, Is.EqualTo("aud-x"));
        Assert.That(parameters.IssuerSigningKeys, Is.EqualTo(_keys.ValidationKeys));
        Assert.That(parameters.ValidAlgorithms, Is.EqualTo(new[] { SecurityAlgorithms.HmacSha256 }));
        Assert.That(parameters.ClockSkew, Is.EqualTo(TimeSpan.FromSeconds(17)));
        Assert.That(parameters.RequireExpirationTime, Is.True);
        Assert.That(parameters.RequireSignedTokens, Is.True);
        Assert.That(parameters.NameClaimType, Is.EqualTo("name"));
        Assert.That(options.IncludeErrorDetails, Is.False);
    }

    [Test]
    public void Configure_ForTheBearerScheme_ValidatesThroughTheCacheKeepingTheTokensClaimNames()
    {
        // Arrange
        var options = new JwtBearerOptions();

        // Act
        CreateSetup().Configure(JwtBearerDefaults.AuthenticationScheme, options);

        // Assert
        Assert.That(options.TokenHandlers, Has.Count.EqualTo(1));
        Assert.That(options.TokenHandlers[0], Is.SameAs(_tokenHandler));
        Assert.That(options.MapInboundClaims, Is.False);
        Assert.That(_tokenHandler.MapInboundClaims, Is.False);
    }

    [Test]
    public async Task Configure_ForTheBearerScheme_AcceptsTheIssuersTokenAndNamesThePrincipalFromIt()
    {
        // Arrange
        var options = new JwtBearerOptions();
        CreateSetup().Configure(JwtBearerDefaults.AuthenticationScheme, options);
        var token = new JwtTokenIssuer(_jwt, _keys, _clock).Issue(s_employee, [Scopes.UserRead, Scopes.UserWrite]);

        // Act
        var result = await options.TokenHandlers[0].ValidateTokenAsync(token.Value, options.TokenValidationParameters);

        // Assert
        Assert.That(result.Exception, Is.Null);
        Assert.That(result.IsValid, Is.True);
        Assert.That(result.ClaimsIdentity.Name, Is.EqualTo("Be Hai Doe"));
        Assert.That(result.ClaimsIdentity.FindFirst(TokenClaimNames.Subject)?.Value, Is.EqualTo("500222"));
        Assert.That(result.ClaimsIdentity.FindFirst(TokenClaimNames.Email)?.Value, Is.EqualTo("behai_nguyen@hotmail.com"));
        Assert.That(result.ClaimsIdentity.FindFirst(TokenClaimNames.TokenId)?.Value, Is.EqualTo(token.Id));
        Assert.That(result.ClaimsIdentity.FindFirst(TokenClaimNames.Scope)?.Value, Is.EqualTo("user:read user:write"));
    }

    [TestCase("Other")]
    [TestCase("")]
    public void Configure_ForAnotherScheme_LeavesItsOptionsAlone(string name)
    {
        // Arrange
        var options = new JwtBearerOptions();

        // Act
        CreateSetup().Configure(name, options);

        // Assert
        Assert.That(options.TokenHandlers, Has.None.SameAs(_tokenHandler));
        Assert.That(options.TokenValidationParameters.ValidIssuer, Is.Null);
        Assert.That(options.MapInboundClaims, Is.True);
    }

    private JwtBearerOptionsSetup CreateSetup() => new(_jwt, _keys, _tokenHandler);
}
