using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Application.Employees.ImportEmployees;
using FluentValidation.TestHelper;

namespace FastApiLearning.Application.UnitTests.Employees.ImportEmployees;

public sealed class ImportEmployeesCommandValidatorTests
{
    private static readonly IAsyncEnumerable<ImportedEmployee> s_noRows = AsyncEnumerable.Empty<ImportedEmployee>();

    private readonly ImportEmployeesCommandValidator _validator = new();

    [Test]
    public void Validate_WhenNoInitialPasswordIsGiven_HasNoErrors()
    {
        // Act
        var result = _validator.TestValidate(new ImportEmployeesCommand(s_noRows, false, null));

        // Assert
        result.ShouldNotHaveAnyValidationErrors();
    }

    [TestCase(8)]
    [TestCase(1024)]
    public void Validate_WhenInitialPasswordLengthIsWithinBounds_HasNoErrors(int length)
    {
        // Act
        var result = _validator.TestValidate(new ImportEmployeesCommand(s_noRows, false, new string('p', length)));

        // Assert
        result.ShouldNotHaveAnyValidationErrors();
    }

    [TestCase("", "initial-password is required")]
    [TestCase("1234567", "initial-password must be at least 8 characters")]
    public void Validate_WhenInitialPasswordIsEmptyOrTooShort_HasInitialPasswordError(string password, string message)
    {
        // Act: every imported row would share it, so it gets at least the rules of one password.
        var result = _validator.TestValidate(new ImportEmployeesCommand(s_noRows, false, password));

        // Assert
        result.ShouldHaveValidationErrorFor("initial-password").WithErrorMessage(message).Only();
    }

    [Test]
    public void Validate_WhenInitialPasswordIsLongerThanTheLoginAccepts_HasInitialPasswordLengthError()
    {
        // Act
        var result = _validator.TestValidate(new ImportEmployeesCommand(s_noRows, false, new string('p', 1025)));

        // Assert
        result.ShouldHaveValidationErrorFor("initial-password").WithErrorMessage("initial-password must be at most 1024 characters").Only();
    }
}
