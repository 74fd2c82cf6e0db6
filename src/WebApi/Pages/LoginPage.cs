using System.Text;

namespace FastApiLearning.WebApi.Pages;

/// <summary>
/// The login page. Its form posts the OAuth2 password grant to <c>/token</c>, the same endpoint
/// Swagger UI's Authorize dialog uses.
/// </summary>
public static class LoginPage
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

    /// <summary>The email a browser form sent, to put back in its field.</summary>
    public static string? EmailFrom(HttpRequest request) =>
        request.HasFormContentType ? request.Form["username"].ToString() : null;

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
        PageResults.Html(httpContext => Render(HtmlLayout.AntiforgeryField(httpContext), email, error, notice, fieldErrors), statusCode);

    private static string Render(
        string antiforgeryField,
        string? email,
        string? error,
        string? notice,
        IReadOnlyDictionary<string, string[]>? fieldErrors)
    {
        var main = new StringBuilder();
        main.Append($$"""
                <h1>{{Title}}</h1>
                <p class="lead">Sign in with your employee email.</p>
            """).Append('\n');
        if (!string.IsNullOrEmpty(notice))
        {
            main.Append($"""    <p class="message notice" role="status">{HtmlLayout.Encode(notice)}</p>""").Append('\n');
        }

        if (!string.IsNullOrEmpty(error))
        {
            main.Append($"""    <p class="message" role="alert">{HtmlLayout.Encode(error)}</p>""").Append('\n');
        }

        main.Append($$"""
                <form method="post" action="/token" novalidate>
                  {{antiforgeryField}}
                  <input type="hidden" name="grant_type" value="password">
                  <label for="username">Email</label>
                  <input id="username" name="username" type="email" autocomplete="username" required autofocus value="{{HtmlLayout.Encode(email)}}"{{Invalid(fieldErrors, "username")}}>
                  {{FieldError(fieldErrors, "username")}}
                  <label for="password">Password</label>
                  <input id="password" name="password" type="password" autocomplete="current-password" required{{Invalid(fieldErrors, "password")}}>
                  {{FieldError(fieldErrors, "password")}}
                  <button type="submit">Log in</button>
                </form>
            """);
        return HtmlLayout.Render(Title, main.ToString());
    }

    private static string Invalid(IReadOnlyDictionary<string, string[]>? errors, string field) =>
        errors?.ContainsKey(field) == true ? $" aria-invalid=\"true\" aria-describedby=\"{field}-error\"" : "";

    private static string FieldError(IReadOnlyDictionary<string, string[]>? errors, string field) =>
        errors?.TryGetValue(field, out var messages) == true
            ? $"<p class=\"field-error\" id=\"{field}-error\">{HtmlLayout.Encode(string.Join(" ", messages))}</p>"
            : "";
}
