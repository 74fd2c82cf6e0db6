using System.Globalization;
using System.Text.RegularExpressions;
using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Domain.Employees;
using FastApiLearning.Infrastructure.Security;
using Microsoft.Extensions.Options;

namespace FastApiLearning.Infrastructure.UnitTests.Security;

/// <summary>Legacy hashes wrapped in today's Argon2id (hash layering), and their verification.</summary>
public sealed partial class PasswordHasherWrapLegacyTests
{
    private const string Password = "password";
    private const string Prefix = "$fal-wrap$";

    // bcrypt reads 72 bytes of a password; these two share them and differ after.
    private const string Shared72Bytes = "a 72-byte passphrase, the part of it bcrypt reads, and nothing further!!";
    private const string Owner80Bytes = Shared72Bytes + "owner-01";
    private const string Impostor80Bytes = Shared72Bytes + "impostor";

    // Of Owner80Bytes, cost 4.
    private const string BcryptOf80Bytes = "$2b$04$.Y2X4fWqoBL21/3D/itsxuBxOFBXE1R8ExLmPB4LFfxCfT5fyDCEy";

    // Argon2id of "password" at today's parameters, and stronger: nothing to wrap.
    private const string CurrentHash =
        "$argon2id$v=19$m=19456,t=2,p=1$l8zCwnFMJQqpB5R3qP5x2A$CnBkDIHmBmKuZj2qzQ5MsWufmh4vXJbSQe8f9PeLBTA";

    private const string StrongerHash =
        "$argon2id$v=19$m=65536,t=3,p=4$8Kd+6rE62mghTymbbYHqRg$83HvfD3acW/s5GvZJ40e2G5IcNlmS1ZT1GnaXu4wMbE";

    private static readonly PasswordHashingOptions s_options = new();
    private static readonly PasswordHasher s_hasher = new(Options.Create(s_options));

    /// <summary>
    /// Legacy hashes of "password": bcrypt of each revision, and Argon2id weaker than today's, both
    /// through libsodium (one lane, 16-byte salt) and through the managed Argon2 (more lanes, other salts).
    /// Each verifies as it is stored (libsodium), so the wrapping must reproduce the same hash.
    /// </summary>
    private static readonly TestCaseData[] s_legacyHashes =
    [
        new TestCaseData("$2b$04$plpSp1mT5RdMpyYU77Jc9uYceQJ88iRT4GCnxViBpCC9JSIgBwqze").SetArgDisplayNames("bcrypt 2b cost 4"),
        new TestCaseData("$2a$04$/2bpE/eSjUv689gNWWwwXeXdduaerd1GEH1JudrCL/KTLVE5BvEhm").SetArgDisplayNames("bcrypt 2a cost 4"),
        new TestCaseData("$2y$04$IVtnZxRKRECHuBlZVtFFs.XmKz9NL34ZNlgE/NDnh.RxDH9Sgndoa").SetArgDisplayNames("bcrypt 2y cost 4"),
        new TestCaseData("$2b$10$kqIGjbVIUvTUMlDSuMgXCeXCTbhUtL.FgSyDTDhZOy0kggNLaoUY6").SetArgDisplayNames("bcrypt 2b cost 10"),
        new TestCaseData("$argon2id$v=19$m=4096,t=1,p=1$BzJmEW9JYw4tmtrkQycKZQ$6Pdxfab+sEsJlrKuYdi1BsmCBeOB7imjvQR073aedPM")
            .SetArgDisplayNames("argon2id m=4096 t=1 p=1"),
        new TestCaseData("$argon2id$v=19$m=4096,t=1,p=4$cSwvAgI5RTvSaTjEjsr5Tg$YYfzJWeFeu92hcJJMYwIbYpaeSfx6XFrpJVmcp8xgg4")
            .SetArgDisplayNames("argon2id m=4096 t=1 p=4"),
        new TestCaseData("$argon2id$v=19$m=4096,t=1,p=2$R6IOVgpJtkfvWFbCm7no4lGpGJAhOAZ48RLE6nddjTk$DM6/CQ2TrUKl6oCgmgRMr/79OH2owrJ3j1zCXTgoriE")
            .SetArgDisplayNames("argon2id m=4096 t=1 p=2, 32-byte salt"),
        new TestCaseData("$argon2id$v=19$m=4096,t=1,p=1$6On5mBMc+0w$/glZKsjFmimMHy7BVAE1m8ivsbGuudtikFhoFdQMvYY")
            .SetArgDisplayNames("argon2id m=4096 t=1 p=1, 8-byte salt"),
        new TestCaseData("$argon2id$v=19$m=19456,t=1,p=1$7EWiROfnbSKWF/NxEm82Sg$Vl28FH0EIjYmUAGWb6vchFuZUSm1nuBJRFJBSE/CbuI")
            .SetArgDisplayNames("argon2id m=19456 t=1 (fewer iterations)"),
        new TestCaseData("$argon2id$v=19$m=16,t=2,p=1$b2szcWQ4a0tlTkFydUdOaw$7LX7WCYbItEMEwvH3yUxPA")
            .SetArgDisplayNames("argon2id m=16 t=2, 16-byte hash"),
    ];

