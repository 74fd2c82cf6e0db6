using System.Globalization;
using FastApiLearning.Domain.Employees;
using FluentValidation;

namespace FastApiLearning.Application.Employees.AddEmployee;

/// <summary>
/// Checks a new employee before anything is hashed or stored, so that a value the database would refuse
/// (a name longer than its column, a gender that is not M or F) is a clear message, never a database error.
/// </summary>
/// <remarks>
/// The dates are checked for plausibility without a clock: a birth date from 1900 on and a hire date after
/// it. A hire date ahead of today is real (an employee registered before their first day), and a rule
/// that reads the clock would give a different answer for the same message on another day; a future
/// birth date is a typo that no login or token depends on.
/// </remarks>
public sealed class AddEmployeeCommandValidator : AbstractValidator<AddEmployeeCommand>
{
    /// <summary>Nobody born earlier is still being hired; an earlier date is a typo or a default.</summary>
    public static readonly DateOnly MinBirthDate = EmployeeRules.MinBirthDate;

    public AddEmployeeCommandValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;

        RuleFor(c => c.Email.Trim()).MustBeAnEmployeeEmail(c => c.Email);
        RuleFor(c => c.FirstName).MustBeAName("first-name", Employee.MaxFirstNameLength);
        RuleFor(c => c.LastName).MustBeAName("last-name", Employee.MaxLastNameLength);

        RuleFor(c => c.Gender)
            .IsInEnum().WithMessage("gender must be M or F")
            .OverridePropertyName("gender");

        RuleFor(c => c.BirthDate)
            .NotEqual(default(DateOnly)).WithMessage("birth-date is required")
            .GreaterThanOrEqualTo(MinBirthDate).WithMessage(string.Create(CultureInfo.InvariantCulture, $"birth-date must be on or after {MinBirthDate:yyyy-MM-dd}"))
            .OverridePropertyName("birth-date");

        RuleFor(c => c.HireDate)
            .NotEqual(default(DateOnly)).WithMessage("hire-date is required")
            .GreaterThan(c => c.BirthDate).WithMessage("hire-date must be after birth-date")
            .OverridePropertyName("hire-date");

        RuleFor(c => c.Password).MustBeANewPassword(c => c.Email);
    }
}
