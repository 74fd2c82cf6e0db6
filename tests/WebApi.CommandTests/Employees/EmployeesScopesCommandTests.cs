using FastApiLearning.Application.Auth.Login;
using FastApiLearning.TestSupport.Employees;
using FastApiLearning.WebApi.CommandTests.Support;

namespace FastApiLearning.WebApi.CommandTests.Employees;

/// <summary><c>employees grant</c> and <c>employees revoke-scope</c>: what they print, their exit codes, and the grants a login then gets.</summary>
public sealed class EmployeesScopesCommandTests
{
    private const string Kyoichi = "kyoichi.maliniak.10005@gmail.com";

    [Test]
    public async Task Grant_AddsTheScopesAndPrintsWhatTheEmployeeHoldsAfterwards()
    {
        var runner = new CommandRunner();

        var result = await runner.RunAsync("employees", "grant", SampleEmployees.PranavEmail, "admin:read");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Out, Does.Contain($"{SampleEmployees.PranavEmail} now holds: user:read admin:read."));
        Assert.That(await GrantedAsync(runner, SampleEmployees.PranavEmail), Is.EqualTo("user:read admin:read"));
    }

    [Test]
    public async Task RevokeScope_TakesTheScopesAwayAndPrintsWhatIsLeft()
    {
        var runner = new CommandRunner();

        var result = await runner.RunAsync("employees", "revoke-scope", Kyoichi, "admin:write");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Out, Does.Contain($"{Kyoichi} now holds: admin:read."));
        Assert.That(await GrantedAsync(runner, Kyoichi), Is.EqualTo("admin:read"));
    }

    [Test]
    public async Task RevokeScope_OfEveryScope_SaysNoScopeAtAll()
    {
        var runner = new CommandRunner();

        var result = await runner.RunAsync("employees", "revoke-scope", SampleEmployees.BehaiEmail, "user:read", "user:write");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Out, Does.Contain("now holds: no scope at all."));
        Assert.That(await GrantedAsync(runner, SampleEmployees.BehaiEmail), Is.Empty);
    }

    [TestCase("grant")]
    [TestCase("revoke-scope")]
    public async Task Command_WithAnUnknownScope_ExitsWith2NamingTheKnownOnesAndChangesNothing(string verb)
    {
        var runner = new CommandRunner();

        var result = await runner.RunAsync("employees", verb, Kyoichi, "admin:reed");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("scope must be one or more of: user:read, user:write, admin:read, admin:write, super:*"));
        Assert.That(await GrantedAsync(runner, Kyoichi), Is.EqualTo("admin:read admin:write"));
    }

    [TestCase("grant")]
    [TestCase("revoke-scope")]
    public async Task Command_WithoutAScope_ExitsWith2(string verb)
    {
        var result = await new CommandRunner().RunAsync("employees", verb, Kyoichi);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("SCOPE"));
    }

    [TestCase("grant")]
    [TestCase("revoke-scope")]
    public async Task Command_ForAnUnknownEmail_ExitsWith1AndSaysSo(string verb)
    {
        var result = await new CommandRunner().RunAsync("employees", verb, "nobody@example.com", "user:read");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Error, Does.Contain("no employee has the email nobody@example.com"));
    }

    [TestCase("grant")]
    [TestCase("revoke-scope")]
    public async Task Help_DescribesTheCommandAndItsArguments(string verb)
    {
        var result = await new CommandRunner().RunAsync("employees", verb, "--help");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Out, Does.Contain("<EMAIL>").And.Contain("<SCOPE>").And.Contain("super:*").And.Contain("refused"));
    }

    private static async Task<string> GrantedAsync(CommandRunner runner, string email) =>
        await runner.LogInAsync(email, SampleEmployees.Password) is LoginResult.Succeeded success
            ? success.Token.Scope
            : throw new InvalidOperationException($"{email} could not log in.");
}
