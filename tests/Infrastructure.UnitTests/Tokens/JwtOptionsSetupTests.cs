using System.Runtime.Versioning;
using System.Security.Cryptography;
using FastApiLearning.Infrastructure.Tokens;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace FastApiLearning.Infrastructure.UnitTests.Tokens;

public sealed class JwtOptionsSetupTests
{
    private const string Issuer = "https://login.example.com";
    private static readonly byte[] s_validKeyBytes = SHA256.HashData("jwt options setup tests"u8);
    private static readonly string s_validKey = Convert.ToBase64String(s_validKeyBytes);
    private static readonly string s_ecPem = TestKeys.NewEs256Pem();
    private static readonly string s_otherValidKey = Convert.ToBase64String(
        [.. Enumerable.Range(1, JwtOptions.MinimumKeyBytes).Select(i => (byte)i)]);

    private DirectoryInfo _contentRoot = null!;

    [SetUp]
    public void SetUp() => _contentRoot = Directory.CreateTempSubdirectory("jwt-options-setup-");

    [TearDown]
    public void TearDown() => _contentRoot.Delete(recursive: true);

    [TestCase(null)]
    [TestCase("")]
    [TestCase("   ")]
    public void Validate_WhenKeyIsMissing_FailsWithHowToSetIt(string? signingKey)
    {
        // Arrange
        var setup = CreateSetup(Environments.Production);

        // Act
        var result = setup.Validate(null, new JwtOptions { Issuer = Issuer, SigningKey = signingKey });

        // Assert
        Assert.That(result.Failed, Is.True);
        Assert.That(result.FailureMessage, Does.Contain("Jwt:SigningKey"));
        Assert.That(result.FailureMessage, Does.Contain("openssl rand -base64 32"));
    }

    [TestCase("not base64!")]
    [TestCase("abc")]
    public void Validate_WhenKeyIsNotBase64_FailsWithHowToSetIt(string signingKey)
    {
        // Arrange
        var setup = CreateSetup(Environments.Production);

        // Act
        var result = setup.Validate(null, new JwtOptions { Issuer = Issuer, SigningKey = signingKey });

        // Assert
        Assert.That(result.Failed, Is.True);
        Assert.That(result.FailureMessage, Does.Contain("Jwt:SigningKey is not valid base64"));
        Assert.That(result.FailureMessage, Does.Contain("openssl rand -base64 32"));
    }

    [TestCase(1)]
    [TestCase(16)]
    [TestCase(31)]
    public void Validate_WhenKeyIsShorterThan32Bytes_FailsWithHowToSetIt(int keyBytes)
    {
        // Arrange
        var setup = CreateSetup(Environments.Production);
        var signingKey = Convert.ToBase64String(new byte[keyBytes]);

        // Act
        var result = setup.Validate(null, new JwtOptions { Issuer = Issuer, SigningKey = signingKey });

        // Assert
        Assert.That(result.Failed, Is.True);
        Assert.That(result.FailureMessage, Does.Contain($"Jwt:SigningKey has {keyBytes * 8} bits"));
        Assert.That(result.FailureMessage, Does.Contain("openssl rand -base64 32"));
    }

    [TestCase(32)]
    [TestCase(64)]
    public void Validate_WhenKeyHasAtLeast32RandomBytes_Succeeds(int keyBytes)
    {
        // Arrange
        var setup = CreateSetup(Environments.Production);
        var signingKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(keyBytes));

        // Act
        var result = setup.Validate(null, new JwtOptions { Issuer = Issuer, SigningKey = signingKey });

