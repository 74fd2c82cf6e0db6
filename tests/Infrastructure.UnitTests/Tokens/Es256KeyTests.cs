using System.Security.Cryptography;
using FastApiLearning.Domain.Employees;
using FastApiLearning.Infrastructure.Tokens;
using FastApiLearning.TestSupport.Employees;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FastApiLearning.Infrastructure.UnitTests.Tokens;

/// <summary>
/// ES256 keys next to HS256 ones, as a deployment moving from one to the other has them, checked the
/// way JwtBearer checks a request's token (<see cref="JwtBearerOptionsSetup"/>'s parameters, through the cache).
/// </summary>
public sealed class Es256KeyTests
{
    private const string Issuer = "https://login.example.com";
    private const string Audience = "aud-x";

    private static readonly Employee s_employee = SampleEmployees.Behai();
    private static readonly string s_esPem = TestKeys.NewEs256Pem();
    private static readonly string s_oldEsPem = TestKeys.NewEs256Pem();
    private static readonly byte[] s_hsSecret = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    [Test]
    public void SigningCredentials_WhenAnEs256KeyIsFirst_SignWithItUnderItsThumbprint()
    {
        // Act
        var keys = Keys(Es256(s_esPem), Hs256("legacy"));

        // Assert
        Assert.That(keys.SigningCredentials.Algorithm, Is.EqualTo(SecurityAlgorithms.EcdsaSha256));
        Assert.That(keys.SigningCredentials.Key, Is.InstanceOf<ECDsaSecurityKey>());
        var thumbprint = Base64UrlEncoder.Encode(
            JsonWebKeyConverter.ConvertFromECDsaSecurityKey(new ECDsaSecurityKey(PublicKey(s_esPem))).ComputeJwkThumbprint());
        Assert.That(keys.SigningCredentials.Key.KeyId, Is.EqualTo(thumbprint));
        Assert.That(keys.ValidationAlgorithms, Is.EqualTo(new[] { SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.HmacSha256 }));
    }

    [Test]
    public void SigningCredentials_WhenAnEs256KeyHasAnId_UseIt()
    {
        // Act
        var keys = Keys(Es256(s_esPem, id: "2025-06"));

        // Assert
        Assert.That(keys.SigningCredentials.Key.KeyId, Is.EqualTo("2025-06"));
        Assert.That(keys.PublishedKeys.Single().KeyId, Is.EqualTo("2025-06"));
    }

    [Test]
    public void PublishedKeys_AreTheEcPublicKeysOnly_NeverAPrivatePartNorASecret()
    {
        // Act
        var keys = Keys(Es256(s_esPem, id: "new"), Hs256("legacy"), Es256(TestKeys.PublicPem(s_oldEsPem), id: "old"));

        // Assert: the HS256 secret is not among them; each is the public point of its key.
        Assert.That(keys.PublishedKeys.Select(k => k.KeyId), Is.EqualTo(new[] { "new", "old" }));
        var published = keys.PublishedKeys[0];
        var expected = PublicKey(s_esPem).ExportParameters(includePrivateParameters: false);
        Assert.That(published, Is.EqualTo(new PublishedKey(
            "new", "ES256", "P-256", Base64UrlEncoder.Encode(expected.Q.X), Base64UrlEncoder.Encode(expected.Q.Y))));
        using var privateKey = ECDsa.Create();
        privateKey.ImportFromPem(s_esPem);
        var d = Base64UrlEncoder.Encode(privateKey.ExportParameters(includePrivateParameters: true).D);
        Assert.That(keys.PublishedKeys.Select(k => k.ToString()), Has.None.Contain(d));
        Assert.That(keys.PublishedKeys.Select(k => k.ToString()), Has.None.Contain(Base64UrlEncoder.Encode(s_hsSecret)));
    }

    [Test]
    public async Task Validate_AnEs256TokenTheIssuerMade_IsAccepted()
    {
        // Arrange
        var (jwt, keys) = Setup(Es256(s_esPem), Hs256("legacy"));
        var token = new JwtTokenIssuer(jwt, keys, _clock).Issue(s_employee, [Scopes.UserRead]).Value;

        // Act
        var result = await ValidateAsync(jwt, keys, token);

        // Assert
        Assert.That(result.Exception, Is.Null);
        Assert.That(result.IsValid, Is.True);
        Assert.That(new JsonWebToken(token).Alg, Is.EqualTo("ES256"));
        Assert.That(new JsonWebToken(token).Kid, Is.EqualTo(keys.SigningCredentials.Key.KeyId));
        Assert.That(new JsonWebToken(token).Issuer, Is.EqualTo(Issuer));
    }

