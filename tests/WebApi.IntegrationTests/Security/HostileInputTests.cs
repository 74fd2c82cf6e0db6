using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using FastApiLearning.WebApi.IntegrationTests.Support;

namespace FastApiLearning.WebApi.IntegrationTests.Security;

/// <summary>
/// What an attacker might send to /token (every grant), /revoke, /introspect, /authorize, /users/me, /logout and /login. Whatever it is, the answer
/// is the endpoint's documented 4xx (or the plain login page), grants nothing, and echoes nothing
/// into HTML unescaped.
/// </summary>
public sealed class HostileInputTests
{
    private const string Script = "<script>alert(1)</script>";
    private const string ImgOnerror = "\"><img src=x onerror=alert(1)>";
    private const string FormUrlEncoded = "application/x-www-form-urlencoded";

    private ApiFactory _factory = null!;

    /// <summary>What a hostile request must be answered with.</summary>
    public enum Answer
    {
        /// <summary>RFC 6749 JSON: error, error_description, detail; no-store.</summary>
        TokenJson,

        /// <summary>The login page again, as the browser form's answer.</summary>
        TokenPage,

        /// <summary>RFC 6750: <c>{"detail": ...}</c> with <c>WWW-Authenticate: Bearer</c>.</summary>
        Bearer,

        /// <summary>The plain login page, 200, with nothing of the request in it.</summary>
        LoginPage,

        /// <summary>The browser session's form without a readable antiforgery token: 400, "Form expired".</summary>
        FormExpiredPage,

        /// <summary>An authorization request whose client or redirect URI cannot be trusted: a 400 page, never a redirect.</summary>
        AuthorizeErrorPage,
    }

    [OneTimeSetUp]
    public void StartApp() => _factory = new ApiFactory();

    [OneTimeTearDown]
    public void StopApp() => _factory.Dispose();

