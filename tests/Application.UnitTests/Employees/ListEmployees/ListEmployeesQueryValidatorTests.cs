using FastApiLearning.Application.Employees.ListEmployees;
using FluentValidation.TestHelper;

namespace FastApiLearning.Application.UnitTests.Employees.ListEmployees;

public sealed class ListEmployeesQueryValidatorTests
{
    private readonly ListEmployeesQueryValidator _validator = new();

    [TestCase(1, 0)]
    [TestCase(10_000, 0)]
    [TestCase(50, 499_999)]
    public void Validate_WhenLimitAndEmpNoAreWithinBounds_HasNoErrors(int limit, int afterEmpNo)
    {
        // Act
        var result = _validator.TestValidate(new ListEmployeesQuery(limit, afterEmpNo));

        // Assert
        result.ShouldNotHaveAnyValidationErrors();
    }

    [TestCase(0)]
    [TestCase(-1)]
    [TestCase(10_001)]
    [TestCase(int.MaxValue)]
    public void Validate_WhenLimitIsOutOfBounds_HasLimitError(int limit)
    {
        // Act: one page is held in memory at once.
        var result = _validator.TestValidate(new ListEmployeesQuery(limit));

        // Assert
        result.ShouldHaveValidationErrorFor("limit").WithErrorMessage("limit must be between 1 and 10000").Only();
    }

    [Test]
    public void Validate_WhenAfterEmpNoIsNegative_HasAfterError()
    {
        // Act
        var result = _validator.TestValidate(new ListEmployeesQuery(50, -1));

        // Assert
        result.ShouldHaveValidationErrorFor("after").WithErrorMessage("after must be 0 or more").Only();
    }
}
