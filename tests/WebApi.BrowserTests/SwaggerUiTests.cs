using System.Text.RegularExpressions;
using FastApiLearning.WebApi.BrowserTests.Support;

namespace FastApiLearning.WebApi.BrowserTests;

public sealed class SwaggerUiTests : BrowserTest
{
    [Test]
    public async Task Authorize_ThenExecuteUsersMe_ShowsTheUser()
    {
        await Page.GotoAsync(Url("/docs"));

        await AuthorizeAsync(SampleUsers.Behai, SampleUsers.Password);
        await Assertions.Expect(Page.Locator(".auth-container button.modal-btn.auth", new() { HasText = "Logout" })).ToBeVisibleAsync();
        await Page.Locator(".auth-container button.btn-done").ClickAsync();

        var operation = Page.Locator("#operations-users-GetCurrentUser");
        await operation.Locator(".opblock-summary").ClickAsync();
        await operation.GetByRole(AriaRole.Button, new() { Name = "Try it out" }).ClickAsync();
        await operation.GetByRole(AriaRole.Button, new() { Name = "Execute" }).ClickAsync();

        var live = operation.Locator(".live-responses-table");
        await Assertions.Expect(live.Locator("tbody .response-col_status")).ToHaveTextAsync("200");
        await Assertions.Expect(live.Locator("tbody .response-col_description")).ToContainTextAsync(SampleUsers.Behai);
        await SnapshotAsync("swagger-execute");
        AssertNoCspViolations();
    }

    [Test]
    public async Task Authorize_WithWrongPassword_ShowsSwaggerAuthError()
    {
        await Page.GotoAsync(Url("/docs"));

        await AuthorizeAsync(SampleUsers.Behai, "wrong-password");

        var errors = Page.Locator(".auth-container .errors");
        await Assertions.Expect(errors).ToContainTextAsync(new Regex("auth error", RegexOptions.IgnoreCase));
        await Assertions.Expect(errors).ToContainTextAsync("Incorrect username or password");
        await SnapshotAsync("swagger-auth-error");
    }

    private async Task AuthorizeAsync(string username, string password)
    {
        await Page.Locator("button.authorize").First.ClickAsync();
        var dialog = Page.Locator(".auth-container").First;
        await dialog.Locator("#oauth_username").FillAsync(username);
        await dialog.Locator("#oauth_password").FillAsync(password);
        // Swagger UI labels this button "Apply credentials" for assistive technology.
        await dialog.Locator("button.modal-btn.auth.authorize").ClickAsync();
    }
}
