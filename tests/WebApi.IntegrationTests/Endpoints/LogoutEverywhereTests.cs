using System.Net;
using System.Net.Http.Headers;
using FastApiLearning.WebApi.IntegrationTests.Support;
using Microsoft.Extensions.Time.Testing;

namespace FastApiLearning.WebApi.IntegrationTests.Endpoints;

/// <summary><c>POST /logout</c> with <c>everywhere=true</c>: every token the user holds is refused, and a new login is not.</summary>
public sealed class LogoutEverywhereTests
{
    private FakeTimeProvider _clock = null!;
    private ApiFactory _factory = null!;
    private HttpClient _client = null!;

    [SetUp]
    public void Start()
    {
        // A whole second of the real now: every step below happens within that one second.
        _clock = HostSetup.NewClock();
        _factory = new ApiFactory(builder => builder.UseFakeTime(_clock));
        _client = _factory.CreateApiClient();
    }

    [TearDown]
    public void Stop()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    [Test]
    public async Task Everywhere_RefusesEveryTokenOfTheUser_AndALoginInTheSameSecondWorks()
    {
        // Arrange: two sessions of Be Hai and one of Pranav, in the same second.
        _clock.Advance(TimeSpan.FromMilliseconds(100));
        var laptop = await Forms.GetAccessTokenAsync(_client);
        var phone = await Forms.GetAccessTokenAsync(_client);
        var pranav = await Forms.GetAccessTokenAsync(_client, Forms.Pranav);
        _clock.Advance(TimeSpan.FromMilliseconds(200));

        // Act
        using var logout = await _client.SendAsync(Logout(laptop, "everywhere=true"));
        _clock.Advance(TimeSpan.FromMilliseconds(200));
        var fresh = await Forms.GetAccessTokenAsync(_client);

        // Assert
        Assert.That(logout.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(await StatusOfMeAsync(laptop), Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await StatusOfMeAsync(phone), Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await StatusOfMeAsync(pranav), Is.EqualTo(HttpStatusCode.OK), "another user's token");
        Assert.That(await StatusOfMeAsync(fresh), Is.EqualTo(HttpStatusCode.OK), "a login 200 ms after, in the same second");
    }

    [Test]
    public async Task Everywhere_AsAQueryParameter_WorksToo()
    {
        var laptop = await Forms.GetAccessTokenAsync(_client);
        var phone = await Forms.GetAccessTokenAsync(_client);

        using var logout = await _client.SendAsync(Logout(laptop, query: "?everywhere=true"));

        Assert.That(logout.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(await StatusOfMeAsync(phone), Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task PlainLogout_RefusesOnlyThatToken()
    {
        var laptop = await Forms.GetAccessTokenAsync(_client);
        var phone = await Forms.GetAccessTokenAsync(_client);

        using var logout = await _client.SendAsync(Logout(laptop));

        Assert.That(logout.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(await StatusOfMeAsync(laptop), Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await StatusOfMeAsync(phone), Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Everywhere_FromTheHomePage_EndsEveryBrowserSession()
    {
        using var laptop = BrowserClient.For(_factory);
        using var phone = BrowserClient.For(_factory);
        await laptop.LogInAsync();
        var phoneToken = await phone.LogInAsync();
        var (home, antiforgery) = await laptop.GetPageAsync("/");
        Assert.That(home, Does.Contain("End every session"));

        using var response = await laptop.Http.PostAsync("/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = antiforgery ?? "",
            ["everywhere"] = "true",
        }));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.SeeOther));
        Assert.That(response.Headers.Location?.OriginalString, Is.EqualTo("/login?notice=logged-out"));
        Assert.That(await StatusOfMeAsync(phoneToken), Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    private async Task<HttpStatusCode> StatusOfMeAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/users/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _client.SendAsync(request);
        return response.StatusCode;
    }

    private static HttpRequestMessage Logout(string token, string? form = null, string query = "")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/logout" + query);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (form is not null)
        {
            request.Content = new StringContent(form, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");
        }

        return request;
    }
}
