using System.Globalization;
using System.Text.Json;
using FastApiLearning.Domain.Employees;
using FastApiLearning.Infrastructure.Tokens;
using FastApiLearning.TestSupport.Employees;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FastApiLearning.Infrastructure.UnitTests.Tokens;

public sealed class JwtTokenIssuerTests
{
    private const string Issuer = "iss-x";
    private const string Audience = "aud-x";

    private static readonly string s_signingKey = Convert.ToBase64String([.. Enumerable.Range(1, 32).Select(i => (byte)i)]);
    private static readonly DateTimeOffset s_now = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private static readonly Employee s_employee = SampleEmployees.Behai();
    private static readonly IReadOnlyList<string> s_scopes = [Scopes.UserRead, Scopes.UserWrite];

    private readonly JsonWebTokenHandler _handler = new();
    private FakeTimeProvider _timeProvider = null!;

    [SetUp]
    public void SetUp() => _timeProvider = new FakeTimeProvider(s_now);

    [Test]
    public void Issue_SignsWithHs256AndNamesTheKey()
    {
        // Arrange
        var (issuer, keys) = CreateIssuer();

        // Act
        var token = _handler.ReadJsonWebToken(issuer.Issue(s_employee, s_scopes).Value);

        // Assert
        Assert.That(token.Alg, Is.EqualTo("HS256"));
        Assert.That(token.Kid, Is.Not.Empty);
        Assert.That(token.Kid, Is.EqualTo(keys.SigningCredentials.Key.KeyId));
    }

    [Test]
    public void Issue_PutsEmployeeIntoClaims()
    {
        // Arrange
        var (issuer, _) = CreateIssuer();

        // Act
        var token = _handler.ReadJsonWebToken(issuer.Issue(s_employee, s_scopes).Value);

        // Assert
        Assert.That(token.Subject, Is.EqualTo("500222"));
        Assert.That(token.GetClaim(JwtRegisteredClaimNames.Email).Value, Is.EqualTo("behai_nguyen@hotmail.com"));
        Assert.That(token.GetClaim(JwtRegisteredClaimNames.Name).Value, Is.EqualTo("Be Hai Doe"));
    }

    [Test]
    public void Issue_SetsIssuerAndAudienceFromOptions()
    {
        // Arrange
        var (issuer, _) = CreateIssuer();

        // Act
        var token = _handler.ReadJsonWebToken(issuer.Issue(s_employee, s_scopes).Value);

        // Assert
        Assert.That(token.Issuer, Is.EqualTo(Issuer));
        Assert.That(token.Audiences, Is.EqualTo(new[] { Audience }));
    }

    [Test]
    public void Issue_WritesTheGrantedScopeNamesAsOneSpaceSeparatedScopeClaim()
    {
        // Arrange
        var (issuer, _) = CreateIssuer();

        // Act
        var accessToken = issuer.Issue(s_employee, [Scopes.AdminRead, Scopes.AdminWrite]);

        // Assert: the names as granted, not expanded; one string, as RFC 9068 readers expect.
        var token = _handler.ReadJsonWebToken(accessToken.Value);
        using var payload = JsonDocument.Parse(Base64UrlEncoder.Decode(token.EncodedPayload));
        Assert.That(payload.RootElement.GetProperty("scope").ValueKind, Is.EqualTo(JsonValueKind.String));
        Assert.That(payload.RootElement.GetProperty("scope").GetString(), Is.EqualTo("admin:read admin:write"));
        Assert.That(accessToken.Scopes, Is.EqualTo(new[] { Scopes.AdminRead, Scopes.AdminWrite }));
        Assert.That(accessToken.Scope, Is.EqualTo("admin:read admin:write"));
    }

    [Test]
    public void Issue_WhenNoScopeIsGranted_WritesNoScopeClaim()
    {
        // Arrange
        var (issuer, _) = CreateIssuer();

        // Act
        var accessToken = issuer.Issue(s_employee, []);

        // Assert
        var token = _handler.ReadJsonWebToken(accessToken.Value);
        Assert.That(token.TryGetPayloadValue<string>(TokenClaimNames.Scope, out _), Is.False);
        Assert.That(accessToken.Scopes, Is.Empty);
        Assert.That(accessToken.Scope, Is.Empty);
    }

