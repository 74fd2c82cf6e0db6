using FastApiLearning.Application.Employees.RemoveEmployee;
using FluentValidation.TestHelper;

namespace FastApiLearning.Application.UnitTests.Employees.RemoveEmployee;

public sealed class RemoveEmployeeCommandValidatorTests
{
    private readonly RemoveEmployeeCommandValidator _validator = new();

    [Test]
    public void Validate_WhenEmailIsValid_HasNoErrors()
    {
        // Act
        var result = _validator.TestValidate(new RemoveEmployeeCommand(" BeHai_Nguyen@Hotmail.COM "));

        // Assert
        result.ShouldNotHaveAnyValidationErrors();
    }

    [TestCase("", "email is required")]
    [TestCase("behai", "email must be an email address")]
    [TestCase("behai@hotmail.com\r\nforged", "email must not contain control characters")]
    public void Validate_WhenEmailIsWrong_HasEmailError(string email, string message)
    {
        // Act
        var result = _validator.TestValidate(new RemoveEmployeeCommand(email));

        // Assert
        result.ShouldHaveValidationErrorFor("email").WithErrorMessage(message).Only();
    }

    [Test]
    public void Validate_WhenEmailIsLongerThanMaximum_HasEmailLengthError()
    {
        // Act
        var result = _validator.TestValidate(new RemoveEmployeeCommand(new string('a', 244) + "@example.com"));

        // Assert
        result.ShouldHaveValidationErrorFor("email").WithErrorMessage("email must be at most 255 characters").Only();
    }
}
