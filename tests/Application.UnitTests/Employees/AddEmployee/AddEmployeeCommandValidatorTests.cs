using FastApiLearning.Application.Employees.AddEmployee;
using FastApiLearning.Domain.Employees;
using FluentValidation.TestHelper;

namespace FastApiLearning.Application.UnitTests.Employees.AddEmployee;

public sealed class AddEmployeeCommandValidatorTests
{
    private const string EmailDomain = "@example.com";

    private static readonly AddEmployeeCommand s_valid = new(
        "zoe.muller@example.com", "Zoë", "Müller", Gender.F, new DateOnly(1990, 2, 28), new DateOnly(2024, 9, 1), "correct horse battery staple");

    private readonly AddEmployeeCommandValidator _validator = new();

    [Test]
    public void Validate_WhenCommandIsValid_HasNoErrors()
    {
        // Act
        var result = _validator.TestValidate(s_valid);

        // Assert
        result.ShouldNotHaveAnyValidationErrors();
    }

    [TestCase("")]
    [TestCase(" ")]
    [TestCase(" \t\n ")]
    public void Validate_WhenEmailIsEmptyOrWhitespace_HasEmailRequiredError(string email)
    {
        // Act
        var result = _validator.TestValidate(s_valid with { Email = email });

        // Assert
        result.ShouldHaveValidationErrorFor("email").WithErrorMessage("email is required").Only();
    }

    [TestCase("zoe")]
    [TestCase("zoe.example.com")]
    [TestCase("@example.com")]
    [TestCase("  @example.com")]
    [TestCase("zoe@")]
    [TestCase("zoe@  ")]
    public void Validate_WhenEmailIsNotAnEmail_HasEmailError(string email)
    {
        // Act
        var result = _validator.TestValidate(s_valid with { Email = email });

        // Assert
        result.ShouldHaveValidationErrorFor("email").WithErrorMessage("email must be an email address").Only();
    }

    // Each would let an email start a new log line or hide part of one.
    [TestCase("a\nb@example.com", TestName = "Validate_WhenEmailHasLineFeed_HasControlCharacterError")]
    [TestCase("a\0b@example.com", TestName = "Validate_WhenEmailHasNul_HasControlCharacterError")]
    [TestCase("\u001b[31ma@example.com", TestName = "Validate_WhenEmailHasAnsiEscape_HasControlCharacterError")]
    [TestCase("a@example.com\n", TestName = "Validate_WhenEmailEndsWithLineFeed_HasControlCharacterError")]
    public void Validate_WhenEmailHasControlCharacter_HasControlCharacterError(string email)
    {
        // Act
        var result = _validator.TestValidate(s_valid with { Email = email });

        // Assert
        result.ShouldHaveValidationErrorFor("email").WithErrorMessage("email must not contain control characters").Only();
    }

    [Test]
    public void Validate_WhenEmailIsMaximumLengthWithSurroundingSpaces_HasNoErrors()
    {
        // Arrange: the store keeps it trimmed, so the spaces do not count.
        var email = new string('a', Employee.MaxEmailLength - EmailDomain.Length) + EmailDomain;

        // Act
        var result = _validator.TestValidate(s_valid with { Email = "  " + email + " " });

        // Assert
        Assert.That(email, Has.Length.EqualTo(255));
        result.ShouldNotHaveAnyValidationErrors();
    }

    [Test]
    public void Validate_WhenEmailIsLongerThanMaximum_HasEmailLengthError()
    {
        // Arrange
        var email = new string('a', Employee.MaxEmailLength + 1 - EmailDomain.Length) + EmailDomain;

        // Act
        var result = _validator.TestValidate(s_valid with { Email = email });

        // Assert
        Assert.That(email, Has.Length.EqualTo(256));
        result.ShouldHaveValidationErrorFor("email").WithErrorMessage("email must be at most 255 characters").Only();
    }

    [Test]
    public void Validate_WhenEmailHasQuotesPercentAndBackslash_HasNoErrors()
    {
        // Act: just a string to a parameterised store.
        var result = _validator.TestValidate(s_valid with { Email = @"o'brien_100%\x@example.com" });

        // Assert
        result.ShouldNotHaveAnyValidationErrors();
    }

    private static IEnumerable<TestCaseData> Names()
    {
        yield return new TestCaseData("first-name", Employee.MaxFirstNameLength, (Func<string, AddEmployeeCommand>)(name => s_valid with { FirstName = name }))
            .SetArgDisplayNames("first-name");
        yield return new TestCaseData("last-name", Employee.MaxLastNameLength, (Func<string, AddEmployeeCommand>)(name => s_valid with { LastName = name }))
            .SetArgDisplayNames("last-name");
    }

    [TestCaseSource(nameof(Names))]
    public void Validate_WhenNameIsEmptyOrWhitespace_HasRequiredError(string field, int maxLength, Func<string, AddEmployeeCommand> withName)
    {
        // Act
        var empty = _validator.TestValidate(withName(""));
        var blank = _validator.TestValidate(withName("   "));

        // Assert
        empty.ShouldHaveValidationErrorFor(field).WithErrorMessage($"{field} is required").Only();
        blank.ShouldHaveValidationErrorFor(field).WithErrorMessage($"{field} is required").Only();
    }

    [TestCaseSource(nameof(Names))]
    public void Validate_WhenNameIsMaximumLength_HasNoErrors(string field, int maxLength, Func<string, AddEmployeeCommand> withName)
    {
        // Act
        var result = _validator.TestValidate(withName(new string('n', maxLength)));

        // Assert
        result.ShouldNotHaveAnyValidationErrors();
    }

