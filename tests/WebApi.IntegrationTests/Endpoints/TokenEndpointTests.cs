using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FastApiLearning.WebApi.IntegrationTests.Support;

namespace FastApiLearning.WebApi.IntegrationTests.Endpoints;

public sealed class TokenEndpointTests : ApiTest
{
    private const string IncorrectCredentials =
        """{"error":"invalid_grant","error_description":"Incorrect username or password","detail":"Incorrect username or password"}""";

    [TestCase(Forms.Behai, "user:read user:write")]
    [TestCase(Forms.Pranav, "user:read")]
    public async Task Post_WithGoodCredentials_ReturnsBearerToken(string username, string scope)
    {
        using var response = await Client.PostAsync("/token", Forms.Login(username, Forms.Password));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        AssertNoStore(response);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var body = json.RootElement;
        Assert.That(body.GetProperty("token_type").GetString(), Is.EqualTo("bearer"));
        Assert.That(body.GetProperty("expires_in").GetInt32(), Is.EqualTo(1800));
        Assert.That(body.GetProperty("access_token").GetString()?.Split('.'), Has.Length.EqualTo(3));
        Assert.That(body.GetProperty("scope").GetString(), Is.EqualTo(scope));
        Assert.That(body.GetProperty("refresh_token").GetString(), Has.Length.EqualTo(43), "32 random bytes, base64url");
        Assert.That(body.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "access_token", "token_type", "expires_in", "scope", "refresh_token" }));
    }

    [Test]
    public async Task Post_WithEmailInOtherCaseAndSpaces_LogsIn()
    {
        using var response = await Client.PostAsync("/token", Forms.Login("  BeHai_Nguyen@HOTMAIL.com ", Forms.Password));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Post_WithoutGrantType_LogsIn()
    {
        using var response = await Client.PostAsync("/token", Forms.Login(Forms.Behai, Forms.Password, grantType: null));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Post_AsMultipartForm_LogsIn()
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(Forms.Behai), "username" },
            { new StringContent(Forms.Password), "password" },
        };

        using var response = await Client.PostAsync("/token", form);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Post_WithSwaggerClientCredentialsInBasicHeader_IgnoresThemAndLogsIn()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/token") { Content = Forms.Login(Forms.Behai, Forms.Password) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(":"u8.ToArray()));

        using var response = await Client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Post_WithWrongPassword_ReturnsInvalidGrant()
    {
        using var response = await Client.PostAsync("/token", Forms.Login(Forms.Behai, "passwordx"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        AssertNoStore(response);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(IncorrectCredentials));
    }

    [Test]
    public async Task Post_WithUnknownUser_ReturnsTheSameAnswerAsAWrongPassword()
    {
        using var wrongPassword = await Client.PostAsync("/token", Forms.Login(Forms.Behai, "passwordx"));
        using var unknownUser = await Client.PostAsync("/token", Forms.Login("nobody@example.com", "passwordx"));

        Assert.That(unknownUser.StatusCode, Is.EqualTo(wrongPassword.StatusCode));
        Assert.That(await unknownUser.Content.ReadAsStringAsync(), Is.EqualTo(IncorrectCredentials));
        Assert.That(HeaderNames(unknownUser), Is.EqualTo(HeaderNames(wrongPassword)));
    }

    [Test]
    public async Task Post_WithMissingFields_ReturnsInvalidRequestNamingThem()
    {
        using var response = await Client.PostAsync("/token", new FormUrlEncodedContent([]));

        var body = await AssertOAuthErrorAsync(response, "invalid_request");
        Assert.That(body.GetProperty("errors").EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[] { "username", "password" }));
        Assert.That(body.GetProperty("error_description").GetString(), Does.Contain("username is required").And.Contain("password is required"));
    }

    [TestCase("not-an-email", "username")]
    [TestCase("", "username")]
    public async Task Post_WithBadUsername_ReturnsInvalidRequest(string username, string field)
    {
        using var response = await Client.PostAsync("/token", Forms.Login(username, Forms.Password));

        var body = await AssertOAuthErrorAsync(response, "invalid_request");
        Assert.That(body.GetProperty("errors").EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { field }));
    }

    [Test]
    public async Task Post_WithNewlineInUsername_ReturnsInvalidRequestNamingUsername()
    {
        // A wrong password would be 400 too, but invalid_grant: only the validator answers invalid_request.
        using var content = new StringContent(
            "grant_type=password&username=a%0Ab@example.com&password=password", Encoding.UTF8, "application/x-www-form-urlencoded");

        using var response = await Client.PostAsync("/token", content);

        var body = await AssertOAuthErrorAsync(response, "invalid_request");
        Assert.That(body.GetProperty("errors").EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "username" }));
        Assert.That(
            body.GetProperty("errors").GetProperty("username")[0].GetString(),
            Is.EqualTo("username must not contain control characters"));
    }

    [Test]
    public async Task Post_WithTooLongUsername_ReturnsInvalidRequest()
    {
        var username = new string('a', 250) + "@x.com";

        using var response = await Client.PostAsync("/token", Forms.Login(username, Forms.Password));

        var body = await AssertOAuthErrorAsync(response, "invalid_request");
        Assert.That(body.GetProperty("errors").GetProperty("username")[0].GetString(), Does.Contain("255"));
    }

    [Test]
    public async Task Post_WithTooLongPassword_ReturnsInvalidRequest()
    {
        using var response = await Client.PostAsync("/token", Forms.Login(Forms.Behai, new string('p', 1025)));

        var body = await AssertOAuthErrorAsync(response, "invalid_request");
        Assert.That(body.GetProperty("errors").GetProperty("password")[0].GetString(), Does.Contain("1024"));
    }

    [TestCase("client_credentials")]
    [TestCase("PASSWORD")]
    [TestCase("Password")]
    [TestCase(" password")]
    [TestCase(" ")]
    public async Task Post_WithOtherGrantType_ReturnsUnsupportedGrantType(string grantType)
    {
        using var response = await Client.PostAsync("/token", Forms.Login(Forms.Behai, Forms.Password, grantType));

        var body = await AssertOAuthErrorAsync(response, "unsupported_grant_type");
        Assert.That(body.GetProperty("errors").EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "grant_type" }));
        Assert.That(body.GetProperty("error_description").GetString(), Is.EqualTo("grant_type must be password, refresh_token or authorization_code"));
    }

    [Test]
    public async Task Post_WithOtherGrantTypeAndNoUsername_ReturnsUnsupportedGrantTypeAtOnce()
    {
        using var response = await Client.PostAsync("/token", Forms.Login("", "", "client_credentials"));

        var body = await AssertOAuthErrorAsync(response, "unsupported_grant_type");
        Assert.That(body.GetProperty("errors").EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "grant_type" }));
    }

    [Test]
    public async Task Post_WithJsonBody_ReturnsInvalidRequest()
    {
        using var content = new StringContent("""{"username":"behai_nguyen@hotmail.com","password":"password"}""", Encoding.UTF8, "application/json");

        using var response = await Client.PostAsync("/token", content);

        var body = await AssertOAuthErrorAsync(response, "invalid_request");
        Assert.That(body.GetProperty("error_description").GetString(), Does.Contain("application/x-www-form-urlencoded"));
    }

    [Test]
    public async Task Post_WithNoBody_ReturnsInvalidRequest()
    {
        using var response = await Client.PostAsync("/token", content: null);

        await AssertOAuthErrorAsync(response, "invalid_request");
    }

    [Test]
    public async Task Post_WithRepeatedField_ReturnsInvalidRequest()
    {
        using var content = new StringContent(
            "username=behai_nguyen%40hotmail.com&password=password&username=other%40example.com",
            Encoding.UTF8,
            "application/x-www-form-urlencoded");

        using var response = await Client.PostAsync("/token", content);

        var body = await AssertOAuthErrorAsync(response, "invalid_request");
        Assert.That(body.GetProperty("error_description").GetString(), Does.Contain("username"));
    }

    private static async Task<JsonElement> AssertOAuthErrorAsync(HttpResponseMessage response, string error)
    {
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        AssertNoStore(response);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.That(body.GetProperty("error").GetString(), Is.EqualTo(error));
        var description = body.GetProperty("error_description").GetString();
        Assert.That(description, Is.Not.Empty);
        Assert.That(body.GetProperty("detail").GetString(), Is.EqualTo(description));
        return body;
    }

    private static void AssertNoStore(HttpResponseMessage response)
    {
        Assert.That(response.Headers.CacheControl?.NoStore, Is.True, "Cache-Control: no-store");
        Assert.That(response.Headers.Pragma.ToString(), Is.EqualTo("no-cache"));
    }

    private static string[] HeaderNames(HttpResponseMessage response) =>
        [.. response.Headers.Concat(response.Content.Headers).Select(h => h.Key).Where(k => k != "Date").Order()];
}
