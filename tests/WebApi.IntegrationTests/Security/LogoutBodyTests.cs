using System.Net;
using System.Net.Http.Headers;
using System.Text;
using FastApiLearning.WebApi.IntegrationTests.Support;

namespace FastApiLearning.WebApi.IntegrationTests.Security;

/// <summary>
/// <c>/logout</c> reads its form with the same limits as <c>/token</c>: a broken or oversized body is a
/// 4xx, never a 500, and never buffered whole.
/// </summary>
public sealed class LogoutBodyTests : ApiTest
{
    [Test]
    public async Task BrowserLogout_WithABrokenMultipartBody_Is400NotA500()
    {
        var token = await Forms.GetAccessTokenAsync(Client);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/logout")
        {
            Content = new ByteArrayContent("--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end"u8.ToArray()),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=x");
        request.Headers.Add("Cookie", "fal_session=" + token);
        request.Headers.Accept.ParseAdd("text/html");

        using var response = await Client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
    }

    [Test]
    public async Task BrowserLogout_WithAFiveMegabyteValue_Is400NotA500()
    {
        var token = await Forms.GetAccessTokenAsync(Client);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/logout")
        {
            Content = new StringContent("__RequestVerificationToken=" + new string('a', 5 * 1024 * 1024), Encoding.ASCII, "application/x-www-form-urlencoded"),
        };
        request.Headers.Add("Cookie", "fal_session=" + token);

        using var response = await Client.SendAsync(request);

        Assert.That((int)response.StatusCode, Is.InRange(400, 499));
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task BearerLogout_WithABodyOverTheLimit_Is413(bool sized)
    {
        var token = await Forms.GetAccessTokenAsync(Client);
        HttpContent content = new StringContent("everywhere=" + new string('a', 29 * 1024 * 1024), Encoding.ASCII, "application/x-www-form-urlencoded");
        if (!sized)
        {
            content = new StreamContent(await content.ReadAsStreamAsync()) { Headers = { ContentType = content.Headers.ContentType } };
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/logout") { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await Client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("The form is larger than 16 KiB."));
    }

    [Test]
    public async Task BearerLogout_InACharsetDotNetRefuses_Is400()
    {
        var token = await Forms.GetAccessTokenAsync(Client);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/logout") { Content = new ByteArrayContent("everywhere=true"u8.ToArray()) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded; charset=utf-7");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await Client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }
}
