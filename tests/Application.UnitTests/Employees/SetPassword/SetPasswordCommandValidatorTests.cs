using FastApiLearning.Application.Employees.SetPassword;
using FluentValidation.TestHelper;

namespace FastApiLearning.Application.UnitTests.Employees.SetPassword;

public sealed class SetPasswordCommandValidatorTests
{
    private static readonly SetPasswordCommand s_valid = new("behai_nguyen@hotmail.com", "correct horse battery staple");

    private readonly SetPasswordCommandValidator _validator = new();

    [Test]
    public void Validate_WhenCommandIsValid_HasNoErrors()
    {
        // Act
        var result = _validator.TestValidate(s_valid with { Email = " BeHai_Nguyen@Hotmail.COM " });

        // Assert
        result.ShouldNotHaveAnyValidationErrors();
    }

    [TestCase("", "email is required")]
    [TestCase("behai", "email must be an email address")]
    [TestCase("behai@hotmail.com\r\nforged", "email must not contain control characters")]
    public void Validate_WhenEmailIsWrong_HasEmailError(string email, string message)
    {
        // Act
        var result = _validator.TestValidate(s_valid with { Email = email });

        // Assert
        result.ShouldHaveValidationErrorFor("email").WithErrorMessage(message).Only();
    }

    [Test]
    public void Validate_WhenEmailIsLongerThanMaximum_HasEmailLengthError()
    {
        // Act
        var result = _validator.TestValidate(s_valid with { Email = new string('a', 244) + "@example.com" });

        // Assert
        result.ShouldHaveValidationErrorFor("email").WithErrorMessage("email must be at most 255 characters").Only();
    }

    [TestCase("", "password is required")]
    [TestCase("12345678901234", "password must be at least 15 characters")]
    public void Validate_WhenPasswordIsMissingOrTooShort_HasPasswordError(string password, string message)
    {
        // Act
        var result = _validator.TestValidate(s_valid with { Password = password });

        // Assert
        result.ShouldHaveValidationErrorFor("password").WithErrorMessage(message).Only();
    }

    [Test]
    public void Validate_WhenPasswordIsLongerThanMaximum_HasPasswordLengthError()
    {
        // Act
        var result = _validator.TestValidate(s_valid with { Password = new string('p', 257) });

        // Assert
        result.ShouldHaveValidationErrorFor("password").WithErrorMessage("password must be at most 256 characters").Only();
    }

    [TestCase(15)]
    [TestCase(256)]
    public void Validate_WhenPasswordLengthIsWithinBounds_HasNoErrors(int length)
    {
        // Act
        var result = _validator.TestValidate(s_valid with { Password = new string('p', length) });

        // Assert
        result.ShouldNotHaveAnyValidationErrors();
    }

    [Test]
    public void Validate_WhenPasswordIsTheEmail_HasPasswordError()
    {
        // Act
        var result = _validator.TestValidate(s_valid with { Password = "BEHAI_NGUYEN@HOTMAIL.COM" });

        // Assert
        result.ShouldHaveValidationErrorFor("password").WithErrorMessage("password must not be the email").Only();
    }
}
