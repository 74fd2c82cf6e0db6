using FastApiLearning.Application.Auth.Login;
using FastApiLearning.TestSupport.Employees;
using FastApiLearning.WebApi.CommandTests.Support;

namespace FastApiLearning.WebApi.CommandTests.Employees;

public sealed class EmployeesRemoveCommandTests
{
    [Test]
    public async Task Remove_WithYes_RemovesTheEmployee()
    {
        var runner = new CommandRunner();

        var result = await runner.RunAsync("employees", "remove", SampleEmployees.BehaiEmail, "--yes");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That((await runner.RunAsync("employees", "list")).Out, Does.Not.Contain(SampleEmployees.BehaiEmail));
        Assert.That(await runner.LogInAsync(SampleEmployees.BehaiEmail, SampleEmployees.Password), Is.InstanceOf<LoginResult.Failed>());
    }

    // The defence: a script (or a stray pipe) cannot answer a confirmation, so it must say --yes itself.
    [Test]
    public async Task Remove_WithoutYesWhenStandardInputIsNotATerminal_ExitsWith2AndRemovesNobody()
    {
        var runner = new CommandRunner();

        var result = await runner.RunAsync(["employees", "remove", SampleEmployees.BehaiEmail], "y\n");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("--yes"));
        Assert.That((await runner.RunAsync("employees", "list")).Out, Does.Contain(SampleEmployees.BehaiEmail));
    }

    [Test]
    public async Task Remove_OnATerminalWhenConfirmed_RemovesTheEmployee()
    {
        var runner = new CommandRunner();

        var result = await runner.RunOnTerminalAsync(["employees", "remove", SampleEmployees.BehaiEmail], "y");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Error, Does.Contain($"Remove the employee {SampleEmployees.BehaiEmail}?"));
        Assert.That((await runner.RunAsync("employees", "list")).Out, Does.Not.Contain(SampleEmployees.BehaiEmail));
    }

    [Test]
    public async Task Remove_OnATerminalWhenNotConfirmed_ExitsWith1AndRemovesNobody()
    {
        var runner = new CommandRunner();

        var result = await runner.RunOnTerminalAsync(["employees", "remove", SampleEmployees.BehaiEmail], "n");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Error, Does.Contain("nothing was removed"));
        Assert.That((await runner.RunAsync("employees", "list")).Out, Does.Contain(SampleEmployees.BehaiEmail));
    }

    [Test]
    public async Task Remove_ForAnUnknownEmail_ExitsWith1AndSaysSo()
    {
        var result = await new CommandRunner().RunAsync("employees", "remove", "nobody@example.com", "--yes");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Error, Does.Contain("no employee has the email nobody@example.com"));
    }
}
