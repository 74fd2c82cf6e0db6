using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Domain.Employees;
using FastApiLearning.Infrastructure.Security;
using Microsoft.Extensions.Options;

namespace FastApiLearning.Infrastructure.UnitTests.Security;

public class GatedPasswordHasherTests
{
    private const string CurrentParametersHash =
        "$argon2id$v=19$m=19456,t=2,p=1$l8zCwnFMJQqpB5R3qP5x2A$CnBkDIHmBmKuZj2qzQ5MsWufmh4vXJbSQe8f9PeLBTA";

    private static readonly IOptions<PasswordHashingOptions> s_options = Options.Create(new PasswordHashingOptions { MaxConcurrency = 1 });
    private static readonly PasswordHasher s_inner = new(s_options);

    [TestCase("correct horse battery staple", CurrentParametersHash)]
    [TestCase("wrong horse battery staple", CurrentParametersHash)]
    [TestCase("password", "$argon2id$v=19$m=16,t=2,p=1$b2szcWQ4a0tlTkFydUdOaw$7LX7WCYbItEMEwvH3yUxPA")]
    [TestCase("password", "$2b$10$kqIGjbVIUvTUMlDSuMgXCeXCTbhUtL.FgSyDTDhZOy0kggNLaoUY6")]
    [TestCase("password", "garbage")]
    public async Task VerifyAsync_AgreesWithTheHasher(string password, string passwordHash)
    {
        // Arrange
        using var gated = new GatedPasswordHasher(s_inner, s_options);

        // Act
        var check = await gated.VerifyAsync(password, passwordHash, CancellationToken.None);

        // Assert
        Assert.That(check, Is.EqualTo(s_inner.Verify(password, passwordHash)));
    }

    [Test]
    public async Task HashAsync_ReturnsCurrentParameterHashThatVerifies()
    {
        // Arrange
        using var gated = new GatedPasswordHasher(s_inner, s_options);

        // Act
        var hash = await gated.HashAsync("password", CancellationToken.None);

        // Assert
        Assert.That(hash, Does.StartWith("$argon2id$v=19$m=19456,t=2,p=1$"));
        Assert.That(await gated.VerifyAsync("password", hash, CancellationToken.None), Is.EqualTo(PasswordCheck.Succeeded));
    }

    [TestCase("$2b$04$plpSp1mT5RdMpyYU77Jc9uYceQJ88iRT4GCnxViBpCC9JSIgBwqze")]
    [TestCase("$argon2id$v=19$m=16,t=2,p=1$b2szcWQ4a0tlTkFydUdOaw$7LX7WCYbItEMEwvH3yUxPA")]
    public async Task WrapLegacyAsync_WhenHashIsLegacy_WrapsItSoThatThePasswordStillVerifies(string legacyHash)
    {
        // Arrange
        using var gated = new GatedPasswordHasher(s_inner, s_options);

        // Act
        var wrapped = await gated.WrapLegacyAsync(legacyHash, CancellationToken.None);

        // Assert
        Assert.That(wrapped, Does.StartWith("$fal-wrap$"));
        Assert.That(await gated.VerifyAsync("password", wrapped!, CancellationToken.None), Is.EqualTo(PasswordCheck.SucceededNeedsUpgrade));
        Assert.That(await gated.WrapLegacyAsync(wrapped!, CancellationToken.None), Is.Null);
    }

    [TestCase(CurrentParametersHash)]
    [TestCase(Employee.NoPassword)]
    [TestCase("garbage")]
    public async Task WrapLegacyAsync_WhenThereIsNothingToWrap_ReturnsNull(string passwordHash)
    {
        // Arrange
        using var gated = new GatedPasswordHasher(s_inner, s_options);

        // Act
        var wrapped = await gated.WrapLegacyAsync(passwordHash, CancellationToken.None);

        // Assert
        Assert.That(wrapped, Is.Null);
    }

    [Test]
    public void DummyHash_IsTheInnerHashersDummyHash()
    {
        // Arrange
        using var gated = new GatedPasswordHasher(s_inner, s_options);

        // Act + Assert
        Assert.That(gated.DummyHash, Is.EqualTo(s_inner.DummyHash));
    }
}
