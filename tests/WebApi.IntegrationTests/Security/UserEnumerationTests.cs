using System.Net;
using System.Text.RegularExpressions;
using FastApiLearning.WebApi.IntegrationTests.Support;

namespace FastApiLearning.WebApi.IntegrationTests.Security;

/// <summary>An unknown email and a wrong password must look the same to the caller, byte for byte.</summary>
public sealed partial class UserEnumerationTests
{
    // As long as Forms.Behai, so that nothing that depends on the length of the email can differ.
    private const string UnknownEmail = "behai_nguyen@hotmail.org";

    private ApiFactory _factory = null!;

    [OneTimeSetUp]
    public void StartApp() => _factory = new ApiFactory();

    [OneTimeTearDown]
    public void StopApp() => _factory.Dispose();

    [Test]
    public async Task PostToken_UnknownEmailAndWrongPassword_AnswerAlikeInStatusBodyAndEveryHeader()
    {
        using var client = _factory.CreateApiClient();

        using var wrongPassword = await client.PostAsync("/token", Forms.Login(Forms.Behai, "wrong-password"));
        using var unknownEmail = await client.PostAsync("/token", Forms.Login(UnknownEmail, "wrong-password"));

        Assert.That(wrongPassword.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(unknownEmail.StatusCode, Is.EqualTo(wrongPassword.StatusCode));
        Assert.That(await unknownEmail.Content.ReadAsByteArrayAsync(), Is.EqualTo(await wrongPassword.Content.ReadAsByteArrayAsync()));
        Assert.That(Responses.HeaderLines(unknownEmail, "Date"), Is.EqualTo(Responses.HeaderLines(wrongPassword, "Date")));
    }

    [Test]
    public async Task PostToken_FromBrowserFormUnknownEmailAndWrongPassword_RenderTheSamePage()
    {
        using var knownBrowser = BrowserClient.For(_factory);
        using var unknownBrowser = BrowserClient.For(_factory);

        using var wrongPassword = await knownBrowser.SubmitLoginAsync(Forms.Behai, "wrong-password");
        using var unknownEmail = await unknownBrowser.SubmitLoginAsync(UnknownEmail, "wrong-password");

        Assert.That(wrongPassword.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(unknownEmail.StatusCode, Is.EqualTo(wrongPassword.StatusCode));
        var knownHtml = Comparable(await wrongPassword.Content.ReadAsStringAsync(), Forms.Behai);
        var unknownHtml = Comparable(await unknownEmail.Content.ReadAsStringAsync(), UnknownEmail);
        Assert.That(unknownHtml, Is.EqualTo(knownHtml));
        Assert.That(knownHtml, Does.Contain("Incorrect username or password"));
        Assert.That(Responses.HeaderNames(unknownEmail, "Date"), Is.EqualTo(Responses.HeaderNames(wrongPassword, "Date")));
        Assert.That(Responses.HeaderLines(unknownEmail, "Date", "Set-Cookie", "Content-Length"),
            Is.EqualTo(Responses.HeaderLines(wrongPassword, "Date", "Set-Cookie", "Content-Length")));
    }

    /// <summary>The page without what legitimately differs: the antiforgery token and the email put back in its field.</summary>
    private static string Comparable(string html, string email)
    {
        var withoutToken = AntiforgeryValue().Replace(html, "name=\"__RequestVerificationToken\" value=\"\"");
        Assert.That(withoutToken, Does.Contain($"value=\"{email}\""), "the page puts the email back in its field");
        return withoutToken.Replace($"value=\"{email}\"", "value=\"{email}\"", StringComparison.Ordinal);
    }

    [GeneratedRegex("""name="__RequestVerificationToken" value="[^"]*"?""")]
    private static partial Regex AntiforgeryValue();
}
