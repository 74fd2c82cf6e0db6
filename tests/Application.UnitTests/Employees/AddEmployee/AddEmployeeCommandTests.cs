using FastApiLearning.Application.Employees.AddEmployee;
using FastApiLearning.Domain.Employees;

namespace FastApiLearning.Application.UnitTests.Employees.AddEmployee;

public sealed class AddEmployeeCommandTests
{
    [Test]
    public void ToString_NamesTheEmployeeButNotThePassword()
    {
        // Arrange
        var command = new AddEmployeeCommand(
            "zoe.muller@example.com", "Zoë", "Müller", Gender.F, new DateOnly(1990, 2, 28), new DateOnly(2024, 9, 1),
            "Tr0ub4dor&3-correct-horse");

        // Act
        var text = command.ToString();

        // Assert
        Assert.That(text, Is.EqualTo(
            "AddEmployeeCommand { Email = zoe.muller@example.com, FirstName = Zoë, LastName = Müller, Gender = F, BirthDate = 1990-02-28, HireDate = 2024-09-01 }"));
        Assert.That(text, Does.Not.Contain("Tr0ub4dor&3-correct-horse"));
    }
}
