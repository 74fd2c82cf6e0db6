using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Application.Employees.ImportEmployees;

namespace FastApiLearning.Application.UnitTests.Employees.ImportEmployees;

public sealed class ImportEmployeesCommandTests
{
    [Test]
    public void ToString_SaysWhetherAnInitialPasswordIsGivenButNotWhichOne()
    {
        // Arrange
        var command = new ImportEmployeesCommand(AsyncEnumerable.Empty<ImportedEmployee>(), true, "Tr0ub4dor&3-correct-horse");

        // Act
        var text = command.ToString();

        // Assert
        Assert.That(text, Is.EqualTo("ImportEmployeesCommand { Update = True, InitialPassword = given }"));
        Assert.That(text, Does.Not.Contain("Tr0ub4dor&3-correct-horse"));
    }
}
