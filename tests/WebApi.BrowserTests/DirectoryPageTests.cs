using FastApiLearning.Application.Common.Ports;
using FastApiLearning.WebApi.BrowserTests.Support;
using FastApiLearning.WebApi.Endpoints;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace FastApiLearning.WebApi.BrowserTests;

/// <summary>
/// The directory's pages in Chromium, one person at a time: what each sample user's scopes let them
/// see and do, the forms other sites (or a page without its antiforgery token) cannot use, and the
/// search and edit pages on a phone's width. Each test edits a different record of the one app.
/// </summary>
public sealed class DirectoryPageTests : BrowserTest
{
    private const string NoHorizontalScroll = "() => document.documentElement.scrollWidth";

    [Test]
    public async Task Mary_SearchesOpensAndEditsARecord_AndSeesTheChange()
    {
        await LogInAsync(SampleUsers.Mary, SampleUsers.Password);
        await Page.GetByRole(AriaRole.Link, new() { Name = "Search employees" }).ClickAsync();
        await Page.GetByLabel("Last name").FillAsync("malin");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "Maliniak, Kyoichi" }).ClickAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "Edit" }).ClickAsync();
        await Page.GetByLabel("First name").FillAsync("Kyoko");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Page.WaitForURLAsync(Url($"/directory/{SampleUsers.KyoichiNo}?notice=saved"));
        await Expect(Page.Locator("#full-name")).ToHaveTextAsync("Kyoko Maliniak");
        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your changes have been saved.");
        AssertNoCspViolations();
    }

    [Test]
    public async Task BeHai_EditsHisOwnName_FromMyDetails()
    {
        await LogInAsync(SampleUsers.Behai, SampleUsers.Password);
        await Page.GetByRole(AriaRole.Link, new() { Name = "My details" }).ClickAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "Edit" }).ClickAsync();
        await Expect(Page.GetByLabel("Email")).ToHaveAttributeAsync("readonly", "");
        await Page.GetByLabel("Last name").FillAsync("Nguyen");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Page.WaitForURLAsync(Url("/me?notice=saved"));
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "My details" })).ToBeVisibleAsync();
        await Expect(Page.Locator("#full-name")).ToHaveTextAsync("Be Hai Nguyen");
        AssertNoCspViolations();
    }

    [Test]
    public async Task Pranav_ReadOnly_HasNoEditLink_AndGetsThe403PageAtTheEditUrl()
    {
        await LogInAsync(SampleUsers.Pranav, SampleUsers.Password);
        await Page.GetByRole(AriaRole.Link, new() { Name = "My details" }).ClickAsync();
        await Expect(Page.Locator("#full-name")).ToHaveTextAsync("Pranav Furedi");
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Edit" })).ToHaveCountAsync(0);

        var response = await Page.GotoAsync(Url($"/directory/{SampleUsers.PranavNo}/edit"));

        Assert.That(response?.Status, Is.EqualTo(403));
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Not allowed" })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("user:write");
        AssertNoCspViolations();
    }

    [Test]
    public async Task Moss_WithNoScope_GetsAClearPage()
    {
        await LogInAsync(SampleUsers.Moss, SampleUsers.Password);
        await Page.WaitForURLAsync(Url("/"));

        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Hello, Moss Shanbhogue" })).ToBeVisibleAsync();
        await Expect(Page.Locator("#no-permissions")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("no permissions beyond seeing who you are"));
        foreach (var link in new[] { "My details", "Search employees", "New employee" })
        {
            await Expect(Page.GetByRole(AriaRole.Link, new() { Name = link })).ToHaveCountAsync(0);
        }

        AssertNoCspViolations();
    }

    [TestCase("localhost", TestName = "EditPost_FromAnotherSite_IsRefused_AndChangesNothing")]
    [TestCase("127.0.0.1", TestName = "EditPost_FromAnotherPortOfTheSameHost_WithTheSessionCookie_IsRefused_AndChangesNothing")]
    public async Task EditPost_FromAnotherOrigin_IsRefused_AndChangesNothing(string attackerHost)
    {
        await LogInAsync(SampleUsers.Mary, SampleUsers.Password);
        await Page.WaitForURLAsync(Url("/"));
        var before = await RecordAsync(SampleUsers.PranavNo);
        var editUrl = Url($"/directory/{SampleUsers.PranavNo}/edit");
        await using var attacker = await ForgedFormSite.StartAsync(editUrl, new Dictionary<string, string>
        {
            ["version"] = before.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["first_name"] = "Forged",
            ["last_name"] = "Furedi",
            ["gender"] = "M",
            ["birth_date"] = "1953-06-07",
            ["hire_date"] = "1985-10-20",
            ["email"] = "attacker@example.com",
        });

        await Page.GotoAsync(attacker.PageUrl(attackerHost));
        await Page.GetByRole(AriaRole.Button, new() { Name = ForgedFormSite.Button }).ClickAsync();

        // The page says why (a navigation across processes may not report its response to Playwright, so the
        // text, which only the cross-site refusal renders, stands for its 403).
        await Page.WaitForURLAsync(editUrl);
        await Expect(Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync(PageForms.CrossSite);
        Assert.That(await RecordAsync(SampleUsers.PranavNo), Is.EqualTo(before));
    }

    [TestCase(null, TestName = "EditPost_WithTheSessionCookieButNoAntiforgeryToken_IsRefused_AndChangesNothing")]
    [TestCase("CfDJ8-not-the-token", TestName = "EditPost_WithTheSessionCookieButAWrongAntiforgeryToken_IsRefused_AndChangesNothing")]
    public async Task EditPost_WithoutAValidAntiforgeryToken_IsRefused_AndChangesNothing(string? token)
    {
        await LogInAsync(SampleUsers.Mary, SampleUsers.Password);
        await Page.WaitForURLAsync(Url("/"));
        var before = await RecordAsync(SampleUsers.PranavNo);
        var editUrl = Url($"/directory/{SampleUsers.PranavNo}/edit");
        await Page.GotoAsync(editUrl);
        // The page's own form, from its own origin, with the cookie: only the token is not what the page rendered.
        var field = Page.Locator("input[name=__RequestVerificationToken]");
        if (token is null)
        {
            await field.EvaluateAsync("input => input.remove()");
        }
        else
        {
            await field.EvaluateAsync("(input, token) => { input.value = token; }", token);
        }

        await Page.GetByLabel("First name").FillAsync("Forged");
        var answer = await Page.RunAndWaitForResponseAsync(
            () => Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync(),
            response => response.Url == editUrl && response.Request.Method == "POST");

        Assert.That(answer.Status, Is.EqualTo(400));
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Form expired" })).ToBeVisibleAsync();
        Assert.That(await RecordAsync(SampleUsers.PranavNo), Is.EqualTo(before));
    }

    [TestCase("/directory?last_name=&first_name=", TestName = "SearchPage_OnA375PxScreen_HasNoHorizontalScroll")]
    [TestCase("/directory/10198/edit", TestName = "EditPage_OnA375PxScreen_HasNoHorizontalScroll")]
    [TestCase("/directory/new", TestName = "NewEmployeePage_OnA375PxScreen_HasNoHorizontalScroll")]
    public async Task Page_OnA375PxScreen_HasNoHorizontalScroll(string path)
    {
        await Page.SetViewportSizeAsync(375, 812);
        await LogInAsync(SampleUsers.Mary, SampleUsers.Password);
        await Page.WaitForURLAsync(Url("/"));

        var response = await Page.GotoAsync(Url(path));
        await SnapshotAsync("375" + path.Replace('/', '-').Replace('?', '-'));

        Assert.That(response?.Status, Is.EqualTo(200));
        Assert.That(await Page.EvaluateAsync<int>(NoHorizontalScroll), Is.LessThanOrEqualTo(375));
        AssertNoCspViolations();
    }

    private async Task<VersionedEmployee> RecordAsync(int empNo)
    {
        var directory = App.Services.GetRequiredService<IEmployeeDirectory>();
        return await directory.FindVersionedAsync(empNo, CancellationToken.None)
            ?? throw new InvalidOperationException($"No employee {empNo}.");
    }
}