    [TestCaseSource(nameof(s_legacyHashes))]
    public void Verify_WhenLegacyHashIsWrappedAndPasswordIsRight_NeedsUpgrade(string legacyHash)
    {
        // Arrange
        var check = s_hasher.Verify(Password, legacyHash);

        // Act
        var wrapped = s_hasher.WrapLegacy(legacyHash);

        // Assert
        Assert.That(check, Is.EqualTo(PasswordCheck.SucceededNeedsUpgrade), "the legacy hash itself must verify");
        Assert.That(wrapped, Does.StartWith(Prefix));
        Assert.That(s_hasher.Verify(Password, wrapped!), Is.EqualTo(PasswordCheck.SucceededNeedsUpgrade));
    }

    [TestCaseSource(nameof(s_legacyHashes))]
    public void Verify_WhenLegacyHashIsWrappedAndPasswordIsWrong_Fails(string legacyHash)
    {
        // Arrange
        var wrapped = s_hasher.WrapLegacy(legacyHash)!;

        // Act
        var wrongLetter = s_hasher.Verify("passwore", wrapped);
        var wrongCase = s_hasher.Verify("Password", wrapped);

        // Assert
        Assert.That(wrongLetter, Is.EqualTo(PasswordCheck.Failed));
        Assert.That(wrongCase, Is.EqualTo(PasswordCheck.Failed));
    }

    [TestCaseSource(nameof(s_legacyHashes))]
    public void WrapLegacy_KeepsTheLegacySaltButNotTheLegacyHash(string legacyHash)
    {
        // Arrange: bcrypt's salt is the 22 characters after "$2b$04$" and its hash the 31 after them;
        // Argon2's salt and hash are its last two fields.
        var fields = legacyHash.Split('$');
        var (legacySalt, legacyOutput) = legacyHash.StartsWith("$2", StringComparison.Ordinal)
            ? (legacyHash[7..29], legacyHash[29..])
            : (fields[^2], fields[^1]);

        // Act
        var wrapped = s_hasher.WrapLegacy(legacyHash)!;

        // Assert: stored as it was, the weak hash could be cracked from a copy of the database at the weak cost.
        Assert.That(wrapped, Does.Contain(legacySalt));
        Assert.That(wrapped, Does.Not.Contain(legacyOutput));
    }

    [TestCaseSource(nameof(s_legacyHashes))]
    public void WrapLegacy_OuterLayerHasTheCurrentParameters(string legacyHash)
    {
        // Act
        var wrapped = s_hasher.WrapLegacy(legacyHash)!;

        // Assert: the outer layer alone costs what the dummy verification of an unknown user costs.
        var (memoryKiB, iterations, lanes) = OuterParameters(wrapped);
        Assert.That(memoryKiB, Is.EqualTo(s_options.MemoryKiB));
        Assert.That(iterations, Is.EqualTo(s_options.Iterations));
        Assert.That(lanes, Is.EqualTo(1));
        Assert.That(OuterParameters(s_hasher.DummyHash), Is.EqualTo((memoryKiB, iterations, lanes)));
    }

    [TestCaseSource(nameof(s_legacyHashes))]
    public void WrapLegacy_WhenHashIsAlreadyWrapped_ReturnsNull(string legacyHash)
    {
        // Arrange
        var wrapped = s_hasher.WrapLegacy(legacyHash)!;

        // Act
        var again = s_hasher.WrapLegacy(wrapped);

        // Assert
        Assert.That(again, Is.Null);
        Assert.That(s_hasher.IsWrappable(wrapped), Is.False);
        Assert.That(s_hasher.IsWrappable(legacyHash), Is.True);
    }

    [TestCaseSource(nameof(s_legacyHashes))]
    public void WrapLegacy_FitsThePasswordColumn(string legacyHash)
    {
        // Act
        var wrapped = s_hasher.WrapLegacy(legacyHash)!;

        // Assert
        Assert.That(wrapped, Has.Length.LessThanOrEqualTo(Employee.MaxPasswordHashLength));
    }