    [Test]
    public async Task Validate_AnHs256TokenWhileItsKeyIsStillListed_IsAccepted()
    {
        // Arrange: made before the move to ES256.
        var (hsJwt, hsKeys) = Setup(Hs256("legacy"));
        var token = new JwtTokenIssuer(hsJwt, hsKeys, _clock).Issue(s_employee, [Scopes.UserRead]).Value;
        var (jwt, keys) = Setup(Es256(s_esPem), Hs256("legacy"));

        // Act
        var result = await ValidateAsync(jwt, keys, token);

        // Assert
        Assert.That(result.Exception, Is.Null);
        Assert.That(result.IsValid, Is.True);
    }

    [Test]
    public async Task Validate_AnHs256TokenOnceItsKeyIsRemoved_IsRefused()
    {
        // Arrange
        var (hsJwt, hsKeys) = Setup(Hs256("legacy"));
        var token = new JwtTokenIssuer(hsJwt, hsKeys, _clock).Issue(s_employee, [Scopes.UserRead]).Value;
        var (jwt, keys) = Setup(Es256(s_esPem));

        // Act
        var result = await ValidateAsync(jwt, keys, token);

        // Assert
        Assert.That(result.IsValid, Is.False);
    }

    [Test]
    public async Task Validate_AnEs256TokenOfARetiredKeyThatOnlyVerifies_IsAcceptedUntilItIsRemoved()
    {
        // Arrange: the old key signed; now it is listed second, as its public key only.
        var (oldJwt, oldKeys) = Setup(Es256(s_oldEsPem));
        var token = new JwtTokenIssuer(oldJwt, oldKeys, _clock).Issue(s_employee, [Scopes.UserRead]).Value;
        var (rotatedJwt, rotatedKeys) = Setup(Es256(s_esPem), Es256(TestKeys.PublicPem(s_oldEsPem)));
        var (retiredJwt, retiredKeys) = Setup(Es256(s_esPem));

        // Act
        var whileListed = await ValidateAsync(rotatedJwt, rotatedKeys, token);
        var afterwards = await ValidateAsync(retiredJwt, retiredKeys, token);

        // Assert
        Assert.That(whileListed.IsValid, Is.True);
        Assert.That(afterwards.IsValid, Is.False);
    }

    private static IEnumerable<TestCaseData> PublicKeyBytes()
    {
        using var key = PublicKey(s_esPem);
        var point = key.ExportParameters(includePrivateParameters: false).Q;
        yield return new TestCaseData(key.ExportSubjectPublicKeyInfo()).SetName("{m}(SubjectPublicKeyInfo)");
        yield return new TestCaseData(System.Text.Encoding.ASCII.GetBytes(TestKeys.PublicPem(s_esPem))).SetName("{m}(PemText)");
        yield return new TestCaseData((byte[])[0x04, .. point.X!, .. point.Y!]).SetName("{m}(UncompressedPoint)");
    }

    [TestCaseSource(nameof(PublicKeyBytes))]
    public async Task Validate_AnHs256TokenSignedWithTheEcPublicKeysBytes_IsRefusedEvenWithHs256Configured(byte[] publicBytes)
    {
        // Arrange: the classic confusion: the public key (in the JWKS for all to see) used as an HMAC
        // secret, under the EC key's kid. HS256 is a valid algorithm here, for the legacy key.
        var (jwt, keys) = Setup(Es256(s_esPem), Hs256("legacy"));
        var token = Forge(publicBytes, keys.SigningCredentials.Key.KeyId);

        // Act
        var result = await ValidateAsync(jwt, keys, token);

        // Assert
        Assert.That(new JsonWebToken(token).Alg, Is.EqualTo("HS256"));
        Assert.That(result.IsValid, Is.False);
    }

