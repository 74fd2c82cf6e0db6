using FastApiLearning.Infrastructure.Tokens;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FastApiLearning.Infrastructure.UnitTests.Tokens;

public sealed class JwtSigningKeysTests
{
    private const string Issuer = "iss-x";
    private const string Audience = "aud-x";

    private static readonly byte[] s_newKey = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];
    private static readonly byte[] s_oldKey = [.. Enumerable.Range(101, 32).Select(i => (byte)i)];
    private static readonly byte[] s_thirdKey = [.. Enumerable.Range(201, 32).Select(i => (byte)i)];

    private readonly JsonWebTokenHandler _handler = new();

    [Test]
    public void SigningCredentials_WhenSigningKeysAreSet_UseTheFirstKeyAndItsId()
    {
        // Act
        var keys = CreateRotatingKeys();

        // Assert
        Assert.That(keys.SigningCredentials.Algorithm, Is.EqualTo(SecurityAlgorithms.HmacSha256));
        Assert.That(keys.SigningCredentials.Key.KeyId, Is.EqualTo("new"));
        Assert.That(((SymmetricSecurityKey)keys.SigningCredentials.Key).Key, Is.EqualTo(s_newKey));
    }

    [Test]
    public void ValidationKeys_WhenSigningKeysAreSet_HoldEveryKeyUnderItsId()
    {
        // Act
        var keys = CreateRotatingKeys();

        // Assert
        Assert.That(keys.ValidationKeys.Select(k => k.KeyId), Is.EqualTo(new[] { "new", "old" }));
        Assert.That(
            keys.ValidationKeys.Cast<SymmetricSecurityKey>().Select(k => k.Key),
            Is.EqualTo(new[] { s_newKey, s_oldKey }));
    }

    [Test]
    public void ValidationAlgorithms_AreThoseTheKeysSignWith()
    {
        // Act
        var rotating = CreateRotatingKeys();
        var single = new JwtSigningKeys(Options.Create(new JwtOptions { SigningKey = Convert.ToBase64String(s_newKey) }));

        // Assert: two HMAC keys, one algorithm.
        Assert.That(rotating.ValidationAlgorithms, Is.EqualTo(new[] { SecurityAlgorithms.HmacSha256 }));
        Assert.That(single.ValidationAlgorithms, Is.EqualTo(new[] { single.SigningCredentials.Algorithm }));
    }

    [Test]
    public async Task ValidationKeys_WhenTokenWasSignedByTheNewKey_AcceptIt()
    {
        // Arrange
        var keys = CreateRotatingKeys();
        var token = _handler.CreateToken(Descriptor(keys.SigningCredentials));

        // Act
        var result = await _handler.ValidateTokenAsync(token, ValidationParameters(keys.ValidationKeys));

        // Assert
        Assert.That(result.Exception, Is.Null);
        Assert.That(result.IsValid, Is.True);
        Assert.That(_handler.ReadJsonWebToken(token).Kid, Is.EqualTo("new"));
    }

    [Test]
    public async Task ValidationKeys_WhenTokenWasSignedByTheRetiringKey_AcceptIt()
    {
        // Arrange
        var keys = CreateRotatingKeys();
        var token = Sign(s_oldKey, "old");

        // Act
        var result = await _handler.ValidateTokenAsync(token, ValidationParameters(keys.ValidationKeys));

        // Assert
        Assert.That(result.Exception, Is.Null);
        Assert.That(result.IsValid, Is.True);
        Assert.That(result.ClaimsIdentity.FindFirst(JwtRegisteredClaimNames.Sub)?.Value, Is.EqualTo("500222"));
    }

    [TestCase("third")]
    [TestCase("old")]
    [TestCase("new")]
    public async Task ValidationKeys_WhenTokenWasSignedByAnotherKey_RejectIt(string keyId)
    {
        // Arrange
        var keys = CreateRotatingKeys();
        var token = Sign(s_thirdKey, keyId);

        // Act
        var result = await _handler.ValidateTokenAsync(token, ValidationParameters(keys.ValidationKeys));

        // Assert
        Assert.That(result.IsValid, Is.False);
        Assert.That(result.Exception, Is.InstanceOf<SecurityTokenSignatureKeyNotFoundException>()
            .Or.InstanceOf<SecurityTokenInvalidSignatureException>());
    }

    [Test]
    public async Task ValidationKeys_WhenSigningKeysAreSet_IgnoreSigningKey()
    {
        // Arrange
        var keys = new JwtSigningKeys(Options.Create(new JwtOptions
        {
            SigningKey = Convert.ToBase64String(s_thirdKey),
            SigningKeys = RotatingKeys(),
        }));
        var token = Sign(s_thirdKey, "third");

        // Act
        var result = await _handler.ValidateTokenAsync(token, ValidationParameters(keys.ValidationKeys));

        // Assert
        Assert.That(keys.SigningCredentials.Key.KeyId, Is.EqualTo("new"));
        Assert.That(keys.ValidationKeys, Has.Count.EqualTo(2));
        Assert.That(result.IsValid, Is.False);
    }

    [Test]
    public void SigningCredentials_WhenOnlySigningKeyIsSet_NameItByAStableDerivedId()
    {
        // Arrange
        var options = Options.Create(new JwtOptions { SigningKey = Convert.ToBase64String(s_newKey) });

        // Act
        var first = new JwtSigningKeys(options);
        var second = new JwtSigningKeys(options);
        var other = new JwtSigningKeys(Options.Create(new JwtOptions { SigningKey = Convert.ToBase64String(s_oldKey) }));

        // Assert
        Assert.That(first.SigningCredentials.Key.KeyId, Is.Not.Empty);
        Assert.That(second.SigningCredentials.Key.KeyId, Is.EqualTo(first.SigningCredentials.Key.KeyId));
        Assert.That(other.SigningCredentials.Key.KeyId, Is.Not.EqualTo(first.SigningCredentials.Key.KeyId));
        Assert.That(first.ValidationKeys, Is.EqualTo(new[] { first.SigningCredentials.Key }));
    }

    [Test]
    public void SigningCredentials_WhenOnlySigningKeyIsSet_DoNotRevealTheKeyInItsId()
    {
        // Arrange
        var signingKey = Convert.ToBase64String(s_newKey);

        // Act
        var keys = new JwtSigningKeys(Options.Create(new JwtOptions { SigningKey = signingKey }));

        // Assert
        Assert.That(keys.SigningCredentials.Key.KeyId, Does.Not.Contain(signingKey));
        Assert.That(keys.SigningCredentials.Key.KeyId, Does.Not.Contain(Base64UrlEncoder.Encode(s_newKey)[..8]));
    }

    private static List<SigningKeyOptions> RotatingKeys() =>
    [
        new SigningKeyOptions { Id = "new", Key = Convert.ToBase64String(s_newKey) },
        new SigningKeyOptions { Id = "old", Key = Convert.ToBase64String(s_oldKey) },
    ];

    private static JwtSigningKeys CreateRotatingKeys() =>
        new(Options.Create(new JwtOptions { SigningKeys = RotatingKeys() }));

    private string Sign(byte[] key, string keyId) =>
        _handler.CreateToken(Descriptor(
            new SigningCredentials(new SymmetricSecurityKey(key) { KeyId = keyId }, SecurityAlgorithms.HmacSha256)));

    private static SecurityTokenDescriptor Descriptor(SigningCredentials credentials) => new()
    {
        Issuer = Issuer,
        Audience = Audience,
        Claims = new Dictionary<string, object> { [JwtRegisteredClaimNames.Sub] = "500222" },
        SigningCredentials = credentials,
    };

    /// <summary>Signature, issuer and audience; lifetimes are not what these tests are about.</summary>
    private static TokenValidationParameters ValidationParameters(IEnumerable<SecurityKey> keys) => new()
    {
        IssuerSigningKeys = keys,
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        ValidateLifetime = false,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
    };
}