    [Test]
    public void WrapLegacy_WhenParametersAreConfigured_OuterLayerUsesThem()
    {
        // Arrange
        var hasher = new PasswordHasher(Options.Create(new PasswordHashingOptions { MemoryKiB = 64, Iterations = 3 }));
        const string bcrypt = "$2b$04$plpSp1mT5RdMpyYU77Jc9uYceQJ88iRT4GCnxViBpCC9JSIgBwqze";

        // Act
        var wrapped = hasher.WrapLegacy(bcrypt)!;

        // Assert
        Assert.That(OuterParameters(wrapped), Is.EqualTo((64, 3, 1)));
        Assert.That(hasher.Verify(Password, wrapped), Is.EqualTo(PasswordCheck.SucceededNeedsUpgrade));
    }

    [Test]
    public void WrapLegacy_WritesTheDocumentedFormat()
    {
        // Act
        var bcrypt = s_hasher.WrapLegacy("$2y$04$IVtnZxRKRECHuBlZVtFFs.XmKz9NL34ZNlgE/NDnh.RxDH9Sgndoa");
        var argon2 = s_hasher.WrapLegacy(
            "$argon2id$v=19$m=4096,t=1,p=4$cSwvAgI5RTvSaTjEjsr5Tg$YYfzJWeFeu92hcJJMYwIbYpaeSfx6XFrpJVmcp8xgg4");

        // Assert
        const string outer = @"\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$";
        Assert.That(bcrypt, Does.Match(@"^\$fal-wrap\$2y\$04\$IVtnZxRKRECHuBlZVtFFs\." + outer));
        Assert.That(argon2, Does.Match(@"^\$fal-wrap\$argon2id\$v=19\$m=4096,t=1,p=4,l=32\$cSwvAgI5RTvSaTjEjsr5Tg" + outer));
    }

    [Test]
    public void WrapLegacy_LongestInnerAndOuterLayers_FitThePasswordColumn()
    {
        // Arrange: every field at the longest the wrapping accepts (a 64-byte salt and hash, nine-digit
        // iterations), and an outer layer at the largest parameters PasswordHashingOptions allow.
        var salt = Convert.ToBase64String(new byte[64]).TrimEnd('=');
        var stored = $"$argon2id$v=19$m=1048576,t=999999999,p=255${salt}${salt}";
        var outer = $"$argon2id$v=19$m=1048576,t=100,p=1${new string('A', 22)}${new string('A', 43)}";

        // Act
        var parsed = Argon2LegacyHash.TryParseStored(stored, out var inner, out _);
        var wrapped = WrappedHash.Format(inner!, outer);

        // Assert
        Assert.That(parsed, Is.True);
        Assert.That(wrapped, Has.Length.EqualTo(244));
        Assert.That(wrapped, Has.Length.LessThanOrEqualTo(Employee.MaxPasswordHashLength));
    }

    [TestCase(Owner80Bytes, TestName = "Verify_WhenWrappedBcryptOfAPasswordLongerThan72BytesMatches_KeepsTheHash")]
    [TestCase(Impostor80Bytes, TestName = "Verify_WhenAnotherPasswordWithTheSameFirst72BytesMatchesWrappedBcrypt_KeepsTheHash")]
    [TestCase(Shared72Bytes, TestName = "Verify_WhenTheFirst72BytesAloneMatchWrappedBcrypt_KeepsTheHash")]
    public void Verify_WhenWrappedBcryptPasswordIsAtLeast72Bytes_ReturnsSucceededLegacyHashKept(string password)
    {
        // Arrange
        var wrapped = s_hasher.WrapLegacy(BcryptOf80Bytes)!;

        // Act
        var check = s_hasher.Verify(password, wrapped);

        // Assert
        Assert.That(check, Is.EqualTo(PasswordCheck.SucceededLegacyHashKept));
    }