    [Test]
    public void Issue_KeepsItsOwnCopyOfTheScopes()
    {
        // Arrange
        var (issuer, _) = CreateIssuer();
        var scopes = new List<string> { Scopes.UserRead };

        // Act
        var accessToken = issuer.Issue(s_employee, scopes);
        scopes.Add(Scopes.Super);

        // Assert: what the answer says is what the token holds.
        Assert.That(accessToken.Scopes, Is.EqualTo(new[] { Scopes.UserRead }));
    }

    [Test]
    public void Issue_SetsJtiToAccessTokenId()
    {
        // Arrange
        var (issuer, _) = CreateIssuer();

        // Act
        var accessToken = issuer.Issue(s_employee, s_scopes);

        // Assert
        var token = _handler.ReadJsonWebToken(accessToken.Value);
        Assert.That(accessToken.Id, Is.Not.Empty);
        Assert.That(token.Id, Is.EqualTo(accessToken.Id));
    }

    [Test]
    public void Issue_WhenCalledTwice_GivesEachTokenItsOwnJti()
    {
        // Arrange
        var (issuer, _) = CreateIssuer();

        // Act
        var first = issuer.Issue(s_employee, s_scopes);
        var second = issuer.Issue(s_employee, s_scopes);

        // Assert
        Assert.That(second.Id, Is.Not.EqualTo(first.Id));
        Assert.That(_handler.ReadJsonWebToken(second.Value).Id, Is.Not.EqualTo(_handler.ReadJsonWebToken(first.Value).Id));
    }

    [Test]
    public void Issue_WhenLifetimeIsDefault_ExpiresAfterThirtyMinutes()
    {
        // Arrange
        var (issuer, _) = CreateIssuer();

        // Act
        var accessToken = issuer.Issue(s_employee, s_scopes);

        // Assert
        var token = _handler.ReadJsonWebToken(accessToken.Value);
        Assert.That(token.GetPayloadValue<long>(JwtRegisteredClaimNames.Iat), Is.EqualTo(s_now.ToUnixTimeSeconds()));
        Assert.That(token.GetPayloadValue<long>(JwtRegisteredClaimNames.Nbf), Is.EqualTo(s_now.ToUnixTimeSeconds()));
        Assert.That(
            token.GetPayloadValue<long>(JwtRegisteredClaimNames.Exp),
            Is.EqualTo(s_now.AddMinutes(30).ToUnixTimeSeconds()));
        Assert.That(accessToken.ExpiresAt, Is.EqualTo(s_now.AddMinutes(30)));
        Assert.That(accessToken.Lifetime, Is.EqualTo(TimeSpan.FromMinutes(30)));
    }

    [Test]
    public void Issue_WhenLifetimeIsConfigured_ExpiresAfterIt()
    {
        // Arrange
        var (issuer, _) = CreateIssuer(TimeSpan.FromMinutes(5));

        // Act
        var accessToken = issuer.Issue(s_employee, s_scopes);

        // Assert
        var token = _handler.ReadJsonWebToken(accessToken.Value);
        Assert.That(token.GetPayloadValue<long>(JwtRegisteredClaimNames.Iat), Is.EqualTo(s_now.ToUnixTimeSeconds()));
        Assert.That(
            token.GetPayloadValue<long>(JwtRegisteredClaimNames.Exp),
            Is.EqualTo(s_now.AddMinutes(5).ToUnixTimeSeconds()));
        Assert.That(accessToken.ExpiresAt, Is.EqualTo(s_now.AddMinutes(5)));
        Assert.That(accessToken.Lifetime, Is.EqualTo(TimeSpan.FromMinutes(5)));
    }

