using System.Net;
using System.Text.Json;
using FastApiLearning.WebApi.IntegrationTests.Support;

namespace FastApiLearning.WebApi.IntegrationTests.Endpoints;

public sealed class UsersMeEndpointTests : ApiTest
{
    [TestCase("Bearer")]
    [TestCase("bearer")]
    [TestCase("BEARER")]
    public async Task Get_WithTokenFromLogin_ReturnsThePublicFields(string scheme)
    {
        var token = await Forms.GetAccessTokenAsync(Client);

        using var response = await GetMeAsync($"{scheme} {token}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(
            """{"emp_no":500222,"email":"behai_nguyen@hotmail.com","username":"behai_nguyen@hotmail.com","first_name":"Be Hai","last_name":"Doe","gender":"M","birth_date":"1970-10-27","hire_date":"2021-06-15"}"""));
    }

    [Test]
    public async Task Get_ForTheSecondSampleUser_ReturnsTheirFieldsWithoutAHash()
    {
        var token = await Forms.GetAccessTokenAsync(Client, Forms.Pranav);

        using var response = await GetMeAsync($"Bearer {token}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var text = await response.Content.ReadAsStringAsync();
        var body = JsonDocument.Parse(text).RootElement;
        Assert.That(body.GetProperty("emp_no").GetInt32(), Is.EqualTo(10198));
        Assert.That(body.GetProperty("first_name").GetString(), Is.EqualTo("Pranav"));
        Assert.That(body.GetProperty("last_name").GetString(), Is.EqualTo("Furedi"));
        Assert.That(text, Does.Not.Contain("argon2").And.Not.Contain("password"));
    }

    /// <summary>Tokens at the edge of Jwt:AccessTokenLifetime, made when the test runs.</summary>
    private static IEnumerable<TestCaseData> TokensOfTheConfiguredLifetime()
    {
        yield return new TestCaseData(0.0, 0).SetName("Get_WithTokenOfExactlyTheConfiguredLifetime_ReturnsTheUser");
        yield return new TestCaseData(0.123, 0).SetName("Get_WithTokenWhoseIatHasAFraction_ReturnsTheUser");
        yield return new TestCaseData(0.123, 1).SetName("Get_WithTokenWhoseIatHasAFractionAndExpIsRoundedUp_ReturnsTheUser");
    }

    [TestCaseSource(nameof(TokensOfTheConfiguredLifetime))]
    public async Task Get_WithTokenOfTheConfiguredLifetime_ReturnsTheUser(double iatFraction, int expExtraSeconds)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var token = TestTokens.Create(
            issuedAt: now + iatFraction,
            notBefore: DateTimeOffset.FromUnixTimeSeconds(now).UtcDateTime,
            expires: DateTimeOffset.FromUnixTimeSeconds(now + expExtraSeconds).UtcDateTime + TestTokens.Lifetime);

        using var response = await GetMeAsync($"Bearer {token}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.That(body.GetProperty("emp_no").GetInt32(), Is.EqualTo(TestTokens.BehaiEmpNo));
    }

    [Test]
    public async Task Get_WithoutToken_ReturnsNotAuthenticated()
    {
        using var response = await GetMeAsync(authorization: null);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Is.EqualTo("Bearer"));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("""{"detail":"Not authenticated"}"""));
    }

    private static IEnumerable<TestCaseData> BadTokens()
    {
        yield return new TestCaseData("garbage").SetName("Get_WithGarbageToken_ReturnsInvalidToken");
        yield return new TestCaseData("behai_nguyen@hotmail.com").SetName("Get_WithUsernameAsToken_ReturnsInvalidToken");
        yield return new TestCaseData(TestTokens.Tampered()).SetName("Get_WithTamperedSignature_ReturnsInvalidToken");
        yield return new TestCaseData(TestTokens.Unsigned()).SetName("Get_WithAlgNone_ReturnsInvalidToken");
        yield return new TestCaseData(TestTokens.Create(key: TestTokens.OtherKey())).SetName("Get_WithTokenSignedByAnotherKey_ReturnsInvalidToken");
        yield return new TestCaseData(TestTokens.Create(expires: DateTime.UtcNow.AddMinutes(-5), notBefore: DateTime.UtcNow.AddMinutes(-35)))
            .SetName("Get_WithExpiredToken_ReturnsInvalidToken");
        yield return new TestCaseData(TestTokens.Create(issuer: "someone-else")).SetName("Get_WithTokenFromAnotherIssuer_ReturnsInvalidToken");
        yield return new TestCaseData(TestTokens.Create(audience: "someone-else")).SetName("Get_WithTokenForAnotherAudience_ReturnsInvalidToken");
        yield return new TestCaseData(TestTokens.Create(empNo: 999999)).SetName("Get_WithValidTokenOfEmployeeNoLongerInStore_ReturnsInvalidToken");
        yield return new TestCaseData(TestTokens.Create(expires: DateTime.UtcNow.AddYears(10)))
            .SetName("Get_WithTokenLivingTenYears_ReturnsInvalidToken");
        yield return new TestCaseData(TestTokens.Create(expires: DateTime.UtcNow + TestTokens.Lifetime + TimeSpan.FromSeconds(2)))
            .SetName("Get_WithTokenLivingLongerThanConfigured_ReturnsInvalidToken");
        yield return new TestCaseData(TestTokens.Create(withIssuedAt: false)).SetName("Get_WithTokenWithoutIat_ReturnsInvalidToken");
        yield return new TestCaseData(TestTokens.Create(
                issuedAt: DateTimeOffset.UtcNow.AddYears(10).ToUnixTimeSeconds(), expires: DateTime.UtcNow.AddYears(10) + TestTokens.Lifetime))
            .SetName("Get_WithTokenIssuedInTenYears_ReturnsInvalidToken");
        yield return new TestCaseData(TestTokens.Create(header: new Dictionary<string, object> { ["crit"] = new[] { "exp" }, ["exp"] = 1 }))
            .SetName("Get_WithCritHeader_ReturnsInvalidToken");
    }

    [TestCaseSource(nameof(BadTokens))]
    public async Task Get_WithBadToken_ReturnsInvalidToken(string token)
    {
        using var response = await GetMeAsync($"Bearer {token}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Is.EqualTo("Bearer error=\"invalid_token\""));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("""{"detail":"Could not validate credentials"}"""));
    }

    private async Task<HttpResponseMessage> GetMeAsync(string? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/users/me");
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return await Client.SendAsync(request);
    }
}
