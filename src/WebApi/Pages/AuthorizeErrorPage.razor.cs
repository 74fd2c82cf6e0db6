using Microsoft.AspNetCore.Components;

namespace FastApiLearning.WebApi.Pages;

/// <summary>
/// An authorization request whose client or redirect URI cannot be trusted (RFC 6749 §4.1.2.1): the error is
/// shown here, never sent to the redirect URI, so that <c>/authorize</c> cannot be made an open redirect.
/// </summary>
public sealed partial class AuthorizeErrorPage
{
    public const string Title = "Cannot authorize this application";

    public static IResult Result(string message) =>
        PageResults.Page<AuthorizeErrorPage>(
            new Dictionary<string, object?> { [nameof(Message)] = message },
            StatusCodes.Status400BadRequest);

    [Parameter, EditorRequired]
    public string Message { get; set; } = "";
}
