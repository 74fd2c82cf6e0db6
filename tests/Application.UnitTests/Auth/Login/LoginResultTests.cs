using FastApiLearning.Application.Auth.Login;

namespace FastApiLearning.Application.UnitTests.Auth.Login;

public sealed class LoginResultTests
{
    [TestCase(60_000, 60)]
    [TestCase(59_001, 60)]
    [TestCase(60_001, 61)]
    [TestCase(900_000, 900)]
    public void Throttled_RetryAfterSeconds_RoundsUpToWholeSeconds(int retryAfterMilliseconds, int expectedSeconds)
    {
        // Arrange
        var result = new LoginResult.Throttled(TimeSpan.FromMilliseconds(retryAfterMilliseconds));

        // Act
        var seconds = result.RetryAfterSeconds;

        // Assert
        Assert.That(seconds, Is.EqualTo(expectedSeconds));
    }

    [TestCase(1)]
    [TestCase(0)]
    [TestCase(-5_000)]
    public void Throttled_RetryAfterSeconds_IsAtLeastOne(int retryAfterMilliseconds)
    {
        // Arrange
        var result = new LoginResult.Throttled(TimeSpan.FromMilliseconds(retryAfterMilliseconds));

        // Act
        var seconds = result.RetryAfterSeconds;

        // Assert
        Assert.That(seconds, Is.EqualTo(1));
    }

    [TestCase(90_000, "Too many attempts, try again in 90 seconds")]
    [TestCase(59_200, "Too many attempts, try again in 60 seconds")]
    public void Throttled_Message_NamesRetryAfterSeconds(int retryAfterMilliseconds, string expectedMessage)
    {
        // Arrange
        var result = new LoginResult.Throttled(TimeSpan.FromMilliseconds(retryAfterMilliseconds));

        // Act
        var message = result.Message;

        // Assert
        Assert.That(message, Is.EqualTo(expectedMessage));
    }

}
