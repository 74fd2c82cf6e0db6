using System.Net;
using System.Text.Json;
using FastApiLearning.WebApi.IntegrationTests.Support;
using Microsoft.IdentityModel.JsonWebTokens;

namespace FastApiLearning.WebApi.IntegrationTests.Auth;

/// <summary>
/// <c>POST /token</c>'s <c>scope</c> (RFC 6749 §3.3) with the Development sample users and their grants:
/// Be Hai <c>user:read user:write</c>, Pranav <c>user:read</c>, Kyoichi <c>admin:read admin:write</c>,
/// Mary <c>super:*</c>, Moss explicitly none.
/// </summary>
public sealed class TokenScopeTests
{
    private const string Kyoichi = "kyoichi.maliniak.10005@gmail.com";
    private const string Mary = "mary.sluis.10011@gmail.com";
    private const string Moss = "moss.shanbhogue.10045@gmail.com";

    private const string KnownNames = "scope must be one or more of: user:read, user:write, admin:read, admin:write, super:*";
    private const string NothingGranted = "None of the requested scopes is granted to this user";

    private ApiFactory _factory = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public void StartApp()
    {
        _factory = new ApiFactory();
        _client = _factory.CreateApiClient();
    }

    [OneTimeTearDown]
    public void StopApp()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    [TestCase(Forms.Behai, "user:read user:write")]
    [TestCase(Forms.Pranav, "user:read")]
    [TestCase(Kyoichi, "admin:read admin:write")]
    [TestCase(Mary, "super:*")]
    public async Task Post_WithoutScope_GrantsEveryScopeTheEmployeeHoldsByName(string username, string held)
    {
        using var response = await PostAsync(username, scope: null);

        var (answer, claim) = await ScopesOfAsync(response);
        Assert.That(answer, Is.EqualTo(held));
        Assert.That(claim, Is.EqualTo(held), "the token's scope claim lists the names, not their inclusions");
    }

    [Test]
    public async Task Post_WithAnEmptyScope_AsSwaggerUiSendsWhenNoBoxIsTicked_GrantsEverythingHeld()
    {
        using var response = await PostAsync(Kyoichi, scope: "");

        Assert.That((await ScopesOfAsync(response)).Answer, Is.EqualTo("admin:read admin:write"));
    }

    [TestCase(Kyoichi, "admin:read", "admin:read", TestName = "Post_WithAHeldScope_GrantsJustIt")]
    [TestCase(Kyoichi, "user:write", "user:write", TestName = "Post_WithAScopeIncludedByAHeldOne_GrantsItsName")]
    [TestCase(Mary, "admin:read user:write", "user:write admin:read", TestName = "Post_WithScopesIncludedBySuper_GrantsTheirNamesInCanonicalOrder")]
    [TestCase(Kyoichi, "super:* admin:read", "admin:read", TestName = "Post_WithMoreThanIsHeld_IsNarrowedSilently")]
    [TestCase(Forms.Pranav, "user:read user:write", "user:read", TestName = "Post_WithUserWriteByAReadOnlyUser_IsNarrowedToUserRead")]
    public async Task Post_WithScope_GrantsTheRequestedNamesTheEmployeeHolds(string username, string requested, string granted)
    {
        using var response = await PostAsync(username, requested);

        var (answer, claim) = await ScopesOfAsync(response);
        Assert.That(answer, Is.EqualTo(granted));
        Assert.That(claim, Is.EqualTo(granted));
    }

    [Test]
    public async Task Post_ByAnEmployeeWithNoScopeAtAll_GetsATokenWithoutScopeThatStillOpensUsersMe()
    {
        using var response = await PostAsync(Moss, scope: null);

        var (answer, claim) = await ScopesOfAsync(response);
        Assert.That(answer, Is.Empty);
        Assert.That(claim, Is.Null, "no scope claim at all");
        using var me = new HttpRequestMessage(HttpMethod.Get, "/users/me");
        me.Headers.Authorization = BrowserClient.Bearer(AccessTokenOf(await response.Content.ReadAsStringAsync()));
        using var meResponse = await _client.SendAsync(me);
        Assert.That(meResponse.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await meResponse.Content.ReadAsStringAsync(), Does.Contain("\"emp_no\":10045"));
    }

