using System.Text;

namespace FastApiLearning.WebApi.Pages;

/// <summary>
/// The login page. Its form posts the OAuth2 password grant to <c>/token</c>, the same endpoint
/// Swagger UI's Authorize dialog uses.
/// </summary>
public static class LoginPage
{
    public const string Title = "Log in";

    /// <param name="email">Kept in its field after a failed attempt; the password never is.</param>
    /// <param name="message">A message for the whole form (an error or a notice).</param>
    /// <param name="fieldErrors">Messages keyed by form field.</param>
    public static string Render(
        string? email = null,
        string? message = null,
        IReadOnlyDictionary<string, string[]>? fieldErrors = null)
    {
        var main = new StringBuilder();
        main.Append($$"""
                <h1>{{Title}}</h1>
                <p class="lead">Sign in with your employee email.</p>
            """);
        main.Append('\n');
        if (!string.IsNullOrEmpty(message))
        {
            main.Append($"""    <p class="message" role="alert">{HtmlLayout.Encode(message)}</p>""").Append('\n');
        }

        main.Append($$"""
                <form method="post" action="/token" novalidate>
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
