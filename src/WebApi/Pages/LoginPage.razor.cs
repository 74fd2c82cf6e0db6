using FastApiLearning.Application.Common.Ports;
using FastApiLearning.WebApi.Http;
using Microsoft.AspNetCore.Components;

namespace FastApiLearning.WebApi.Pages;

/// <summary>
/// The login page. Its form posts the OAuth2 password grant to <c>/token</c>, the same endpoint
/// Swagger UI's Authorize dialog uses. Shown for an authorization request, it carries the way back to it
/// (<see cref="AuthorizeReturn"/>) through every answer of the login, and lets its form end at that client.
/// </summary>
public sealed partial class LoginPage
{
    public const string Title = "Log in";
    public const string SessionExpired = "Your session has expired, please log in again";
    public const string LoggedOut = "You have been logged out";
    public const string FormExpired = "This form has expired. Please reload the page and try again.";
    public const string CrossSite = "This form was sent from another site and has been refused. Please log in on this page.";

    /// <summary>The notices <c>/login?notice=…</c> may show: fixed texts, so nothing from the URL is echoed.</summary>
    public static string? NoticeFor(string? code) => code switch
    {
        "expired" => SessionExpired,
        "logged-out" => LoggedOut,
        _ => null,
    };

    /// <param name="email">Kept in its field after a failed attempt; the password never is.</param>
    /// <param name="error">Why the last attempt failed.</param>
    /// <param name="notice">News that is not an error (logged out, session expired).</param>
    /// <param name="fieldErrors">Messages keyed by form field.</param>
    /// <param name="returnTo">
    /// The authorization request to return to after the login (<c>/authorize?…</c>); when null, the one the
    /// login form posted, if any (a failed attempt shows the page again with it).
    /// </param>
    public static IResult Result(
        int statusCode = StatusCodes.Status200OK,
        string? email = null,
        string? error = null,
        string? notice = null,
        IReadOnlyDictionary<string, string[]>? fieldErrors = null,
        string? returnTo = null) =>
        new ReturningResult(returnTo, resolved => PageResults.Page<LoginPage>(
            new Dictionary<string, object?>
            {
                [nameof(Email)] = email,
                [nameof(Error)] = error,
                [nameof(Notice)] = notice,
                [nameof(FieldErrors)] = fieldErrors,
                [nameof(ReturnTo)] = resolved,
            },
            statusCode));

    [Parameter]
    public string? Email { get; set; }

    [Parameter]
    public string? Error { get; set; }

    [Parameter]
    public string? Notice { get; set; }

    [Parameter]
    public IReadOnlyDictionary<string, string[]>? FieldErrors { get; set; }

    /// <summary>A checked <c>/authorize?…</c> path, sent back with the form; null on a plain login.</summary>
    [Parameter]
    public string? ReturnTo { get; set; }

    /// <summary>
    /// After a failed attempt the email is still in its field and the password is what to type again;
    /// a field the validator refused comes first. No script: the autofocus attribute.
    /// </summary>
    private bool FocusPassword =>
        MessagesFor("username") is null
        && (MessagesFor("password") is not null || (!string.IsNullOrEmpty(Error) && !string.IsNullOrEmpty(Email)));

    private string[]? MessagesFor(string field) => FieldErrors?.GetValueOrDefault(field);

    // Null leaves the attribute out.
    private string? Invalid(string field) => MessagesFor(field) is null ? null : "true";

    private string? DescribedBy(string field) => MessagesFor(field) is null ? null : field + "-error";

    /// <summary>
    /// Decides the return target when the answer is written (the posted form is read by then), and for an
    /// authorization request lets this page's form end at the client's registered redirect origin: after
    /// <c>/token</c> and <c>/authorize</c> the browser lands there, and Chrome checks <c>form-action</c> all the way.
    /// </summary>
    private sealed class ReturningResult(string? returnTo, Func<string?, IResult> page) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var resolved = AuthorizeReturn.Validate(returnTo) ?? AuthorizeReturn.FromForm(httpContext);
            if (resolved is not null
                && AuthorizeReturn.RedirectOriginOf(resolved, httpContext.RequestServices.GetRequiredService<IClientRegistry>()) is { } origin)
            {
                SecurityHeadersMiddleware.AllowFormAction(httpContext, origin);
            }

            return page(resolved).ExecuteAsync(httpContext);
        }
    }
}
