using System.Net;
using System.Security.Claims;
using FastApiLearning.Application.Auth.IsTokenRevoked;
using FastApiLearning.Application.Common.Exceptions;
using FastApiLearning.Application.Common.Logging;
using FastApiLearning.TestSupport.Logging;
using FastApiLearning.WebApi.Auth;
using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Moq;

namespace FastApiLearning.WebApi.IntegrationTests.Auth;

/// <summary>JwtBearer's events one by one, without the app: a mocked mediator and a bare HttpContext.</summary>
public sealed class BearerEventsTests
{
    private const string ClientIp = "203.0.113.7";
    private const string Email = "behai_nguyen@hotmail.com";

    private static readonly AuthenticationScheme s_scheme = new(JwtBearerDefaults.AuthenticationScheme, null, typeof(JwtBearerHandler));

    private readonly JwtBearerOptions _options = new();
    private Mock<ISender> _sender = null!;
    private LogCapture _logs = null!;
    private ILoggerFactory _loggerFactory = null!;
    private BearerEvents _events = null!;

    [SetUp]
    public void SetUp()
    {
        _sender = new Mock<ISender>(MockBehavior.Strict);
        _logs = new LogCapture();
        _loggerFactory = LoggerFactory.Create(logging => logging.AddProvider(_logs));
        _events = new BearerEvents(_sender.Object, new BrowserSession(_sender.Object, TimeProvider.System), _loggerFactory);
    }

    [TearDown]
    public void TearDown() => _loggerFactory.Dispose();

    [TestCase("http", "fal_session")]
    [TestCase("https", "__Host-fal_session")]
    public async Task MessageReceived_WithoutAuthorizationHeader_TakesTheTokenFromTheSessionCookie(string scheme, string cookie)
    {
        // Arrange
        var httpContext = NewHttpContext();
        httpContext.Request.Scheme = scheme;
        httpContext.Request.Headers.Cookie = $"{cookie}=the-token";
        var context = new MessageReceivedContext(httpContext, s_scheme, _options);

        // Act
        await _events.MessageReceived(context);

        // Assert
        Assert.That(context.Token, Is.EqualTo("the-token"));
    }

    [Test]
    public async Task MessageReceived_WithAuthorizationHeader_LeavesTheCookieAlone()
    {
        // Arrange
        var httpContext = NewHttpContext();
        httpContext.Request.Headers.Authorization = "Bearer from-the-header";
        httpContext.Request.Headers.Cookie = "fal_session=from-the-cookie";
        var context = new MessageReceivedContext(httpContext, s_scheme, _options);

        // Act
        await _events.MessageReceived(context);

        // Assert: JwtBearer reads the header itself when no token was given.
        Assert.That(context.Token, Is.Null);
    }

    [Test]
    public async Task TokenValidated_WhenNotRevoked_AsksWithJtiSubAndIatToTheMillisecond_AndLetsItThrough()
    {
        // Arrange
        var expected = new IsTokenRevokedQuery("jti-1", "500222", DateTimeOffset.FromUnixTimeMilliseconds(1_735_787_045_123));
        _sender.Setup(s => s.Send(expected, It.IsAny<CancellationToken>())).Returns(new ValueTask<bool>(false));
        var context = ValidatedContext(iat: "1735787045.123");

        // Act
        await _events.TokenValidated(context);

        // Assert
        _sender.Verify(s => s.Send(expected, It.IsAny<CancellationToken>()), Times.Once);
        Assert.That(context.Result, Is.Null);
        Assert.That(_logs.Security(1005), Is.Empty);
    }

    [Test]
    public async Task TokenValidated_WhenRevoked_FailsAndLogsWhoseTokenFromWhere()
    {
        // Arrange
        _sender.Setup(s => s.Send(It.IsAny<IsTokenRevokedQuery>(), It.IsAny<CancellationToken>())).Returns(new ValueTask<bool>(true));
        var context = ValidatedContext(iat: "1735787045");

        // Act
        await _events.TokenValidated(context);

        // Assert
        Assert.That(context.Result?.Failure?.Message, Is.EqualTo("The token has been revoked."));
        var entry = _logs.Security(1005).Single();
        Assert.That(entry.Value("Reason"), Is.EqualTo("revoked"));
        Assert.That(entry.Value("Username"), Is.EqualTo(Email));
        Assert.That(entry.Value("ClientIp"), Is.EqualTo(ClientIp));
    }

    [Test]
    public async Task AuthenticationFailed_LogsTheReasonAndTheClient()
    {
        // Arrange
        var context = new AuthenticationFailedContext(NewHttpContext(), s_scheme, _options)
        {
            Exception = new SecurityTokenExpiredException("expired"),
        };

        // Act
        await _events.AuthenticationFailed(context);

        // Assert
        var entry = _logs.Security(1005).Single();
        Assert.That(entry.Value("Reason"), Is.EqualTo("expired"));
        Assert.That(entry.Value("ClientIp"), Is.EqualTo(ClientIp));
        Assert.That(context.Result, Is.Null, "JwtBearer answers the failure itself");
    }

