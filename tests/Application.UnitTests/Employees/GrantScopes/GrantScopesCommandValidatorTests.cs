using FastApiLearning.Application.Employees.GrantScopes;
using FastApiLearning.Application.Employees.RevokeScopes;
using FastApiLearning.Domain.Employees;
using FluentValidation;
using FluentValidation.TestHelper;

namespace FastApiLearning.Application.UnitTests.Employees.GrantScopes;

/// <summary>Granting and revoking take the same arguments and check them alike.</summary>
public sealed class GrantScopesCommandValidatorTests
{
    private const string Email = "pranav.furedi.10198@gmail.com";
    private const string UnknownScope = "scope must be one or more of: user:read, user:write, admin:read, admin:write, super:*";

    private static IEnumerable<TestCaseData> Validators()
    {
        yield return new TestCaseData((Func<string, string[], ValidationResultOf>)((email, scopes) =>
            new ValidationResultOf(new GrantScopesCommandValidator().TestValidate(new GrantScopesCommand(email, scopes)).Errors)))
            .SetArgDisplayNames("grant");
        yield return new TestCaseData((Func<string, string[], ValidationResultOf>)((email, scopes) =>
            new ValidationResultOf(new RevokeScopesCommandValidator().TestValidate(new RevokeScopesCommand(email, scopes)).Errors)))
            .SetArgDisplayNames("revoke-scope");
    }

    [TestCaseSource(nameof(Validators))]
    public void Validate_WhenEveryNameIsKnown_HasNoErrors(Func<string, string[], ValidationResultOf> validate)
    {
        // Act
        var result = validate(Email, [.. Scopes.All.Select(scope => scope.Name)]);

        // Assert
        Assert.That(result.Errors, Is.Empty);
    }

    [TestCaseSource(nameof(Validators))]
    public void Validate_WhenNoNameIsGiven_HasScopeRequiredError(Func<string, string[], ValidationResultOf> validate)
    {
        // Act
        var result = validate(Email, []);

        // Assert
        Assert.That(result.Messages("scope"), Is.EqualTo(new[] { "scope is required" }));
    }

    [TestCaseSource(nameof(Validators))]
    public void Validate_WhenANameIsUnknownOrInAnotherCase_HasScopeError(Func<string, string[], ValidationResultOf> validate)
    {
        // Act
        var unknown = validate(Email, [Scopes.UserRead, "admin"]);
        var otherCase = validate(Email, ["Admin:Read"]);

        // Assert
        Assert.That(unknown.Messages("scope"), Is.EqualTo(new[] { UnknownScope }));
        Assert.That(otherCase.Messages("scope"), Is.EqualTo(new[] { UnknownScope }));
    }

    [TestCaseSource(nameof(Validators))]
    public void Validate_WhenEmailIsWrong_HasEmailError(Func<string, string[], ValidationResultOf> validate)
    {
        // Act
        var result = validate("pranav\r\n", [Scopes.UserRead]);

        // Assert
        Assert.That(result.Messages("email"), Is.EqualTo(new[] { "email must not contain control characters" }));
    }

    public sealed record ValidationResultOf(IReadOnlyList<FluentValidation.Results.ValidationFailure> Errors)
    {
        public IEnumerable<string> Messages(string field) =>
            Errors.Where(e => e.PropertyName == field).Select(e => e.ErrorMessage);
    }
}