    [TestCase(Moss, "user:read", TestName = "Post_WithAScopeByAnEmployeeWithNone_AnswersInvalidScope")]
    [TestCase(Forms.Pranav, "admin:read admin:write", TestName = "Post_WithOnlyScopesTheEmployeeLacks_AnswersInvalidScope")]
    public async Task Post_WhenNothingRequestedIsHeld_AnswersInvalidScope(string username, string requested)
    {
        using var response = await PostAsync(username, requested);

        await AssertOAuthErrorAsync(
            response, $$"""{"error":"invalid_scope","error_description":"{{NothingGranted}}","detail":"{{NothingGranted}}"}""");
    }

    [Test]
    public async Task Post_WithAScopeNotHeldAndAWrongPassword_AnswersInvalidGrantSoGrantsStayUnknown()
    {
        using var response = await PostAsync(Forms.Pranav, "admin:read", password: "not the password");

        await AssertOAuthErrorAsync(
            response,
            """{"error":"invalid_grant","error_description":"Incorrect username or password","detail":"Incorrect username or password"}""");
    }

    [TestCase(Forms.Behai, Forms.Password)]
    [TestCase(Forms.Behai, "not the password")]
    [TestCase("nobody@example.com", Forms.Password)]
    public async Task Post_WithAnUnknownScopeName_AnswersInvalidScopeWhoeverAsks(string username, string password)
    {
        // Refused before the account is looked at: the same answer for everyone.
        using var response = await PostAsync(username, "user:read openid", password);

        await AssertOAuthErrorAsync(
            response,
            $$$"""{"error":"invalid_scope","error_description":"{{{KnownNames}}}","detail":"{{{KnownNames}}}","errors":{"scope":["{{{KnownNames}}}"]}}""");
    }

    [Test]
    public async Task Post_WithAMalformedScope_AnswersInvalidScope()
    {
        using var response = await PostAsync(Forms.Behai, "user:read\tuser:write");

        await AssertOAuthErrorAsync(
            response,
            """{"error":"invalid_scope","error_description":"scope must be scope names separated by spaces","detail":"scope must be scope names separated by spaces","errors":{"scope":["scope must be scope names separated by spaces"]}}""");
    }

    [Test]
    public async Task Post_WithABadScopeAndAMissingUsername_AnswersInvalidRequestWithBothFields()
    {
        using var response = await PostAsync("", "everything");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.That(json.RootElement.GetProperty("error").GetString(), Is.EqualTo("invalid_request"));
        Assert.That(
            json.RootElement.GetProperty("errors").EnumerateObject().Select(field => field.Name),
            Is.EquivalentTo(new[] { "username", "scope" }));
    }

    [Test]
    public async Task Post_FromTheBrowsersLoginForm_StartsASessionWithEverythingHeldWhateverScopeTheFormCarries()
    {
        using var browser = BrowserClient.For(_factory);
        var (_, antiforgery) = await browser.GetPageAsync("/login");
        var fields = new Dictionary<string, string>
        {
            ["username"] = Mary,
            ["password"] = Forms.Password,
            ["scope"] = "user:read",
            ["__RequestVerificationToken"] = antiforgery ?? "",
        };

        using var response = await browser.Http.PostAsync("/token", new FormUrlEncodedContent(fields));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.SeeOther));
        var cookie = Responses.SessionCookie(response) ?? "";
        var token = cookie["fal_session=".Length..cookie.IndexOf(';', StringComparison.Ordinal)];
        Assert.That(ScopeClaimOf(token), Is.EqualTo("super:*"));
    }

    private async Task<HttpResponseMessage> PostAsync(string username, string? scope, string password = Forms.Password)
    {
        var fields = new Dictionary<string, string> { ["grant_type"] = "password", ["username"] = username, ["password"] = password };
        if (scope is not null)
        {
            fields["scope"] = scope;
        }

        return await _client.PostAsync("/token", new FormUrlEncodedContent(fields));
    }

    private static async Task<(string? Answer, string? Claim)> ScopesOfAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        using var json = JsonDocument.Parse(text);
        return (json.RootElement.GetProperty("scope").GetString(), ScopeClaimOf(AccessTokenOf(text)));
    }

    private static string AccessTokenOf(string answer)
    {
        using var json = JsonDocument.Parse(answer);
        return json.RootElement.GetProperty("access_token").GetString() ?? "";
    }

    private static string? ScopeClaimOf(string token) =>
        new JsonWebTokenHandler().ReadJsonWebToken(token).TryGetPayloadValue<string>("scope", out var scope) ? scope : null;

    private static async Task AssertOAuthErrorAsync(HttpResponseMessage response, string body)
    {
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(Responses.Header(response, "Cache-Control"), Is.EqualTo("no-store"));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(body));
    }
}
