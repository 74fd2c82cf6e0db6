using FastApiLearning.Application.Auth.Login;
using FastApiLearning.TestSupport.Employees;
using FastApiLearning.WebApi.CommandTests.Support;

namespace FastApiLearning.WebApi.CommandTests.Employees;

public sealed class EmployeesAddCommandTests
{
    private const string Email = "ada.lovelace@example.com";

    private static string[] Add(string email = Email, params string[] more) =>
    [
        "employees", "add", "--email", email, "--first-name", "Ada", "--last-name", "Lovelace",
        "--gender", "F", "--birth-date", "1985-12-10", "--hire-date", "2024-01-15", .. more,
    ];

    [Test]
    public async Task Add_WithThePasswordOnStandardInput_AddsAnEmployeeWhoCanLogIn()
    {
        var runner = new CommandRunner();

        var result = await runner.RunAsync(Add(more: "--password-stdin"), Passwords.New + "\n");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Out, Does.Contain($"Ada Lovelace <{Email}>"));
        Assert.That(await runner.LogInAsync(Email, Passwords.New), Is.InstanceOf<LoginResult.Succeeded>());
    }

    [Test]
    public async Task Add_WithThePasswordOnStandardInput_TakesOnlyTheFirstLineWithoutItsLineBreak()
    {
        var runner = new CommandRunner();

        var result = await runner.RunAsync(Add(more: "--password-stdin"), Passwords.New + "\r\nsecond line\n");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(await runner.LogInAsync(Email, Passwords.New), Is.InstanceOf<LoginResult.Succeeded>());
        Assert.That(await runner.LogInAsync(Email, Passwords.New + "\r"), Is.InstanceOf<LoginResult.Failed>());
    }

    [Test]
    public async Task Add_OnATerminal_AsksForThePasswordTwiceAndDoesNotShowIt()
    {
        var runner = new CommandRunner();

        var result = await runner.RunOnTerminalAsync(Add(), Passwords.New, Passwords.New);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Error, Does.Contain("Password:").And.Contain("Password again:"));
        Assert.That(result.Error + result.Out, Does.Not.Contain(Passwords.New).And.Not.Contain("*****"));
        Assert.That(await runner.LogInAsync(Email, Passwords.New), Is.InstanceOf<LoginResult.Succeeded>());
    }

    [Test]
    public async Task Add_WhenTheTwoPasswordsTypedDiffer_ExitsWith2AndAddsNobody()
    {
        var runner = new CommandRunner();

        var result = await runner.RunOnTerminalAsync(Add(), Passwords.New, Passwords.Other);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("differ"));
        Assert.That((await runner.RunAsync("employees", "list")).Out, Does.Not.Contain(Email));
    }

    [Test]
    public async Task Add_WhenStandardInputIsNotATerminalAndNoPasswordStdin_ExitsWith2AndSaysWhatToUse()
    {
        var runner = new CommandRunner();

        var result = await runner.RunAsync(Add(), Passwords.New + "\n");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("--password-stdin"));
        Assert.That((await runner.RunAsync("employees", "list")).Out, Does.Not.Contain(Email));
    }

    [Test]
    public async Task Add_WhenStandardInputHasNoPassword_ExitsWith2()
    {
        var result = await new CommandRunner().RunAsync(Add(more: "--password-stdin"), "");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("standard input has no password"));
    }

    // The defence: a password given as an argument stays in the shell history and the process list.
    // Without strict parsing Spectre would file the unknown option away and go on.
    [Test]
    public async Task Add_WithAPasswordOption_IsRefusedAsAnUnknownOptionAndAddsNobody()
    {
        var runner = new CommandRunner();

        var result = await runner.RunAsync(Add(more: ["--password-stdin", "--password", Passwords.New]), Passwords.New + "\n");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("Unknown option 'password'"));
        Assert.That((await runner.RunAsync("employees", "list")).Out, Does.Not.Contain(Email));
    }

    [Test]
    public async Task Add_WhenTheEmailIsTaken_ExitsWith1AndSaysSo()
    {
        var result = await new CommandRunner().RunAsync(
            Add(email: SampleEmployees.BehaiEmail.ToUpperInvariant(), more: "--password-stdin"), Passwords.New + "\n");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Error, Does.Contain(SampleEmployees.BehaiEmail).And.Contain("exists already"));
    }

    private static readonly TestCaseData[] s_badArguments =
    [
        new TestCaseData((object)new[] { "employees", "add", "--email", Email, "--first-name", "Ada", "--last-name", "Lovelace",
                "--gender", "F", "--birth-date", "1985-12-10", "--password-stdin" }, "hire-date")
            .SetName("Add_WithoutARequiredOption_ExitsWith2AndNamesIt"),
        new TestCaseData((object)Add(more: "--password-stdin").Select(a => a == "1985-12-10" ? "10/12/1985" : a).ToArray(), "--birth-date: '10/12/1985' is not a date as YYYY-MM-DD")
            .SetName("Add_WithADateNotInIsoForm_ExitsWith2AndNamesTheOption"),
        new TestCaseData((object)Add(more: "--password-stdin").Select(a => a == "1985-12-10" ? "1985-02-30" : a).ToArray(), "--birth-date")
            .SetName("Add_WithADateThatDoesNotExist_ExitsWith2AndNamesTheOption"),
        new TestCaseData((object)Add(more: "--password-stdin").Select(a => a == "F" ? "X" : a).ToArray(), "Failed to convert 'X' to Gender")
            .SetName("Add_WithAGenderOtherThanMOrF_ExitsWith2AndSaysWhy"),
    ];

    [TestCaseSource(nameof(s_badArguments))]
    public async Task Add_WithBadArguments_ExitsWith2(string[] args, string message)
    {
        var runner = new CommandRunner();

        var result = await runner.RunAsync(args, Passwords.New + "\n");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain(message));
        Assert.That((await runner.RunAsync("employees", "list")).Out, Does.Not.Contain(Email));
    }

    // The rule lives in AddEmployeeCommandValidator; the command shows its message, which names the option.
    [Test]
    public async Task Add_WithAFirstNameTooLong_ExitsWith2AndNamesTheFieldAndWhy()
    {
        var runner = new CommandRunner();

        var result = await runner.RunAsync(
            Add(more: "--password-stdin").Select(a => a == "Ada" ? "Adaaaaaaaaaaaaa" : a).ToArray(), Passwords.New + "\n");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("error: first-name must be at most 14 characters"));
        Assert.That((await runner.RunAsync("employees", "list")).Out, Does.Not.Contain(Email));
    }

    [TestCase("fourteen chars", "password must be at least 15 characters")]
    [TestCase("Ada.Lovelace@Example.com", "password must not be the email")]
    public async Task Add_WithAPasswordNistRefuses_ExitsWith2SayingWhyAndAddsNobody(string password, string message)
    {
        var runner = new CommandRunner();

        var result = await runner.RunAsync(Add(more: "--password-stdin"), password + "\n");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain($"error: {message}"));
        Assert.That(result.Error + result.Out, Does.Not.Contain(password));
        Assert.That((await runner.RunAsync("employees", "list")).Out, Does.Not.Contain(Email));
    }
}
