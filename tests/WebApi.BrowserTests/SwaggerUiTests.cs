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
        // The dialog has a block (and a Close button) per flow: password first, then the authorization code.
        await Page.Locator(".auth-container button.btn-done").First.ClickAsync();

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

    [Test]
    public async Task SearchEmployees_AuthorizedWithUserReadOnly_Shows403_AndWithAdminRead_Shows200()
    {
        await Page.GotoAsync(Url("/docs"));
        var operation = Page.Locator("#operations-employees-SearchEmployees");
        await operation.Locator(".opblock-summary").ClickAsync();
        await operation.GetByRole(AriaRole.Button, new() { Name = "Try it out" }).ClickAsync();

        // Mary holds super:*, but the token asked for with only user:read ticked carries user:read.
        await AuthorizeAsync(SampleUsers.Mary, SampleUsers.Password, "user:read");
        await CloseAuthorizeDialogAsync();
        await operation.GetByRole(AriaRole.Button, new() { Name = "Execute" }).ClickAsync();
        var status = operation.Locator(".live-responses-table tbody .response-col_status");
        await Assertions.Expect(status).ToHaveTextAsync("403");
        await Assertions.Expect(operation.Locator(".live-responses-table tbody .response-col_description"))
            .ToContainTextAsync("Not enough permissions");

        await Page.Locator("button.authorize").First.ClickAsync();
        await Page.Locator(".auth-container button.modal-btn.auth", new() { HasText = "Logout" }).First.ClickAsync();
        await FillAndAuthorizeAsync(SampleUsers.Mary, SampleUsers.Password, "admin:read");
        await CloseAuthorizeDialogAsync();
        await operation.GetByRole(AriaRole.Button, new() { Name = "Execute" }).ClickAsync();

        await Assertions.Expect(status).ToHaveTextAsync("200");
        await Assertions.Expect(operation.Locator(".live-responses-table tbody .response-col_description"))
            .ToContainTextAsync("\"total\"");
        AssertNoCspViolations();
    }

    private async Task CloseAuthorizeDialogAsync()
    {
        await Assertions.Expect(Page.Locator(".auth-container button.modal-btn.auth", new() { HasText = "Logout" }).First).ToBeVisibleAsync();
        await Page.Locator(".auth-container button.btn-done").First.ClickAsync();
    }

    private async Task AuthorizeAsync(string username, string password, params string[] scopes)
    {
        await Page.Locator("button.authorize").First.ClickAsync();
        await FillAndAuthorizeAsync(username, password, scopes);
    }

    private async Task FillAndAuthorizeAsync(string username, string password, params string[] scopes)
    {
        var dialog = Page.Locator(".auth-container").First;
        await dialog.Locator("#oauth_username").FillAsync(username);
        await dialog.Locator("#oauth_password").FillAsync(password);
        foreach (var scope in scopes)
        {
            // Swagger UI hides the checkbox itself behind its label; React listens for the click.
            await dialog.Locator($"input[type=checkbox][data-value='{scope}']").DispatchEventAsync("click");
        }

        // Swagger UI labels this button "Apply credentials" for assistive technology.
        await dialog.Locator("button.modal-btn.auth.authorize").ClickAsync();
    }
}
