using FastApiLearning.Application.Auth.Login;
using FluentValidation.TestHelper;

namespace FastApiLearning.Application.UnitTests.Auth.Login;

public sealed class LoginCommandValidatorTests
{
    private const string ValidEmail = "behai_nguyen@hotmail.com";
    private const string ValidPassword = "password";
    private const string EmailDomain = "@example.com";

    private readonly LoginCommandValidator _validator = new();

    [Test]
    public void Validate_WhenCommandIsValid_HasNoErrors()
    {
        // Arrange
        var command = new LoginCommand(ValidEmail, ValidPassword, "203.0.113.7", "device-1");

        // Act
        var result = _validator.TestValidate(command);

        // Assert
        result.ShouldNotHaveAnyValidationErrors();
    }

    [TestCase("")]
    [TestCase(" ")]
    [TestCase(" \t\n ")]
    public void Validate_WhenUsernameIsEmptyOrWhitespace_HasUsernameRequiredError(string username)
    {
        // Arrange
        var command = new LoginCommand(username, ValidPassword);

        // Act
        var result = _validator.TestValidate(command);

        // Assert
        result.ShouldHaveValidationErrorFor("username")
            .WithErrorMessage("username is required")
            .Only();
    }

    [TestCase("behai")]
    [TestCase("behai_nguyen.hotmail.com")]
    [TestCase("@hotmail.com")]
    [TestCase("behai_nguyen@")]
    public void Validate_WhenUsernameIsNotAnEmail_HasUsernameError(string username)
    {
        // Arrange
        var command = new LoginCommand(username, ValidPassword);

        // Act
        var result = _validator.TestValidate(command);

        // Assert
        result.ShouldHaveValidationErrorFor("username")
            .WithErrorMessage("username must be an email address")
            .Only();
    }

    // Each would let a username start a new log line or hide part of one.
    [TestCase("a\nb@example.com", TestName = "Validate_WhenUsernameHasLineFeed_HasControlCharacterError")]
    [TestCase("a\rb@example.com", TestName = "Validate_WhenUsernameHasCarriageReturn_HasControlCharacterError")]
    [TestCase("a\tb@example.com", TestName = "Validate_WhenUsernameHasTab_HasControlCharacterError")]
    [TestCase("a\0b@example.com", TestName = "Validate_WhenUsernameHasNul_HasControlCharacterError")]
    [TestCase("a\u0085b@example.com", TestName = "Validate_WhenUsernameHasNextLine_HasControlCharacterError")]
    [TestCase("\u001b[31ma@example.com", TestName = "Validate_WhenUsernameHasAnsiEscape_HasControlCharacterError")]
    [TestCase("a@example.com\n", TestName = "Validate_WhenUsernameEndsWithLineFeed_HasControlCharacterError")]
    [TestCase("a@example.com\r\nLogin succeeded for admin@example.com", TestName = "Validate_WhenUsernameForgesALogLine_HasControlCharacterError")]
    public void Validate_WhenUsernameHasControlCharacter_HasControlCharacterError(string username)
    {
        // Arrange
        var command = new LoginCommand(username, ValidPassword);

        // Act
        var result = _validator.TestValidate(command);

        // Assert
        result.ShouldHaveValidationErrorFor("username")
            .WithErrorMessage("username must not contain control characters")
            .Only();
    }

    [Test]
    public void Validate_WhenUsernameHasSurroundingWhitespace_HasNoErrors()
    {
        // Arrange
        var command = new LoginCommand("  " + ValidEmail + " ", ValidPassword);

        // Act
        var result = _validator.TestValidate(command);

        // Assert
        result.ShouldNotHaveAnyValidationErrors();
    }

    [Test]
    public void Validate_WhenUsernameIsMaximumLength_HasNoErrors()
    {
        // Arrange
        var username = new string('a', LoginCommandValidator.MaxUsernameLength - EmailDomain.Length) + EmailDomain;
        var command = new LoginCommand(username, ValidPassword);

        // Act
        var result = _validator.TestValidate(command);

        // Assert
        Assert.That(username, Has.Length.EqualTo(255));
        result.ShouldNotHaveAnyValidationErrors();
    }

    [Test]
    public void Validate_WhenUsernameIsLongerThanMaximum_HasUsernameLengthError()
    {
        // Arrange
        var username = new string('a', LoginCommandValidator.MaxUsernameLength + 1 - EmailDomain.Length) + EmailDomain;
        var command = new LoginCommand(username, ValidPassword);

        // Act
        var result = _validator.TestValidate(command);

        // Assert
        Assert.That(username, Has.Length.EqualTo(256));
        result.ShouldHaveValidationErrorFor("username")
            .WithErrorMessage("username must be at most 255 characters")
            .Only();
    }

    [Test]
    public void Validate_WhenPasswordIsEmpty_HasPasswordRequiredError()
    {
        // Arrange
        var command = new LoginCommand(ValidEmail, "");

        // Act
        var result = _validator.TestValidate(command);

        // Assert
        result.ShouldHaveValidationErrorFor("password")
            .WithErrorMessage("password is required")
            .Only();
    }

    [Test]
    public void Validate_WhenPasswordIsMaximumLength_HasNoErrors()
    {
        // Arrange
        var command = new LoginCommand(ValidEmail, new string('p', LoginCommandValidator.MaxPasswordLength));

        // Act
        var result = _validator.TestValidate(command);

        // Assert
        Assert.That(command.Password, Has.Length.EqualTo(1024));
        result.ShouldNotHaveAnyValidationErrors();
    }

    [Test]
    public void Validate_WhenPasswordIsLongerThanMaximum_HasPasswordLengthError()
    {
        // Arrange
        var command = new LoginCommand(ValidEmail, new string('p', LoginCommandValidator.MaxPasswordLength + 1));

        // Act
        var result = _validator.TestValidate(command);

        // Assert
        Assert.That(command.Password, Has.Length.EqualTo(1025));
        result.ShouldHaveValidationErrorFor("password")
            .WithErrorMessage("password must be at most 1024 characters")
            .Only();
    }

    [Test]
    public void Validate_WhenEveryFieldIsWrong_KeysErrorsByFormFieldNames()
    {
        // Arrange
        var command = new LoginCommand("", "");

        // Act
        var result = _validator.TestValidate(command);

        // Assert: the grant type is the token endpoint's business, not this use case's.
        Assert.That(
            result.Errors.Select(e => e.PropertyName),
            Is.EquivalentTo(new[] { "username", "password" }));
    }
}
