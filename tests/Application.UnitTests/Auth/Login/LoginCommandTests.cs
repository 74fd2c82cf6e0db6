using FastApiLearning.Application.Auth.Login;

namespace FastApiLearning.Application.UnitTests.Auth.Login;

public sealed class LoginCommandTests
{
    [Test]
    public void ToString_NamesUsernameAndClientIpButNeitherThePasswordNorTheDevice()
    {
        // Arrange
        var command = new LoginCommand(
            "behai_nguyen@hotmail.com", "Tr0ub4dor&3-correct-horse", ClientIp: "203.0.113.7", DeviceId: "device-1");

        // Act
        var text = command.ToString();

        // Assert
        Assert.That(text, Does.Contain("behai_nguyen@hotmail.com"));
        Assert.That(text, Does.Contain("203.0.113.7"));
        Assert.That(text, Does.Not.Contain("Tr0ub4dor&3-correct-horse"));
        Assert.That(text, Does.Not.Contain("device-1"));
    }
}