    [TestCase(71, PasswordCheck.SucceededNeedsUpgrade, TestName = "Verify_WhenWrappedBcryptPasswordIs71Bytes_NeedsUpgrade")]
    [TestCase(72, PasswordCheck.SucceededLegacyHashKept, TestName = "Verify_WhenWrappedBcryptPasswordIs72BytesIn36Characters_KeepsTheHash")]
    public void Verify_WhenWrappedBcryptPasswordIsNearTheLimit_CountsUtf8Bytes(int bytes, PasswordCheck expected)
    {
        // Arrange
        var password = new string('é', bytes / 2) + (bytes % 2 == 1 ? "!" : "");
        var wrapped = s_hasher.WrapLegacy(BCrypt.Net.BCrypt.HashPassword(password, BCrypt.Net.BCrypt.GenerateSalt(4, 'b')))!;

        // Act
        var check = s_hasher.Verify(password, wrapped);

        // Assert
        Assert.That(check, Is.EqualTo(expected));
    }

    [TestCase(CurrentHash, TestName = "WrapLegacy_WhenHashHasCurrentParameters_ReturnsNull")]
    [TestCase(StrongerHash, TestName = "WrapLegacy_WhenArgon2idIsStrongerThanCurrent_ReturnsNull")]
    [TestCase(Employee.NoPassword, TestName = "WrapLegacy_WhenEmployeeHasNoPassword_ReturnsNull")]
    [TestCase("", TestName = "WrapLegacy_WhenHashIsEmpty_ReturnsNull")]
    [TestCase("garbage", TestName = "WrapLegacy_WhenHashIsGarbage_ReturnsNull")]
    [TestCase(
        "$argon2i$v=19$m=16,t=2,p=1$b2szcWQ4a0tlTkFydUdOaw$7LX7WCYbItEMEwvH3yUxPA",
        TestName = "WrapLegacy_WhenHashIsArgon2i_ReturnsNull")]
    [TestCase(
        "$argon2id$m=4096,t=1,p=1$BzJmEW9JYw4tmtrkQycKZQ$6Pdxfab+sEsJlrKuYdi1BsmCBeOB7imjvQR073aedPM",
        TestName = "WrapLegacy_WhenArgon2idHasNoVersion_ReturnsNull")]
    [TestCase(
        "$argon2id$v=19$m=4096,t=1,p=1$AAAAAA$6Pdxfab+sEsJlrKuYdi1BsmCBeOB7imjvQR073aedPM",
        TestName = "WrapLegacy_WhenArgon2idSaltIsShorterThan8Bytes_ReturnsNull")]
    [TestCase(
        "$argon2id$v=19$m=4096,t=1,p=1$BzJmEW9JYw4tmtrkQycKZQ$!!!!",
        TestName = "WrapLegacy_WhenArgon2idHashIsNotBase64_ReturnsNull")]
    [TestCase(
        "$argon2id$v=19$m=4096,t=1,p=1$BzJmEW9JYw4tmtrkQycKZQ$6Pdxfab+sEsJlrKuYdi1",
        TestName = "WrapLegacy_WhenArgon2idHashIsShorterThan16Bytes_ReturnsNull")]
    [TestCase(
        "$argon2id$v=19$m=4096,t=0,p=1$BzJmEW9JYw4tmtrkQycKZQ$6Pdxfab+sEsJlrKuYdi1BsmCBeOB7imjvQR073aedPM",
        TestName = "WrapLegacy_WhenArgon2idHasNoIterations_ReturnsNull")]
    [TestCase(
        "$argon2id$v=19$m=4096,t=1,p=0$BzJmEW9JYw4tmtrkQycKZQ$6Pdxfab+sEsJlrKuYdi1BsmCBeOB7imjvQR073aedPM",
        TestName = "WrapLegacy_WhenArgon2idHasNoLanes_ReturnsNull")]
    [TestCase("$2b$10$short", TestName = "WrapLegacy_WhenBcryptHashIsTruncated_ReturnsNull")]
    [TestCase(
        "$2b$03$plpSp1mT5RdMpyYU77Jc9uYceQJ88iRT4GCnxViBpCC9JSIgBwqze",
        TestName = "WrapLegacy_WhenBcryptCostIsBelowBcryptsMinimum_ReturnsNull")]
    [TestCase(
        "$2x$04$plpSp1mT5RdMpyYU77Jc9uYceQJ88iRT4GCnxViBpCC9JSIgBwqze",
        TestName = "WrapLegacy_WhenBcryptRevisionIsNotVerifiedToday_ReturnsNull")]
    public void WrapLegacy_WhenThereIsNothingToWrap_ReturnsNull(string passwordHash)
    {
        // Act
        var wrapped = s_hasher.WrapLegacy(passwordHash);

        // Assert
        Assert.That(wrapped, Is.Null);
        Assert.That(s_hasher.IsWrappable(passwordHash), Is.False);
    }

