using FastApiLearning.WebApi.ClientTests.Support;

namespace FastApiLearning.WebApi.ClientTests;

/// <summary>OAuth2 client libraries other people wrote, unmodified, against the running service.</summary>
[TestFixture]
[NonParallelizable]
public sealed class PythonClientTests
{
    private ServiceHost _service = null!;

    [OneTimeSetUp]
    public void StartService() => _service = ServiceHost.StartNew();

    [OneTimeTearDown]
    public void StopService() => _service.Dispose();

    [Test]
    public async Task Authlib_AuthorizationCodeWithPkce_ThenRefresh_ThenRevoke_WorksThroughTheLoginPage()
    {
        var seen = await Python.RunAsync(
            "authlib_code_flow.py",
            _service.Origin,
            ServiceHost.PublicClientId,
            ServiceHost.PublicClientRedirectUri,
            SampleUsers.BehaiEmail,
            SampleUsers.Password);

        Assert.Multiple(() =>
        {
            Assert.That(seen.GetProperty("issuer").GetString(), Is.EqualTo(_service.Origin));
            Assert.That(seen.GetProperty("authorization_url_has_s256").GetBoolean(), Is.True);
            // The login page's form, the same one /login shows, posted to the one /token.
            Assert.That(seen.GetProperty("login_form_posted_to").GetString(), Is.EqualTo("/token"));
            Assert.That(seen.GetProperty("callback_state_matches").GetBoolean(), Is.True);
            Assert.That(seen.GetProperty("callback_iss").GetString(), Is.EqualTo(_service.Origin), "RFC 9207");
            Assert.That(seen.GetProperty("token_type").GetString(), Is.EqualTo("bearer"));
            Assert.That(seen.GetProperty("scope").GetString(), Is.EqualTo("user:read"));
            Assert.That(seen.GetProperty("has_refresh_token").GetBoolean(), Is.True);
            Assert.That(seen.GetProperty("me_status").GetInt32(), Is.EqualTo(200));
            Assert.That(seen.GetProperty("me_email").GetString(), Is.EqualTo(SampleUsers.BehaiEmail));
            Assert.That(seen.GetProperty("refresh_rotated").GetBoolean(), Is.True);
            Assert.That(seen.GetProperty("me_after_refresh_status").GetInt32(), Is.EqualTo(200));
            Assert.That(seen.GetProperty("revoke_status").GetInt32(), Is.EqualTo(200));
            Assert.That(seen.GetProperty("refresh_after_revoke").GetString(), Is.EqualTo("invalid_grant"));
        });
    }

    [Test]
    public async Task RequestsOAuthlib_PasswordGrantAsPublicClientInBasicAuth_ThenRefresh_Works()
    {
        var seen = await Python.RunAsync(
            "requests_oauthlib_password.py",
            _service.Origin,
            ServiceHost.PublicClientId,
            SampleUsers.BehaiEmail,
            SampleUsers.Password);

        Assert.Multiple(() =>
        {
            Assert.That(seen.GetProperty("token_type").GetString(), Is.EqualTo("bearer"));
            Assert.That(seen.GetProperty("has_refresh_token").GetBoolean(), Is.True);
            Assert.That(seen.GetProperty("me_status").GetInt32(), Is.EqualTo(200));
            Assert.That(seen.GetProperty("refresh_rotated").GetBoolean(), Is.True);
            Assert.That(seen.GetProperty("access_changed").GetBoolean(), Is.True);
            Assert.That(seen.GetProperty("me_after_refresh_status").GetInt32(), Is.EqualTo(200));
        });
    }
}
