using System.Net;
using System.Text.Json;
using FastApiLearning.WebApi.IntegrationTests.Support;
using Microsoft.Data.Sqlite;

namespace FastApiLearning.WebApi.IntegrationTests.Endpoints;

/// <summary>
/// The employees database out of reach (here: its SQLite file cannot be opened): 503s in the shapes the
/// callers expect and <c>/readyz</c> 503, never a 500; and everything works again once it is back, without a restart.
/// </summary>
public sealed class DatabaseOutageTests
{
    [Test]
    public async Task Requests_WhileTheDatabaseCannotBeOpened_Answer503_AndRecoverWhenItIsBack()
    {
        using var factory = new ApiFactory();
        using var client = factory.CreateApiClient();
        var token = await Forms.GetAccessTokenAsync(client);
        var file = new SqliteConnectionStringBuilder(factory.DatabaseConnectionString).DataSource;
        using (var ready = await client.GetAsync("/readyz"))
        {
            Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        var away = TakeAway(factory.DatabaseConnectionString, file);
        try
        {
            using var me = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/users/me") { Headers = { Authorization = BrowserClient.Bearer(token) } });
            Assert.That(me.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(me.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(await me.Content.ReadAsStringAsync(), Does.Contain("The employees database is unavailable"));
            Assert.That(me.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero));

            using var login = await client.PostAsync("/token", Forms.Login(Forms.Behai, Forms.Password));
            Assert.That(login.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            using (var json = JsonDocument.Parse(await login.Content.ReadAsStringAsync()))
            {
                Assert.That(json.RootElement.GetProperty("error").GetString(), Is.EqualTo("temporarily_unavailable"));
            }

            using var notReady = await client.GetAsync("/readyz");
            Assert.That(notReady.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            using var live = await client.GetAsync("/healthz");
            Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the process itself is alive");
        }
        finally
        {
            Bring(away, file);
        }

        using var meAgain = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/users/me") { Headers = { Authorization = BrowserClient.Bearer(token) } });
        Assert.That(meAgain.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var readyAgain = await client.GetAsync("/readyz");
        Assert.That(readyAgain.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    /// <summary>Moves the file aside and leaves a folder of its name, which SQLite cannot open (nor create a file in its place).</summary>
    private static string TakeAway(string connectionString, string file)
    {
        // Pooled connections would keep the moved file open and go on answering.
        SqliteConnection.ClearPool(new SqliteConnection(connectionString));
        var away = Path.Combine(Path.GetDirectoryName(file)!, "away");
        Directory.CreateDirectory(away);
        foreach (var part in Directory.GetFiles(Path.GetDirectoryName(file)!, Path.GetFileName(file) + "*"))
        {
            File.Move(part, Path.Combine(away, Path.GetFileName(part)));
        }

        Directory.CreateDirectory(file);
        return away;
    }

    private static void Bring(string away, string file)
    {
        Directory.Delete(file);
        foreach (var part in Directory.GetFiles(away))
        {
            File.Move(part, Path.Combine(Path.GetDirectoryName(file)!, Path.GetFileName(part)));
        }
    }
}
