using FastApiLearning.Application.Auth.Login;
using FastApiLearning.TestSupport.Employees;
using FastApiLearning.WebApi.CommandTests.Support;

namespace FastApiLearning.WebApi.CommandTests.Employees;

public sealed class EmployeesSetPasswordCommandTests
{
    [Test]
    public async Task SetPassword_FromStandardInput_RefusesTheOldPasswordAndAcceptsTheNewOne()
    {
        var runner = new CommandRunner();

        var result = await runner.RunAsync(
            ["employees", "set-password", SampleEmployees.BehaiEmail, "--password-stdin"], Passwords.New + "\n");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Out, Does.Contain(SampleEmployees.BehaiEmail));
        Assert.That(await runner.LogInAsync(SampleEmployees.BehaiEmail, SampleEmployees.Password), Is.InstanceOf<LoginResult.Failed>());
        Assert.That(await runner.LogInAsync(SampleEmployees.BehaiEmail, Passwords.New), Is.InstanceOf<LoginResult.Succeeded>());
    }

    [Test]
    public async Task SetPassword_OnATerminal_AsksTwice()
    {
        var runner = new CommandRunner();

        var result = await runner.RunOnTerminalAsync(["employees", "set-password", SampleEmployees.BehaiEmail], Passwords.New, Passwords.New);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Error, Does.Contain("New password:").And.Contain("New password again:"));
        Assert.That(await runner.LogInAsync(SampleEmployees.BehaiEmail, Passwords.New), Is.InstanceOf<LoginResult.Succeeded>());
    }

    [Test]
    public async Task SetPassword_ForAnUnknownEmail_ExitsWith1AndSaysSo()
    {
        var result = await new CommandRunner().RunAsync(
            ["employees", "set-password", "nobody@example.com", "--password-stdin"], Passwords.New + "\n");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Error, Does.Contain("no employee has the email nobody@example.com"));
    }

    [Test]
    public async Task SetPassword_WithoutAnEmail_ExitsWith2()
    {
        var result = await new CommandRunner().RunAsync(["employees", "set-password", "--password-stdin"], Passwords.New + "\n");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("EMAIL"));
    }

    [TestCase("fourteen chars", "password must be at least 15 characters")]
    [TestCase("Behai_Nguyen@Hotmail.com", "password must not be the email")]
    public async Task SetPassword_WithAPasswordNistRefuses_ExitsWith2AndKeepsTheOldOne(string password, string message)
    {
        var runner = new CommandRunner();

        var result = await runner.RunAsync(["employees", "set-password", SampleEmployees.BehaiEmail, "--password-stdin"], password + "\n");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain($"error: {message}"));
        Assert.That(await runner.LogInAsync(SampleEmployees.BehaiEmail, SampleEmployees.Password), Is.InstanceOf<LoginResult.Succeeded>());
    }
}
