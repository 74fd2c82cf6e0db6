using System.Text;
using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Domain.Employees;
using FastApiLearning.Infrastructure.Security;
using Microsoft.Extensions.Options;

namespace FastApiLearning.Infrastructure.UnitTests.Security;

public sealed class PasswordHasherTests
{
    private const string CurrentPrefix = "$argon2id$v=19$m=19456,t=2,p=1$";
    private const string CurrentParametersHash =
        "$argon2id$v=19$m=19456,t=2,p=1$l8zCwnFMJQqpB5R3qP5x2A$CnBkDIHmBmKuZj2qzQ5MsWufmh4vXJbSQe8f9PeLBTA";

    // bcrypt reads 72 bytes of a password; these two share them and differ after.
    private const string Shared72Bytes = "a 72-byte passphrase, the part of it bcrypt reads, and nothing further!!";
    private const string Owner80Bytes = Shared72Bytes + "owner-01";
    private const string Impostor80Bytes = Shared72Bytes + "impostor";

    // Of Owner80Bytes, cost 4.
    private const string BcryptOf80Bytes = "$2b$04$.Y2X4fWqoBL21/3D/itsxuBxOFBXE1R8ExLmPB4LFfxCfT5fyDCEy";

    private static readonly PasswordHasher s_hasher = new(Options.Create(new PasswordHashingOptions()));

    [TestCase(
        "password",
        "$argon2id$v=19$m=16,t=2,p=1$b2szcWQ4a0tlTkFydUdOaw$7LX7WCYbItEMEwvH3yUxPA",
        PasswordCheck.SucceededNeedsUpgrade,
        TestName = "Verify_WhenArgon2idMemoryIsBelowCurrent_NeedsUpgrade")]
    [TestCase(
        "password",
        "$argon2id$v=19$m=65536,t=3,p=4$8Kd+6rE62mghTymbbYHqRg$83HvfD3acW/s5GvZJ40e2G5IcNlmS1ZT1GnaXu4wMbE",
        PasswordCheck.Succeeded,
        TestName = "Verify_WhenArgon2idIsStrongerThanCurrent_Succeeds")]
    [TestCase(
        "correct horse battery staple",
        CurrentParametersHash,
        PasswordCheck.Succeeded,
        TestName = "Verify_WhenArgon2idHasCurrentParameters_Succeeds")]
    [TestCase(
        "secret",
        "$2b$12$EixZaYVK1fsbw1ZfbX3OXePaWxn96p36WQoeG6Lruj3vjPGga31lW",
        PasswordCheck.SucceededNeedsUpgrade,
        TestName = "Verify_WhenBcryptCost12Matches_NeedsUpgrade")]
    [TestCase(
        "password",
        "$2b$10$kqIGjbVIUvTUMlDSuMgXCeXCTbhUtL.FgSyDTDhZOy0kggNLaoUY6",
        PasswordCheck.SucceededNeedsUpgrade,
        TestName = "Verify_WhenBcryptCost10Matches_NeedsUpgrade")]
    public void Verify_WhenPasswordMatchesKnownHash_ReturnsExpectedCheck(
        string password, string passwordHash, PasswordCheck expected)
    {
        // Act
        var check = s_hasher.Verify(password, passwordHash);

        // Assert
        Assert.That(check, Is.EqualTo(expected));
    }

    [TestCase(Owner80Bytes, TestName = "Verify_WhenBcryptOfAPasswordLongerThan72BytesMatches_KeepsTheHash")]
    [TestCase(Impostor80Bytes, TestName = "Verify_WhenAnotherPasswordWithTheSameFirst72BytesMatchesBcrypt_KeepsTheHash")]
    [TestCase(Shared72Bytes, TestName = "Verify_WhenTheFirst72BytesAloneMatchBcrypt_KeepsTheHash")]
    public void Verify_WhenBcryptPasswordIsAtLeast72Bytes_ReturnsSucceededLegacyHashKept(string password)
    {
        // Act
        var check = s_hasher.Verify(password, BcryptOf80Bytes);

        // Assert
        Assert.That(Encoding.UTF8.GetByteCount(password), Is.GreaterThanOrEqualTo(72));
        Assert.That(check, Is.EqualTo(PasswordCheck.SucceededLegacyHashKept));
    }

