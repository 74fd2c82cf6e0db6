using System.Net;
using FastApiLearning.Domain.Employees;
using FastApiLearning.TestSupport.Logging;
using FastApiLearning.WebApi.Auth;
using FastApiLearning.WebApi.IntegrationTests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FastApiLearning.WebApi.IntegrationTests.Auth;

/// <summary>
/// The scope policies, their requirement handler and their 403, on a bare app whose endpoints need scopes
/// (the principal comes from headers, as a validated token's would), so that every path is seen on its own.
/// </summary>
public sealed class ScopeAuthorizationTests
{
    private const string InsufficientScopeBody = """{"detail":"Not enough permissions"}""";

    private WebApplication _app = null!;
    private HttpClient _client = null!;
    private LogCapture _logs = null!;

    [OneTimeSetUp]
    public async Task StartApp()
    {
        _logs = new LogCapture();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.AddProvider(_logs);
        builder.Services.AddAuthentication(ClaimsFromHeadersHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ClaimsFromHeadersHandler>(
                ClaimsFromHeadersHandler.SchemeName, null);
        builder.Services.AddScopeAuthorization();
        builder.Services.AddAuthorizationBuilder().AddPolicy("never", policy => policy.RequireAssertion(_ => false));

        _app = builder.Build();
        _app.UseAuthentication();
        _app.UseAuthorization();
        foreach (var scope in Scopes.All)
        {
            _app.MapGet($"/needs/{scope.Name}", () => "ok").RequireScope(scope.Name);
        }

        _app.MapGet("/needs-two", () => "ok").RequireScope(Scopes.UserWrite).RequireScope(Scopes.AdminRead);
        _app.MapGet("/open", () => "ok").RequireAuthorization();
        _app.MapGet("/other-policy", () => "ok").RequireAuthorization("never");
        _app.MapGet("/handler-says-forbidden", () => new InsufficientScope(Scopes.AdminRead)).RequireAuthorization();

        await _app.StartAsync();
        _client = _app.GetTestClient();
    }

    [OneTimeTearDown]
    public async Task StopApp()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    private static IEnumerable<TestCaseData> Satisfied()
    {
        // held (each a scope claim), required
        yield return Row([Scopes.UserRead], Scopes.UserRead);
        yield return Row([Scopes.UserWrite], Scopes.UserRead);
        yield return Row([Scopes.AdminRead], Scopes.UserRead);
        yield return Row([Scopes.AdminWrite], Scopes.UserWrite);
        yield return Row([Scopes.AdminWrite], Scopes.AdminRead);
        yield return Row([Scopes.Super], Scopes.AdminWrite);
        yield return Row([Scopes.Super], Scopes.Super);
        yield return Row(["user:read admin:read"], Scopes.AdminRead, "one claim, space-separated");
        yield return Row([Scopes.UserRead, Scopes.AdminRead], Scopes.AdminRead, "one claim per name");

        static TestCaseData Row(string[] held, string required, string? how = null) =>
            new TestCaseData(held, required).SetArgDisplayNames(how ?? string.Join(" + ", held), required);
    }

    [TestCaseSource(nameof(Satisfied))]
    public async Task Get_WhenTheTokensScopesSatisfyTheRequirement_Answers200(string[] held, string required)
    {
        using var response = await GetAsync($"/needs/{required}", held);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("ok"));
    }

    private static IEnumerable<TestCaseData> NotSatisfied()
    {
        yield return Row([], Scopes.UserRead, "no scope claim");
        yield return Row([""], Scopes.UserRead, "an empty scope claim");
        yield return Row([Scopes.UserRead], Scopes.UserWrite);
        yield return Row([Scopes.UserRead, Scopes.UserWrite], Scopes.AdminRead);
        yield return Row([Scopes.AdminRead], Scopes.UserWrite);
        yield return Row([Scopes.AdminWrite], Scopes.Super);
        yield return Row(["user:read,admin:read"], Scopes.AdminRead, "comma-separated");
        yield return Row(["ADMIN:READ"], Scopes.AdminRead, "the name in another case");
        yield return Row(["admin:*"], Scopes.AdminRead, "a made-up wildcard");

        static TestCaseData Row(string[] held, string required, string? how = null) =>
            new TestCaseData(held, required).SetArgDisplayNames(how ?? string.Join(" + ", held), required);
    }

    [TestCaseSource(nameof(NotSatisfied))]
    public async Task Get_WhenTheTokensScopesDoNotSatisfyTheRequirement_Answers403InsufficientScope(string[] held, string required)
    {
        using var response = await GetAsync($"/needs/{required}", held);

        await AssertInsufficientScopeAsync(response, required);
    }

