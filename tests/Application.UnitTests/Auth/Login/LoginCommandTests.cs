using FastApiLearning.Application.Auth.Login;

namespace FastApiLearning.Application.UnitTests.Auth.Login;

public sealed class LoginCommandTests
{
    [Test]
    public void ToString_NamesUsernameAndClientIpButNeverThePassword()
    {
        // Arrange
        var command = new LoginCommand(
            "behai_nguyen@hotmail.com", "Tr0ub4dor&3-correct-horse", ClientSecret: "client-secret", ClientIp: "203.0.113.7");

        // Act
        var text = command.ToString();

        // Assert
        Assert.That(text, Does.Contain("behai_nguyen@hotmail.com"));
        Assert.That(text, Does.Contain("203.0.113.7"));
        Assert.That(text, Does.Not.Contain("Tr0ub4dor&3-correct-horse"));
        Assert.That(text, Does.Not.Contain("client-secret"));
    }
}
