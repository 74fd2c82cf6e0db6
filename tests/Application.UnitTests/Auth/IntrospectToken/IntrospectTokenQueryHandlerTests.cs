using FastApiLearning.Application.Auth;
using FastApiLearning.Application.Auth.Clients;
using FastApiLearning.Application.Auth.IntrospectToken;
using FastApiLearning.Application.Common.Ports;
using FastApiLearning.TestSupport.Logging;
using Microsoft.Extensions.Time.Testing;

namespace FastApiLearning.Application.UnitTests.Auth.IntrospectToken;

public sealed class IntrospectTokenQueryHandlerTests
{
    private const string Refresh = "a-refresh-token";
    private const string Access = "header.payload.signature";

    private static readonly DateTimeOffset s_now = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private static readonly RefreshTokenFamily s_family = new("family-1", 500222, "spa", ["user:read"], s_now.AddDays(-1));
    private static readonly ValidatedAccessToken s_access =
        new("jti-1", "500222", "behai@example.com", s_now.AddMinutes(-1), s_now.AddMinutes(29), ["user:read"], "spa", "family-1", "iss", "aud");

    private static readonly ClientCredentials s_resourceServer = new("rs", "secret");

    private Mock<IRefreshTokenStore> _store = null!;
    private Mock<IRevocationStore> _revocations = null!;
    private Mock<IEmployeeStore> _employees = null!;
    private Mock<IAccessTokenValidator> _accessTokens = null!;
    private Mock<IClientRegistry> _clients = null!;
    private IntrospectTokenQueryHandler _handler = null!;

    [SetUp]
    public void SetUp()
    {
        _store = new Mock<IRefreshTokenStore>();
        Stored(new RefreshTokenRecord(TokenHandles.Hash(Refresh), s_family, s_now.AddHours(-1), s_now.AddDays(6)));
        _revocations = new Mock<IRevocationStore>();
        _employees = new Mock<IEmployeeStore>();
        _employees.Setup(e => e.FindTokensValidAfterAsync(500222, It.IsAny<CancellationToken>())).ReturnsAsync(DateTimeOffset.MinValue);
        _accessTokens = new Mock<IAccessTokenValidator>();
        _accessTokens.SetupGet(a => a.Issuer).Returns("iss");
        _accessTokens.Setup(a => a.ValidateAsync(Access, It.IsAny<CancellationToken>())).ReturnsAsync(s_access);
        _clients = new Mock<IClientRegistry>();
        var rs = new OAuthClient("rs", "RS", true, [], [], false);
        _clients.Setup(c => c.Find("rs")).Returns(rs);
        _clients.Setup(c => c.Find("spa")).Returns(new OAuthClient("spa", "SPA", false, [], [], false));
        _clients.Setup(c => c.IsSecretValid(rs, "secret")).Returns(true);
        _handler = new IntrospectTokenQueryHandler(
            _store.Object, _revocations.Object, _employees.Object, _accessTokens.Object, _clients.Object, new FakeTimeProvider(s_now), new LogCapture());
    }

    [Test]
    public async Task Handle_AnActiveAccessToken_SaysWhatItCarries()
    {
        var result = await _handler.Handle(new IntrospectTokenQuery(Access, Client: s_resourceServer), CancellationToken.None);

        Assert.That(result, Is.EqualTo(new IntrospectionResult.Active(
            "bearer", s_access.Scopes, "spa", "500222", "behai@example.com", s_access.IssuedAt, s_access.ExpiresAt, "iss", "aud")));
    }

    [Test]
    public async Task Handle_AnActiveRefreshToken_SaysWhatItsFamilyHolds()
    {
        var result = await _handler.Handle(new IntrospectTokenQuery(Refresh, Client: s_resourceServer), CancellationToken.None);

        Assert.That(result, Is.EqualTo(new IntrospectionResult.Active(
            "refresh_token", s_family.Scopes, "spa", "500222", null, s_now.AddHours(-1), s_now.AddDays(6), "iss", null)));
    }

    [Test]
    public async Task Handle_ARevokedAccessToken_IsInactive()
    {
        _revocations.Setup(r => r.IsRevokedAsync("jti-1", "500222", "family-1", s_access.IssuedAt, It.IsAny<CancellationToken>())).ReturnsAsync(true);

        var result = await _handler.Handle(new IntrospectTokenQuery(Access, Client: s_resourceServer), CancellationToken.None);

        Assert.That(result, Is.EqualTo(IntrospectionResult.Inactive));
    }

    [Test]
    public async Task Handle_AnAccessTokenOfAnEndedSession_AsksTheStoreWithItsSid()
    {
        // The store answers by the sid alone here: the token's own jti and subject are not revoked.
        _revocations.Setup(r => r.IsRevokedAsync(It.IsAny<string>(), It.IsAny<string>(), "family-1", It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(true);

        var result = await _handler.Handle(new IntrospectTokenQuery(Access, Client: s_resourceServer), CancellationToken.None);

        Assert.That(result, Is.EqualTo(IntrospectionResult.Inactive));
    }

    [TestCase("used")]
    [TestCase("revoked family")]
    [TestCase("expired")]
    [TestCase("void since")]
    [TestCase("employee gone")]
    public async Task Handle_ARefreshTokenThatWouldBeRefused_IsInactive(string why)
    {
        var record = new RefreshTokenRecord(TokenHandles.Hash(Refresh), s_family, s_now.AddHours(-1), s_now.AddDays(6));
        switch (why)
        {
            case "used": Stored(record with { UsedAt = s_now.AddMinutes(-1) }); break;
            case "revoked family": Stored(record with { Family = s_family with { RevokedAt = s_now } }); break;
            case "expired": Stored(record with { ExpiresAt = s_now }); break;
            case "void since":
                _employees.Setup(e => e.FindTokensValidAfterAsync(500222, It.IsAny<CancellationToken>())).ReturnsAsync(s_family.StartedAt);
                break;
            default:
                _employees.Setup(e => e.FindTokensValidAfterAsync(500222, It.IsAny<CancellationToken>())).ReturnsAsync((DateTimeOffset?)null);
                break;
        }

        var result = await _handler.Handle(new IntrospectTokenQuery(Refresh, Client: s_resourceServer), CancellationToken.None);

        Assert.That(result, Is.EqualTo(IntrospectionResult.Inactive));
    }

    [Test]
    public async Task Handle_AnUnknownToken_IsInactive()
    {
        var result = await _handler.Handle(new IntrospectTokenQuery("unknown", "access_token", s_resourceServer), CancellationToken.None);

        Assert.That(result, Is.EqualTo(IntrospectionResult.Inactive));
    }

    [TestCase(null, null)]
    [TestCase("spa", null)]
    [TestCase("rs", "guess")]
    [TestCase("unregistered", "whatever")]
    public async Task Handle_ForAnythingButAnAuthenticatedConfidentialClient_IsInvalidClient(string? clientId, string? secret)
    {
        var result = await _handler.Handle(new IntrospectTokenQuery(Access, Client: new ClientCredentials(clientId, secret)), CancellationToken.None);

        Assert.That(result, Is.TypeOf<IntrospectionResult.InvalidClient>());
        _accessTokens.Verify(a => a.ValidateAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    private void Stored(RefreshTokenRecord record) =>
        _store.Setup(s => s.FindAsync(TokenHandles.Hash(Refresh), It.IsAny<CancellationToken>())).ReturnsAsync(record);
}
