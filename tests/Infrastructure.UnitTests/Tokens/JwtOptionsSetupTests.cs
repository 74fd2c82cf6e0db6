using System.Runtime.Versioning;
using System.Security.Cryptography;
using FastApiLearning.Infrastructure.Tokens;
using Microsoft.Extensions.Hosting;

namespace FastApiLearning.Infrastructure.UnitTests.Tokens;

public sealed class JwtOptionsSetupTests
{
    private static readonly byte[] s_validKeyBytes = SHA256.HashData("jwt options setup tests"u8);
    private static readonly string s_validKey = Convert.ToBase64String(s_validKeyBytes);
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
        var result = setup.Validate(null, new JwtOptions { SigningKey = signingKey });

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
        var result = setup.Validate(null, new JwtOptions { SigningKey = signingKey });

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
        var result = setup.Validate(null, new JwtOptions { SigningKey = signingKey });

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
        var result = setup.Validate(null, new JwtOptions { SigningKey = signingKey });

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
        var result = setup.Validate(null, new JwtOptions { SigningKey = Convert.ToBase64String(key) });

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
        var options = new JwtOptions { SigningKeys = [Key("new", s_validKey), Key("old", Convert.ToBase64String(key))] };

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
        var result = setup.Validate(null, new JwtOptions { SigningKey = Convert.ToBase64String(key) });

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
    public void PostConfigure_WhenDevelopmentHasNoKey_CreatesKeyFileWithValidKey()
    {
        // Arrange
        var setup = CreateSetup(Environments.Development);
        var options = new JwtOptions();

        // Act
        setup.PostConfigure(null, options);

        // Assert
        var keyFile = Path.Combine(_contentRoot.FullName, options.DevelopmentKeyFile);
        Assert.That(File.Exists(keyFile), Is.True);
        Assert.That(File.ReadAllText(keyFile).Trim(), Is.EqualTo(options.SigningKey));
        Assert.That(JwtOptionsSetup.DecodeKey(options.SigningKey ?? ""), Has.Length.EqualTo(JwtOptions.MinimumKeyBytes));
        Assert.That(setup.Validate(null, options).Succeeded, Is.True);
    }

    [Test]
    public void PostConfigure_WhenDevelopmentKeyFileExists_ReadsSameKeyBack()
    {
        // Arrange
        var setup = CreateSetup(Environments.Development);
        var first = new JwtOptions();
        setup.PostConfigure(null, first);
        var second = new JwtOptions();

        // Act
        CreateSetup(Environments.Development).PostConfigure(null, second);

        // Assert
        Assert.That(second.SigningKey, Is.Not.Null.And.Not.Empty);
        Assert.That(second.SigningKey, Is.EqualTo(first.SigningKey));
    }

    [Test]
    public void PostConfigure_WhenDevelopmentKeyFileIsNested_CreatesItsFolder()
    {
        // Arrange
        var setup = CreateSetup(Environments.Development);
        var options = new JwtOptions { DevelopmentKeyFile = Path.Combine("secrets", "jwt.key") };

        // Act
        setup.PostConfigure(null, options);

        // Assert
        Assert.That(File.Exists(Path.Combine(_contentRoot.FullName, "secrets", "jwt.key")), Is.True);
        Assert.That(setup.Validate(null, options).Succeeded, Is.True);
    }

