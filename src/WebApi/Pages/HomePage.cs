using System.Globalization;
using FastApiLearning.Application.Users.GetCurrentUser;

namespace FastApiLearning.WebApi.Pages;

/// <summary>Where a browser lands after logging in.</summary>
public static class HomePage
{
    public static IResult Result(UserProfile user) =>
        PageResults.Html(httpContext => HtmlLayout.Render(user.FullName, $$"""
                <h1>Hello, {{HtmlLayout.Encode(user.FullName)}}</h1>
                <p class="lead">You are logged in.</p>
                <dl>
                  <dt>Email</dt><dd id="email">{{HtmlLayout.Encode(user.Email)}}</dd>
                  <dt>Employee no.</dt><dd id="emp-no">{{user.EmpNo.ToString(CultureInfo.InvariantCulture)}}</dd>
                </dl>
                <p>Your token also opens the API: see the <a href="/docs">API documentation</a>
                  or <a href="/users/me">your record as JSON</a>.</p>
                <form method="post" action="/logout">
                  {{HtmlLayout.AntiforgeryField(httpContext)}}
                  <button type="submit" class="secondary">Log out</button>
                </form>
                <form method="post" action="/logout">
                  {{HtmlLayout.AntiforgeryField(httpContext)}}
                  <input type="hidden" name="everywhere" value="true">
                  <button type="submit" class="secondary" id="logout-everywhere">End every session</button>
                </form>
            """));
}
