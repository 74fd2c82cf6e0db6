using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using FastApiLearning.WebApi.BrowserTests.Support;

namespace FastApiLearning.WebApi.BrowserTests;

/// <summary>
/// The authorization-code flow with PKCE in Chromium, through the real login page under the service's CSP:
/// a registered client on another site redeeming its code with CORS, and Swagger UI at /docs.
/// </summary>
public sealed class AuthorizationCodeFlowTests : BrowserTest
{
    [Test]
    public async Task ClientOnAnotherSite_LogsInAndConsents_RedeemsTheCodeFromItsOriginWithCors()
    {
        await using var client = await ClientSite.StartAsync();
        await using var service = IssuerApp.StartNew(client.Registration());

        await Page.GotoAsync(client.StartUrl(service.Origin));
        await Assertions.Expect(Page).ToHaveURLAsync(new Regex("^" + Regex.Escape(service.Origin + "/authorize?")));
        await Page.GetByLabel("Email").FillAsync(SampleUsers.Behai);
        await Page.GetByLabel("Password").FillAsync(SampleUsers.Password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        // Not ours: the consent page, naming the client and the scope.
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Allow access?" })).ToBeVisibleAsync();
        await Assertions.Expect(Page.Locator("main")).ToContainTextAsync("Test Client Site");
        await Assertions.Expect(Page.Locator("main")).ToContainTextAsync("user:read");
        await SnapshotAsync("authorize-consent");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Allow" }).ClickAsync();

        await Assertions.Expect(Page).ToHaveTitleAsync("token");
        Assert.That(Page.Url, Does.StartWith(client.RedirectUri + "?code="));
        using var result = JsonDocument.Parse(await Page.Locator("#result").TextContentAsync() ?? "{}");
        var body = result.RootElement.GetProperty("body");
        Assert.That(result.RootElement.GetProperty("iss").GetString(), Is.EqualTo(service.Origin));
        Assert.That(body.GetProperty("scope").GetString(), Is.EqualTo("user:read"));
        Assert.That(body.GetProperty("refresh_token").GetString(), Is.Not.Empty);
        Assert.That(await UsersMeAsync(service, body.GetProperty("access_token").GetString()!), Is.EqualTo(HttpStatusCode.OK));
        AssertNoCspViolations();
    }

    [Test]
    public async Task SwaggerUi_AuthorizesWithTheCodeFlowAndPkce_ThenUsersMeAnswers200()
    {
        await using var service = IssuerApp.StartNew();
        await Page.GotoAsync(service.Origin + "/docs/index.html");

        await Page.Locator("button.authorize").First.ClickAsync();
        var codeFlow = Page.Locator(".auth-container").Filter(new() { HasText = "authorizationCode" });
        var popup = await Page.RunAndWaitForPopupAsync(() => codeFlow.Locator("button.modal-btn.auth.authorize").ClickAsync());

        // The service's own login page, in Swagger UI's window.
        await popup.GetByLabel("Email").FillAsync(SampleUsers.Behai);
        await popup.GetByLabel("Password").FillAsync(SampleUsers.Password);
        await popup.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();

        await Assertions.Expect(codeFlow.Locator("button.modal-btn.auth", new() { HasText = "Logout" })).ToBeVisibleAsync();
        await codeFlow.Locator("button.btn-done").ClickAsync();
        var operation = Page.Locator("#operations-users-GetCurrentUser");
        await operation.Locator(".opblock-summary").ClickAsync();
        await operation.GetByRole(AriaRole.Button, new() { Name = "Try it out" }).ClickAsync();
        await operation.GetByRole(AriaRole.Button, new() { Name = "Execute" }).ClickAsync();

        var live = operation.Locator(".live-responses-table");
        await Assertions.Expect(live.Locator("tbody .response-col_status")).ToHaveTextAsync("200");
        await Assertions.Expect(live.Locator("tbody .response-col_description")).ToContainTextAsync(SampleUsers.Behai);
        await SnapshotAsync("swagger-code-flow");
        AssertNoCspViolations();
    }

    private static async Task<HttpStatusCode> UsersMeAsync(IssuerApp service, string accessToken)
    {
        using var http = new HttpClient { BaseAddress = new Uri(service.Origin) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await http.GetAsync("/users/me");
        return response.StatusCode;
    }
}
