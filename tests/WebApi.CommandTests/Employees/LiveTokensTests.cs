using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using FastApiLearning.TestSupport.Employees;
using FastApiLearning.WebApi.CommandTests.Support;

namespace FastApiLearning.WebApi.CommandTests.Employees;

/// <summary>
/// A command runs in a process of its own; the web app's instances learn of a password set or an employee
/// removed from the database's "tokens valid after" on their next request, not from the command.
/// </summary>
public sealed class LiveTokensTests
{
    private static async Task<string> LogInAsync(HttpClient client, string email, string password)
    {
        using var response = await client.PostAsync("/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = email,
            ["password"] = password,
        }));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("access_token").GetString()!;
    }

    private static Task<HttpStatusCode> UsersMeAsync(HttpClient client, string token) => GetAsync(client, "/users/me", token);

    private static async Task<HttpStatusCode> GetAsync(HttpClient client, string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    [Test]
    public async Task SetPassword_RunByACommand_RefusesTheTokensTheWebAppIssuedBefore()
    {
        var commands = new CommandRunner();
        await commands.CreateDatabaseAsync();
        using var web = new WebAppFactory(commands);
        var client = web.CreateClient();
        var token = await LogInAsync(client, SampleEmployees.BehaiEmail, SampleEmployees.Password);
        Assert.That(await UsersMeAsync(client, token), Is.EqualTo(HttpStatusCode.OK));

        var result = await commands.RunAsync(
            ["employees", "set-password", SampleEmployees.BehaiEmail, "--password-stdin"], Passwords.New + "\n");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(await UsersMeAsync(client, token), Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task RevokeScope_RunByACommand_RefusesTheTokensTheWebAppIssuedBefore()
    {
        var commands = new CommandRunner();
        await commands.CreateDatabaseAsync();
        using var web = new WebAppFactory(commands);
        var client = web.CreateClient();
        const string kyoichi = "kyoichi.maliniak.10005@gmail.com";
        var token = await LogInAsync(client, kyoichi, SampleEmployees.Password);
        Assert.That(await GetAsync(client, "/employees", token), Is.EqualTo(HttpStatusCode.OK));

        var result = await commands.RunAsync("employees", "revoke-scope", kyoichi, "admin:read", "admin:write");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(await GetAsync(client, "/employees", token), Is.EqualTo(HttpStatusCode.Unauthorized), "the old token is refused");
        var fresh = await LogInAsync(client, kyoichi, SampleEmployees.Password);
        Assert.That(await GetAsync(client, "/employees", fresh), Is.EqualTo(HttpStatusCode.Forbidden), "a new one lacks the scope");
    }

    [Test]
    public async Task Grant_RunByACommand_RefusesTheTokensTheWebAppIssuedBeforeAndTheNextLoginCarriesTheScope()
    {
        var commands = new CommandRunner();
        await commands.CreateDatabaseAsync();
        using var web = new WebAppFactory(commands);
        var client = web.CreateClient();
        var token = await LogInAsync(client, SampleEmployees.PranavEmail, SampleEmployees.Password);
        Assert.That(await GetAsync(client, "/employees", token), Is.EqualTo(HttpStatusCode.Forbidden));

        var result = await commands.RunAsync("employees", "grant", SampleEmployees.PranavEmail, "admin:read");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(await GetAsync(client, "/employees", token), Is.EqualTo(HttpStatusCode.Unauthorized));
        var fresh = await LogInAsync(client, SampleEmployees.PranavEmail, SampleEmployees.Password);
        Assert.That(await GetAsync(client, "/employees", fresh), Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Remove_RunByACommand_RefusesTheTokensTheWebAppIssuedBefore()
    {
        var commands = new CommandRunner();
        await commands.CreateDatabaseAsync();
        using var web = new WebAppFactory(commands);
        var client = web.CreateClient();
        var token = await LogInAsync(client, SampleEmployees.BehaiEmail, SampleEmployees.Password);
        Assert.That(await UsersMeAsync(client, token), Is.EqualTo(HttpStatusCode.OK));

        var result = await commands.RunAsync("employees", "remove", SampleEmployees.BehaiEmail, "--yes");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(await UsersMeAsync(client, token), Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Add_RunByACommand_GivesAnEmployeeWhoLogsInOnTheWebApp()
    {
        var commands = new CommandRunner();
        await commands.CreateDatabaseAsync();
        using var web = new WebAppFactory(commands);
        var client = web.CreateClient();

        var result = await commands.RunAsync(
            ["employees", "add", "--email", "ada@example.com", "--first-name", "Ada", "--last-name", "Lovelace",
                "--gender", "F", "--birth-date", "1985-12-10", "--hire-date", "2024-01-15", "--password-stdin"],
            Passwords.New + "\n");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        var token = await LogInAsync(client, "ada@example.com", Passwords.New);
        Assert.That(await UsersMeAsync(client, token), Is.EqualTo(HttpStatusCode.OK));
    }
}