    private static IEnumerable<TestCaseData> HostileRequests()
    {
        // /token, as an API client: the form's values.
        yield return Row("PostToken_WithSqlInjectionUsernameAsApi", 400, Answer.TokenJson, "' OR 1=1 --@x.com", ApiLogin("' OR 1=1 --@x.com", "x"));
        yield return Row("PostToken_WithSqlCommentUsernameAsApi", 400, Answer.TokenJson, "admin'--", ApiLogin("admin'--", "x"));
        yield return Row("PostToken_WithSqlInjectionPasswordAsApi", 400, Answer.TokenJson, "' OR '1'='1", ApiLogin("sqli.victim@example.com", "' OR '1'='1"));
        yield return Row("PostToken_WithScriptUsernameAsApi", 400, Answer.TokenJson, Script + "@x.com", ApiLogin(Script + "@x.com", "x"));
        yield return Row("PostToken_WithImgOnerrorUsernameAsApi", 400, Answer.TokenJson, ImgOnerror, ApiLogin(ImgOnerror, "x"));
        yield return Row("PostToken_WithScriptGrantTypeAsApi", 400, Answer.TokenJson, Script, ApiLogin("grant.type@example.com", "x", grantType: Script));
        yield return Row("PostToken_WithLdapInjectionUsernameAsApi", 400, Answer.TokenJson, "*)(uid=*))(|(uid=*@x.com", ApiLogin("*)(uid=*))(|(uid=*@x.com", "x"));
        yield return Row("PostToken_WithPathTraversalUsernameAsApi", 400, Answer.TokenJson, "../../../etc/passwd@x.com", ApiLogin("../../../etc/passwd@x.com", "x"));
        yield return Row("PostToken_WithNulInUsernameAsApi", 400, Answer.TokenJson, "nul\u0000user@x.com", ApiLogin("nul\u0000user@x.com", "x"));
        yield return Row("PostToken_WithAnsiEscapeInUsernameAsApi", 400, Answer.TokenJson, "\u001b[31mred@x.com", ApiLogin("\u001b[31mred@x.com", "x"));
        yield return Row("PostToken_WithCrLfInUsernameAsApi", 400, Answer.TokenJson, "crlf@x.com\r\nSet-Cookie: fal_session=evil",
            ApiLogin("crlf@x.com\r\nSet-Cookie: fal_session=evil", "x"));
        yield return Row("PostToken_WithRightToLeftOverrideUsernameAsApi", 400, Answer.TokenJson, "rtl\u202Emoc.elgoog@x.com", ApiLogin("rtl\u202Emoc.elgoog@x.com", "x"));
        yield return Row("PostToken_With10KiBUsernameAsApi", 400, Answer.TokenJson, null, ApiLogin(new string('u', 10 * 1024) + "@x.com", "x"));
        yield return Row("PostToken_WithMebibytePasswordAsApi", 413, Answer.TokenJson, null, ApiLogin("big.password@example.com", new string('p', 1024 * 1024)));

        // /token, as an API client: bodies that are not a good form.
        yield return Row("PostToken_With17KiBBody", 413, Answer.TokenJson, null,
            PostToken(Body($"username=big.body%40example.com&password=x&scope={new string('s', 17 * 1024)}"), FormUrlEncoded));
        yield return Row("PostToken_WithMebibyteBodyWithoutContentLength", 413, Answer.TokenJson, null,
            clients => clients.Api.PostAsync("/token", Unsized(Body($"username=chunked%40example.com&password={new string('p', 1024 * 1024)}"), FormUrlEncoded)));
        yield return Row("PostToken_WithMultipart20KiBField", 413, Answer.TokenJson, null, clients =>
        {
            var form = new MultipartFormDataContent
            {
                { new StringContent("multipart@example.com"), "username" },
                { new StringContent(new string('p', 20 * 1024)), "password" },
            };
            return clients.Api.PostAsync("/token", form);
        });
        yield return Row("PostToken_WithInvalidUtf8Bytes", 400, Answer.TokenJson, null,
            PostToken([.. "username="u8, 0xC3, 0x28, .. "@x.com&password="u8, 0xFF, 0xFE], FormUrlEncoded));
        yield return Row("PostToken_WithInvalidPercentEncoding", 400, Answer.TokenJson, null, PostToken(Body("username=%ZZ&password=%"), FormUrlEncoded));
        yield return Row("PostToken_WithDuplicatedFields", 400, Answer.TokenJson, null,
            PostToken(Body("username=dup%40example.com&password=a&password=b&grant_type=password&grant_type=password"), FormUrlEncoded));
        yield return Row("PostToken_WithJsonBody", 400, Answer.TokenJson, null,
            PostToken(Body("""{"username":"json@example.com","password":"x"}"""), "application/json"));
        yield return Row("PostToken_WithoutContentType", 400, Answer.TokenJson, null, PostToken(Body("username=none%40example.com&password=x"), null));
        yield return Row("PostToken_WithTextPlainContentType", 400, Answer.TokenJson, null, PostToken(Body("username=plain%40example.com&password=x"), "text/plain"));
        yield return Row("PostToken_WithEmptyBody", 400, Answer.TokenJson, null, clients => clients.Api.PostAsync("/token", content: null));
        yield return Row("PostToken_WithUtf7Charset", 400, Answer.TokenJson, null,
            PostToken(Body("username=%2BADw-script%2BAD4-%40x.com&password=x"), FormUrlEncoded + "; charset=utf-7"));
        yield return Row("PostToken_WithUnknownCharset", 400, Answer.TokenJson, null,
            PostToken(Body("username=charset%40example.com&password=x"), FormUrlEncoded + "; charset=no-such-charset"));
        yield return Row("PostToken_WithFortyFields", 400, Answer.TokenJson, "The form has more than 32 fields.",
            PostToken(Body(string.Join('&', Enumerable.Range(0, 40).Select(i => $"f{i}=v")) + "&username=many%40example.com&password=x"), FormUrlEncoded));
        yield return Row("PostToken_With300CharacterFieldName", 413, Answer.TokenJson, null,
            PostToken(Body($"{new string('k', 300)}=v&username=key%40example.com&password=x"), FormUrlEncoded));

        // /token, the refresh grant: always JSON, never a 5xx.
        yield return Row("PostToken_WithA10KiBRefreshToken", 400, Answer.TokenJson, null, PostForm("/token", $"grant_type=refresh_token&refresh_token={new string('r', 10 * 1024)}"));
        yield return Row("PostToken_WithAnEmptyRefreshToken", 400, Answer.TokenJson, null, PostForm("/token", "grant_type=refresh_token&refresh_token="));
        yield return Row("PostToken_WithoutARefreshToken", 400, Answer.TokenJson, null, PostForm("/token", "grant_type=refresh_token"));
        yield return Row("PostToken_WithARepeatedRefreshToken", 400, Answer.TokenJson, null, PostForm("/token", "grant_type=refresh_token&refresh_token=a&refresh_token=b"));
        yield return Row("PostToken_WithAScriptAsRefreshToken", 400, Answer.TokenJson, null, PostForm("/token", $"grant_type=refresh_token&refresh_token={Uri.EscapeDataString(Script)}"));
        yield return Row("PostToken_WithANulInTheRefreshToken", 400, Answer.TokenJson, null, PostForm("/token", "grant_type=refresh_token&refresh_token=a%00b"));
        yield return Row("PostToken_WithAJwtAsRefreshToken", 400, Answer.TokenJson, null, PostForm("/token", $"grant_type=refresh_token&refresh_token={TestTokens.Create()}"));
        yield return Row("PostToken_WithARefreshTokenAndAScriptScope", 400, Answer.TokenJson, null,
            PostForm("/token", $"grant_type=refresh_token&refresh_token=a&scope={Uri.EscapeDataString(Script)}"));
        yield return Row("PostToken_WithARefreshTokenAndAnUnreadableBasicHeader", 401, Answer.TokenJson, null,
            WithAuthorization(HttpMethod.Post, "/token", "Basic %%%not-base64", form: "grant_type=refresh_token&refresh_token=a"));
        yield return Row("PostToken_WithARefreshTokenAndBasicPlusAFormSecret", 400, Answer.TokenJson, null,
            WithAuthorization(HttpMethod.Post, "/token", "Basic " + Convert.ToBase64String("spa:"u8.ToArray()), form: "grant_type=refresh_token&refresh_token=a&client_secret=s"));
        yield return Row("PostToken_WithARefreshTokenAndA10KiBClientId", 400, Answer.TokenJson, null,
            PostForm("/token", $"grant_type=refresh_token&refresh_token=a&client_id={new string('c', 10 * 1024)}"));

        // /revoke and /introspect: RFC 6749 JSON for every refusal.
        yield return Row("PostRevoke_WithoutAToken", 400, Answer.TokenJson, null, PostForm("/revoke", "token_type_hint=refresh_token"));
        yield return Row("PostRevoke_WithARepeatedToken", 400, Answer.TokenJson, null, PostForm("/revoke", "token=a&token=b"));
        yield return Row("PostRevoke_WithAJsonBody", 400, Answer.TokenJson, null, clients => clients.Api.PostAsync("/revoke", Body("""{"token":"a"}""", "application/json")));
        yield return Row("PostRevoke_WithoutABody", 400, Answer.TokenJson, null, clients => clients.Api.PostAsync("/revoke", content: null));
        yield return Row("PostRevoke_With17KiBBody", 413, Answer.TokenJson, null, PostForm("/revoke", $"token={new string('t', 17 * 1024)}"));
        yield return Row("PostRevoke_WithAnUnreadableBasicHeader", 401, Answer.TokenJson, null,
            WithAuthorization(HttpMethod.Post, "/revoke", "Basic " + Convert.ToBase64String([0xFF, 0xFE, (byte)':']), form: "token=a"));
        yield return Row("PostIntrospect_WithoutAClient", 401, Answer.TokenJson, null, PostForm("/introspect", $"token={TestTokens.Create()}"));
        yield return Row("PostIntrospect_WithAScriptClientId", 401, Answer.TokenJson, null,
            PostForm("/introspect", $"token=a&client_id={Uri.EscapeDataString(Script)}&client_secret=x"));
        yield return Row("PostIntrospect_WithAJsonBody", 400, Answer.TokenJson, null,
            clients => clients.Api.PostAsync("/introspect", Body("""{"token":["a",1]}""", "application/json")));
        yield return Row("PostIntrospect_WithFortyFields", 400, Answer.TokenJson, null,
            PostForm("/introspect", string.Join('&', Enumerable.Range(0, 40).Select(i => $"f{i}=v")) + "&token=a"));

        // /token, as the browser's form (Accept text/html, with its antiforgery token unless forged).
        yield return Row("PostToken_WithSqlInjectionUsernameAsBrowser", 400, Answer.TokenPage, "' OR 1=1 --@x.com", BrowserLogin("' OR 1=1 --@x.com", "x"));
        yield return Row("PostToken_WithSqlCommentUsernameAsBrowser", 400, Answer.TokenPage, "admin'--", BrowserLogin("admin'--", "x"));
        yield return Row("PostToken_WithScriptUsernameAsBrowser", 400, Answer.TokenPage, Script + "@x.com", BrowserLogin(Script + "@x.com", "x"));
        yield return Row("PostToken_WithImgOnerrorUsernameAsBrowser", 400, Answer.TokenPage, ImgOnerror, BrowserLogin(ImgOnerror, "x"));
        yield return Row("PostToken_WithImgOnerrorEmailAsBrowser", 400, Answer.TokenPage, ImgOnerror + "@x.com", BrowserLogin(ImgOnerror + "@x.com", "x"));
        yield return Row("PostToken_WithNulInUsernameAsBrowser", 400, Answer.TokenPage, "nul\u0000user@x.com", BrowserLogin("nul\u0000user@x.com", "x"));
        yield return Row("PostToken_WithCrLfInUsernameAsBrowser", 400, Answer.TokenPage, "crlf@x.com\r\n<script>alert(1)</script>",
            BrowserLogin("crlf@x.com\r\n<script>alert(1)</script>", "x"));
        yield return Row("PostToken_WithMebibytePasswordAsBrowser", 413, Answer.TokenPage, null, BrowserLogin("big.password@example.com", new string('p', 1024 * 1024)));
        yield return Row("PostToken_WithScriptUsernameAndForgedAntiforgeryAsBrowser", 400, Answer.TokenPage, Script + "@x.com", clients =>
            clients.Browser.Http.PostAsync("/token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["username"] = Script + "@x.com",
                ["password"] = "x",
                ["__RequestVerificationToken"] = "forged",
            })));
        yield return Row("PostToken_WithUtf7CharsetAsBrowser", 400, Answer.TokenPage, null, clients =>
            clients.Browser.Http.PostAsync("/token", Body(Body("username=utf7%40example.com&password=x"), FormUrlEncoded + "; charset=utf-7")));
        yield return Row("PostToken_WithJsonBodyAsBrowser", 400, Answer.TokenPage, Script, clients =>
            clients.Browser.Http.PostAsync("/token", Body($$"""{"username":"{{Script}}","password":"x"}""", "application/json")));

        // /users/me: hostile Authorization headers and tokens.
        yield return Row("GetMe_WithEmptyAuthorization", 401, Answer.Bearer, null, WithAuthorization(HttpMethod.Get, "/users/me", ""));
        yield return Row("GetMe_WithBearerAndNoToken", 401, Answer.Bearer, null, WithAuthorization(HttpMethod.Get, "/users/me", "Bearer"));
        yield return Row("GetMe_WithBearerAndTwoTokens", 401, Answer.Bearer, null, WithAuthorization(HttpMethod.Get, "/users/me", "Bearer a b"));
        yield return Row("GetMe_WithTwoAuthorizationHeadersOfValidTokens", 401, Answer.Bearer, null,
            WithAuthorization(HttpMethod.Get, "/users/me", $"Bearer {TestTokens.Create()}", $"Bearer {TestTokens.Create()}"));
        yield return Row("GetMe_With10KiBToken", 401, Answer.Bearer, null,
            WithAuthorization(HttpMethod.Get, "/users/me", $"Bearer {TestTokens.Create()}{new string('A', 10 * 1024)}"));
        yield return Row("GetMe_WithBasicCredentials", 401, Answer.Bearer, null,
            WithAuthorization(HttpMethod.Get, "/users/me", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Forms.Behai}:{Forms.Password}"))));
        yield return Row("GetMe_WithAlgNoneToken", 401, Answer.Bearer, null, WithAuthorization(HttpMethod.Get, "/users/me", $"Bearer {TestTokens.Unsigned()}"));
        yield return Row("GetMe_WithFlippedSignatureByte", 401, Answer.Bearer, null, WithAuthorization(HttpMethod.Get, "/users/me", $"Bearer {TestTokens.Tampered()}"));
        yield return Row("GetMe_WithTokenFromAnotherIssuer", 401, Answer.Bearer, null,
            WithAuthorization(HttpMethod.Get, "/users/me", $"Bearer {TestTokens.Create(issuer: "https://evil.example")}"));
        yield return Row("GetMe_WithTokenForAnotherAudience", 401, Answer.Bearer, null,
            WithAuthorization(HttpMethod.Get, "/users/me", $"Bearer {TestTokens.Create(audience: "someone-else")}"));
        yield return Row("GetMe_WithNotYetValidToken", 401, Answer.Bearer, null,
            WithAuthorization(HttpMethod.Get, "/users/me", $"Bearer {TestTokens.Create(notBefore: DateTime.UtcNow.AddMinutes(10), expires: DateTime.UtcNow.AddMinutes(40))}"));
        yield return Row("GetMe_WithExpiredToken", 401, Answer.Bearer, null,
            WithAuthorization(HttpMethod.Get, "/users/me", $"Bearer {TestTokens.Create(notBefore: DateTime.UtcNow.AddMinutes(-40), expires: DateTime.UtcNow.AddMinutes(-10))}"));
        yield return Row("GetMe_WithScriptAsToken", 401, Answer.Bearer, Script, WithAuthorization(HttpMethod.Get, "/users/me", $"Bearer {Script}"));
        yield return Row("GetMe_WithValidTokenInTheQueryString", 401, Answer.Bearer, null,
            clients => clients.Api.GetAsync($"/users/me?access_token={TestTokens.Create()}"));
        yield return Row("GetMe_WithGarbageSessionCookie", 401, Answer.Bearer, null, async clients =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/users/me");
            request.Headers.Add("Cookie", "fal_session=garbage");
            return await clients.Api.SendAsync(request);
        });
        yield return Row("GetMe_WithValidCookieButGarbageAuthorization", 401, Answer.Bearer, null, async clients =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/users/me");
            request.Headers.Add("Cookie", $"fal_session={TestTokens.Create()}");
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer garbage");
            return await clients.Api.SendAsync(request);
        });

        // /logout.
        yield return Row("PostLogout_WithoutToken", 401, Answer.Bearer, null, clients => clients.Api.PostAsync("/logout", content: null));
        yield return Row("PostLogout_WithGarbageToken", 401, Answer.Bearer, null, WithAuthorization(HttpMethod.Post, "/logout", "Bearer garbage"));
        yield return Row("PostLogout_WithAlgNoneToken", 401, Answer.Bearer, null, WithAuthorization(HttpMethod.Post, "/logout", $"Bearer {TestTokens.Unsigned()}"));
        yield return Row("PostLogout_WithJsonBody", 401, Answer.Bearer, null,
            clients => clients.Api.PostAsync("/logout", Body("""{"token":"garbage","jti":"*"}""", "application/json")));

        yield return Row("PostLogout_FromBrowserSessionWithUtf7Form", 400, Answer.FormExpiredPage, null, async clients =>
        {
            await clients.Browser.LogInAsync(Forms.Pranav);
            return await clients.Browser.Http.PostAsync("/logout", Body(Body("__RequestVerificationToken=forged"), FormUrlEncoded + "; charset=utf-7"));
        });

        // /login: the notice is chosen from fixed texts, never echoed.
        yield return Row("GetLogin_WithScriptNotice", 200, Answer.LoginPage, Script,
            clients => clients.Browser.Http.GetAsync($"/login?notice={Uri.EscapeDataString(Script)}"));
        yield return Row("GetLogin_WithKnownNoticeAndScript", 200, Answer.LoginPage, "expired" + ImgOnerror,
            clients => clients.Browser.Http.GetAsync($"/login?notice={Uri.EscapeDataString("expired" + ImgOnerror)}"));
        yield return Row("GetLogin_With4KiBQuery", 200, Answer.LoginPage, "4KiB" + ImgOnerror,
            clients => clients.Browser.Http.GetAsync($"/login?notice={Uri.EscapeDataString("4KiB" + ImgOnerror)}&pad={new string('q', 4 * 1024)}"));
        // /authorize: whatever the client and redirect URI say, nothing is followed that is not registered.
        yield return Row("GetAuthorize_WithScriptClientId", 400, Answer.AuthorizeErrorPage, Script, Authorize(Script, "https://evil.example/cb"));
        yield return Row("GetAuthorize_WithJavascriptRedirectUri", 400, Answer.AuthorizeErrorPage, "javascript:alert(1)",
            Authorize("swagger-ui", "javascript:alert(1)"));
        yield return Row("GetAuthorize_WithImgOnerrorRedirectUri", 400, Answer.AuthorizeErrorPage, ImgOnerror, Authorize("swagger-ui", ImgOnerror));
        yield return Row("GetAuthorize_WithCrLfInRedirectUri", 400, Answer.AuthorizeErrorPage, null,
            Authorize("swagger-ui", "https://evil.example/\r\nSet-Cookie: fal_session=evil"));
        yield return Row("GetAuthorize_WithDataUriRedirect", 400, Answer.AuthorizeErrorPage, null,
            Authorize("swagger-ui", "data:text/html,<script>alert(1)</script>"));
        yield return Row("GetAuthorize_WithProtocolRelativeRedirect", 400, Answer.AuthorizeErrorPage, null, Authorize("swagger-ui", "//evil.example/cb"));
        yield return Row("GetAuthorize_With4KiBClientId", 400, Answer.AuthorizeErrorPage, null, Authorize(new string('c', 4 * 1024), "https://evil.example/cb"));
        yield return Row("GetAuthorize_WithNulInClientId", 400, Answer.AuthorizeErrorPage, null, Authorize("swagger\u0000-ui", "https://evil.example/cb"));
        yield return Row("GetAuthorize_WithRepeatedClientId", 400, Answer.AuthorizeErrorPage, null,
            clients => clients.Browser.Http.GetAsync("/authorize?client_id=swagger-ui&client_id=evil&redirect_uri=https%3A%2F%2Fevil.example%2Fcb&response_type=code"));
        yield return Row("GetAuthorize_WithoutParameters", 400, Answer.AuthorizeErrorPage, null, clients => clients.Browser.Http.GetAsync("/authorize"));
        yield return Row("PostAuthorize_WithForgedAntiforgery", 400, Answer.FormExpiredPage, null, clients =>
            clients.Browser.Http.PostAsync("/authorize", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["client_id"] = "swagger-ui",
                ["consent"] = "allow",
                ["__RequestVerificationToken"] = "forged",
            })));
    }

    [TestCaseSource(nameof(HostileRequests))]
    public async Task HostileRequest_GetsTheDocumentedAnswerAndGrantsNothing(HostileRequest hostile)
    {
        using var api = _factory.CreateApiClient();
        using var browser = BrowserClient.For(_factory);

        using var response = await hostile.Send(new HostileClients(api, browser));
        var body = await response.Content.ReadAsStringAsync();

        Assert.That((int)response.StatusCode, Is.EqualTo(hostile.Status), body.Length > 500 ? body[..500] : body);
        Assert.That((int)response.StatusCode, hostile.Answer == Answer.LoginPage ? Is.EqualTo(200) : Is.InRange(400, 499));
        Assert.That(Responses.SessionCookie(response), Is.Null, "no session");
        Assert.That(body, Does.Not.Contain("access_token").And.Not.Contain("eyJ"), "no token in the answer");
        Assert.That(body.IndexOfAny(['\u0000', '\u001b']), Is.EqualTo(-1), "no raw NUL or ESC");
        switch (hostile.Answer)
        {
            case Answer.TokenJson:
                AssertOAuthError(response, body);
                break;
            case Answer.Bearer:
                AssertBearerChallenge(response, body);
                break;
            case Answer.AuthorizeErrorPage:
                AssertSafeHtml(response, body, hostile.Input);
                Assert.That(body, Does.Contain("Cannot authorize this application"));
                Assert.That(response.Headers.Location, Is.Null, "never a redirect");
                Assert.That(response.Headers.CacheControl?.NoStore, Is.True);
                break;
            case Answer.FormExpiredPage:
                AssertSafeHtml(response, body, hostile.Input);
                Assert.That(body, Does.Contain("This form has expired"));
                break;
            default:
                AssertSafeHtml(response, body, hostile.Input);
                Assert.That(body, Does.Contain("<form method=\"post\" action=\"/token\""), "the login page");
                break;
        }

        if (hostile.Answer == Answer.LoginPage)
        {
            Assert.That(body, Does.Not.Contain("role=\"alert\""), "no message made from the request");
            Assert.That(body, Does.Not.Contain(HtmlEncoder.Default.Encode(hostile.Input ?? "")), "the input is not echoed, even encoded");
        }
    }

    private static void AssertOAuthError(HttpResponseMessage response, string body)
    {
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        Assert.That(response.Headers.CacheControl?.NoStore, Is.True, "Cache-Control: no-store");
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        Assert.That(root.GetProperty("error").GetString(), Is.AnyOf("invalid_request", "invalid_grant", "unsupported_grant_type", "invalid_scope", "invalid_client"));
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            Assert.That(root.GetProperty("error").GetString(), Is.EqualTo("invalid_client"));
            Assert.That(response.Headers.WwwAuthenticate.ToString(), Does.StartWith("Basic"));
        }

        var description = root.GetProperty("error_description").GetString();
        Assert.That(description, Is.Not.Empty);
        Assert.That(root.GetProperty("detail").GetString(), Is.EqualTo(description));
        if (response.StatusCode == HttpStatusCode.RequestEntityTooLarge)
        {
            Assert.That(root.GetProperty("error").GetString(), Is.EqualTo("invalid_request"));
            Assert.That(description, Does.Contain("16 KiB"));
        }
    }

    private static void AssertBearerChallenge(HttpResponseMessage response, string body)
    {
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Does.StartWith("Bearer"));
        using var json = JsonDocument.Parse(body);
        Assert.That(json.RootElement.EnumerateObject().Select(property => property.Name), Is.EqualTo(new[] { "detail" }));
        Assert.That(json.RootElement.GetProperty("detail").GetString(), Is.AnyOf("Not authenticated", "Could not validate credentials"));
    }

    private static void AssertSafeHtml(HttpResponseMessage response, string body, string? input)
    {
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        Assert.That(body, Does.Not.Contain(Script).And.Not.Contain("onerror=alert(1)>").And.Not.Contain("<img"));
        Assert.That(body, Does.Not.Contain("<script"), "the app's pages have no script at all");
        if (input is not null && input.IndexOfAny(['<', '>', '"', '\'', '&']) >= 0)
        {
            Assert.That(body, Does.Not.Contain(input), "the input appears only escaped");
        }
    }

    private static TestCaseData Row(string name, int status, Answer answer, string? input, Func<HostileClients, Task<HttpResponseMessage>> send) =>
        new TestCaseData(new HostileRequest(status, answer, input, send)).SetName(name);

    private static Func<HostileClients, Task<HttpResponseMessage>> ApiLogin(string username, string password, string grantType = "password") =>
        clients => clients.Api.PostAsync("/token", Forms.Login(username, password, grantType));

    private static Func<HostileClients, Task<HttpResponseMessage>> BrowserLogin(string username, string password) =>
        clients => clients.Browser.SubmitLoginAsync(username, password);

    private static Func<HostileClients, Task<HttpResponseMessage>> Authorize(string clientId, string redirectUri) =>
        clients => clients.Browser.Http.GetAsync(
            $"/authorize?response_type=code&client_id={Uri.EscapeDataString(clientId)}&redirect_uri={Uri.EscapeDataString(redirectUri)}"
            + "&state=s&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256");

    private static Func<HostileClients, Task<HttpResponseMessage>> PostToken(byte[] body, string? contentType) =>
        clients => clients.Api.PostAsync("/token", Body(body, contentType));

    private static Func<HostileClients, Task<HttpResponseMessage>> WithAuthorization(HttpMethod method, string path, params string[] authorization) =>
        WithAuthorization(method, path, authorization[0], [.. authorization.Skip(1)]);

    private static Func<HostileClients, Task<HttpResponseMessage>> WithAuthorization(
        HttpMethod method, string path, string authorization, string[]? more = null, string? form = null) =>
        async clients =>
        {
            using var request = new HttpRequestMessage(method, path);
            request.Headers.TryAddWithoutValidation("Authorization", [authorization, .. more ?? []]);
            if (form is not null)
            {
                request.Content = Body(form, FormUrlEncoded);
            }

            return await clients.Api.SendAsync(request);
        };

    private static Func<HostileClients, Task<HttpResponseMessage>> PostForm(string path, string form) =>
        clients => clients.Api.PostAsync(path, Body(form, FormUrlEncoded));

    private static byte[] Body(string text) => Encoding.UTF8.GetBytes(text);

    private static ByteArrayContent Body(string text, string contentType) => Body(Body(text), contentType);

    /// <summary>A body whose length is not known up front, so it is sent without Content-Length.</summary>
    private static StreamContent Unsized(byte[] bytes, string contentType)
    {
        var content = new StreamContent(PipeReader.Create(new ReadOnlySequence<byte>(bytes)).AsStream());
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        Assert.That(content.Headers.ContentLength, Is.Null);
        return content;
    }

    private static ByteArrayContent Body(byte[] bytes, string? contentType)
    {
        var content = new ByteArrayContent(bytes);
        if (contentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        return content;
    }

    /// <summary>One row of the table: the request, and what must come back.</summary>
    /// <param name="Input">The hostile text, when it must not come back unescaped in HTML.</param>
    public sealed record HostileRequest(int Status, Answer Answer, string? Input, Func<HostileClients, Task<HttpResponseMessage>> Send);

    /// <summary>An API client and a browser-like client of the same app, for a row to send with.</summary>
    public sealed record HostileClients(HttpClient Api, BrowserClient Browser);
}
