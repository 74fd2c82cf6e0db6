using FastApiLearning.Application.Auth;
using FastApiLearning.Application.Employees.SearchEmployees;
using FastApiLearning.Domain.Employees;
using FluentValidation.TestHelper;

namespace FastApiLearning.Application.UnitTests.Employees.SearchEmployees;

public sealed class SearchEmployeesQueryValidatorTests
{
    private static readonly SearchEmployeesQuery s_valid = new(new Caller(10005, [Scopes.AdminRead]), "Facello", "Geor%", 1, 20);

    private readonly SearchEmployeesQueryValidator _validator = new();

    [Test]
    public void Validate_WhenQueryIsValid_HasNoErrors()
    {
        // Act
        var result = _validator.TestValidate(s_valid);

        // Assert
        result.ShouldNotHaveAnyValidationErrors();
    }

    [Test]
    public void Validate_WhenNamesAreMissing_HasNoErrors()
    {
        // Act
        var result = _validator.TestValidate(s_valid with { LastName = null, FirstName = null });

        // Assert
        result.ShouldNotHaveAnyValidationErrors();
    }

    [Test]
    public void Query_ByDefault_AsksForTheFirstPageOf20()
    {
        // Act
        var query = new SearchEmployeesQuery(s_valid.Caller, null, null);

        // Assert
        Assert.That((query.Page, query.PageSize), Is.EqualTo((1, 20)));
        _validator.TestValidate(query).ShouldNotHaveAnyValidationErrors();
    }

    private static IEnumerable<TestCaseData> Names()
    {
        yield return new TestCaseData("last_name", (Func<string, SearchEmployeesQuery>)(name => s_valid with { LastName = name })).SetArgDisplayNames("last_name");
        yield return new TestCaseData("first_name", (Func<string, SearchEmployeesQuery>)(name => s_valid with { FirstName = name })).SetArgDisplayNames("first_name");
    }

    [TestCaseSource(nameof(Names))]
    public void Validate_WhenPatternIsAtMost50Characters_HasNoErrors(string field, Func<string, SearchEmployeesQuery> withName)
    {
        // Act
        var result = _validator.TestValidate(withName(new string('%', 50)));

        // Assert
        result.ShouldNotHaveAnyValidationErrors();
    }

    [TestCaseSource(nameof(Names))]
    public void Validate_WhenPatternIsLongerThan50Characters_HasLengthError(string field, Func<string, SearchEmployeesQuery> withName)
    {
        // Act
        var result = _validator.TestValidate(withName(new string('a', 51)));

        // Assert
        result.ShouldHaveValidationErrorFor(field).WithErrorMessage($"{field} must be at most 50 characters").Only();
    }

    [TestCaseSource(nameof(Names))]
    public void Validate_WhenPatternHasAControlCharacter_HasControlCharacterError(string field, Func<string, SearchEmployeesQuery> withName)
    {
        // Act
        var result = _validator.TestValidate(withName("Doe\r\nLogin succeeded"));

        // Assert
        result.ShouldHaveValidationErrorFor(field).WithErrorMessage($"{field} must not contain control characters").Only();
    }

    [TestCase(0)]
    [TestCase(-1)]
    [TestCase(int.MaxValue)]
    public void Validate_WhenPageIsOutOfRange_HasPageError(int page)
    {
        // Act: past 21,474,836 the offset would overflow an int.
        var result = _validator.TestValidate(s_valid with { Page = page });

        // Assert
        result.ShouldHaveValidationErrorFor("page").WithErrorMessage("page must be between 1 and 21474836").Only();
    }

    [Test]
    public void Validate_WhenPageIsTheLastWhoseOffsetFits_HasNoErrors()
    {
        // Act
        var result = _validator.TestValidate(s_valid with { Page = SearchEmployeesQueryValidator.MaxPage, PageSize = 100 });

        // Assert
        Assert.That(((long)SearchEmployeesQueryValidator.MaxPage - 1) * 100, Is.LessThanOrEqualTo(int.MaxValue));
        result.ShouldNotHaveAnyValidationErrors();
    }

    [TestCase(0)]
    [TestCase(101)]
    [TestCase(-5)]
    public void Validate_WhenPageSizeIsOutOfRange_HasPageSizeError(int pageSize)
    {
        // Act
        var result = _validator.TestValidate(s_valid with { PageSize = pageSize });

        // Assert
        result.ShouldHaveValidationErrorFor("page_size").WithErrorMessage("page_size must be between 1 and 100").Only();
    }

    [TestCase(1)]
    [TestCase(100)]
    public void Validate_WhenPageSizeIsWithinRange_HasNoErrors(int pageSize)
    {
        // Act
        var result = _validator.TestValidate(s_valid with { PageSize = pageSize });

        // Assert
        result.ShouldNotHaveAnyValidationErrors();
    }
}
