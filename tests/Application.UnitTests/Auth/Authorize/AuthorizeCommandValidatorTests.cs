using FastApiLearning.Application.Auth.Authorize;
using FastApiLearning.Application.Common.Ports;
using FluentValidation.TestHelper;

namespace FastApiLearning.Application.UnitTests.Auth.Authorize;

public sealed class AuthorizeCommandValidatorTests
{
    private const string Redirect = "https://client.example/callback";
    private static readonly string s_challenge = Pkce.ChallengeOf(new string('v', 43));
    private static readonly OAuthClient s_client = new("client", "Client", false, [Redirect], ["user:read"], false);

    private AuthorizeCommandValidator _validator = null!;

    [SetUp]
    public void SetUp()
    {
        var clients = new Mock<IClientRegistry>();
        clients.Setup(c => c.Find("client")).Returns(s_client);
        _validator = new AuthorizeCommandValidator(clients.Object);
    }

    [Test]
    public void Validate_WhenTheRequestIsValid_HasNoErrors() =>
        _validator.TestValidate(Command()).ShouldNotHaveAnyValidationErrors();

    [TestCase("")]
    [TestCase("nobody")]
    [TestCase("CLIENT")]
    public void Validate_WhenTheClientIsMissingOrUnknown_HasAClientError(string clientId) =>
        _validator.TestValidate(Command() with { ClientId = clientId }).ShouldHaveValidationErrorFor(AuthorizeCommandValidator.ClientField);

    [TestCase("")]
    [TestCase("https://client.example/callback/")]
    [TestCase("https://client.example/callback?x=1")]
    [TestCase("https://CLIENT.example/callback")]
    [TestCase("https://evil.example/callback")]
    public void Validate_WhenTheRedirectUriIsNotExactlyARegisteredOne_HasARedirectError(string redirectUri) =>
        _validator.TestValidate(Command() with { RedirectUri = redirectUri })
            .ShouldHaveValidationErrorFor(AuthorizeCommandValidator.RedirectField);

    [TestCase("plain", "code_challenge_method must be S256 (plain is not supported)")]
    [TestCase("", "code_challenge_method is required and must be S256")]
    [TestCase("s256", "code_challenge_method must be S256 (plain is not supported)")]
    public void Validate_WhenTheMethodIsNotS256_HasAMethodError(string method, string message) =>
        _validator.TestValidate(Command() with { CodeChallengeMethod = method })
            .ShouldHaveValidationErrorFor("code_challenge_method").WithErrorMessage(message);

    [TestCase("")]
    [TestCase("short")]
    public void Validate_WhenTheChallengeIsMissingOrMalformed_HasAChallengeError(string challenge) =>
        _validator.TestValidate(Command() with { CodeChallenge = challenge }).ShouldHaveValidationErrorFor("code_challenge");

    [TestCase("token")]
    [TestCase("")]
    public void Validate_WhenTheResponseTypeIsNotCode_HasAResponseTypeError(string responseType) =>
        _validator.TestValidate(Command() with { ResponseType = responseType })
            .ShouldHaveValidationErrorFor(AuthorizeCommandValidator.ResponseTypeField);

    [TestCase("root")]
    [TestCase("user:read\u0000")]
    public void Validate_WhenTheScopeIsUnknownOrMalformed_HasAScopeError(string scope) =>
        _validator.TestValidate(Command() with { Scope = scope }).ShouldHaveValidationErrorFor(AuthorizeCommandValidator.ScopeField);

    [Test]
    public void Validate_WhenAParameterWasRepeated_HasARequestError() =>
        _validator.TestValidate(Command() with { Repeated = ["state"] })
            .ShouldHaveValidationErrorFor(AuthorizeCommandValidator.RepeatedField)
            .WithErrorMessage("Each parameter may be sent once; repeated: state");

    private static AuthorizeCommand Command() =>
        new("client", Redirect, "code", "user:read", s_challenge, "S256", EmpNo: 500222);
}
