using System.Net;
using System.Net.Http.Headers;
using FastApiLearning.WebApi.IntegrationTests.Support;

namespace FastApiLearning.WebApi.IntegrationTests.Security;

/// <summary>An answer that depends on who asks is never stored: not by the browser (Back after logout), not by a shared cache.</summary>
public sealed class CachingHeadersTests : ApiTest
{
    [Test]
    public async Task GetUsersMe_WithABearerToken_IsNoStore()
    {
        var token = await Forms.GetAccessTokenAsync(Client);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/users/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await Client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Headers.CacheControl?.NoStore, Is.True);
        Assert.That(Responses.Header(response, "Pragma"), Is.EqualTo("no-cache"));
    }

    [Test]
    public async Task GetUsersMe_WithTheSessionCookie_IsNoStoreAndVariesByCookie()
    {
        var token = await Forms.GetAccessTokenAsync(Client);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/users/me");
        request.Headers.Add("Cookie", "fal_session=" + token);

        using var response = await Client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Headers.CacheControl?.NoStore, Is.True);
        Assert.That(response.Headers.Vary, Does.Contain("Cookie"));
    }

    [Test]
    public async Task GetUsersMe_WithoutAToken_IsNoStoreToo()
    {
        using var response = await Client.GetAsync("/users/me");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(response.Headers.CacheControl?.NoStore, Is.True);
        Assert.That(response.Headers.Vary, Does.Contain("Cookie"));
    }

    [TestCase("/")]
    [TestCase("/login")]
    public async Task Pages_AreNoStoreAndVaryByCookie(string path)
    {
        using var response = await Client.GetAsync(path);

        Assert.That(response.Headers.CacheControl?.NoStore, Is.True);
        Assert.That(response.Headers.Vary, Does.Contain("Cookie"));
    }

    [Test]
    public async Task PublicAssets_AreLeftCacheable()
    {
        using var response = await Client.GetAsync("/css/site.css");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Headers.CacheControl?.NoStore ?? false, Is.False);
    }

    [Test]
    public async Task AntiforgeryCookie_UnderHttps_IsSecure()
    {
        using var factory = new ApiFactory();
        using var browser = BrowserClient.For(factory, "https://localhost");

        using var response = await browser.Http.GetAsync("/login");

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("fal_antiforgery=", StringComparison.Ordinal));
        Assert.That(cookie.Split(';').Select(a => a.Trim().ToLowerInvariant()), Does.Contain("secure"));
    }
}
