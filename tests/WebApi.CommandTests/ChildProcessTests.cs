using FastApiLearning.WebApi.CommandTests.Support;

namespace FastApiLearning.WebApi.CommandTests;

/// <summary>The commands as a separate process: the exit code a script sees, and never a stack trace.</summary>
public sealed class ChildProcessTests
{
    // A .NET stack frame as an unhandled exception (or a logger's default format) prints it.
    private const string StackFrame = "   at ";

    private static Dictionary<string, string> Settings(params (string Key, string Value)[] settings)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Jwt__SigningKey"] = CommandRunner.SigningKey,
            ["Jwt__Issuer"] = "http://localhost",
        };
        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }

        return environment;
    }

    [Test]
    public async Task MigrateThenEmployeesList_OnANewSqliteFile_PrintTheirResultsAndNoLogLines()
    {
        var environment = Settings(
            ("Database__Provider", "Sqlite"),
            ("ConnectionStrings__Employees", $"Data Source={Path.Combine(TestFolders.New(), "data", "employees.db")}"));

        var migrated = await ChildProcess.RunWebApiAsync(environment, "migrate");
        var listed = await ChildProcess.RunWebApiAsync(environment, "employees", "list");

        Assert.That(migrated.ExitCode, Is.EqualTo(0), migrated.ToString());
        Assert.That(migrated.Out, Does.Contain("it is up to date"));
        Assert.That(listed.ExitCode, Is.EqualTo(0), listed.ToString());
        Assert.That(listed.Out, Does.Contain("emp_no").And.Contain("0 employees."));
        // The web app's appsettings log EF Core's migration lines at Information; a command keeps them out.
        Assert.That(migrated.Error + listed.Error, Is.Empty);
    }

    [Test]
    public async Task EmployeesList_WhenTheSqliteFileCannotBeOpened_ExitsWith1NamingItWithoutAStackTrace()
    {
        // Under /proc no folder can be made, not even by root.
        const string Path = "/proc/no-such-folder/employees.db";

        var result = await ChildProcess.RunWebApiAsync(
            Settings(("Database__Provider", "Sqlite"), ("ConnectionStrings__Employees", $"Data Source={Path}")),
            "employees", "list");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Error, Does.Contain("error:").And.Contain(Path));
        Assert.That(result.Out + result.Error, Does.Not.Contain(StackFrame));
    }

    [Test]
    public async Task EmployeesList_WhenTheConfigurationIsNotValid_ExitsWith1SayingWhyWithoutAStackTrace()
    {
        var result = await ChildProcess.RunWebApiAsync(
            Settings(("Database__Provider", "Fake"), ("EmployeeStore__DataFile", "/no-such-folder/employees.json")),
            "employees", "list");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Error, Does.Contain("error: the configuration is not valid").And.Contain("/no-such-folder/employees.json"));
        Assert.That(result.Out + result.Error, Does.Not.Contain(StackFrame));
    }

    [Test]
    public async Task EmployeesAdd_WithAnUnknownOption_ExitsWith2WithoutAStackTrace()
    {
        var result = await ChildProcess.RunWebApiAsync(Settings(), "employees", "add", "--password", "secret");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("Unknown option 'password'"));
        Assert.That(result.Out + result.Error, Does.Not.Contain(StackFrame));
    }
}
