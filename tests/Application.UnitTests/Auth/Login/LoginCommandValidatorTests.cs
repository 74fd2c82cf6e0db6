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

    [TestCase(null)]
    [TestCase("")]
    [TestCase("   ")]
    [TestCase("user:read")]
    [TestCase("user:read user:write admin:read admin:write super:*")]
    [TestCase("  admin:read   user:read ")]
    [TestCase("user:read user:read")]
    public void Validate_WhenScopeIsAbsentBlankOrKnownNames_HasNoErrors(string? scope)
    {
        // Arrange: no scope (Swagger UI sends scope= when no box is ticked) asks for everything held.
        var command = new LoginCommand(ValidEmail, ValidPassword, Scope: scope);

        // Act
        var result = _validator.TestValidate(command);

        // Assert
        result.ShouldNotHaveAnyValidationErrors();
    }

    [TestCase("admin")]
    [TestCase("User:Read", TestName = "Validate_WhenScopeDiffersInCase_HasUnknownScopeError")]
    [TestCase("user:read openid")]
    [TestCase("super:")]
    [TestCase("user:*")]
    [TestCase("user:read,admin:read", TestName = "Validate_WhenScopeIsSeparatedByCommas_HasUnknownScopeError")]
    public void Validate_WhenScopeHasAnUnknownName_HasUnknownScopeError(string scope)
    {
        // Arrange
        var command = new LoginCommand(ValidEmail, ValidPassword, Scope: scope);

        // Act
        var result = _validator.TestValidate(command);

        // Assert
        result.ShouldHaveValidationErrorFor("scope")
            .WithErrorMessage("scope must be one or more of: user:read, user:write, admin:read, admin:write, super:*")
            .Only();
    }

    [TestCase("user:read\tadmin:read", TestName = "Validate_WhenScopeIsSeparatedByTab_HasMalformedScopeError")]
    [TestCase("user:read\nadmin:read", TestName = "Validate_WhenScopeHasLineFeed_HasMalformedScopeError")]
    [TestCase("\"user:read\"", TestName = "Validate_WhenScopeIsQuoted_HasMalformedScopeError")]
    [TestCase("user\\read", TestName = "Validate_WhenScopeHasBackslash_HasMalformedScopeError")]
    [TestCase("usér:read", TestName = "Validate_WhenScopeHasNonAsciiCharacter_HasMalformedScopeError")]
    public void Validate_WhenScopeHasCharactersRfc6749DoesNotAllow_HasMalformedScopeError(string scope)
    {
        // Arrange
        var command = new LoginCommand(ValidEmail, ValidPassword, Scope: scope);

        // Act
        var result = _validator.TestValidate(command);

        // Assert
        result.ShouldHaveValidationErrorFor("scope").WithErrorMessage("scope must be scope names separated by spaces").Only();
    }

    [Test]
    public void Validate_WhenScopeIsLongerThanMaximum_HasScopeLengthError()
    {
        // Arrange: known names, but far more of them than there are.
        var scope = string.Join(' ', Enumerable.Repeat("user:read", 26));
        var command = new LoginCommand(ValidEmail, ValidPassword, Scope: scope);

        // Act
        var result = _validator.TestValidate(command);

        // Assert
        Assert.That(scope, Has.Length.EqualTo(259));
        result.ShouldHaveValidationErrorFor("scope").WithErrorMessage("scope must be at most 255 characters").Only();
    }

    [Test]
    public void Validate_WhenEveryFieldIsWrong_KeysErrorsByFormFieldNames()
    {
        // Arrange
        var command = new LoginCommand("", "", Scope: "everything");

        // Act
        var result = _validator.TestValidate(command);

        // Assert: the grant type is the token endpoint's business, not this use case's.
        Assert.That(
            result.Errors.Select(e => e.PropertyName),
            Is.EquivalentTo(new[] { "username", "password", "scope" }));
    }
}
