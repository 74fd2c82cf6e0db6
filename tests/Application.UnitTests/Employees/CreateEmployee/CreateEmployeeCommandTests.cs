using FastApiLearning.Application.Auth;
using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Application.Employees.CreateEmployee;
using FastApiLearning.Domain.Employees;

namespace FastApiLearning.Application.UnitTests.Employees.CreateEmployee;

public sealed class CreateEmployeeCommandTests
{
    [Test]
    public void ToString_NamesTheCallerAndTheDetailsButNotThePassword()
    {
        // Arrange
        var command = new CreateEmployeeCommand(
            new Caller(10005, [Scopes.AdminWrite]),
            new EmployeeDetails("zoe.muller@example.com", "Zoë", "Müller", Gender.F, new DateOnly(1990, 2, 28), new DateOnly(2024, 9, 1)),
            "Tr0ub4dor&3-correct-horse");

        // Act
        var text = command.ToString();

        // Assert
        Assert.That(text, Does.Contain("zoe.muller@example.com").And.Contain("10005").And.Contain("admin:write"));
        Assert.That(text, Does.Not.Contain("Tr0ub4dor&3-correct-horse"));
    }
}
