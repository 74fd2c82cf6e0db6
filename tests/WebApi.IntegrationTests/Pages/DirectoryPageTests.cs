using System.Net;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Application.Employees;
using FastApiLearning.WebApi.IntegrationTests.Support;
using FastApiLearning.WebApi.Pages;
using Microsoft.Extensions.DependencyInjection;

namespace FastApiLearning.WebApi.IntegrationTests.Pages;

/// <summary>
/// The directory's pages over HTTP as a browser sends it (session cookie, antiforgery field, Accept: text/html):
/// who gets which links and which 403 pages, post/redirect/get after every save, and the answers to a stale
/// version, a duplicate email, invalid fields and forms that are not the page's own.
/// </summary>
public sealed partial class DirectoryPageTests
{
    private const string Mary = "mary.sluis.10011@gmail.com";
    private const string Kyoichi = "kyoichi.maliniak.10005@gmail.com";
    private const string Moss = "moss.shanbhogue.10045@gmail.com";
    private const int BehaiNo = 500222;
    private const int PranavNo = 10198;
    private const int KyoichiNo = 10005;
    private const int MaryNo = 10011;

    private ApiFactory _factory = null!;

    [OneTimeSetUp]
    public void StartApp() => _factory = new ApiFactory();

    [OneTimeTearDown]
    public void StopApp() => _factory.Dispose();

    private static IEnumerable<TestCaseData> HomeLinks()
    {
        yield return new TestCaseData(Mary, new[] { "/me", "/directory", "/directory/new" }).SetArgDisplayNames("Mary, super:*");
        yield return new TestCaseData(Kyoichi, new[] { "/me", "/directory", "/directory/new" }).SetArgDisplayNames("Kyoichi, admin:read admin:write");
        yield return new TestCaseData(Forms.Behai, new[] { "/me" }).SetArgDisplayNames("Be Hai, user:read user:write");
        yield return new TestCaseData(Forms.Pranav, new[] { "/me" }).SetArgDisplayNames("Pranav, user:read");
        yield return new TestCaseData(Moss, Array.Empty<string>()).SetArgDisplayNames("Moss, no scope");
    }

    [TestCaseSource(nameof(HomeLinks))]
    public async Task Home_ShowsOnlyTheLinksTheScopesAllow(string email, string[] links)
    {
        using var browser = await LogInAsync(email);

        var (html, _) = await browser.GetPageAsync("/");

        Assert.That(ActionLinks(html), Is.EqualTo(links));
        Assert.That(html.Contains(HomePage.NoPermissions, StringComparison.Ordinal), Is.EqualTo(links.Length == 0),
            "the clear message only for an account with no scope");
    }

