using FastApiLearning.Application.Auth;
using FastApiLearning.Application.Employees.GetEmployee;
using FastApiLearning.Domain.Employees;
using FluentValidation.TestHelper;

namespace FastApiLearning.Application.UnitTests.Employees.GetEmployee;

public sealed class GetEmployeeQueryValidatorTests
{
    private static readonly Caller s_caller = new(500222, [Scopes.UserRead]);

    private readonly GetEmployeeQueryValidator _validator = new();

    [TestCase(1)]
    [TestCase(int.MaxValue)]
    public void Validate_WhenEmpNoIsPositive_HasNoErrors(int empNo)
    {
        // Act
        var result = _validator.TestValidate(new GetEmployeeQuery(s_caller, empNo));

        // Assert
        result.ShouldNotHaveAnyValidationErrors();
    }

    [TestCase(0)]
    [TestCase(-10005)]
    public void Validate_WhenEmpNoIsNotPositive_HasEmpNoError(int empNo)
    {
        // Act
        var result = _validator.TestValidate(new GetEmployeeQuery(s_caller, empNo));

        // Assert
        result.ShouldHaveValidationErrorFor("emp_no").WithErrorMessage("emp_no must be a positive number").Only();
    }
}
