using FastApiLearning.WebApi.Contracts;
using Mediator;

namespace FastApiLearning.WebApi.Endpoints;

/// <summary><c>grant_type=authorization_code</c> at <c>/token</c> (RFC 6749 §4.1.3, RFC 7636 §4.5).</summary>
public static class AuthorizationCodeGrant
{
    // FOUNDATION PLACEHOLDER: the authorization-code helper replaces this body; it must not land as is.
    public static ValueTask<IResult> AnswerAsync(
        TokenForm form, HttpContext httpContext, TokenResults answers, ISender sender, CancellationToken cancellationToken) =>
        ValueTask.FromResult(answers.GrantTypeNotSupported());
}