    [Test]
    public void WrapLegacy_WhenCalledTwiceOnOneHash_UsesAFreshOuterSalt()
    {
        // Act
        var first = s_hasher.WrapLegacy(BcryptOf80Bytes);
        var second = s_hasher.WrapLegacy(BcryptOf80Bytes);

        // Assert
        Assert.That(first, Is.Not.EqualTo(second));
    }

    [Test]
    public void Verify_WhenInnerSaltOfWrappedHashIsChanged_Fails()
    {
        // Arrange: the inner layer's parameters are part of what the password must reproduce.
        var wrapped = s_hasher.WrapLegacy("$2b$04$plpSp1mT5RdMpyYU77Jc9uYceQJ88iRT4GCnxViBpCC9JSIgBwqze")!;
        var tampered = wrapped.Replace("$2b$04$plpSp1", "$2b$04$plpSp2", StringComparison.Ordinal);

        // Act
        var check = s_hasher.Verify(Password, tampered);

        // Assert
        Assert.That(tampered, Is.Not.EqualTo(wrapped));
        Assert.That(check, Is.EqualTo(PasswordCheck.Failed));
    }

    [TestCase("$fal-wrap$", TestName = "Verify_WhenWrappedHashIsOnlyItsPrefix_ReturnsFailed")]
    [TestCase("$fal-wrap$2b$04$plpSp1mT5RdMpyYU77Jc9u", TestName = "Verify_WhenWrappedHashHasNoOuterLayer_ReturnsFailed")]
    [TestCase(
        "$fal-wrap$2b$04$plpSp1mT5RdMpyYU77Jc9u$argon2id$v=19$m=19456,t=2,p=1$!!!$!!!",
        TestName = "Verify_WhenWrappedHashOuterLayerIsMalformed_ReturnsFailed")]
    [TestCase(
        "$fal-wrap$2b$04$plpSp1mT5RdMpyYU77Jc9u$2b$04$plpSp1mT5RdMpyYU77Jc9uYceQJ88iRT4GCnxViBpCC9JSIgBwqze",
        TestName = "Verify_WhenWrappedHashOuterLayerIsNotArgon2id_ReturnsFailed")]
    [TestCase(
        "$fal-wrap$md5$salt$argon2id$v=19$m=19456,t=2,p=1$l8zCwnFMJQqpB5R3qP5x2A$CnBkDIHmBmKuZj2qzQ5MsWufmh4vXJbSQe8f9PeLBTA",
        TestName = "Verify_WhenWrappedHashInnerAlgorithmIsUnknown_ReturnsFailed")]
    [TestCase(
        "$fal-wrap$argon2id$v=19$m=4096,t=1,p=1$BzJmEW9JYw4tmtrkQycKZQ$argon2id$v=19$m=19456,t=2,p=1$l8zCwnFMJQqpB5R3qP5x2A$CnBkDIHmBmKuZj2qzQ5MsWufmh4vXJbSQe8f9PeLBTA",
        TestName = "Verify_WhenWrappedArgon2HasNoHashLength_ReturnsFailed")]
    [TestCase(
        "$fal-wrap$argon2id$v=19$m=4096,t=1,p=1,l=999$BzJmEW9JYw4tmtrkQycKZQ$argon2id$v=19$m=19456,t=2,p=1$l8zCwnFMJQqpB5R3qP5x2A$CnBkDIHmBmKuZj2qzQ5MsWufmh4vXJbSQe8f9PeLBTA",
        TestName = "Verify_WhenWrappedArgon2HashLengthIsOutOfRange_ReturnsFailed")]
    public void Verify_WhenWrappedHashIsMalformed_ReturnsFailedWithoutThrowing(string passwordHash)
    {
        // Arrange
        var check = PasswordCheck.Succeeded;

        // Act
        Action verify = () => check = s_hasher.Verify(Password, passwordHash);

        // Assert
        Assert.That(verify, Throws.Nothing);
        Assert.That(check, Is.EqualTo(PasswordCheck.Failed));
    }

    private static (int MemoryKiB, int Iterations, int Lanes) OuterParameters(string hash)
    {
        var match = OuterParametersPattern().Match(hash);
        Assert.That(match.Success, Is.True, $"no outer Argon2id layer at the end of {hash}");
        return (
            int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture),
            int.Parse(match.Groups["t"].Value, CultureInfo.InvariantCulture),
            int.Parse(match.Groups["p"].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"\$argon2id\$v=19\$m=(?<m>\d+),t=(?<t>\d+),p=(?<p>\d+)\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$")]
    private static partial Regex OuterParametersPattern();
}
