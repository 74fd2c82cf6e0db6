using FastApiLearning.Application.Employees.SetPassword;

namespace FastApiLearning.Application.UnitTests.Employees.SetPassword;

public sealed class SetPasswordCommandTests
{
    [Test]
    public void ToString_NamesTheEmailButNotThePassword()
    {
        // Arrange
        var command = new SetPasswordCommand("behai_nguyen@hotmail.com", "Tr0ub4dor&3-correct-horse");

        // Act
        var text = command.ToString();

        // Assert
        Assert.That(text, Is.EqualTo("SetPasswordCommand { Email = behai_nguyen@hotmail.com }"));
        Assert.That(text, Does.Not.Contain("Tr0ub4dor&3-correct-horse"));
    }
}
