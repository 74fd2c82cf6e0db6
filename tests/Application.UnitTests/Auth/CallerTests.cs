using FastApiLearning.Application.Auth;
using FastApiLearning.Domain.Employees;

namespace FastApiLearning.Application.UnitTests.Auth;

public sealed class CallerTests
{
    [TestCase(Scopes.AdminWrite, Scopes.UserRead, true)]
    [TestCase(Scopes.AdminWrite, Scopes.AdminRead, true)]
    [TestCase(Scopes.Super, Scopes.AdminWrite, true)]
    [TestCase(Scopes.UserWrite, Scopes.AdminRead, false)]
    [TestCase(Scopes.AdminRead, Scopes.UserWrite, false)]
    public void Holds_AppliesTheInclusions(string held, string required, bool holds)
    {
        // Arrange
        var caller = new Caller(10005, [held]);

        // Act
        var result = caller.Holds(required);

        // Assert
        Assert.That(result, Is.EqualTo(holds));
    }

    [Test]
    public void Holds_WithNoScopes_HoldsNothing()
    {
        // Arrange
        var caller = new Caller(10045, []);

        // Act, Assert
        Assert.That(Scopes.All.Select(scope => caller.Holds(scope.Name)), Is.All.False);
    }

    [Test]
    public void Is_TellsTheCallersOwnEmpNo()
    {
        // Arrange
        var caller = new Caller(500222, [Scopes.UserRead]);

        // Act, Assert
        Assert.That(caller.Is(500222), Is.True);
        Assert.That(caller.Is(10198), Is.False);
    }
}
