using System.Net;
using System.Text.Json;
using FastApiLearning.WebApi.RedisTests.Support;

namespace FastApiLearning.WebApi.RedisTests;

/// <summary>Two instances of the service behind one real Redis, as a deployment runs them.</summary>
[NonParallelizable]
public sealed class MultiInstanceTests
{
    private RedisServer _redis = null!;
    private string _signingKey = null!;
    private string _prefix = null!;
    private AppInstance _a = null!;
    private AppInstance _b = null!;

    [OneTimeSetUp]
    public void StartRedis()
    {
        _redis = new RedisServer();
        _redis.Start();
    }

    [OneTimeTearDown]
    public void StopRedis() => _redis.Dispose();

    [SetUp]
    public void StartInstances()
    {
        // Each test its own keys, so no count or revocation leaks from one test into another.
        _prefix = $"fal-test-{Guid.NewGuid():N}:";
        _signingKey = AppInstance.NewSigningKey();
        _a = NewInstance();
        _b = NewInstance();
    }

    [TearDown]
    public async Task StopInstances()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
    }

    [Test]
    public async Task TokenFromA_WorksOnB_UntilLogoutOnA()
    {
        using var a = _a.Client();
        using var b = _b.Client();
        var token = await AppInstance.TokenAsync(a);

        using var before = await b.SendAsync(AppInstance.Get("/users/me", token));
        using var logout = await a.SendAsync(AppInstance.Post("/logout", token));
        using var after = await b.SendAsync(AppInstance.Get("/users/me", token));

        Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(logout.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(after.Headers.WwwAuthenticate.ToString(), Is.EqualTo("Bearer error=\"invalid_token\""));
    }

    [Test]
    public async Task FailuresSpreadOverAAndB_AreCountedTogether_WithoutLosingAny()
    {
        using var a = _a.Client();
        using var b = _b.Client();
        const string username = "target@example.com";

        // Fired at once from both instances: each failure that got past the throttle must be counted.
        var attempts = Enumerable.Range(0, 16)
            .Select(i => (i % 2 == 0 ? a : b).PostAsync("/token", AppInstance.Login(username, $"wrong-{i}")));
        var responses = await Task.WhenAll(attempts);
        var statusList = responses.Select(r => (int)r.StatusCode).ToArray();
        var failures = responses.Count(r => r.StatusCode == HttpStatusCode.BadRequest);
        var refused = responses.Count(r => r.StatusCode == (HttpStatusCode)429);
        foreach (var response in responses)
        {
            response.Dispose();
        }

        using var redis = _redis.Connect();
        var counted = (int)await redis.GetDatabase().HashGetAsync($"{_prefix}throttle:user:{username}", "n");
        Assert.That(failures + refused, Is.EqualTo(16), "every attempt was a 400 or a 429, none a 5xx: " + string.Join(",", statusList));
        Assert.That(failures, Is.GreaterThanOrEqualTo(5));
        Assert.That(counted, Is.EqualTo(failures), "no failure lost between the two instances");

        using var nextOnA = await a.PostAsync("/token", AppInstance.Login(username, "again"));
        using var nextOnB = await b.PostAsync("/token", AppInstance.Login(username, "again"));
        Assert.That((int)nextOnA.StatusCode, Is.EqualTo(429));
        Assert.That((int)nextOnB.StatusCode, Is.EqualTo(429));
    }

    [Test]
    public async Task ThrottleStartsAfterTheSameTotal_AsWithOneInstance()
    {
        using var a = _a.Client();
        using var b = _b.Client();
        const string username = "alternating@example.com";
        var statuses = new List<int>();

        for (var i = 0; i < 6; i++)
        {
            using var response = await (i % 2 == 0 ? a : b).PostAsync("/token", AppInstance.Login(username, "wrong"));
            statuses.Add((int)response.StatusCode);
        }

        Assert.That(statuses, Is.EqualTo(new[] { 400, 400, 400, 400, 400, 429 }));
    }

    [Test]
    public async Task Revocation_SurvivesRestartingBothInstances()
    {
        string token;
        using (var a = _a.Client())
        {
            token = await AppInstance.TokenAsync(a);
            using var logout = await a.SendAsync(AppInstance.Post("/logout", token));
            Assert.That(logout.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        }

        await _a.DisposeAsync();
        await _b.DisposeAsync();
        _a = NewInstance();
        _b = NewInstance();

        using var newA = _a.Client();
        using var newB = _b.Client();
        using var onA = await newA.SendAsync(AppInstance.Get("/users/me", token));
        using var onB = await newB.SendAsync(AppInstance.Get("/users/me", token));
        Assert.That(onA.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(onB.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        var fresh = await AppInstance.TokenAsync(newA);
        using var freshOnB = await newB.SendAsync(AppInstance.Get("/users/me", fresh));
        Assert.That(freshOnB.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the restarted instances share the key and work");
    }

    [Test]
    public async Task RedisDown_FailsClosedWith503_ThenRecoversWithoutRestart()
    {
        using var a = _a.Client();
        var token = await AppInstance.TokenAsync(a);
        using (var up = await a.SendAsync(AppInstance.Get("/users/me", token)))
        {
            Assert.That(up.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        _redis.Stop();
        try
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            using var me = await a.SendAsync(AppInstance.Get("/users/me", token));
            TestContext.Out.WriteLine($"503 with Redis down after {clock.ElapsedMilliseconds} ms (Redis:Timeout 2 s)");
            Assert.That(me.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(me.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(await me.Content.ReadAsStringAsync(), Does.Contain("The session store is unavailable"));
            Assert.That(me.Headers.RetryAfter, Is.Not.Null);

            using var login = await a.PostAsync("/token", AppInstance.Login(AppInstance.Behai, AppInstance.Password));
            Assert.That(login.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            using (var json = JsonDocument.Parse(await login.Content.ReadAsStringAsync()))
            {
                Assert.That(json.RootElement.GetProperty("error").GetString(), Is.EqualTo("temporarily_unavailable"));
            }

            using var ready = await a.GetAsync("/readyz");
            Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            using var live = await a.GetAsync("/healthz");
            Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the process itself is alive");
        }
        finally
        {
            _redis.Start();
        }

        // The multiplexer reconnects by itself; wait (bounded) for it, then everything works again.
        Assert.That(await EventuallyAsync(async () =>
        {
            using var ready = await a.GetAsync("/readyz");
            return ready.StatusCode == HttpStatusCode.OK;
        }), Is.True, "/readyz recovers without a restart");
        using var again = await a.SendAsync(AppInstance.Get("/users/me", token));
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var newToken = await AppInstance.TokenAsync(a);
        Assert.That(newToken, Is.Not.Empty);
    }

    [Test]
    public async Task EveryEntryWritten_ExpiresByItself()
    {
        using var a = _a.Client();
        using var b = _b.Client();
        using (var failed = await a.PostAsync("/token", AppInstance.Login("someone@example.com", "wrong")))
        {
            Assert.That(failed.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        }

        var token = await AppInstance.TokenAsync(b);
        using (var logout = await b.SendAsync(AppInstance.Post("/logout", token)))
        {
            Assert.That(logout.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        }

        using var redis = _redis.Connect();
        var server = redis.GetServer(_redis.ConnectionString);
        var keys = server.Keys(pattern: _prefix + "*").ToArray();
        Assert.That(keys.Select(k => k.ToString()), Has.Some.StartsWith(_prefix + "revoked:"));
        Assert.That(keys.Select(k => k.ToString()), Has.Some.StartsWith(_prefix + "throttle:user:"));
        // The Data Protection key ring is the one key that must stay: it decrypts device cookies.
        var keyRing = _prefix + "data-protection-keys";
        Assert.That(await redis.GetDatabase().KeyTimeToLiveAsync(keyRing), Is.Null);
        foreach (var key in keys.Where(k => k != keyRing))
        {
            var ttl = await redis.GetDatabase().KeyTimeToLiveAsync(key);
            Assert.That(ttl, Is.Not.Null.And.GreaterThan(TimeSpan.Zero), $"{key} has no TTL");
        }
    }

    private AppInstance NewInstance() => new(_redis.ConnectionString, _prefix, _signingKey);

    /// <summary>Polls a condition until it holds, for at most 20 s.</summary>
    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(200);
        }

        return false;
    }
}
