using Microsoft.AspNetCore.Components;

namespace FastApiLearning.WebApi.Pages;

/// <summary>
/// The login page. Its form posts the OAuth2 password grant to <c>/token</c>, the same endpoint
/// Swagger UI's Authorize dialog uses.
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
    public static IResult Result(
        int statusCode = StatusCodes.Status200OK,
        string? email = null,
        string? error = null,
        string? notice = null,
        IReadOnlyDictionary<string, string[]>? fieldErrors = null) =>
        PageResults.Page<LoginPage>(
            new Dictionary<string, object?>
            {
                [nameof(Email)] = email,
                [nameof(Error)] = error,
                [nameof(Notice)] = notice,
                [nameof(FieldErrors)] = fieldErrors,
            },
            statusCode);

    [Parameter]
    public string? Email { get; set; }

    [Parameter]
    public string? Error { get; set; }

    [Parameter]
    public string? Notice { get; set; }

    [Parameter]
    public IReadOnlyDictionary<string, string[]>? FieldErrors { get; set; }

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
}
