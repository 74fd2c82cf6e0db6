using System.Globalization;
using FastApiLearning.Application.Auth;
using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Application.Employees.UpdateEmployee;
using FastApiLearning.Domain.Employees;
using FluentValidation.TestHelper;
using Microsoft.Extensions.Time.Testing;

namespace FastApiLearning.Application.UnitTests.Employees.UpdateEmployee;

/// <summary>The directory's field rules (EmployeeRules.AddEmployeeDetailsRules), as an edit applies them.</summary>
public sealed class UpdateEmployeeCommandValidatorTests
{
    private const string EmailDomain = "@example.com";

    // 10:00 UTC: already 28 November from UTC+14 on.
    private static readonly DateTimeOffset s_now = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    private static readonly UpdateEmployeeCommand s_valid = new(
        new Caller(10005, [Scopes.AdminWrite]),
        10001,
        3,
        new EmployeeDetails("georgi.facello.10001@gmail.com", "Georgi", "Facello", Gender.M, new DateOnly(1953, 9, 2), new DateOnly(1986, 6, 26)));

    private readonly UpdateEmployeeCommandValidator _validator = new(new FakeTimeProvider(s_now));

    [Test]
    public void Validate_WhenCommandIsValid_HasNoErrors()
    {
        // Act
        var result = _validator.TestValidate(s_valid);

        // Assert
        result.ShouldNotHaveAnyValidationErrors();
    }

    [Test]
    public void Validate_WhenNoVersionIsGiven_HasNoErrors()
    {
        // Act: that is its own outcome (428), decided by the handler after the scopes.
        var result = _validator.TestValidate(s_valid with { ExpectedVersion = null });

        // Assert
        result.ShouldNotHaveAnyValidationErrors();
    }

    [TestCase(0)]
    [TestCase(-1)]
    public void Validate_WhenVersionIsNotPositive_HasVersionError(long version)
    {
        // Act
        var result = _validator.TestValidate(s_valid with { ExpectedVersion = version });

        // Assert
        result.ShouldHaveValidationErrorFor("version").WithErrorMessage("version must be a positive number").Only();
    }

    [TestCase(0)]
    [TestCase(-1)]
    public void Validate_WhenEmpNoIsNotPositive_HasEmpNoError(int empNo)
    {
        // Act
        var result = _validator.TestValidate(s_valid with { EmpNo = empNo });

        // Assert
        result.ShouldHaveValidationErrorFor("emp_no").WithErrorMessage("emp_no must be a positive number").Only();
    }

    private static UpdateEmployeeCommand With(Func<EmployeeDetails, EmployeeDetails> change) => s_valid with { Details = change(s_valid.Details) };

    [TestCase("", "email is required")]
    [TestCase("georgi", "email must be an email address")]
    [TestCase("g@example.com\r\nforged", "email must not contain control characters")]
    public void Validate_WhenEmailIsWrong_HasEmailError(string email, string message)
    {
        // Act
        var result = _validator.TestValidate(With(d => d with { Email = email }));

        // Assert
        result.ShouldHaveValidationErrorFor("email").WithErrorMessage(message).Only();
    }

    [Test]
    public void Validate_WhenEmailFillsItsColumn_HasNoErrors()
    {
        // Act
        var result = _validator.TestValidate(With(d => d with { Email = new string('a', 255 - EmailDomain.Length) + EmailDomain }));

        // Assert
        result.ShouldNotHaveAnyValidationErrors();
    }

    [Test]
    public void Validate_WhenEmailIsLongerThanItsColumn_HasEmailLengthError()
    {
        // Act
        var result = _validator.TestValidate(With(d => d with { Email = new string('a', 256 - EmailDomain.Length) + EmailDomain }));

        // Assert
        result.ShouldHaveValidationErrorFor("email").WithErrorMessage("email must be at most 255 characters").Only();
    }

    private static IEnumerable<TestCaseData> Names()
    {
        yield return new TestCaseData("first_name", Employee.MaxFirstNameLength, (Func<string, EmployeeDetails, EmployeeDetails>)((n, d) => d with { FirstName = n }))
            .SetArgDisplayNames("first_name");
        yield return new TestCaseData("last_name", Employee.MaxLastNameLength, (Func<string, EmployeeDetails, EmployeeDetails>)((n, d) => d with { LastName = n }))
            .SetArgDisplayNames("last_name");
    }

    [TestCaseSource(nameof(Names))]
    public void Validate_WhenNameFitsItsColumn_HasNoErrors(string field, int maxLength, Func<string, EmployeeDetails, EmployeeDetails> withName)
    {
        // Act
        var result = _validator.TestValidate(With(d => withName(new string('n', maxLength), d)));

        // Assert
        result.ShouldNotHaveAnyValidationErrors();
    }

    [TestCaseSource(nameof(Names))]
    public void Validate_WhenNameIsLongerThanItsColumn_HasLengthError(string field, int maxLength, Func<string, EmployeeDetails, EmployeeDetails> withName)
    {
        // Act
        var result = _validator.TestValidate(With(d => withName(new string('n', maxLength + 1), d)));

        // Assert
        result.ShouldHaveValidationErrorFor(field).WithErrorMessage($"{field} must be at most {maxLength} characters").Only();
    }

    [TestCaseSource(nameof(Names))]
    public void Validate_WhenNameIsBlank_HasRequiredError(string field, int maxLength, Func<string, EmployeeDetails, EmployeeDetails> withName)
    {
        // Act
        var result = _validator.TestValidate(With(d => withName("  ", d)));

        // Assert
        result.ShouldHaveValidationErrorFor(field).WithErrorMessage($"{field} is required").Only();
    }