    // Two-byte characters: the limit is counted in UTF-8 bytes, not in characters.
    [TestCase(71, PasswordCheck.SucceededNeedsUpgrade, TestName = "Verify_WhenBcryptPasswordIs71Bytes_NeedsUpgrade")]
    [TestCase(72, PasswordCheck.SucceededLegacyHashKept, TestName = "Verify_WhenBcryptPasswordIs72BytesIn36Characters_KeepsTheHash")]
    public void Verify_WhenBcryptPasswordIsNearTheLimit_CountsUtf8Bytes(int bytes, PasswordCheck expected)
    {
        // Arrange
        var password = new string('é', bytes / 2) + (bytes % 2 == 1 ? "!" : "");
        var hash = BCrypt.Net.BCrypt.HashPassword(password, BCrypt.Net.BCrypt.GenerateSalt(4, 'b'));

        // Act
        var check = s_hasher.Verify(password, hash);

        // Assert
        Assert.That(Encoding.UTF8.GetByteCount(password), Is.EqualTo(bytes));
        Assert.That(check, Is.EqualTo(expected));
    }

    [TestCase("password", "$argon2id$v=19$m=16,t=2,p=1$b2szcWQ4a0tlTkFydUdOaw$7LX7WCYbItEMEwvH3yUxPA")]
    [TestCase(
        "password",
        "$argon2id$v=19$m=65536,t=3,p=4$8Kd+6rE62mghTymbbYHqRg$83HvfD3acW/s5GvZJ40e2G5IcNlmS1ZT1GnaXu4wMbE")]
    [TestCase("correct horse battery staple", CurrentParametersHash)]
    [TestCase("secret", "$2b$12$EixZaYVK1fsbw1ZfbX3OXePaWxn96p36WQoeG6Lruj3vjPGga31lW")]
    [TestCase("password", "$2b$10$kqIGjbVIUvTUMlDSuMgXCeXCTbhUtL.FgSyDTDhZOy0kggNLaoUY6")]
    public void Verify_WhenOneLetterOfPasswordDiffers_ReturnsFailed(string password, string passwordHash)
    {
        // Arrange
        var wrongPassword = (password[0] == 'x' ? "y" : "x") + password[1..];

        // Act
        var check = s_hasher.Verify(wrongPassword, passwordHash);

        // Assert
        Assert.That(check, Is.EqualTo(PasswordCheck.Failed));
    }

    [Test]
    public void Verify_WhenPasswordDiffersOnlyInCase_ReturnsFailed()
    {
        // Act
        var check = s_hasher.Verify("Correct horse battery staple", CurrentParametersHash);

        // Assert
        Assert.That(check, Is.EqualTo(PasswordCheck.Failed));
    }

    [Test]
    public void Hash_ReturnsCurrentParameterArgon2idHashThatVerifies()
    {
        // Act
        var hash = s_hasher.Hash("correct horse battery staple");

        // Assert
        Assert.That(hash, Does.StartWith(CurrentPrefix));
        Assert.That(s_hasher.Verify("correct horse battery staple", hash), Is.EqualTo(PasswordCheck.Succeeded));
    }

    [Test]
    public void Hash_WhenCalledTwiceWithSamePassword_ReturnsDifferentHashes()
    {
        // Act
        var first = s_hasher.Hash("password");
        var second = s_hasher.Hash("password");

        // Assert
        Assert.That(first, Is.Not.EqualTo(second));
    }

    [Test]
    public void Hash_WhenPasswordIsNotAscii_RoundTrips()
    {
        // Arrange
        const string password = "mật khẩu 🔑";

        // Act
        var hash = s_hasher.Hash(password);

        // Assert
        Assert.That(s_hasher.Verify(password, hash), Is.EqualTo(PasswordCheck.Succeeded));
        Assert.That(s_hasher.Verify("mat khau 🔑", hash), Is.EqualTo(PasswordCheck.Failed));
    }

