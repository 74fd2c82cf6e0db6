using FastApiLearning.Application.Auth.Clients;
using FastApiLearning.Application.Auth.RedeemCode;
using FluentValidation.TestHelper;

namespace FastApiLearning.Application.UnitTests.Auth.RedeemCode;

public sealed class RedeemCodeCommandValidatorTests
{
    private readonly RedeemCodeCommandValidator _validator = new();

    [Test]
    public void Validate_WhenCodeAndRedirectUriAreThere_HasNoErrors() =>
        _validator.TestValidate(Command()).ShouldNotHaveAnyValidationErrors();

    [Test]
    public void Validate_WhenTheVerifierIsMissing_HasNoErrors_TheHandlerRefusesTheGrant() =>
        _validator.TestValidate(Command() with { CodeVerifier = null }).ShouldNotHaveAnyValidationErrors();

    [TestCase("", "code is required")]
    [TestCase("ccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc", "code must be at most 128 characters")]
    public void Validate_WhenTheCodeIsMissingOrTooLong_HasACodeError(string code, string message) =>
        _validator.TestValidate(Command() with { Code = code }).ShouldHaveValidationErrorFor("code").WithErrorMessage(message);

    [Test]
    public void Validate_WhenTheRedirectUriIsMissing_HasARedirectUriError() =>
        _validator.TestValidate(Command() with { RedirectUri = "" }).ShouldHaveValidationErrorFor("redirect_uri");

    private static RedeemCodeCommand Command() => new("code", "https://client.example/callback", new string('v', 43), new ClientCredentials("public", null));
}
