using Duende.IdentityModel.Client;
using FastApiLearning.WebApi.ClientTests.Support;

namespace FastApiLearning.WebApi.ClientTests;

/// <summary>Duende.IdentityModel, a .NET OAuth2 client library, with its own defaults except plain http.</summary>
[TestFixture]
[NonParallelizable]
public sealed class DuendeClientTests
{
    private ServiceHost _service = null!;
    private HttpClient _http = null!;

    [OneTimeSetUp]
    public void StartService()
    {
        _service = ServiceHost.StartNew();
        _http = _service.NewHttpClient();
    }

    [OneTimeTearDown]
    public void StopService()
    {
        _http.Dispose();
        _service.Dispose();
    }

    [Test]
    public async Task Discovery_PasswordRefreshIntrospectionRevocation_AllWorkFromTheMetadata()
    {
        var discovery = await DiscoverAsync();
        Assert.That(discovery.IsError, Is.False, discovery.Error);

        // The password grant as Duende sends it: the public client's id in Basic auth with an empty secret.
        var login = await _http.RequestPasswordTokenAsync(new PasswordTokenRequest
        {
            Address = discovery.TokenEndpoint,
            ClientId = ServiceHost.PublicClientId,
            UserName = SampleUsers.BehaiEmail,
            Password = SampleUsers.Password,
            Scope = "user:read",
        });
        Assert.That(login.IsError, Is.False, login.Raw);

        var refreshed = await _http.RequestRefreshTokenAsync(new RefreshTokenRequest
        {
            Address = discovery.TokenEndpoint,
            ClientId = ServiceHost.PublicClientId,
            RefreshToken = login.RefreshToken!,
        });
        Assert.That(refreshed.IsError, Is.False, refreshed.Raw);

        var activeAccess = await IntrospectAsync(discovery, refreshed.AccessToken!);
        var activeRefresh = await IntrospectAsync(discovery, refreshed.RefreshToken!);
        var usedRefresh = await IntrospectAsync(discovery, login.RefreshToken!);

        var revocation = await _http.RevokeTokenAsync(new TokenRevocationRequest
        {
            Address = discovery.RevocationEndpoint,
            ClientId = ServiceHost.PublicClientId,
            Token = refreshed.RefreshToken!,
            TokenTypeHint = "refresh_token",
        });
        var revokedRefresh = await IntrospectAsync(discovery, refreshed.RefreshToken!);
        var refreshAfterRevocation = await _http.RequestRefreshTokenAsync(new RefreshTokenRequest
        {
            Address = discovery.TokenEndpoint,
            ClientId = ServiceHost.PublicClientId,
            RefreshToken = refreshed.RefreshToken!,
        });

        Assert.Multiple(() =>
        {
            Assert.That(login.TokenType, Is.EqualTo("bearer"));
            Assert.That(login.RefreshToken, Is.Not.Empty);
            Assert.That(refreshed.RefreshToken, Is.Not.EqualTo(login.RefreshToken), "rotated");
            Assert.That(activeAccess.IsActive, Is.True, activeAccess.Raw);
            Assert.That(activeAccess.Claims.Single(claim => claim.Type == "sub").Value, Is.EqualTo("500222"));
            Assert.That(activeAccess.Claims.Single(claim => claim.Type == "scope").Value, Is.EqualTo("user:read"));
            Assert.That(activeRefresh.IsActive, Is.True, activeRefresh.Raw);
            Assert.That(usedRefresh.IsActive, Is.False, "a rotated-away refresh token is no longer active");
            Assert.That(revocation.IsError, Is.False, revocation.Raw);
            Assert.That(revokedRefresh.IsActive, Is.False);
            Assert.That(refreshAfterRevocation.Error, Is.EqualTo("invalid_grant"));
        });
    }

    [Test]
    public async Task Introspection_WithoutTheConfidentialClientsSecret_IsRefused()
    {
        var discovery = await DiscoverAsync();
        var token = await Tokens.LogInAsync(_http);

        var asPublicClient = await _http.IntrospectTokenAsync(new TokenIntrospectionRequest
        {
            Address = discovery.IntrospectionEndpoint,
            ClientId = ServiceHost.PublicClientId,
            Token = token,
        });
        var withWrongSecret = await _http.IntrospectTokenAsync(new TokenIntrospectionRequest
        {
            Address = discovery.IntrospectionEndpoint,
            ClientId = ServiceHost.ConfidentialClientId,
            ClientSecret = "not-the-secret",
            Token = token,
        });

        Assert.Multiple(() =>
        {
            Assert.That(asPublicClient.IsError, Is.True);
            Assert.That((int)asPublicClient.HttpStatusCode, Is.EqualTo(401));
            Assert.That(withWrongSecret.IsError, Is.True);
            Assert.That((int)withWrongSecret.HttpStatusCode, Is.EqualTo(401));
        });
    }

    private Task<DiscoveryDocumentResponse> DiscoverAsync() =>
        _http.GetDiscoveryDocumentAsync(new DiscoveryDocumentRequest
        {
            Address = _service.Origin,
            // Its default policy (issuer == authority, endpoints on the authority, a key set), over plain http,
            // reading RFC 8414's document rather than OpenID Connect's (we issue no ID tokens).
            Policy = { RequireHttps = false, DiscoveryDocumentPath = ".well-known/oauth-authorization-server" },
        });

    private Task<TokenIntrospectionResponse> IntrospectAsync(DiscoveryDocumentResponse discovery, string token) =>
        _http.IntrospectTokenAsync(new TokenIntrospectionRequest
        {
            Address = discovery.IntrospectionEndpoint,
            ClientId = ServiceHost.ConfidentialClientId,
            ClientSecret = ServiceHost.ConfidentialClientSecret,
            Token = token,
        });
}