    [Test]
    public void Issue_WhenClockHasFractionalSeconds_WritesIatNbfAndExpInWholeSecondsAndTheMillisecondsInIatMs()
    {
        // Arrange: "log out everywhere" compares the instant of issue to the millisecond.
        _timeProvider.Advance(TimeSpan.FromMilliseconds(750));
        var (issuer, _) = CreateIssuer();

        // Act
        var accessToken = issuer.Issue(s_employee, s_scopes);

        // Assert: read from the JSON itself, as other verifiers (PyJWT compares iat with int(now)) see it.
        var token = _handler.ReadJsonWebToken(accessToken.Value);
        using var payload = JsonDocument.Parse(Base64UrlEncoder.Decode(token.EncodedPayload));
        var claims = payload.RootElement;
        Assert.That(claims.GetProperty("iat").GetRawText(), Is.EqualTo(s_now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
        Assert.That(claims.GetProperty("nbf").GetRawText(), Is.EqualTo(s_now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
        Assert.That(claims.GetProperty("iat_ms").GetRawText(), Is.EqualTo((s_now.ToUnixTimeMilliseconds() + 750).ToString(CultureInfo.InvariantCulture)));
        Assert.That(NumericDateClaim.IssuedAt(token), Is.EqualTo(s_now.ToUnixTimeSeconds() + 0.75m));
        Assert.That(accessToken.ExpiresAt, Is.EqualTo(s_now.AddMinutes(30)));
        Assert.That(token.ValidTo, Is.EqualTo(accessToken.ExpiresAt.UtcDateTime));
    }

    [Test]
    public void Issue_UsesTimeProviderNow()
    {
        // Arrange
        var (issuer, _) = CreateIssuer();
        _timeProvider.Advance(TimeSpan.FromHours(1));

        // Act
        var accessToken = issuer.Issue(s_employee, s_scopes);

        // Assert
        var token = _handler.ReadJsonWebToken(accessToken.Value);
        Assert.That(token.GetPayloadValue<long>(JwtRegisteredClaimNames.Iat), Is.EqualTo(s_now.AddHours(1).ToUnixTimeSeconds()));
        Assert.That(accessToken.ExpiresAt, Is.EqualTo(s_now.AddHours(1).AddMinutes(30)));
    }

    [Test]
    public async Task Issue_ProducesTokenThatValidatesWithSigningKeys()
    {
        // Arrange
        var (issuer, keys) = CreateIssuer();
        var accessToken = issuer.Issue(s_employee, s_scopes);

        // Act
        var result = await _handler.ValidateTokenAsync(accessToken.Value, ValidationParameters(keys.ValidationKeys));

        // Assert
        Assert.That(result.Exception, Is.Null);
        Assert.That(result.IsValid, Is.True);
        Assert.That(result.ClaimsIdentity.FindFirst(JwtRegisteredClaimNames.Sub)?.Value, Is.EqualTo("500222"));
    }

    [Test]
    public async Task Issue_ProducesTokenThatDoesNotValidateWithAnotherKey()
    {
        // Arrange
        var (issuer, _) = CreateIssuer();
        var accessToken = issuer.Issue(s_employee, s_scopes);
        var otherKey = new SymmetricSecurityKey([.. Enumerable.Range(101, 32).Select(i => (byte)i)]);

        // Act
        var result = await _handler.ValidateTokenAsync(accessToken.Value, ValidationParameters([otherKey]));

        // Assert
        Assert.That(result.IsValid, Is.False);
        Assert.That(result.Exception, Is.InstanceOf<SecurityTokenSignatureKeyNotFoundException>()
            .Or.InstanceOf<SecurityTokenInvalidSignatureException>());
    }

    [Test]
    public async Task Issue_WhenSigningKeysAreSet_SignsWithTheFirstAndNamesIt()
    {
        // Arrange
        var options = Options.Create(new JwtOptions
        {
            Issuer = Issuer,
            Audience = Audience,
            SigningKeys =
            [
                new SigningKeyOptions { Id = "new", Key = Convert.ToBase64String([.. Enumerable.Range(41, 32).Select(i => (byte)i)]) },
                new SigningKeyOptions { Id = "old", Key = s_signingKey },
            ],
        });
        var keys = new JwtSigningKeys(options);
        var issuer = new JwtTokenIssuer(options, keys, _timeProvider);

        // Act
        var accessToken = issuer.Issue(s_employee, s_scopes);

        // Assert
        Assert.That(_handler.ReadJsonWebToken(accessToken.Value).Kid, Is.EqualTo("new"));
        var result = await _handler.ValidateTokenAsync(accessToken.Value, ValidationParameters(keys.ValidationKeys));
        Assert.That(result.IsValid, Is.True);
    }

    private (JwtTokenIssuer Issuer, JwtSigningKeys Keys) CreateIssuer(TimeSpan? lifetime = null)
    {
        var settings = new JwtOptions { SigningKey = s_signingKey, Issuer = Issuer, Audience = Audience };
        if (lifetime is { } configured)
        {
            settings.AccessTokenLifetime = configured;
        }

        var options = Options.Create(settings);
        var keys = new JwtSigningKeys(options);
        return (new JwtTokenIssuer(options, keys, _timeProvider), keys);
    }

    /// <summary>Signature, issuer and audience; the lifetime is asserted from the claims.</summary>
    private static TokenValidationParameters ValidationParameters(IEnumerable<SecurityKey> keys) => new()
    {
        IssuerSigningKeys = keys,
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        ValidateLifetime = false,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
    };
}