    [Test]
    public async Task Get_WhenOneOfTwoRequiredScopesIsMissing_NamesTheMissingOne()
    {
        using var response = await GetAsync("/needs-two", Scopes.UserWrite);

        await AssertInsufficientScopeAsync(response, Scopes.AdminRead);
    }

    [Test]
    public async Task Get_WithoutAnyToken_IsChallengedNotForbidden()
    {
        using var response = await _client.GetAsync($"/needs/{Scopes.UserRead}");

        // The 401 (and its body) is JwtBearer's challenge in the app; here the test scheme's.
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(Responses.Header(response, "WWW-Authenticate") ?? "", Does.Not.Contain("insufficient_scope"));
    }

    [Test]
    public async Task Get_WhenAnEndpointNeedsOnlyAValidToken_LetsATokenWithoutScopesIn()
    {
        // As /users/me: "who am I" is open to every valid token, scopes or none.
        using var response = await GetAsync("/open");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Get_WhenAnotherPolicyRefuses_AnswersTheFrameworksForbidNotInsufficientScope()
    {
        using var response = await GetAsync("/other-policy", Scopes.Super);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(Responses.Header(response, "WWW-Authenticate") ?? "", Does.Not.Contain("insufficient_scope"));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Not.Contain("Not enough permissions"));
    }

    [Test]
    public async Task Get_WhenAHandlersForbiddenIsMappedToInsufficientScope_AnswersExactlyAsThePolicyDoes()
    {
        using var fromPolicy = await GetAsync($"/needs/{Scopes.AdminRead}", Scopes.UserRead);
        using var fromHandler = await GetAsync("/handler-says-forbidden", Scopes.UserRead);

        await AssertInsufficientScopeAsync(fromHandler, Scopes.AdminRead);
        Assert.That(Responses.HeaderLines(fromHandler, "Date"), Is.EqualTo(Responses.HeaderLines(fromPolicy, "Date")));
        Assert.That(await fromHandler.Content.ReadAsStringAsync(), Is.EqualTo(await fromPolicy.Content.ReadAsStringAsync()));
    }

    [Test]
    public async Task Get_WhenRefused_LogsAccessDeniedWithWhoWhatAndTheScope()
    {
        using var response = await GetAsync($"/needs/{Scopes.AdminWrite}", Scopes.AdminRead);

        var entry = _logs.Security(1020).Last(e => e.Value("Resource") == $"GET /needs/{Scopes.AdminWrite}");
        Assert.That(entry.EventId.Name, Is.EqualTo("AccessDenied"));
        Assert.That(entry.Level, Is.EqualTo(LogLevel.Warning));
        Assert.That(entry.Value("CallerEmpNo"), Is.EqualTo("10005"));
        Assert.That(entry.Value("RequiredScope"), Is.EqualTo(Scopes.AdminWrite));
    }

    [Test]
    public void Policies_AreOnePerScope()
    {
        var options = _app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AuthorizationOptions>>().Value;

        foreach (var scope in Scopes.All)
        {
            var policy = options.GetPolicy(ScopeAuthorization.PolicyName(scope.Name));
            Assert.That(policy?.Requirements.OfType<ScopeRequirement>().Select(r => r.Scope), Is.EqualTo(new[] { scope.Name }), scope.Name);
        }
    }

    [Test]
    public void RequireScope_WithAnUnknownScope_FailsAtOnceRatherThanOpen()
    {
        Assert.That(() => _app.MapGet("/typo", () => "ok").RequireScope("admin:reed"), Throws.ArgumentException);
        Assert.That(() => new InsufficientScope("admin:read\r\nX-Injected: 1"), Throws.ArgumentException);
    }

    [Test]
    public void RequireScope_AddsTheRequiredScopeForTheApiDescription()
    {
        var endpoint = _app.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints
            .Single(e => e is Microsoft.AspNetCore.Routing.RouteEndpoint route && route.RoutePattern.RawText == $"/needs/{Scopes.AdminRead}");

        Assert.That(endpoint.Metadata.GetOrderedMetadata<RequiredScope>().Select(m => m.Scope), Is.EqualTo(new[] { Scopes.AdminRead }));
    }

    private static async Task AssertInsufficientScopeAsync(HttpResponseMessage response, string scope)
    {
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(Responses.Header(response, "WWW-Authenticate"), Is.EqualTo($"Bearer error=\"insufficient_scope\", scope=\"{scope}\""));
        Assert.That(Responses.Header(response, "Cache-Control"), Is.EqualTo("no-store"));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(InsufficientScopeBody));
    }

    private async Task<HttpResponseMessage> GetAsync(string path, params string[] scopes)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(ClaimsFromHeadersHandler.SubjectHeader, "10005");
        foreach (var scope in scopes)
        {
            request.Headers.Add(ClaimsFromHeadersHandler.ScopeHeader, scope);
        }

        return await _client.SendAsync(request);
    }
}