        // Assert
        Assert.That(result.Succeeded, Is.True);
    }

    private static IEnumerable<TestCaseData> PatternKeys()
    {
        yield return new TestCaseData(new byte[32], 1).SetName("{m}(AllZeros)");
        yield return new TestCaseData(Enumerable.Repeat((byte)0x41, 32).ToArray(), 1).SetName("{m}(All0x41)");
        yield return new TestCaseData(Enumerable.Range(0, 32).Select(i => i % 2 == 0 ? (byte)0xDE : (byte)0xAD).ToArray(), 2)
            .SetName("{m}(Repeated2BytePattern)");
        yield return new TestCaseData(Enumerable.Range(0, 64).Select(i => (byte)(i % 15)).ToArray(), 15)
            .SetName("{m}(64BytesOf15Values)");
    }

    [TestCaseSource(nameof(PatternKeys))]
    public void Validate_InProductionWhenKeyIsAPattern_FailsWithHowToSetIt(byte[] key, int distinctValues)
    {
        // Arrange
        var setup = CreateSetup(Environments.Production);

        // Act
        var result = setup.Validate(null, new JwtOptions { Issuer = Issuer, SigningKey = Convert.ToBase64String(key) });

        // Assert
        Assert.That(result.Failed, Is.True);
        Assert.That(result.FailureMessage, Does.Contain($"Jwt:SigningKey is not random: its {key.Length} bytes have only {distinctValues} different values"));
        Assert.That(result.FailureMessage, Does.Contain("openssl rand -base64 32"));
    }

    [TestCaseSource(nameof(PatternKeys))]
    public void Validate_InProductionWhenASigningKeysEntryIsAPattern_FailsNamingTheEntry(byte[] key, int distinctValues)
    {
        // Arrange
        var setup = CreateSetup(Environments.Production);
        var options = new JwtOptions { Issuer = Issuer, SigningKeys = [Key("new", s_validKey), Key("old", Convert.ToBase64String(key))] };

        // Act
        var result = setup.Validate(null, options);

        // Assert
        Assert.That(result.Failed, Is.True);
        Assert.That(result.FailureMessage, Does.Contain($"Jwt:SigningKeys:1:Key is not random: its {key.Length} bytes have only {distinctValues} different values"));
    }

    [TestCaseSource(nameof(PatternKeys))]
    public void Validate_InDevelopmentWhenKeyIsAPattern_Succeeds(byte[] key, int distinctValues)
    {
        // Arrange
        var setup = CreateSetup(Environments.Development);

        // Act
        var result = setup.Validate(null, new JwtOptions { Issuer = Issuer, SigningKey = Convert.ToBase64String(key) });

        // Assert
        Assert.That(result.Succeeded, Is.True, $"{distinctValues} different values");
    }

    [TestCase(0, 30)]
    [TestCase(-60, 30)]
    [TestCase(1800, -1)]
    public void Validate_WhenLifetimeIsNotPositiveOrSkewIsNegative_Fails(int lifetimeSeconds, int clockSkewSeconds)
    {
        // Arrange
        var setup = CreateSetup(Environments.Production);
        var options = new JwtOptions
        {
            Issuer = Issuer,
            SigningKey = s_validKey,
            AccessTokenLifetime = TimeSpan.FromSeconds(lifetimeSeconds),
            ClockSkew = TimeSpan.FromSeconds(clockSkewSeconds),
        };

        // Act
        var result = setup.Validate(null, options);

        // Assert
        Assert.That(result.Failed, Is.True);
        Assert.That(result.FailureMessage, Does.Contain("Jwt:AccessTokenLifetime"));
    }

    [Test]
    public void PostConfigure_WhenDevelopmentHasNoKey_CreatesAnEs256KeyFileAndSignsWithIt()
    {
        // Arrange
        var setup = CreateSetup(Environments.Development);
        var options = new JwtOptions { Issuer = Issuer };

        // Act
        setup.PostConfigure(null, options);

        // Assert
        var keyFile = Path.Combine(_contentRoot.FullName, options.DevelopmentKeyFile);
        Assert.That(File.Exists(keyFile), Is.True);
        Assert.That(options.SigningKey, Is.Null);
        Assert.That(options.SigningKeys, Has.Count.EqualTo(1));
        Assert.That(options.SigningKeys[0].Algorithm, Is.EqualTo(SigningAlgorithms.Es256));
        Assert.That(options.SigningKeys[0].PemFile, Is.EqualTo(keyFile));
        using var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(keyFile));
        Assert.That(key.ExportParameters(includePrivateParameters: true).Curve.Oid.Value, Is.EqualTo("1.2.840.10045.3.1.7"));
        Assert.That(setup.Validate(null, options).Succeeded, Is.True);
    }

    [Test]
    public void PostConfigure_WhenDevelopmentKeyFileExists_ReadsSameKeyBack()
    {
        // Arrange
        var setup = CreateSetup(Environments.Development);
        var first = new JwtOptions { Issuer = Issuer };
        setup.PostConfigure(null, first);
        var firstKeys = new JwtSigningKeys(Options.Create(first));
        var second = new JwtOptions { Issuer = Issuer };

        // Act
        CreateSetup(Environments.Development).PostConfigure(null, second);

        // Assert
        var secondKeys = new JwtSigningKeys(Options.Create(second));
        Assert.That(secondKeys.SigningCredentials.Key.KeyId, Is.EqualTo(firstKeys.SigningCredentials.Key.KeyId));
        Assert.That(secondKeys.PublishedKeys.Single(), Is.EqualTo(firstKeys.PublishedKeys.Single()));
    }

    [Test]
    public void PostConfigure_WhenDevelopmentKeyFileIsNested_CreatesItsFolder()
    {
        // Arrange
        var setup = CreateSetup(Environments.Development);
        var options = new JwtOptions { Issuer = Issuer, DevelopmentKeyFile = Path.Combine("secrets", "jwt.pem") };

        // Act
        setup.PostConfigure(null, options);

        // Assert
        Assert.That(File.Exists(Path.Combine(_contentRoot.FullName, "secrets", "jwt.pem")), Is.True);
        Assert.That(setup.Validate(null, options).Succeeded, Is.True);
    }

    [Test]
    public void PostConfigure_WhenDevelopmentCreatesKeyFile_OnlyOwnerCanReadIt()
    {
        // Arrange
        var setup = CreateSetup(Environments.Development);
        var options = new JwtOptions { Issuer = Issuer };

        // Act
        setup.PostConfigure(null, options);

        // Assert
        var keyFile = Path.Combine(_contentRoot.FullName, options.DevelopmentKeyFile);
        Assert.That(File.Exists(keyFile), Is.True);
        if (!OperatingSystem.IsWindows())
        {
            Assert.That(File.GetUnixFileMode(keyFile), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        }
    }

    [Test]
    [UnsupportedOSPlatform("windows")]
    public void PostConfigure_WhenDevelopmentKeyFileIsEmptyAndReadableByOthers_WritesAKeyOnlyOwnerCanRead()
    {
        // Arrange: FileMode.Create keeps an existing file's mode.
        var setup = CreateSetup(Environments.Development);
        var options = new JwtOptions { Issuer = Issuer };
        var keyFile = CreateWorldReadableKeyFile(options, "");

        // Act
        setup.PostConfigure(null, options);

        // Assert
        Assert.That(File.ReadAllText(keyFile), Does.StartWith("-----BEGIN PRIVATE KEY-----"));
        Assert.That(setup.Validate(null, options).Succeeded, Is.True);
        Assert.That(File.GetUnixFileMode(keyFile), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
    }

    [Test]
    [UnsupportedOSPlatform("windows")]
    public void PostConfigure_WhenDevelopmentKeyFileHasAKeyAndIsReadableByOthers_KeepsTheKeyAndMakesItOwnerOnly()
    {
        // Arrange
        var setup = CreateSetup(Environments.Development);
        var options = new JwtOptions { Issuer = Issuer };
        var keyFile = CreateWorldReadableKeyFile(options, s_ecPem);

        // Act
        setup.PostConfigure(null, options);

        // Assert
        Assert.That(options.SigningKeys.Single().PemFile, Is.EqualTo(keyFile));
        Assert.That(File.ReadAllText(keyFile), Is.EqualTo(s_ecPem));
        Assert.That(File.GetUnixFileMode(keyFile), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
    }

    [Test]
    public void PostConfigure_WhenDevelopmentHasKey_KeepsItAndWritesNoFile()
    {
        // Arrange
        var setup = CreateSetup(Environments.Development);
        var options = new JwtOptions { Issuer = Issuer, SigningKey = s_validKey };

        // Act
        setup.PostConfigure(null, options);

        // Assert
        Assert.That(options.SigningKey, Is.EqualTo(s_validKey));
        Assert.That(_contentRoot.EnumerateFileSystemInfos(), Is.Empty);
    }

    [Test]
    public void PostConfigure_WhenProductionHasNoKey_LeavesItMissing()
    {
        // Arrange
        var setup = CreateSetup(Environments.Production);
        var options = new JwtOptions { Issuer = Issuer };

        // Act
        setup.PostConfigure(null, options);

        // Assert
        Assert.That(options.SigningKey, Is.Null);
        Assert.That(options.SigningKeys, Is.Empty);
        Assert.That(_contentRoot.EnumerateFileSystemInfos(), Is.Empty);
        Assert.That(setup.Validate(null, options).Failed, Is.True);
    }

    [Test]
    public void Validate_WhenTwoGoodSigningKeysAndNoSigningKey_Succeeds()
    {
        // Arrange
        var setup = CreateSetup(Environments.Production);
        var options = new JwtOptions { Issuer = Issuer, SigningKeys = [Key("new", s_validKey), Key("old", s_otherValidKey)] };

        // Act
        var result = setup.Validate(null, options);

        // Assert
        Assert.That(options.SigningKey, Is.Null);
        Assert.That(result.Succeeded, Is.True);
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("   ")]
    public void Validate_WhenAnHs256EntryHasNoId_SucceedsAndItIsNamedAsJwtSigningKeyWouldBe(string? id)
    {
        // Arrange: moving Jwt:SigningKey into a list keeps its tokens' kid.
        var setup = CreateSetup(Environments.Production);
        var options = new JwtOptions { Issuer = Issuer, SigningKeys = [Key("new", s_validKey), Key(id, s_otherValidKey)] };

        // Act
        var result = setup.Validate(null, options);

        // Assert
        Assert.That(result.Succeeded, Is.True);
        var derived = new JwtSigningKeys(Options.Create(new JwtOptions { SigningKey = s_otherValidKey })).SigningCredentials.Key.KeyId;
        Assert.That(new JwtSigningKeys(Options.Create(options)).ValidationKeys[1].KeyId, Is.EqualTo(derived));
    }

    [TestCase(0)]
    [TestCase(16)]
    [TestCase(31)]
    public void Validate_WhenSigningKeysEntryIsShorterThan32Bytes_FailsNamingTheEntry(int keyBytes)
    {
        // Arrange
        var setup = CreateSetup(Environments.Production);
        var shortKey = Convert.ToBase64String(new byte[keyBytes]);
        var options = new JwtOptions { Issuer = Issuer, SigningKeys = [Key("new", s_validKey), Key("old", shortKey)] };

        // Act
        var result = setup.Validate(null, options);

        // Assert
        Assert.That(result.Failed, Is.True);
        Assert.That(result.FailureMessage, Does.Contain($"Jwt:SigningKeys:1:Key has {keyBytes * 8} bits"));
    }

    [TestCase("not base64!")]
    [TestCase("abc")]
    public void Validate_WhenSigningKeysEntryIsNotBase64_FailsNamingTheEntry(string key)
    {
        // Arrange
        var setup = CreateSetup(Environments.Production);
        var options = new JwtOptions { Issuer = Issuer, SigningKeys = [Key("new", key), Key("old", s_otherValidKey)] };

        // Act
        var result = setup.Validate(null, options);

        // Assert
        Assert.That(result.Failed, Is.True);
        Assert.That(result.FailureMessage, Does.Contain("Jwt:SigningKeys:0:Key is not valid base64"));
    }

    [Test]
    public void Validate_WhenSigningKeysRepeatAnId_Fails()
    {
        // Arrange
        var setup = CreateSetup(Environments.Production);
        var options = new JwtOptions { Issuer = Issuer, SigningKeys = [Key("same", s_validKey), Key("same", s_otherValidKey)] };

        // Act
        var result = setup.Validate(null, options);

        // Assert
        Assert.That(result.Failed, Is.True);
        Assert.That(result.FailureMessage, Does.Contain("Jwt:SigningKeys has two keys with the id (kid) same"));
    }

    [Test]
    public void Validate_WhenSigningKeysAreGoodButLifetimeIsNot_Fails()
    {
        // Arrange
        var setup = CreateSetup(Environments.Production);
        var options = new JwtOptions
        {
            Issuer = Issuer,
            SigningKeys = [Key("new", s_validKey)],
            AccessTokenLifetime = TimeSpan.Zero,
        };

        // Act
        var result = setup.Validate(null, options);

        // Assert
        Assert.That(result.Failed, Is.True);
        Assert.That(result.FailureMessage, Does.Contain("Jwt:AccessTokenLifetime"));
    }

    [Test]
    public void PostConfigure_WhenDevelopmentHasSigningKeys_KeepsThemAndWritesNoFile()
    {
        // Arrange
        var setup = CreateSetup(Environments.Development);
        var options = new JwtOptions { Issuer = Issuer, SigningKeys = [Key("new", s_validKey), Key("old", s_otherValidKey)] };

        // Act
        setup.PostConfigure(null, options);

        // Assert
        Assert.That(options.SigningKey, Is.Null);
        Assert.That(options.SigningKeys.Select(k => k.Id), Is.EqualTo(new[] { "new", "old" }));
        Assert.That(_contentRoot.EnumerateFileSystemInfos(), Is.Empty);
        Assert.That(setup.Validate(null, options).Succeeded, Is.True);
    }

    [Test]
    public void PostConfigure_WhenNoIssuerIsSet_TakesThePublicOriginWithoutTrailingSlash()
    {
        // Arrange
        var setup = CreateSetup(Environments.Production, new KeyValuePair<string, string?>(JwtOptions.PublicOriginSetting, "https://login.example.com/"));
        var options = new JwtOptions { SigningKey = s_validKey };

        // Act
        setup.PostConfigure(null, options);

        // Assert
        Assert.That(options.Issuer, Is.EqualTo("https://login.example.com"));
        Assert.That(setup.Validate(null, options).Succeeded, Is.True);
    }

    [Test]
    public void PostConfigure_WhenJwtIssuerIsSet_KeepsItOverThePublicOrigin()
    {
        // Arrange
        var setup = CreateSetup(Environments.Production, new KeyValuePair<string, string?>(JwtOptions.PublicOriginSetting, "https://login.example.com"));
        var options = new JwtOptions { Issuer = "https://auth.example.com/", SigningKey = s_validKey };

        // Act
        setup.PostConfigure(null, options);

        // Assert
        Assert.That(options.Issuer, Is.EqualTo("https://auth.example.com"));
    }

    [TestCase("Production")]
    [TestCase("Development")]
    public void Validate_WhenNeitherIssuerNorPublicOriginIsSet_FailsSayingWhatToSet(string environment)
    {
        // Arrange
        var setup = CreateSetup(environment);
        var options = new JwtOptions { SigningKey = s_validKey };
        setup.PostConfigure(null, options);

        // Act
        var result = setup.Validate(null, options);

        // Assert
        Assert.That(result.Failed, Is.True);
        Assert.That(result.FailureMessage, Does.Contain("No token issuer is configured. Set App:PublicOrigin"));
        Assert.That(result.FailureMessage, Does.Contain("App__PublicOrigin"));
    }

    [TestCase("FastApiLearning")]
    [TestCase("login.example.com")]
    [TestCase("ftp://login.example.com")]
    [TestCase("https://login.example.com?tenant=1")]
    [TestCase("https://login.example.com#x")]
    public void Validate_WhenIssuerIsNoUrl_Fails(string issuer)
    {
        // Arrange
        var setup = CreateSetup(Environments.Production);

        // Act
        var result = setup.Validate(null, new JwtOptions { Issuer = issuer, SigningKey = s_validKey });

        // Assert
        Assert.That(result.Failed, Is.True);
        Assert.That(result.FailureMessage, Does.Contain($"The token issuer '{issuer}' is not a URL"));
    }

    [Test]
    public void Validate_WhenKeyIsMissing_SaysHowToMakeAnEs256Key()
    {
        // Arrange
        var setup = CreateSetup(Environments.Production);

        // Act
        var result = setup.Validate(null, new JwtOptions { Issuer = Issuer });

        // Assert
        Assert.That(result.FailureMessage, Does.Contain("Jwt:SigningKeys:0:PemFile"));
        Assert.That(result.FailureMessage, Does.Contain("openssl ecparam -name prime256v1 -genkey -noout | openssl pkcs8 -topk8 -nocrypt"));
    }

    [Test]
    public void Validate_WhenAnEs256KeyIsGivenAsPem_Succeeds()
    {
        // Arrange
        var setup = CreateSetup(Environments.Production);
        var options = new JwtOptions { Issuer = Issuer, SigningKeys = [new() { Pem = s_ecPem }] };
        setup.PostConfigure(null, options);

        // Act
        var result = setup.Validate(null, options);

        // Assert
        Assert.That(result.Succeeded, Is.True, result.FailureMessage);
        Assert.That(options.SigningKeys[0].Algorithm, Is.EqualTo(SigningAlgorithms.Es256));
    }

    [Test]
    public void PostConfigure_WhenAnEs256KeyIsAFile_ReadsItRelativeToTheContentRoot()
    {
        // Arrange
        var setup = CreateSetup(Environments.Production);
        File.WriteAllText(Path.Combine(_contentRoot.FullName, "jwt.pem"), s_ecPem);
        var options = new JwtOptions { Issuer = Issuer, SigningKeys = [new() { Algorithm = "es256", PemFile = "jwt.pem" }] };

        // Act
        setup.PostConfigure(null, options);

        // Assert
        Assert.That(options.SigningKeys[0].PemFile, Is.EqualTo(Path.Combine(_contentRoot.FullName, "jwt.pem")));
        Assert.That(options.SigningKeys[0].Algorithm, Is.EqualTo(SigningAlgorithms.Es256));
        Assert.That(setup.Validate(null, options).Succeeded, Is.True);
    }

    private static IEnumerable<TestCaseData> BadEs256Entries()
    {
        yield return new TestCaseData(new SigningKeyOptions(), "exactly one of Pem (the PEM text) or PemFile")
            .SetName("{m}(NeitherPemNorFile)");
        yield return new TestCaseData(new SigningKeyOptions { Pem = s_ecPem, PemFile = "/etc/jwt.pem" }, "exactly one of Pem")
            .SetName("{m}(BothPemAndFile)");
        yield return new TestCaseData(new SigningKeyOptions { Algorithm = "ES256", Key = s_validKey }, "it takes Pem or PemFile, not Key")
            .SetName("{m}(ASecretForAnEs256Key)");
        yield return new TestCaseData(new SigningKeyOptions { Algorithm = "HS256", Pem = s_ecPem }, "it takes Key (a base64 secret), not Pem")
            .SetName("{m}(APemForAnHs256Key)");
        yield return new TestCaseData(new SigningKeyOptions { Algorithm = "RS256", Pem = s_ecPem }, "Algorithm is 'RS256'; it is ES256")
            .SetName("{m}(AnotherAlgorithm)");
        yield return new TestCaseData(new SigningKeyOptions { Pem = "not a key" }, "holds no unencrypted EC key in PEM")
            .SetName("{m}(NoPem)");
        yield return new TestCaseData(new SigningKeyOptions { PemFile = "/nonexistent/jwt.pem" }, "PemFile /nonexistent/jwt.pem cannot be read")
            .SetName("{m}(AMissingFile)");
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        yield return new TestCaseData(new SigningKeyOptions { Pem = p384.ExportPkcs8PrivateKeyPem() }, "ES256 needs P-256")
            .SetName("{m}(AP384Key)");
        using var rsa = RSA.Create(2048);
        yield return new TestCaseData(new SigningKeyOptions { Pem = rsa.ExportPkcs8PrivateKeyPem() }, "holds no unencrypted EC key")
            .SetName("{m}(AnRsaKey)");
        yield return new TestCaseData(new SigningKeyOptions { Pem = TestKeys.PublicPem(s_ecPem) }, "is a public key, and the first key signs")
            .SetName("{m}(OnlyThePublicKey)");
    }

    [TestCaseSource(nameof(BadEs256Entries))]
    public void Validate_WhenTheFirstKeyIsNoUsableEs256Key_FailsNamingTheEntryAndWhy(SigningKeyOptions entry, string why)
    {
        // Arrange
        var setup = CreateSetup(Environments.Production);
        var options = new JwtOptions { Issuer = Issuer, SigningKeys = [entry] };
        setup.PostConfigure(null, options);

        // Act
        var result = setup.Validate(null, options);

        // Assert
        Assert.That(result.Failed, Is.True);
        Assert.That(result.FailureMessage, Does.Contain("Jwt:SigningKeys:0").And.Contain(why));
    }

    [Test]
    public void Validate_WhenAKeyThatOnlyVerifiesIsAPublicKey_Succeeds()
    {
        // Arrange
        var setup = CreateSetup(Environments.Production);
        var options = new JwtOptions
        {
            Issuer = Issuer,
            SigningKeys = [new() { Pem = TestKeys.NewEs256Pem() }, new() { Pem = TestKeys.PublicPem(s_ecPem) }],
        };

        // Act
        var result = setup.Validate(null, options);

        // Assert
        Assert.That(result.Succeeded, Is.True, result.FailureMessage);
    }

    [Test]
    public void Validate_WhenTheSameEs256KeyIsListedTwice_FailsOnTheDerivedId()
    {
        // Arrange
        var setup = CreateSetup(Environments.Production);
        var options = new JwtOptions { Issuer = Issuer, SigningKeys = [new() { Pem = s_ecPem }, new() { Pem = TestKeys.PublicPem(s_ecPem) }] };

        // Act
        var result = setup.Validate(null, options);

        // Assert
        Assert.That(result.Failed, Is.True);
        Assert.That(result.FailureMessage, Does.Contain("Jwt:SigningKeys has two keys with the id (kid)"));
    }

    [Test]
    public void DecodeKey_WhenKeyHasSurroundingWhitespace_DecodesIt()
    {
        // Act
        var key = JwtOptionsSetup.DecodeKey("  " + s_validKey + "\n");

        // Assert
        Assert.That(key, Is.EqualTo(s_validKeyBytes));
    }

    private static SigningKeyOptions Key(string? id, string key) => new() { Id = id, Key = key };

    /// <summary>A key file as an older version, or another tool, may have left it: mode 0644.</summary>
    [UnsupportedOSPlatform("windows")]
    private string CreateWorldReadableKeyFile(JwtOptions options, string contents)
    {
        var keyFile = Path.Combine(_contentRoot.FullName, options.DevelopmentKeyFile);
        File.WriteAllText(keyFile, contents);
        File.SetUnixFileMode(
            keyFile,
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        return keyFile;
    }

    private JwtOptionsSetup CreateSetup(string environmentName, params KeyValuePair<string, string?>[] settings)
    {
        var environment = new Mock<IHostEnvironment>();
        environment.SetupGet(e => e.EnvironmentName).Returns(environmentName);
        environment.SetupGet(e => e.ContentRootPath).Returns(_contentRoot.FullName);
        return new JwtOptionsSetup(environment.Object, new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
    }
}
