using FastApiLearning.Application.Auth.Logout;
using FluentValidation.TestHelper;

namespace FastApiLearning.Application.UnitTests.Auth.Logout;

public sealed class LogoutCommandValidatorTests
{
    private const string TokenId = "0f8fad5bd9cb469fa16570867728950e";
    private const int MaxTokenIdLength = 128;

    private static readonly DateTimeOffset s_expiresAt = new(2025, 1, 2, 3, 34, 5, TimeSpan.Zero);

    private readonly LogoutCommandValidator _validator = new();

    [Test]
    public void Validate_WhenTokenIdIsNormal_HasNoErrors()
    {
        // Arrange
        var command = new LogoutCommand(TokenId, s_expiresAt);

        // Act
        var result = _validator.TestValidate(command);

        // Assert
        result.ShouldNotHaveAnyValidationErrors();
    }

    [TestCase("")]
    [TestCase(" ")]
    [TestCase(" \t\n ")]
    public void Validate_WhenTokenIdIsEmptyOrWhitespace_HasJtiRequiredError(string tokenId)
    {
        // Arrange
        var command = new LogoutCommand(tokenId, s_expiresAt);

        // Act
        var result = _validator.TestValidate(command);

        // Assert
        result.ShouldHaveValidationErrorFor("jti")
            .WithErrorCode("NotEmptyValidator")
            .Only();
    }

    [Test]
    public void Validate_WhenTokenIdIsMaximumLength_HasNoErrors()
    {
        // Arrange
        var command = new LogoutCommand(new string('a', MaxTokenIdLength), s_expiresAt);

        // Act
        var result = _validator.TestValidate(command);

        // Assert
        Assert.That(command.TokenId, Has.Length.EqualTo(128));
        result.ShouldNotHaveAnyValidationErrors();
    }

    [Test]
    public void Validate_WhenTokenIdIsLongerThanMaximum_HasJtiLengthError()
    {
        // Arrange
        var command = new LogoutCommand(new string('a', MaxTokenIdLength + 1), s_expiresAt);

        // Act
        var result = _validator.TestValidate(command);

        // Assert
        Assert.That(command.TokenId, Has.Length.EqualTo(129));
        result.ShouldHaveValidationErrorFor("jti")
            .WithErrorCode("MaximumLengthValidator")
            .Only();
    }

    [Test]
    public void Validate_WhenTokenIdIsEmpty_KeysErrorByJtiOnly()
    {
        // Arrange
        var command = new LogoutCommand("", s_expiresAt);

        // Act
        var result = _validator.TestValidate(command);

        // Assert
        Assert.That(result.Errors.Select(e => e.PropertyName), Is.EqualTo(new[] { "jti" }));
    }

    [Test]
    public void Validate_WhenEverywhereWithoutEmpNo_FailsOnSub()
    {
        var result = new LogoutCommandValidator().TestValidate(new LogoutCommand(TokenId, s_expiresAt, Everywhere: true));

        result.ShouldHaveValidationErrorFor("sub");
    }

    [Test]
    public void Validate_WhenEverywhereWithEmpNo_Passes()
    {
        var result = new LogoutCommandValidator().TestValidate(new LogoutCommand(TokenId, s_expiresAt, EmpNo: 500222, Everywhere: true));

        result.ShouldNotHaveAnyValidationErrors();
    }
}