    [TestCase("", TestName = "Verify_WhenHashIsEmpty_ReturnsFailed")]
    [TestCase("garbage", TestName = "Verify_WhenHashIsGarbage_ReturnsFailed")]
    [TestCase("$argon2id$", TestName = "Verify_WhenHashIsOnlyArgon2idPrefix_ReturnsFailed")]
    [TestCase(
        "$argon2i$v=19$m=16,t=2,p=1$b2szcWQ4a0tlTkFydUdOaw$7LX7WCYbItEMEwvH3yUxPA",
        TestName = "Verify_WhenHashIsArgon2i_ReturnsFailed")]
    [TestCase("$2b$10$short", TestName = "Verify_WhenBcryptHashIsTruncated_ReturnsFailed")]
    [TestCase("$2b$", TestName = "Verify_WhenBcryptHashIsOnlyItsPrefix_ReturnsFailed")]
    [TestCase("$2a$10", TestName = "Verify_WhenBcryptHashStopsAtItsCost_ReturnsFailed")]
    [TestCase("$argon2id$v=19$m=19456,t=2,p=1$!!!$!!!", TestName = "Verify_WhenArgon2idSaltAndHashAreNotBase64_ReturnsFailed")]
    public void Verify_WhenHashIsMalformed_ReturnsFailedWithoutThrowing(string passwordHash)
    {
        // Arrange
        var check = PasswordCheck.Succeeded;

        // Act
        Action verify = () => check = s_hasher.Verify("password", passwordHash);

        // Assert
        Assert.That(verify, Throws.Nothing);
        Assert.That(check, Is.EqualTo(PasswordCheck.Failed));
    }

    // Whatever the password, the sentinel itself included: it is no hash of anything.
    [TestCase("password", TestName = "Verify_WhenHashIsNoPassword_ReturnsFailed")]
    [TestCase(Employee.NoPassword, TestName = "Verify_WhenHashIsNoPasswordAndPasswordIsTheSentinel_ReturnsFailed")]
    [TestCase("no-password", TestName = "Verify_WhenHashIsNoPasswordAndPasswordIsTheSentinelWithoutItsMark_ReturnsFailed")]
    public void Verify_WhenHashIsNoPassword_ReturnsFailedWithoutThrowing(string password)
    {
        // Arrange
        var check = PasswordCheck.Succeeded;

        // Act
        Action verify = () => check = s_hasher.Verify(password, Employee.NoPassword);

        // Assert
        Assert.That(verify, Throws.Nothing);
        Assert.That(check, Is.EqualTo(PasswordCheck.Failed));
    }

    [Test]
    public void Verify_WhenMalformedArgon2idHashIsLongerThan45Characters_ReturnsFailedWithoutThrowing()
    {
        // Arrange
        var passwordHash = "$argon2id$v=19$m=19456,t=2,p=1$!!!$!!!".PadRight(60, '!');
        var check = PasswordCheck.Succeeded;

        // Act
        Action verify = () => check = s_hasher.Verify("password", passwordHash);

        // Assert
        Assert.That(passwordHash, Has.Length.GreaterThan(45));
        Assert.That(verify, Throws.Nothing);
        Assert.That(check, Is.EqualTo(PasswordCheck.Failed));
    }

    [Test]
    public void DummyHash_IsCurrentParameterArgon2idHash()
    {
        // Act
        var dummyHash = s_hasher.DummyHash;

        // Assert
        Assert.That(dummyHash, Does.Match(@"^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$"));
        Assert.That(s_hasher.Verify("password", dummyHash), Is.EqualTo(PasswordCheck.Failed));
    }

    [Test]
    public void Hash_WhenOptionsAreConfigured_UsesThoseParameters()
    {
        // Arrange
        var hasher = new PasswordHasher(Options.Create(new PasswordHashingOptions { MemoryKiB = 64, Iterations = 1 }));

        // Act
        var hash = hasher.Hash("password");

        // Assert
        Assert.That(hash, Does.StartWith("$argon2id$v=19$m=64,t=1,p=1$"));
        Assert.That(hasher.DummyHash, Does.StartWith("$argon2id$v=19$m=64,t=1,p=1$"));
        Assert.That(hasher.Verify("password", hash), Is.EqualTo(PasswordCheck.Succeeded));
        Assert.That(hasher.Verify("correct horse battery staple", CurrentParametersHash), Is.EqualTo(PasswordCheck.Succeeded));
    }

    [Test]
    public void Verify_WhenIterationsAreBelowCurrent_NeedsUpgrade()
    {
        // Arrange
        var hasher = new PasswordHasher(Options.Create(new PasswordHashingOptions { MemoryKiB = 64, Iterations = 3 }));

        // Act
        var check = hasher.Verify("correct horse battery staple", CurrentParametersHash);

        // Assert
        Assert.That(check, Is.EqualTo(PasswordCheck.SucceededNeedsUpgrade));
    }
}
