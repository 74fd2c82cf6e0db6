using FastApiLearning.Application.Auth.Clients;
using FastApiLearning.Application.Auth.Refresh;
using FluentValidation.TestHelper;

namespace FastApiLearning.Application.UnitTests.Auth.Refresh;

public sealed class RefreshCommandValidatorTests
{
    private readonly RefreshCommandValidator _validator = new();

    [Test]
    public void Validate_WithATokenAndKnownScopes_Passes() =>
        _validator.TestValidate(new RefreshCommand("token", "user:read", new ClientCredentials("spa", ""))).ShouldNotHaveAnyValidationErrors();

    [TestCase("", "refresh_token")]
    public void Validate_WithoutAToken_FailsOnRefreshToken(string token, string field) =>
        _validator.TestValidate(new RefreshCommand(token)).ShouldHaveValidationErrorFor(field);

    [Test]
    public void Validate_WithAHugeToken_FailsOnRefreshToken() =>
        _validator.TestValidate(new RefreshCommand(new string('r', 10_000))).ShouldHaveValidationErrorFor("refresh_token");

    [TestCase("user:read nonsense")]
    [TestCase("user:read\u0000")]
    public void Validate_WithABadScope_FailsOnScope(string scope) =>
        _validator.TestValidate(new RefreshCommand("token", scope)).ShouldHaveValidationErrorFor("scope");

    [Test]
    public void Validate_WithAControlCharacterInTheClientId_FailsOnClientId() =>
        _validator.TestValidate(new RefreshCommand("token", Client: new ClientCredentials("spa\r\n", null))).ShouldHaveValidationErrorFor("client_id");

    [Test]
    public void ToString_NeverShowsTheToken() =>
        Assert.That(new RefreshCommand("the-secret-token", Client: new ClientCredentials("rs", "the-secret")).ToString(),
            Does.Not.Contain("the-secret"));
}
