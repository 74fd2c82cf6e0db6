using System.Net;
using FastApiLearning.WebApi.BrowserTests.Support;

namespace FastApiLearning.WebApi.BrowserTests;

/// <summary>
/// A page on another server makes its visitor's Chromium post wrong passwords to <c>/token</c>; five
/// counted failures would lock the account. Each test shows one rule of the service's cross-site
/// check refusing those posts on its own, with the headers Chromium really sends: the posts reach
/// the service and get 403, and the owner's own login still succeeds. Each test starts its own
/// service, so a count one of them moved cannot reach the other.
/// </summary>
public sealed class CrossSiteLoginTests : BrowserTest
{
    [Test]
    public async Task PostsFromAnotherPortOfTheSameHost_AreRefusedByTheirOrigin_AndLockNobodyOut()
    {
        await using var attacker = await AttackerSite.StartAsync();
        await using var service = KestrelApp.StartNew();

        var posts = await VisitAsync(attacker.PageUrl("127.0.0.1", service), service);

        // Another port of the same host is the same site: only the Origin rule tells these posts apart.
        var ownerLogIn = await ApiLogInAsync(service);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(posts, Is.EqualTo(Enumerable.Repeat(new TokenPost(attacker.Origin("127.0.0.1"), "same-site", 403), AttackerSite.Attempts)));
            Assert.That(ownerLogIn, Is.EqualTo(HttpStatusCode.OK));
        }
    }

    [Test]
    public async Task PostsFromAnotherSite_AreRefusedBySecFetchSite_EvenFromAnAllowedOrigin_AndLockNobodyOut()
    {
        await using var attacker = await AttackerSite.StartAsync();
        // The attacker's origin is allowed, so the Origin rule lets its posts pass.
        await using var service = KestrelApp.StartNew(("App:AllowedOrigins:0", attacker.Origin("localhost")));

        var posts = await VisitAsync(attacker.PageUrl("localhost", service), service);

        var ownerLogIn = await ApiLogInAsync(service);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(posts, Is.EqualTo(Enumerable.Repeat(new TokenPost(attacker.Origin("localhost"), "cross-site", 403), AttackerSite.Attempts)));
            Assert.That(ownerLogIn, Is.EqualTo(HttpStatusCode.OK));
        }
    }

    /// <summary>Opens the attacker's page, waits until all its posts are answered and returns them as the service saw them.</summary>
    private async Task<IReadOnlyList<TokenPost>> VisitAsync(string pageUrl, KestrelApp service)
    {
        await Page.GotoAsync(pageUrl);
        await Assertions.Expect(Page).ToHaveTitleAsync("done");
        return service.TokenPosts.Posts;
    }

    /// <summary>The owner logs in from an API client (no Origin, no Sec-Fetch-Site): 429 if the posts had counted.</summary>
    private static async Task<HttpStatusCode> ApiLogInAsync(KestrelApp service)
    {
        using var client = new HttpClient { BaseAddress = service.BaseAddress };
        using var form = new FormUrlEncodedContent([
            new("username", SampleUsers.Behai),
            new("password", SampleUsers.Password),
        ]);
        using var response = await client.PostAsync(new Uri("/token", UriKind.Relative), form);
        return response.StatusCode;
    }
}