    [TestCaseSource(nameof(Names))]
    public void Validate_WhenNameIsLongerThanMaximum_HasLengthError(string field, int maxLength, Func<string, AddEmployeeCommand> withName)
    {
        // Act: the database would refuse it (CHECK constraint, or PostgreSQL's 22001): a 400, never a 500.
        var result = _validator.TestValidate(withName(new string('n', maxLength + 1)));

        // Assert
        result.ShouldHaveValidationErrorFor(field).WithErrorMessage($"{field} must be at most {maxLength} characters").Only();
    }

    [TestCaseSource(nameof(Names))]
    public void Validate_WhenNameHasControlCharacter_HasControlCharacterError(string field, int maxLength, Func<string, AddEmployeeCommand> withName)
    {
        // Act
        var result = _validator.TestValidate(withName("Ann\r\nLogin"));

        // Assert
        result.ShouldHaveValidationErrorFor(field).WithErrorMessage($"{field} must not contain control characters").Only();
    }

    [Test]
    public void Validate_WhenNameHasApostropheHyphenAndAccents_HasNoErrors()
    {
        // Act
        var result = _validator.TestValidate(s_valid with { FirstName = "Mary-Ann", LastName = "O'Brien-Müller" });

        // Assert
        result.ShouldNotHaveAnyValidationErrors();
    }

    [TestCase(2)]
    [TestCase(-1)]
    public void Validate_WhenGenderIsNotDefined_HasGenderError(int gender)
    {
        // Act
        var result = _validator.TestValidate(s_valid with { Gender = (Gender)gender });

        // Assert
        result.ShouldHaveValidationErrorFor("gender").WithErrorMessage("gender must be M or F").Only();
    }

    [Test]
    public void Validate_WhenGenderIsM_HasNoErrors()
    {
        // Act
        var result = _validator.TestValidate(s_valid with { Gender = Gender.M });

        // Assert
        result.ShouldNotHaveAnyValidationErrors();
    }

    [Test]
    public void Validate_WhenBirthDateIsMissing_HasBirthDateRequiredError()
    {
        // Act
        var result = _validator.TestValidate(s_valid with { BirthDate = default });

        // Assert
        result.ShouldHaveValidationErrorFor("birth-date").WithErrorMessage("birth-date is required").Only();
    }

    [Test]
    public void Validate_WhenBirthDateIsBefore1900_HasBirthDateError()
    {
        // Act
        var result = _validator.TestValidate(s_valid with { BirthDate = new DateOnly(1899, 12, 31) });

        // Assert
        result.ShouldHaveValidationErrorFor("birth-date").WithErrorMessage("birth-date must be on or after 1900-01-01").Only();
    }

    [Test]
    public void Validate_WhenBirthDateIsFirstOf1900_HasNoErrors()
    {
        // Act
        var result = _validator.TestValidate(s_valid with { BirthDate = AddEmployeeCommandValidator.MinBirthDate });

        // Assert
        result.ShouldNotHaveAnyValidationErrors();
    }

    [Test]
    public void Validate_WhenHireDateIsMissing_HasHireDateRequiredError()
    {
        // Act
        var result = _validator.TestValidate(s_valid with { HireDate = default });

        // Assert
        result.ShouldHaveValidationErrorFor("hire-date").WithErrorMessage("hire-date is required").Only();
    }

    [TestCase(0, TestName = "Validate_WhenHiredOnTheBirthDate_HasHireDateError")]
    [TestCase(-1, TestName = "Validate_WhenHiredBeforeBirth_HasHireDateError")]
    public void Validate_WhenHireDateIsNotAfterBirthDate_HasHireDateError(int daysAfterBirth)
    {
        // Act
        var result = _validator.TestValidate(s_valid with { HireDate = s_valid.BirthDate.AddDays(daysAfterBirth) });

        // Assert
        result.ShouldHaveValidationErrorFor("hire-date").WithErrorMessage("hire-date must be after birth-date").Only();
    }

    [TestCase("")]
    [TestCase("        ")]
    public void Validate_WhenPasswordIsEmptyOrWhitespace_HasPasswordRequiredError(string password)
    {
        // Act
        var result = _validator.TestValidate(s_valid with { Password = password });

        // Assert
        result.ShouldHaveValidationErrorFor("password").WithErrorMessage("password is required").Only();
    }

    [Test]
    public void Validate_WhenPasswordIsShorterThanMinimum_HasPasswordLengthError()
    {
        // Act
        var result = _validator.TestValidate(s_valid with { Password = "12345678901234" });

        // Assert
        result.ShouldHaveValidationErrorFor("password").WithErrorMessage("password must be at least 15 characters").Only();
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
    public void Validate_WhenPasswordIsLongerThanMaximum_HasPasswordLengthError()
    {
        // Act
        var result = _validator.TestValidate(s_valid with { Password = new string('p', 257) });

        // Assert
        result.ShouldHaveValidationErrorFor("password").WithErrorMessage("password must be at most 256 characters").Only();
    }

    [Test]
    public void Validate_WhenPasswordIsTheEmailInAnotherCase_HasPasswordError()
    {
        // Act: long enough, but the first thing anyone would guess.
        var result = _validator.TestValidate(s_valid with { Password = "Zoe.Muller@Example.com" });

        // Assert
        result.ShouldHaveValidationErrorFor("password").WithErrorMessage("password must not be the email").Only();
    }

    [Test]
    public void Validate_WhenEveryFieldIsWrong_KeysOneErrorByEachOptionName()
    {
        // Arrange
        var command = new AddEmployeeCommand("", "", "", (Gender)9, default, default, "");

        // Act
        var result = _validator.TestValidate(command);

        // Assert
        Assert.That(
            result.Errors.Select(e => e.PropertyName),
            Is.EquivalentTo(new[] { "email", "first-name", "last-name", "gender", "birth-date", "hire-date", "password" }));
    }
}