    [TestCase("/me")]
    [TestCase("/directory")]
    [TestCase("/directory?last_name=s")]
    [TestCase("/directory/10011")]
    [TestCase("/directory/10011/edit")]
    [TestCase("/directory/new")]
    public async Task Get_WithoutSession_RedirectsToLogin(string path)
    {
        using var browser = BrowserClient.For(_factory);

        using var response = await browser.Http.GetAsync(path);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.SeeOther));
        Assert.That(response.Headers.Location?.ToString(), Is.EqualTo("/login"));
    }

    private static IEnumerable<TestCaseData> Forbidden()
    {
        yield return Row(Forms.Pranav, "/directory", "admin:read");
        yield return Row(Forms.Pranav, "/directory?last_name=s", "admin:read");
        yield return Row(Forms.Pranav, $"/directory/{PranavNo}/edit", "user:write");
        yield return Row(Forms.Pranav, $"/directory/{MaryNo}", "admin:read");
        yield return Row(Forms.Behai, $"/directory/{MaryNo}/edit", "admin:write");
        yield return Row(Forms.Behai, "/directory/new", "admin:write");
        yield return Row(Moss, "/me", "user:read");
        yield return Row(Moss, "/directory", "admin:read");

        static TestCaseData Row(string email, string path, string scope) =>
            new TestCaseData(email, path, scope).SetArgDisplayNames(email.Split('@')[0], path);
    }

    [TestCaseSource(nameof(Forbidden))]
    public async Task Get_WithTooFewScopes_ShowsThe403Page(string email, string path, string scope)
    {
        using var browser = await LogInAsync(email);

        using var response = await browser.Http.GetAsync(path);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        Assert.That(Responses.Header(response, "Cache-Control"), Is.EqualTo("no-store"));
        var html = await response.Content.ReadAsStringAsync();
        Assert.That(html, Does.Contain($"<h1>{ErrorPage.ForbiddenHeading}</h1>"));
        Assert.That(html, Does.Contain(HtmlEncoder.Default.Encode(ErrorPage.ForbiddenMessage(scope))));
    }

    [Test]
    public async Task RecordPage_ForAReadOnlyOwner_HasNoEditLink_AndAnEditorsHasOne()
    {
        using var pranav = await LogInAsync(Forms.Pranav);
        using var mary = await LogInAsync(Mary);

        var (own, _) = await pranav.GetPageAsync("/me");
        var (other, _) = await mary.GetPageAsync($"/directory/{PranavNo}");

        Assert.That(own, Does.Contain("<h1>My details</h1>").And.Not.Contain("id=\"edit-link\""));
        Assert.That(other, Does.Contain($"href=\"/directory/{PranavNo}/edit\" id=\"edit-link\""));
    }

    [Test]
    public async Task Search_ByTheStartOfALastName_ListsTheMatchesLinkingToTheirRecords()
    {
        using var mary = await LogInAsync(Mary);

        using var response = await mary.Http.GetAsync("/directory?last_name=SLU&first_name=");
        var html = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(html, Does.Contain($"<a href=\"/directory/{MaryNo}\">Sluis, Mary</a>"));
        Assert.That(html, Does.Contain("1 employee matches"));
    }

    [Test]
    public async Task Search_APageInTheMiddle_LinksToThePagesBeforeAndAfter_KeepingTheSearch()
    {
        using var mary = await LogInAsync(Mary);

        var (html, _) = await mary.GetPageAsync("/directory?last_name=&first_name=&page=2&page_size=2");

        Assert.That(Regex.Matches(html, "<tr><td><a href=\"/directory/"), Has.Count.EqualTo(2));
        Assert.That(html, Does.Match("""\d+ employees match; 3 to 4 shown"""));
        Assert.That(html, Does.Contain("""<a href="/directory?last_name=&amp;first_name=&amp;page=1&amp;page_size=2" rel="prev">Previous</a>"""));
        Assert.That(html, Does.Contain("""<a href="/directory?last_name=&amp;first_name=&amp;page=3&amp;page_size=2" rel="next">Next</a>"""));
    }

    [Test]
    public async Task Search_WithAPageThatIsNotANumber_ShowsTheMessageBesideTheForm()
    {
        using var mary = await LogInAsync(Mary);

        using var response = await mary.Http.GetAsync("/directory?last_name=s&page=two");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("""<p class="field-error" id="page-error">page must be between 1 and"""));
    }

    [Test]
    public async Task Search_WithANameTooLong_ShowsTheMessageBesideTheField()
    {
        using var mary = await LogInAsync(Mary);

        using var response = await mary.Http.GetAsync("/directory?last_name=" + new string('x', 51));
        var html = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(html, Does.Contain("""<p class="field-error" id="last_name-error">last_name must be at most 50 characters</p>"""));
    }

    [Test]
    public async Task Edit_BySuper_RedirectsWithSeeOther_ToTheRecordShowingTheChange()
    {
        using var mary = await LogInAsync(Mary);
        var form = await OpenEditFormAsync(mary, KyoichiNo);

        using var response = await PostAsync(mary, $"/directory/{KyoichiNo}/edit", form with { Fields = form.Fields.With("first_name", "Kyo") });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.SeeOther));
        Assert.That(response.Headers.Location?.ToString(), Is.EqualTo($"/directory/{KyoichiNo}?notice=saved"));
        var (html, _) = await mary.GetPageAsync($"/directory/{KyoichiNo}?notice=saved");
        Assert.That(html, Does.Contain("<dd id=\"full-name\">Kyo Maliniak</dd>"));
        Assert.That(html, Does.Contain(EmployeeRecordPage.Saved));
    }

    [Test]
    public async Task Edit_OfOwnNamesWithUserWrite_RedirectsToMyDetails()
    {
        using var behai = await LogInAsync(Forms.Behai);
        var form = await OpenEditFormAsync(behai, BehaiNo);
        Assert.That(form.Html, Does.Contain("id=\"email\"").And.Match("""id="email"[^>]* readonly"""), "the email cannot be changed");

        using var response = await PostAsync(behai, $"/directory/{BehaiNo}/edit", form with { Fields = form.Fields.With("last_name", "Nguyen") });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.SeeOther));
        Assert.That(response.Headers.Location?.ToString(), Is.EqualTo("/me?notice=saved"));
        var (html, _) = await behai.GetPageAsync("/me?notice=saved");
        Assert.That(html, Does.Contain("<dd id=\"full-name\">Be Hai Nguyen</dd>"));
    }

    [Test]
    public async Task Edit_OfOwnEmailWithUserWriteOnly_ShowsThe403Page_AndChangesNothing()
    {
        using var behai = await LogInAsync(Forms.Behai);
        var form = await OpenEditFormAsync(behai, BehaiNo);
        var before = await RecordAsync(BehaiNo);

        using var response = await PostAsync(behai, $"/directory/{BehaiNo}/edit", form with { Fields = form.Fields.With("email", "someone.else@example.com") });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain(HtmlEncoder.Default.Encode(ErrorPage.ForbiddenMessage("admin:write"))));
        Assert.That(await RecordAsync(BehaiNo), Is.EqualTo(before));
    }

    [Test]
    public async Task Edit_WithAStaleVersion_Shows409WithTheCurrentValues_AndOverwritesNothing()
    {
        using var mary = await LogInAsync(Mary);
        var first = await OpenEditFormAsync(mary, PranavNo);
        var second = await OpenEditFormAsync(mary, PranavNo);
        using (var saved = await PostAsync(mary, $"/directory/{PranavNo}/edit", first with { Fields = first.Fields.With("first_name", "Pran") }))
        {
            Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.SeeOther));
        }

        using var response = await PostAsync(mary, $"/directory/{PranavNo}/edit", second with { Fields = second.Fields.With("first_name", "Stale") });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        var html = await response.Content.ReadAsStringAsync();
        Assert.That(html, Does.Contain(HtmlEncoder.Default.Encode(EmployeeFormPage.StaleMessage)));
        Assert.That(html, Does.Match("""id="first_name"[^>]* value="Pran"""));
        Assert.That(VersionIn(html), Is.Not.EqualTo(second.Fields["version"]), "the form carries the current version");
        Assert.That((await RecordAsync(PranavNo))?.FirstName, Is.EqualTo("Pran"));
    }

    [Test]
    public async Task Edit_ToAnotherEmployeesEmail_Shows409WithTheMessageBesideTheEmail()
    {
        using var mary = await LogInAsync(Mary);
        var form = await OpenEditFormAsync(mary, KyoichiNo);

        using var response = await PostAsync(mary, $"/directory/{KyoichiNo}/edit", form with { Fields = form.Fields.With("email", Forms.Pranav) });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        var html = await response.Content.ReadAsStringAsync();
        Assert.That(html, Does.Contain($"""<p class="field-error" id="email-error">{HtmlEncoder.Default.Encode(EmployeeRules.EmailTakenMessage)}</p>"""));
        Assert.That(html, Does.Match("""id="email"[^>]* aria-invalid="true" aria-describedby="email-error"""));
    }

    [Test]
    public async Task Edit_WithInvalidFields_Shows400WithEachMessageBesideItsField()
    {
        using var mary = await LogInAsync(Mary);
        var form = await OpenEditFormAsync(mary, KyoichiNo);

        using var response = await PostAsync(mary, $"/directory/{KyoichiNo}/edit",
            form with { Fields = form.Fields.With("first_name", "").With("gender", "X").With("hire_date", "1950-01-01") });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var html = await response.Content.ReadAsStringAsync();
        Assert.That(html, Does.Contain("""<p class="field-error" id="first_name-error">first_name is required</p>"""));
        Assert.That(html, Does.Contain("""<p class="field-error" id="gender-error">gender must be M or F</p>"""));
        Assert.That(html, Does.Contain("""<p class="field-error" id="hire_date-error">hire_date must not be before the 14th birthday</p>"""));
    }

    [TestCase(null, TestName = "Edit_WithoutTheAntiforgeryField_IsRefused_AndChangesNothing")]
    [TestCase("not-the-token", TestName = "Edit_WithAWrongAntiforgeryToken_IsRefused_AndChangesNothing")]
    public async Task Edit_WithoutAValidAntiforgeryToken_IsRefused_AndChangesNothing(string? token)
    {
        using var mary = await LogInAsync(Mary);
        var form = await OpenEditFormAsync(mary, KyoichiNo);
        var before = await RecordAsync(KyoichiNo);
        var fields = form.Fields.With("last_name", "Forged").Without(AntiforgeryField);
        if (token is not null)
        {
            fields = fields.With(AntiforgeryField, token);
        }

        using var response = await PostAsync(mary, $"/directory/{KyoichiNo}/edit", form with { Fields = fields });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain(HtmlEncoder.Default.Encode(LoginPage.FormExpired)));
        Assert.That(await RecordAsync(KyoichiNo), Is.EqualTo(before));
    }

    [Test]
    public async Task Edit_FromAnotherOrigin_IsRefusedWith403_AndChangesNothing()
    {
        using var mary = await LogInAsync(Mary);
        var form = await OpenEditFormAsync(mary, KyoichiNo);
        var before = await RecordAsync(KyoichiNo);

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/directory/{KyoichiNo}/edit")
        {
            Content = new FormUrlEncodedContent(form.Fields.With("last_name", "Forged")),
        };
        request.Headers.Add("Origin", "http://evil.example");
        using var response = await mary.Http.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain(HtmlEncoder.Default.Encode(WebApi.Endpoints.PageForms.CrossSite)));
        Assert.That(await RecordAsync(KyoichiNo), Is.EqualTo(before));
    }

    [Test]
    public async Task NewEmployee_ByAdmin_RedirectsWithSeeOther_ToTheNewRecord()
    {
        using var kyoichi = await LogInAsync(Kyoichi);
        var (html, token) = await kyoichi.GetPageAsync(EmployeeFormPage.NewUrl);
        Assert.That(html, Does.Contain("<h1>New employee</h1>"));

        using var response = await kyoichi.Http.PostAsync(EmployeeFormPage.NewUrl, new FormUrlEncodedContent(NewEmployee(token, "georgi.new@example.com", "a long enough passphrase")));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.SeeOther));
        var location = response.Headers.Location?.ToString() ?? "";
        Assert.That(location, Does.Match("""^/directory/\d+\?notice=created$"""));
        var (record, _) = await kyoichi.GetPageAsync(location);
        Assert.That(record, Does.Contain("<dd id=\"email\">georgi.new@example.com</dd>").And.Contain(EmployeeRecordPage.Created));
    }

    [Test]
    public async Task NewEmployee_WithAShortPassword_Shows400WithTheMessageBesideThePassword_AndNeverEchoesIt()
    {
        using var mary = await LogInAsync(Mary);
        var (_, token) = await mary.GetPageAsync(EmployeeFormPage.NewUrl);

        using var response = await mary.Http.PostAsync(EmployeeFormPage.NewUrl, new FormUrlEncodedContent(NewEmployee(token, "short.pw@example.com", "tooShort#1")));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var html = await response.Content.ReadAsStringAsync();
        Assert.That(html, Does.Contain("""<p class="field-error" id="password-error">password must be at least 15 characters</p>"""));
        Assert.That(html, Does.Not.Contain("tooShort#1"));
        Assert.That(html, Does.Match("""id="email"[^>]* value="short.pw@example.com"""), "the other fields are kept");
    }

    [Test]
    public async Task NewEmployee_WithATakenEmail_Shows409WithTheMessageBesideTheEmail()
    {
        using var mary = await LogInAsync(Mary);
        var (_, token) = await mary.GetPageAsync(EmployeeFormPage.NewUrl);

        using var response = await mary.Http.PostAsync(EmployeeFormPage.NewUrl, new FormUrlEncodedContent(NewEmployee(token, Forms.Behai, "a long enough passphrase")));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(await response.Content.ReadAsStringAsync(),
            Does.Contain($"""<p class="field-error" id="email-error">{HtmlEncoder.Default.Encode(EmployeeRules.EmailTakenMessage)}</p>"""));
    }

    [Test]
    public async Task NewEmployee_PostedWithUserWriteOnly_ShowsThe403Page()
    {
        using var behai = await LogInAsync(Forms.Behai);
        var (_, token) = await behai.GetPageAsync("/");

        using var response = await behai.Http.PostAsync(EmployeeFormPage.NewUrl, new FormUrlEncodedContent(NewEmployee(token, "sneaky@example.com", "a long enough passphrase")));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain($"<h1>{ErrorPage.ForbiddenHeading}</h1>"));
    }

    private const string AntiforgeryField = "__RequestVerificationToken";

    private sealed record EditForm(string Html, Dictionary<string, string> Fields);

    private async Task<BrowserClient> LogInAsync(string email)
    {
        var browser = BrowserClient.For(_factory);
        await browser.LogInAsync(email);
        return browser;
    }

    /// <summary>The edit form's fields as the page filled them in (what a browser would send unchanged).</summary>
    private static async Task<EditForm> OpenEditFormAsync(BrowserClient browser, int empNo)
    {
        using var response = await browser.Http.GetAsync($"/directory/{empNo}/edit");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the edit form");
        var html = await response.Content.ReadAsStringAsync();
        var fields = InputValue().Matches(html).ToDictionary(
            match => WebUtility.HtmlDecode(match.Groups["name"].Value), match => WebUtility.HtmlDecode(match.Groups["value"].Value));
        fields["gender"] = SelectedGender().Match(html).Groups["value"].Value;
        return new EditForm(html, fields);
    }

    private static Task<HttpResponseMessage> PostAsync(BrowserClient browser, string path, EditForm form) =>
        browser.Http.PostAsync(path, new FormUrlEncodedContent(form.Fields));

    private static Dictionary<string, string> NewEmployee(string? token, string email, string password) => new()
    {
        [AntiforgeryField] = token ?? "",
        ["first_name"] = "Georgi",
        ["last_name"] = "Facello",
        ["gender"] = "M",
        ["birth_date"] = "1990-09-02",
        ["hire_date"] = "2020-06-26",
        ["email"] = email,
        ["password"] = password,
    };

    /// <summary>The record as the directory holds it now.</summary>
    private async Task<EmployeeProfile?> RecordAsync(int empNo)
    {
        using var scope = _factory.Services.CreateScope();
        var directory = scope.ServiceProvider.GetRequiredService<IEmployeeDirectory>();
        return await directory.FindVersionedAsync(empNo, CancellationToken.None) is { } found ? EmployeeProfile.From(found.Employee) : null;
    }

    private static string VersionIn(string html) => VersionField().Match(html).Groups["value"].Value;

    private static string[] ActionLinks(string html) =>
        [.. ActionList().Match(html).Groups["body"].Value is { Length: > 0 } body
            ? Href().Matches(body).Select(match => match.Groups["href"].Value)
            : []];

    [GeneratedRegex("""<input (?:type="hidden" )?(?:id="[^"]*" )?name="(?<name>[^"]*)"[^>]*? value="(?<value>[^"]*)"[^>]*>""")]
    private static partial Regex InputValue();

    [GeneratedRegex("""<option value="(?<value>[MF])" selected""")]
    private static partial Regex SelectedGender();

    [GeneratedRegex("name=\"version\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex VersionField();

    [GeneratedRegex("""<nav aria-label="What you can do">(?<body>.*?)</nav>""", RegexOptions.Singleline)]
    private static partial Regex ActionList();

    [GeneratedRegex("href=\"(?<href>[^\"]*)\"")]
    private static partial Regex Href();
}

/// <summary>Form fields changed one at a time, the original left as it was.</summary>
internal static class FormFields
{
    public static Dictionary<string, string> With(this Dictionary<string, string> fields, string name, string value) =>
        new(fields) { [name] = value };

    public static Dictionary<string, string> Without(this Dictionary<string, string> fields, string name)
    {
        var copy = new Dictionary<string, string>(fields);
        copy.Remove(name);
        return copy;
    }
}
