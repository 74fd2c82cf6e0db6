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

    [TestCase(15)]
    [TestCase(256)]
    public void Validate_WhenInitialPasswordLengthIsWithinBounds_HasNoErrors(int length)
    {
        // Act
        var result = _validator.TestValidate(new ImportEmployeesCommand(s_noRows, false, new string('p', length)));

        // Assert
        result.ShouldNotHaveAnyValidationErrors();
    }

    [TestCase("", "initial-password is required")]
    [TestCase("12345678901234", "initial-password must be at least 15 characters")]
    public void Validate_WhenInitialPasswordIsEmptyOrTooShort_HasInitialPasswordError(string password, string message)
    {
        // Act: every imported row would share it, so it gets at least the rules of one password.
        var result = _validator.TestValidate(new ImportEmployeesCommand(s_noRows, false, password));

        // Assert
        result.ShouldHaveValidationErrorFor("initial-password").WithErrorMessage(message).Only();
    }

    [Test]
    public void Validate_WhenInitialPasswordIsLongerThanMaximum_HasInitialPasswordLengthError()
    {
        // Act
        var result = _validator.TestValidate(new ImportEmployeesCommand(s_noRows, false, new string('p', 257)));

        // Assert
        result.ShouldHaveValidationErrorFor("initial-password").WithErrorMessage("initial-password must be at most 256 characters").Only();
    }
}
