using FastApiLearning.WebApi.Commands;
using FastApiLearning.WebApi.CommandTests.Support;

namespace FastApiLearning.WebApi.CommandTests;

public sealed class ManagementCommandsTests
{
    private static readonly TestCaseData[] s_commandLines =
    [
        new TestCaseData((object)new[] { "employees", "list" }).Returns(true).SetName("Handles_TheEmployeesVerb_IsACommand"),
        new TestCaseData((object)new[] { "migrate" }).Returns(true).SetName("Handles_TheMigrateVerb_IsACommand"),
        new TestCaseData((object)Array.Empty<string>()).Returns(false).SetName("Handles_NoArguments_IsTheWebApp"),
        new TestCaseData((object)new[] { "--urls", "http://127.0.0.1:5000" }).Returns(false).SetName("Handles_KestrelArguments_IsTheWebApp"),
        new TestCaseData((object)new[] { "--applicationName", "FastApiLearning.WebApi" }).Returns(false).SetName("Handles_DotnetEfDesignTimeArguments_IsTheWebApp"),
        new TestCaseData((object)new[] { "Employees" }).Returns(false).SetName("Handles_AVerbInAnotherCase_IsTheWebApp"),
        new TestCaseData((object)new[] { "--environment", "employees" }).Returns(false).SetName("Handles_AVerbThatIsNotFirst_IsTheWebApp"),
    ];

    [TestCaseSource(nameof(s_commandLines))]
    public bool Handles_ACommandLine_OnlyWhenItStartsWithAVerb(string[] args) => ManagementCommands.Handles(args);

    private static readonly TestCaseData[] s_helps =
    [
        new TestCaseData((object)new[] { "employees", "--help" },
            new[] { "add", "set-password", "list", "remove", "wrap-legacy-hashes", "import" }),
        new TestCaseData((object)new[] { "employees", "add", "--help" },
            new[] { "--email", "--first-name", "--last-name", "--gender", "--birth-date", "--hire-date", "--password-stdin", "no option that takes the password" }),
        new TestCaseData((object)new[] { "employees", "set-password", "--help" }, new[] { "<EMAIL>", "--password-stdin", "no option that takes the password" }),
        new TestCaseData((object)new[] { "employees", "list", "--help" }, new[] { "--limit", "--after" }),
        new TestCaseData((object)new[] { "employees", "remove", "--help" }, new[] { "<EMAIL>", "--yes" }),
        new TestCaseData((object)new[] { "employees", "wrap-legacy-hashes", "--help" }, new[] { "--batch-size" }),
        new TestCaseData((object)new[] { "migrate", "--help" }, new[] { "Database:MigrateOnStartup" }),
        new TestCaseData((object)new[] { "employees", "import", "--help" },
            new[] { "<FILE>", "--format", "--update", "--initial-password-stdin", "For sample data only" }),
    ];

    [TestCaseSource(nameof(s_helps))]
    public async Task Help_OfEachCommand_ExitsWith0AndListsItsOptions(string[] args, string[] expected)
    {
        var result = await new CommandRunner().RunAsync(args);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Out, Does.Contain("USAGE:"));
        foreach (var text in expected)
        {
            Assert.That(result.Out, Does.Contain(text));
        }
    }

    [Test]
    public async Task Run_TheEmployeesVerbAlone_ShowsItsHelpAndExitsWith2()
    {
        var result = await new CommandRunner().RunAsync("employees");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Out, Does.Contain("set-password"));
    }

    [Test]
    public async Task Run_AnUnknownSubcommand_ExitsWith2WithSpectresMessage()
    {
        var result = await new CommandRunner().RunAsync("employees", "frobnicate");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("Unknown command 'frobnicate'"));
    }

    [Test]
    public async Task Run_AnUnknownOption_ExitsWith2WithSpectresMessage()
    {
        var result = await new CommandRunner().RunAsync("employees", "list", "--everything");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("Unknown option 'everything'"));
    }
}
