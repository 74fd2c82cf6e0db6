using System.Text.Json;
using FastApiLearning.WebApi.BrowserTests.Support;

namespace FastApiLearning.WebApi.BrowserTests;

public sealed class LoginPageTests : BrowserTest
{
    [TestCase(SampleUsers.Behai, "Be Hai Doe", 500222)]
    [TestCase(SampleUsers.Pranav, "Pranav Furedi", 10198)]
    public async Task LogIn_WithSampleUser_GreetsThemAndKeepsTheSession(string email, string name, int empNo)
    {
        await Page.GotoAsync(Url("/login"));
        await SnapshotAsync("login-empty");

        await LogInAsync(email, SampleUsers.Password);

        await Page.WaitForURLAsync(Url("/"));
        Assert.That(await Page.Locator("h1").TextContentAsync(), Is.EqualTo($"Hello, {name}"));
        Assert.That(await Page.Locator("#email").TextContentAsync(), Is.EqualTo(email));
        Assert.That(await Page.TitleAsync(), Does.Contain(name));
        await SnapshotAsync("home");

        await Page.ReloadAsync();
        Assert.That(Page.Url, Is.EqualTo(Url("/")));
        Assert.That(await Page.Locator("h1").TextContentAsync(), Is.EqualTo($"Hello, {name}"));

        var response = await Page.GotoAsync(Url("/users/me"));
        Assert.That(response?.Status, Is.EqualTo(200));
        using var json = JsonDocument.Parse(await Page.Locator("body").InnerTextAsync());
        Assert.That(json.RootElement.GetProperty("email").GetString(), Is.EqualTo(email));
        Assert.That(json.RootElement.GetProperty("emp_no").GetInt32(), Is.EqualTo(empNo));
        AssertNoCspViolations();
    }

    [Test]
    public async Task LogIn_WithWrongPassword_ShowsTheMessageAndKeepsTheEmail()
    {
        await LogInAsync(SampleUsers.Behai, "wrong-password");

        await Assertions.Expect(Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Incorrect username or password");
        Assert.That(new Uri(Page.Url).AbsolutePath, Is.EqualTo("/token"));
        Assert.That(await Page.TitleAsync(), Does.StartWith("Log in"));
        Assert.That(await Page.GetByLabel("Email").InputValueAsync(), Is.EqualTo(SampleUsers.Behai));
        Assert.That(await Page.GetByLabel("Password").InputValueAsync(), Is.Empty);
        await SnapshotAsync("login-error");
        AssertNoCspViolations();
    }

    [Test]
    public async Task LogIn_WithWrongPassword_PutsTheFocusOnThePasswordToTypeAgain()
    {
        await LogInAsync(SampleUsers.Behai, "wrong-password");
        await Assertions.Expect(Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Incorrect username or password");

        await Assertions.Expect(Page.GetByLabel("Password")).ToBeFocusedAsync();
        await Page.Keyboard.TypeAsync(SampleUsers.Password);
        await Page.Keyboard.PressAsync("Enter");

        await Page.WaitForURLAsync(Url("/"));
        Assert.That(await Page.Locator("h1").TextContentAsync(), Is.EqualTo("Hello, Be Hai Doe"));
        AssertNoCspViolations();
    }

    [Test]
    public async Task LogIn_WithKeyboardOnly_Works()
    {
        await Page.GotoAsync(Url("/login"));

        // The email field has the focus when the page opens (waited for: autofocus lands after load).
        await Assertions.Expect(Page.GetByLabel("Email")).ToBeFocusedAsync();
        await Page.Keyboard.TypeAsync(SampleUsers.Pranav);
        await Page.Keyboard.PressAsync("Tab");
        await Page.Keyboard.TypeAsync(SampleUsers.Password);
        await Page.Keyboard.PressAsync("Enter");

        await Page.WaitForURLAsync(Url("/"));
        Assert.That(await Page.Locator("h1").TextContentAsync(), Is.EqualTo("Hello, Pranav Furedi"));
    }

    [Test]
    public async Task LogOut_ShowsLoginWithMessage_AndBackThenHomeDoesNotShowTheHomePage()
    {
        await LogInAsync(SampleUsers.Behai, SampleUsers.Password);
        await Page.WaitForURLAsync(Url("/"));

        await Page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();

        await Page.WaitForURLAsync(Url("/login?notice=logged-out"));
        await Assertions.Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("You have been logged out");

        await Page.GoBackAsync();
        await Page.GotoAsync(Url("/"));
        Assert.That(new Uri(Page.Url).AbsolutePath, Is.EqualTo("/login"));
        Assert.That(await Page.Locator("h1").TextContentAsync(), Is.EqualTo("Log in"));
        Assert.That(await Page.Locator("text=Hello,").CountAsync(), Is.Zero);
    }

    [Test]
    public async Task CrossSiteFormPostToToken_DoesNotLogTheBrowserIn()
    {
        // A page on another origin that posts the login form to the app, as a login-CSRF attack would.
        var attacker = "http://attacker.test/";
        await Page.RouteAsync(attacker + "**", route => route.FulfillAsync(new RouteFulfillOptions
        {
            ContentType = "text/html",
            Body = $"""
                <!DOCTYPE html><title>Win a prize</title>
                <form id="f" method="post" action="{Url("/token")}">
                  <input name="username" value="{SampleUsers.Behai}">
                  <input name="password" value="{SampleUsers.Password}">
                </form>
                <button id="go" onclick="document.getElementById('f').submit()">Claim</button>
                """,
        }));
        await Page.GotoAsync(attacker);

        var answer = await Page.RunAndWaitForResponseAsync(() => Page.ClickAsync("#go"), Url("/token"));

        // Refused as cross-site before anything else (it would fail its antiforgery check too).
        Assert.That(answer.Status, Is.EqualTo(403));
        var cookies = await Page.Context.CookiesAsync([Url("/")]);
        Assert.That(cookies.Select(c => c.Name), Has.None.EqualTo("fal_session"));
        await Page.GotoAsync(Url("/"));
        Assert.That(new Uri(Page.Url).AbsolutePath, Is.EqualTo("/login"));
    }
}