    [TestCaseSource(nameof(Names))]
    public void Validate_WhenNameHasAControlCharacter_HasControlCharacterError(string field, int maxLength, Func<string, EmployeeDetails, EmployeeDetails> withName)
    {
        // Act
        var result = _validator.TestValidate(With(d => withName("Ann\nX", d)));

        // Assert
        result.ShouldHaveValidationErrorFor(field).WithErrorMessage($"{field} must not contain control characters").Only();
    }

    [TestCase(2)]
    [TestCase(-1)]
    public void Validate_WhenGenderIsNeitherMNorF_HasGenderError(int gender)
    {
        // Act
        var result = _validator.TestValidate(With(d => d with { Gender = (Gender)gender }));

        // Assert
        result.ShouldHaveValidationErrorFor("gender").WithErrorMessage("gender must be M or F").Only();
    }

    [Test]
    public void Validate_WhenBirthDateIsMissing_HasBirthDateRequiredError()
    {
        // Act
        var result = _validator.TestValidate(With(d => d with { BirthDate = default }));

        // Assert: the hire date is then checked against year 1, which it passes.
        result.ShouldHaveValidationErrorFor("birth_date").WithErrorMessage("birth_date is required").Only();
    }

    [Test]
    public void Validate_WhenBirthDateIsBefore1900_HasBirthDateError()
    {
        // Act
        var result = _validator.TestValidate(With(d => d with { BirthDate = new DateOnly(1899, 12, 31) }));

        // Assert
        result.ShouldHaveValidationErrorFor("birth_date").WithErrorMessage("birth_date must be on or after 1900-01-01").Only();
    }

    [Test]
    public void Validate_WhenBirthDateIsInTheFuture_HasBirthDateError()
    {
        // Act
        var result = _validator.TestValidate(With(d => d with { BirthDate = new DateOnly(2026, 11, 29) }));

        // Assert
        result.ShouldHaveValidationErrorFor("birth_date").WithErrorMessage("birth_date must not be in the future");
    }

    [Test]
    public void Validate_WhenHireDateIsMissing_HasHireDateRequiredError()
    {
        // Act
        var result = _validator.TestValidate(With(d => d with { HireDate = default }));

        // Assert
        result.ShouldHaveValidationErrorFor("hire_date").WithErrorMessage("hire_date is required").Only();
    }

    [TestCase("1953-09-02", "1967-09-02", TestName = "Validate_WhenHiredOnThe14thBirthday_HasNoErrors")]
    [TestCase("2000-02-29", "2014-02-28", TestName = "Validate_WhenBornOn29FebruaryAndHiredOn28FebruaryOfThe14thYear_HasNoErrors")]
    [TestCase("1953-09-02", "2026-11-27", TestName = "Validate_WhenHiredTodayInUtc_HasNoErrors")]
    [TestCase("1953-09-02", "2026-11-28", TestName = "Validate_WhenHiredOnADateThatIsAlreadyTodayEastOfUtc_HasNoErrors")]
    public void Validate_WhenHireDateIsFromThe14thBirthdayToToday_HasNoErrors(string birthDate, string hireDate)
    {
        // Act
        var result = _validator.TestValidate(With(d => d with { BirthDate = DateOnly.Parse(birthDate, CultureInfo.InvariantCulture), HireDate = DateOnly.Parse(hireDate, CultureInfo.InvariantCulture) }));

        // Assert
        result.ShouldNotHaveAnyValidationErrors();
    }

    [TestCase("1953-09-02", "1967-09-01", TestName = "Validate_WhenHiredTheDayBeforeThe14thBirthday_HasHireDateError")]
    [TestCase("2000-02-29", "2014-02-27", TestName = "Validate_WhenBornOn29FebruaryAndHiredBeforeThe14thBirthday_HasHireDateError")]
    [TestCase("1990-01-01", "1989-12-31", TestName = "Validate_WhenHiredBeforeBirth_HasHireDateError")]
    public void Validate_WhenHiredBeforeThe14thBirthday_HasHireDateError(string birthDate, string hireDate)
    {
        // Act
        var result = _validator.TestValidate(With(d => d with { BirthDate = DateOnly.Parse(birthDate, CultureInfo.InvariantCulture), HireDate = DateOnly.Parse(hireDate, CultureInfo.InvariantCulture) }));

        // Assert
        result.ShouldHaveValidationErrorFor("hire_date").WithErrorMessage("hire_date must not be before the 14th birthday").Only();
    }

    [Test]
    public void Validate_WhenHiredOnADateThatIsNowhereTodayYet_HasHireDateError()
    {
        // Act
        var result = _validator.TestValidate(With(d => d with { HireDate = new DateOnly(2026, 11, 29) }));

        // Assert
        result.ShouldHaveValidationErrorFor("hire_date").WithErrorMessage("hire_date must not be in the future").Only();
    }

    [Test]
    public void Validate_WhenEveryFieldIsWrong_KeysOneErrorByEachJsonFieldName()
    {
        // Arrange
        var command = new UpdateEmployeeCommand(s_valid.Caller, 0, 0, new EmployeeDetails("", "", "", (Gender)9, default, default));

        // Act
        var result = _validator.TestValidate(command);

        // Assert
        Assert.That(
            result.Errors.Select(e => e.PropertyName),
            Is.EquivalentTo(new[] { "emp_no", "version", "email", "first_name", "last_name", "gender", "birth_date", "hire_date" }));
    }
}