    [TestCaseSource(nameof(PublicKeyBytes))]
    public async Task Validate_AnHs256TokenSignedWithTheEcPublicKeysBytes_IsRefusedWithEs256Only(byte[] publicBytes)
    {
        // Arrange
        var (jwt, keys) = Setup(Es256(s_esPem));
        var token = Forge(publicBytes, keys.SigningCredentials.Key.KeyId);

        // Act
        var result = await ValidateAsync(jwt, keys, token);

        // Assert
        Assert.That(result.IsValid, Is.False);
        Assert.That(result.Exception, Is.InstanceOf<SecurityTokenException>());
    }

    [Test]
    public void Accepts_EachKeyOnlyWithItsOwnAlgorithm()
    {
        // Arrange
        var keys = Keys(Es256(s_esPem), Hs256("legacy"));
        var (ec, hmac) = (keys.ValidationKeys[0], keys.ValidationKeys[1]);

        // Assert
        Assert.That(keys.Accepts("ES256", ec), Is.True);
        Assert.That(keys.Accepts("HS256", hmac), Is.True);
        Assert.That(keys.Accepts("HS256", ec), Is.False);
        Assert.That(keys.Accepts("ES256", hmac), Is.False);
        Assert.That(keys.Accepts("ES384", ec), Is.False);
        Assert.That(keys.Accepts("HS256", new SymmetricSecurityKey(s_hsSecret) { KeyId = "legacy" }), Is.False);
    }

    [Test]
    public void Configure_ChecksEachKeysAlgorithmNotJustTheListOfAlgorithms()
    {
        // Arrange
        var (jwt, keys) = Setup(Es256(s_esPem), Hs256("legacy"));
        using var handler = new CachingTokenHandler(_clock, jwt);
        var options = new JwtBearerOptions();

        // Act
        new JwtBearerOptionsSetup(jwt, keys, handler).Configure(JwtBearerDefaults.AuthenticationScheme, options);

        // Assert: both algorithms are valid, but not with each other's key.
        var parameters = options.TokenValidationParameters;
        Assert.That(parameters.ValidAlgorithms, Is.EquivalentTo(new[] { "ES256", "HS256" }));
        Assert.That(parameters.AlgorithmValidator, Is.Not.Null);
        Assert.That(parameters.AlgorithmValidator("HS256", keys.ValidationKeys[0], null!, parameters), Is.False);
        Assert.That(parameters.AlgorithmValidator("ES256", keys.ValidationKeys[1], null!, parameters), Is.False);
        Assert.That(parameters.AlgorithmValidator("ES256", keys.ValidationKeys[0], null!, parameters), Is.True);
        Assert.That(parameters.AlgorithmValidator("HS256", keys.ValidationKeys[1], null!, parameters), Is.True);
    }

    private static SigningKeyOptions Es256(string pem, string? id = null) => new() { Pem = pem, Id = id };

    private static SigningKeyOptions Hs256(string id) => new() { Id = id, Key = Convert.ToBase64String(s_hsSecret) };

    private static JwtSigningKeys Keys(params SigningKeyOptions[] entries) => Setup(entries).Keys;

    private static (IOptions<JwtOptions> Jwt, JwtSigningKeys Keys) Setup(params SigningKeyOptions[] entries)
    {
        var jwt = Options.Create(new JwtOptions { Issuer = Issuer, Audience = Audience, SigningKeys = [.. entries] });
        return (jwt, new JwtSigningKeys(jwt));
    }

    private async Task<TokenValidationResult> ValidateAsync(IOptions<JwtOptions> jwt, JwtSigningKeys keys, string token)
    {
        using var handler = new CachingTokenHandler(_clock, jwt);
        var options = new JwtBearerOptions();
        new JwtBearerOptionsSetup(jwt, keys, handler).Configure(JwtBearerDefaults.AuthenticationScheme, options);
        return await handler.ValidateTokenAsync(token, options.TokenValidationParameters);
    }

    private string Forge(byte[] secret, string keyId)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(5),
            Claims = new Dictionary<string, object> { [TokenClaimNames.Subject] = "500222" },
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(secret) { KeyId = keyId }, SecurityAlgorithms.HmacSha256),
        });
    }

    private static ECDsa PublicKey(string pem)
    {
        var key = ECDsa.Create();
        key.ImportFromPem(TestKeys.PublicPem(pem));
        return key;
    }
}
