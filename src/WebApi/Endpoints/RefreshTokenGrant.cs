using FastApiLearning.WebApi.Contracts;
using Mediator;

namespace FastApiLearning.WebApi.Endpoints;

/// <summary><c>grant_type=refresh_token</c> at <c>/token</c> (RFC 6749 §6).</summary>
public static class RefreshTokenGrant
{
    // FOUNDATION PLACEHOLDER: the refresh helper replaces this body; it must not land as is.
    public static ValueTask<IResult> AnswerAsync(
        TokenForm form, HttpContext httpContext, TokenResults answers, ISender sender, CancellationToken cancellationToken) =>
        ValueTask.FromResult(answers.GrantTypeNotSupported());
}