    [Test]
    public void PostConfigure_WhenDevelopmentCreatesKeyFile_OnlyOwnerCanReadIt()
    {
        // Arrange
        var setup = CreateSetup(Environments.Development);
        var options = new JwtOptions();

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
        var options = new JwtOptions();
        var keyFile = CreateWorldReadableKeyFile(options, "");

        // Act
        setup.PostConfigure(null, options);

        // Assert
        Assert.That(File.ReadAllText(keyFile).Trim(), Is.EqualTo(options.SigningKey));
        Assert.That(JwtOptionsSetup.DecodeKey(options.SigningKey ?? ""), Has.Length.EqualTo(JwtOptions.MinimumKeyBytes));
        Assert.That(File.GetUnixFileMode(keyFile), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
    }

    [Test]
    [UnsupportedOSPlatform("windows")]
    public void PostConfigure_WhenDevelopmentKeyFileHasAKeyAndIsReadableByOthers_KeepsTheKeyAndMakesItOwnerOnly()
    {
        // Arrange
        var setup = CreateSetup(Environments.Development);
        var options = new JwtOptions();
        var keyFile = CreateWorldReadableKeyFile(options, s_validKey + "\n");

        // Act
        setup.PostConfigure(null, options);

        // Assert
        Assert.That(options.SigningKey, Is.EqualTo(s_validKey));
        Assert.That(File.ReadAllText(keyFile).Trim(), Is.EqualTo(s_validKey));
        Assert.That(File.GetUnixFileMode(keyFile), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
    }

    [Test]
    public void PostConfigure_WhenDevelopmentHasKey_KeepsItAndWritesNoFile()
    {
        // Arrange
        var setup = CreateSetup(Environments.Development);
        var options = new JwtOptions { SigningKey = s_validKey };

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
        var options = new JwtOptions();

        // Act
        setup.PostConfigure(null, options);

        // Assert
        Assert.That(options.SigningKey, Is.Null);
        Assert.That(_contentRoot.EnumerateFileSystemInfos(), Is.Empty);
        Assert.That(setup.Validate(null, options).Failed, Is.True);
    }

    [Test]
    public void Validate_WhenTwoGoodSigningKeysAndNoSigningKey_Succeeds()
    {
        // Arrange
        var setup = CreateSetup(Environments.Production);
        var options = new JwtOptions { SigningKeys = [Key("new", s_validKey), Key("old", s_otherValidKey)] };

        // Act
        var result = setup.Validate(null, options);

        // Assert
        Assert.That(options.SigningKey, Is.Null);
        Assert.That(result.Succeeded, Is.True);
    }

    [TestCase("")]
    [TestCase("   ")]
    public void Validate_WhenSigningKeysEntryHasNoId_FailsNamingTheEntry(string id)
    {
        // Arrange
        var setup = CreateSetup(Environments.Production);
        var options = new JwtOptions { SigningKeys = [Key("new", s_validKey), Key(id, s_otherValidKey)] };

        // Act
        var result = setup.Validate(null, options);

        // Assert
        Assert.That(result.Failed, Is.True);
        Assert.That(result.FailureMessage, Does.Contain("Jwt:SigningKeys:1:Id is missing"));
    }

    [TestCase(0)]
    [TestCase(16)]
    [TestCase(31)]
    public void Validate_WhenSigningKeysEntryIsShorterThan32Bytes_FailsNamingTheEntry(int keyBytes)
    {
        // Arrange
        var setup = CreateSetup(Environments.Production);
        var shortKey = Convert.ToBase64String(new byte[keyBytes]);
        var options = new JwtOptions { SigningKeys = [Key("new", s_validKey), Key("old", shortKey)] };

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
        var options = new JwtOptions { SigningKeys = [Key("new", key), Key("old", s_otherValidKey)] };

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
        var options = new JwtOptions { SigningKeys = [Key("same", s_validKey), Key("same", s_otherValidKey)] };

        // Act
        var result = setup.Validate(null, options);

        // Assert
        Assert.That(result.Failed, Is.True);
        Assert.That(result.FailureMessage, Does.Contain("same Id"));
    }

    [Test]
    public void Validate_WhenSigningKeysAreGoodButLifetimeIsNot_Fails()
    {
        // Arrange
        var setup = CreateSetup(Environments.Production);
        var options = new JwtOptions
        {
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
        var options = new JwtOptions { SigningKeys = [Key("new", s_validKey), Key("old", s_otherValidKey)] };

        // Act
        setup.PostConfigure(null, options);

        // Assert
        Assert.That(options.SigningKey, Is.Null);
        Assert.That(options.SigningKeys.Select(k => k.Id), Is.EqualTo(new[] { "new", "old" }));
        Assert.That(_contentRoot.EnumerateFileSystemInfos(), Is.Empty);
        Assert.That(setup.Validate(null, options).Succeeded, Is.True);
    }

    [Test]
    public void DecodeKey_WhenKeyHasSurroundingWhitespace_DecodesIt()
    {
        // Act
        var key = JwtOptionsSetup.DecodeKey("  " + s_validKey + "\n");

        // Assert
        Assert.That(key, Is.EqualTo(s_validKeyBytes));
    }

    private static SigningKeyOptions Key(string id, string key) => new() { Id = id, Key = key };

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

    private JwtOptionsSetup CreateSetup(string environmentName)
    {
        var environment = new Mock<IHostEnvironment>();
        environment.SetupGet(e => e.EnvironmentName).Returns(environmentName);
        environment.SetupGet(e => e.ContentRootPath).Returns(_contentRoot.FullName);
        return new JwtOptionsSetup(environment.Object);
    }
}
