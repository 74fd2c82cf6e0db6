using FastApiLearning.Application.Auth;
using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Application.Employees.CreateEmployee;
using FastApiLearning.Domain.Employees;
using FluentValidation.TestHelper;
using Microsoft.Extensions.Time.Testing;

namespace FastApiLearning.Application.UnitTests.Employees.CreateEmployee;

public sealed class CreateEmployeeCommandValidatorTests
{
    private static readonly DateTimeOffset s_now = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    private static readonly CreateEmployeeCommand s_valid = new(
        new Caller(10005, [Scopes.AdminWrite]),
        new EmployeeDetails("zoe.muller@example.com", "Zoë", "Müller", Gender.F, new DateOnly(1990, 2, 28), new DateOnly(2024, 9, 1)),
        "correct horse battery staple");

    private readonly CreateEmployeeCommandValidator _validator = new(new FakeTimeProvider(s_now));

    [Test]
    public void Validate_WhenCommandIsValid_HasNoErrors()
    {
        // Act
        var result = _validator.TestValidate(s_valid);

        // Assert
        result.ShouldNotHaveAnyValidationErrors();
    }

    [Test]
    public void Validate_WhenHireDateIsInTheFuture_HasHireDateError()
    {
        // Act: the directory's rules, as an edit's.
        var result = _validator.TestValidate(s_valid with { Details = s_valid.Details with { HireDate = new DateOnly(2027, 1, 4) } });

        // Assert
        result.ShouldHaveValidationErrorFor("hire_date").WithErrorMessage("hire_date must not be in the future").Only();
    }

    [TestCase("", "password is required")]
    [TestCase("correct horse ", "password must be at least 15 characters")]
    [TestCase("ZOE.MULLER@EXAMPLE.COM", "password must not be the email")]
    public void Validate_WhenPasswordBreaksTheNistRule_HasPasswordError(string password, string message)
    {
        // Act
        var result = _validator.TestValidate(s_valid with { Password = password });

        // Assert
        result.ShouldHaveValidationErrorFor("password").WithErrorMessage(message).Only();
    }

    [Test]
    public void Validate_WhenEveryFieldIsWrong_KeysOneErrorByEachJsonFieldName()
    {
        // Arrange
        var command = new CreateEmployeeCommand(s_valid.Caller, new EmployeeDetails("", "", "", (Gender)9, default, default), "");

        // Act
        var result = _validator.TestValidate(command);

        // Assert
        Assert.That(
            result.Errors.Select(e => e.PropertyName),
            Is.EquivalentTo(new[] { "email", "first_name", "last_name", "gender", "birth_date", "hire_date", "password" }));
    }
}
