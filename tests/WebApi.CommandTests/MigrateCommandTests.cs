using FastApiLearning.WebApi.CommandTests.Support;

namespace FastApiLearning.WebApi.CommandTests;

public sealed class MigrateCommandTests
{
    [Test]
    public async Task Migrate_AFreshSqliteFile_MakesItsFolderAndTableAndSaysItIsUpToDate()
    {
        var runner = new CommandRunner(createDatabase: false);

        var result = await runner.RunAsync("migrate");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Out, Does.Contain($"Data Source={runner.DatabaseFile}").And.Contain("it is up to date"));
        Assert.That(File.Exists(runner.DatabaseFile), Is.True);
        Assert.That((await runner.RunAsync("employees", "list")).Out, Does.Contain("0 employees."));
    }

    [Test]
    public async Task Migrate_RunAgain_ChangesNothingAndSucceeds()
    {
        var runner = new CommandRunner();

        var result = await runner.RunAsync("migrate");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That((await runner.RunAsync("employees", "list")).Out, Does.Contain("5 employees."));
    }

    [Test]
    public async Task Migrate_WithTheFakeProvider_SaysThereIsNothingToMigrate()
    {
        var runner = new CommandRunner(settings: new Dictionary<string, string?> { ["Database:Provider"] = "Fake" });

        var result = await runner.RunAsync("migrate");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Out, Does.Contain("Nothing to migrate").And.Contain("Database:Provider=Fake"));
    }

    [Test]
    public async Task Employees_OnAFreshDatabase_MigrateItFirstAsTheWebAppWould()
    {
        var runner = new CommandRunner(createDatabase: false);

        var result = await runner.RunAsync("employees", "list");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Out, Does.Contain("0 employees."));
    }

    [Test]
    public async Task Employees_OnAFreshDatabaseWithMigrateOnStartupOff_ExitWith1NamingTheDatabase()
    {
        var runner = new CommandRunner(
            settings: new Dictionary<string, string?> { ["Database:MigrateOnStartup"] = "false" }, createDatabase: false);
        Directory.CreateDirectory(Path.GetDirectoryName(runner.DatabaseFile)!);

        var result = await runner.RunAsync("employees", "list");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Error, Does.Contain($"Data Source={runner.DatabaseFile}").And.Contain("no such table"));
        Assert.That(result.Error, Does.Not.Contain("   at "));
    }
}
