using System.Net;
using System.Text.RegularExpressions;
using FastApiLearning.WebApi.IntegrationTests.Support;

namespace FastApiLearning.WebApi.IntegrationTests.Pages;

/// <summary>
/// The forms the pages render carry their own antiforgery field, and the app accepts them as they are
/// sent: the field comes from the framework's component, which renders nothing at all when it cannot
/// reach the request.
/// </summary>
public sealed partial class PageFormTests
{
    private const string AntiforgeryField = "__RequestVerificationToken";

    private ApiFactory _factory = null!;

    [OneTimeSetUp]
    public void StartApp() => _factory = new ApiFactory();

    [OneTimeTearDown]
    public void StopApp() => _factory.Dispose();

    public enum LoginPageFrom
    {
        /// <summary>GET /login.</summary>
        Get,

        /// <summary>POST /token with a wrong password: the endpoint renders the page again.</summary>
        FailedLogin,

        /// <summary>POST /token with fields the validator refuses: the exception handler renders it.</summary>
        ValidationError,
    }

    [TestCase(LoginPageFrom.Get)]
    [TestCase(LoginPageFrom.FailedLogin)]
    [TestCase(LoginPageFrom.ValidationError)]
    public async Task LoginForm_HasAnAntiforgeryFieldThatTokenAccepts(LoginPageFrom from)
    {
        using var browser = BrowserClient.For(_factory);
        var html = await OpenLoginPageAsync(browser, from);

        var form = FormsIn(html).Single();
        Assert.That(form.Action, Is.EqualTo("/token"));
        Assert.That(form.Hidden.Keys, Is.EquivalentTo(new[] { AntiforgeryField, "grant_type" }));
        Assert.That(form.Hidden[AntiforgeryField], Is.Not.Empty);
        using var response = await browser.Http.PostAsync("/token", new FormUrlEncodedContent(
            form.Hidden.Append(new("username", Forms.Behai)).Append(new("password", Forms.Password))));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.SeeOther));
        Assert.That(response.Headers.Location?.ToString(), Is.EqualTo("/"));
        Assert.That(Responses.SessionCookie(response), Does.StartWith("fal_session=ey"));
    }

    [TestCase(0, TestName = "HomePage_LogOutForm_HasAnAntiforgeryFieldThatLogoutAccepts")]
    [TestCase(1, TestName = "HomePage_EndEverySessionForm_HasAnAntiforgeryFieldThatLogoutAccepts")]
    public async Task HomePage_LogoutForm_HasAnAntiforgeryFieldThatLogoutAccepts(int index)
    {
        using var browser = BrowserClient.For(_factory);
        await browser.LogInAsync();
        var (html, _) = await browser.GetPageAsync("/");

        var forms = FormsIn(html);
        Assert.That(forms.Select(form => form.Action), Is.EqualTo(new[] { "/logout", "/logout" }));
        Assert.That(forms.Select(form => form.Hidden.Keys.Order()),
            Is.EqualTo(new[] { new[] { AntiforgeryField }, new[] { AntiforgeryField, "everywhere" } }));
        var form = forms[index];
        Assert.That(form.Hidden[AntiforgeryField], Is.Not.Empty);
        using var response = await browser.Http.PostAsync("/logout", new FormUrlEncodedContent(form.Hidden));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.SeeOther));
        Assert.That(response.Headers.Location?.ToString(), Is.EqualTo("/login?notice=logged-out"));
    }

    private static async Task<string> OpenLoginPageAsync(BrowserClient browser, LoginPageFrom from)
    {
        if (from == LoginPageFrom.Get)
        {
            return (await browser.GetPageAsync("/login")).Html;
        }

        using var response = from == LoginPageFrom.FailedLogin
            ? await browser.SubmitLoginAsync(Forms.Behai, "wrong-password")
            : await browser.SubmitLoginAsync("not-an-email", "");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "the login page again");
        return await response.Content.ReadAsStringAsync();
    }

    private sealed record Form(string Action, Dictionary<string, string> Hidden);

    /// <summary>Each POST form of the page, with the hidden fields a browser would send from it.</summary>
    private static List<Form> FormsIn(string html) =>
        [.. FormElement().Matches(html).Select(form => new Form(
            WebUtility.HtmlDecode(form.Groups["action"].Value),
            HiddenInput().Matches(form.Groups["body"].Value).ToDictionary(
                input => WebUtility.HtmlDecode(input.Groups["name"].Value),
                input => WebUtility.HtmlDecode(input.Groups["value"].Value))))];

    [GeneratedRegex("""<form method="post" action="(?<action>[^"]*)"[^>]*>(?<body>.*?)</form>""", RegexOptions.Singleline)]
    private static partial Regex FormElement();

    [GeneratedRegex("""<input type="hidden" name="(?<name>[^"]*)" value="(?<value>[^"]*)"[^>]*>""")]
    private static partial Regex HiddenInput();
}