    [Test]
    public async Task AuthenticationFailed_WhenTheStoreDidNotAnswer_LeavesItAloneToBecomeA503()
    {
        // Arrange
        var context = new AuthenticationFailedContext(NewHttpContext(), s_scheme, _options)
        {
            Exception = new ResourceUnavailableException("The session store did not answer.", TimeSpan.FromSeconds(1)),
        };

        // Act
        await _events.AuthenticationFailed(context);

        // Assert: not handled, so JwtBearer throws it on to the exception handler.
        Assert.That(context.Result, Is.Null);
        Assert.That(_logs.Entries.Where(entry => entry.Category == SecurityLog.Category), Is.Empty);
    }

    [Test]
    public async Task Challenge_FromABrowserWithTheSessionCookie_EndsTheSessionAndSendsItToLogIn()
    {
        // Arrange
        var httpContext = NewHttpContext();
        httpContext.Request.Headers.Cookie = "fal_session=an-expired-token";
        httpContext.Request.Headers.Accept = "text/html,application/xhtml+xml,*/*;q=0.8";
        var context = ChallengeContext(httpContext, failure: new SecurityTokenExpiredException("expired"));

        // Act
        await _events.Challenge(context);

        // Assert
        Assert.That(context.Handled, Is.True);
        Assert.That(httpContext.Response.StatusCode, Is.EqualTo(StatusCodes.Status303SeeOther));
        Assert.That(httpContext.Response.Headers.Location.ToString(), Is.EqualTo("/login?notice=expired"));
        Assert.That(httpContext.Response.Headers.SetCookie.ToString(), Does.StartWith("fal_session=;").And.Contain("expires=Thu, 01 Jan 1970"));
    }

    private static IEnumerable<TestCaseData> ApiChallenges()
    {
        yield return new TestCaseData(null, null, false, "Bearer", """{"detail":"Not authenticated"}""")
            .SetName("{m}(NoToken)");
        yield return new TestCaseData(null, null, true, "Bearer error=\"invalid_token\"", """{"detail":"Could not validate credentials"}""")
            .SetName("{m}(BadToken)");
        yield return new TestCaseData("fal_session=a-token", "application/json", true, "Bearer error=\"invalid_token\"", """{"detail":"Could not validate credentials"}""")
            .SetName("{m}(SessionCookieButAsksForJson)");
    }

    [TestCaseSource(nameof(ApiChallenges))]
    public async Task Challenge_FromAnApiClient_Answers401WithTheBearerChallenge(
        string? cookie, string? accept, bool tokenWasBad, string wwwAuthenticate, string body)
    {
        // Arrange
        var httpContext = NewHttpContext();
        httpContext.Request.Headers.Cookie = cookie;
        httpContext.Request.Headers.Accept = accept;
        var context = ChallengeContext(httpContext, failure: tokenWasBad ? new SecurityTokenInvalidSignatureException() : null);

        // Act
        await _events.Challenge(context);

        // Assert
        Assert.That(context.Handled, Is.True);
        Assert.That(httpContext.Response.StatusCode, Is.EqualTo(StatusCodes.Status401Unauthorized));
        Assert.That(httpContext.Response.Headers.WWWAuthenticate.ToString(), Is.EqualTo(wwwAuthenticate));
        Assert.That(httpContext.Response.Headers.SetCookie.ToString(), Is.Empty);
        Assert.That(await BodyOf(httpContext.Response), Is.EqualTo(body));
    }

    private static DefaultHttpContext NewHttpContext()
    {
        var httpContext = new DefaultHttpContext();
        httpContext.Connection.RemoteIpAddress = IPAddress.Parse(ClientIp);
        httpContext.Response.Body = new MemoryStream();
        return httpContext;
    }

    private TokenValidatedContext ValidatedContext(string iat)
    {
        var identity = new ClaimsIdentity(
            [new Claim("jti", "jti-1"), new Claim("sub", "500222"), new Claim("email", Email)], JwtBearerDefaults.AuthenticationScheme);
        return new TokenValidatedContext(NewHttpContext(), s_scheme, _options)
        {
            Principal = new ClaimsPrincipal(identity),
            SecurityToken = new JsonWebToken("""{"alg":"HS256","typ":"JWT"}""", $$"""{"sub":"500222","jti":"jti-1","iat":{{iat}}}"""),
        };
    }

    private JwtBearerChallengeContext ChallengeContext(HttpContext httpContext, Exception? failure) =>
        new(httpContext, s_scheme, _options, new AuthenticationProperties()) { AuthenticateFailure = failure };

    private static async Task<string> BodyOf(HttpResponse response)
    {
        response.Body.Position = 0;
        using var reader = new StreamReader(response.Body);
        return await reader.ReadToEndAsync();
    }
}
