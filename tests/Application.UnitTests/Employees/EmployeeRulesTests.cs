using FastApiLearning.Application.Employees;
using FluentValidation;
using FluentValidation.TestHelper;

namespace FastApiLearning.Application.UnitTests.Employees;

/// <summary>The NIST SP 800-63B-4 password rule on its own, as every message that sets a password applies it.</summary>
public sealed class EmployeeRulesTests
{
    private const string Email = "zoe.muller@example.com";

    private readonly InlineValidator<NewPassword> _validator = new();

    [SetUp]
    public void SetUp() => _validator.RuleFor(p => p.Password).MustBeANewPassword(p => p.Email);

    [TestCase("correct horse b", TestName = "Validate_WhenPasswordHasExactly15Characters_HasNoErrors")]
    [TestCase("aaaaaaaaaaaaaaa", TestName = "Validate_WhenPasswordIsLowerCaseLettersOnly_HasNoErrors")]
    [TestCase("               x", TestName = "Validate_WhenPasswordIsMostlySpaces_HasNoErrors")]
    [TestCase("mật khẩu dài 🔑 ok", TestName = "Validate_WhenPasswordHasNonAsciiCharacters_HasNoErrors")]
    public void Validate_WhenPasswordFollowsTheRule_HasNoErrors(string password)
    {
        // Act: no composition rules (NIST says not to require mixes of character kinds).
        var result = _validator.TestValidate(new NewPassword(Email, password));

        // Assert
        result.ShouldNotHaveAnyValidationErrors();
    }

    [Test]
    public void Validate_WhenPasswordIs14Characters_HasLengthError()
    {
        // Act
        var result = _validator.TestValidate(new NewPassword(Email, "correct horse "));

        // Assert
        result.ShouldHaveValidationErrorFor("password").WithErrorMessage("password must be at least 15 characters").Only();
    }

    [Test]
    public void Validate_WhenPasswordIs14EmojiThatAre28Utf16Units_HasLengthError()
    {
        // Arrange: NIST counts each code point as one character, so these are 14, not 28.
        var password = string.Concat(Enumerable.Repeat("🔑", 14));

        // Act
        var result = _validator.TestValidate(new NewPassword(Email, password));

        // Assert
        Assert.That(password, Has.Length.EqualTo(28));
        result.ShouldHaveValidationErrorFor("password").WithErrorMessage("password must be at least 15 characters").Only();
    }

    [Test]
    public void Validate_WhenPasswordIs256EmojiThatAre512Utf16Units_HasNoErrors()
    {
        // Act
        var result = _validator.TestValidate(new NewPassword(Email, string.Concat(Enumerable.Repeat("🔑", 256))));

        // Assert
        result.ShouldNotHaveAnyValidationErrors();
    }

    [Test]
    public void Validate_WhenPasswordIs257Characters_HasLengthError()
    {
        // Act
        var result = _validator.TestValidate(new NewPassword(Email, string.Concat(Enumerable.Repeat("🔑", 257))));

        // Assert
        result.ShouldHaveValidationErrorFor("password").WithErrorMessage("password must be at most 256 characters").Only();
    }

    [TestCase(Email)]
    [TestCase("ZOE.MULLER@EXAMPLE.COM")]
    [TestCase("  zoe.muller@example.com ")]
    public void Validate_WhenPasswordIsTheEmail_HasNotTheEmailError(string password)
    {
        // Act
        var result = _validator.TestValidate(new NewPassword(" Zoe.Muller@Example.com", password));

        // Assert
        result.ShouldHaveValidationErrorFor("password").WithErrorMessage("password must not be the email").Only();
    }

    [Test]
    public void Validate_WhenPasswordOnlyContainsTheEmail_HasNoErrors()
    {
        // Act: only equality is refused; a longer phrase with the email in it is the user's choice.
        var result = _validator.TestValidate(new NewPassword(Email, Email + " and more"));

        // Assert
        result.ShouldNotHaveAnyValidationErrors();
    }

    public sealed record NewPassword(string Email, string Password);
}
