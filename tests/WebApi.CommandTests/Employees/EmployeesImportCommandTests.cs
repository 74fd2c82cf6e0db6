using FastApiLearning.Application.Auth.Login;
using FastApiLearning.Domain.Employees;
using FastApiLearning.TestSupport.Employees;
using FastApiLearning.WebApi.CommandTests.Support;

namespace FastApiLearning.WebApi.CommandTests.Employees;

public sealed class EmployeesImportCommandTests
{
    // The sample's load_employees.dump, shortened: one statement over several lines, MySQL's \' in a name.
    private const string Dump = """
        INSERT INTO `employees` VALUES (10001,'1953-09-02','Georgi','Facello','M','1986-06-26'),
        (10002,'1964-06-02','Bezalel','Simmel','F','1985-11-21'),
        (10003,'1959-12-03','Parto','O\'Bamford','M','1986-08-28');

        """;

    private const string Csv = """
        emp_no,birth_date,first_name,last_name,gender,hire_date,email
        20001,1960-01-02,Zoë,Müller,F,1990-03-04,zoe@example.com
        20002,1961-02-03,Jean-Luc,"D'Arcy",M,1991-04-05,

        """;

    [Test]
    public async Task Import_ADumpInTheSamplesFormat_AddsEveryRowWithEmailsMadeFromTheNames()
    {
        var runner = new CommandRunner();
        var file = TempFile.Write("load_employees.dump", Dump);

        var result = await runner.RunAsync("employees", "import", file);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Out, Does.Contain("Added 3, updated 0, skipped 0."));
        var list = (await runner.RunAsync("employees", "list")).Out;
        Assert.That(list, Does.Contain("georgi.facello.10001@gmail.com").And.Contain("bezalel.simmel.10002@gmail.com"));
        Assert.That(list.Split('\n').Single(line => line.Contains("10003", StringComparison.Ordinal)),
            Does.Match(@"parto\.obamford\.10003@gmail\.com .*Parto .*O'Bamford .*M .*1959-12-03 .*1986-08-28 .*none"));
    }

    [Test]
    public async Task Import_ACsvWithAHeader_AddsItsRowsWithTheirEmailOrOneMadeFromTheNames()
    {
        var runner = new CommandRunner();
        var file = TempFile.Write("staff.csv", Csv);

        var result = await runner.RunAsync("employees", "import", file);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Out, Does.Contain("Added 2, updated 0, skipped 0."));
        var list = (await runner.RunAsync("employees", "list")).Out;
        Assert.That(list, Does.Contain("zoe@example.com").And.Contain("Müller"));
        Assert.That(list, Does.Contain("jean-luc.darcy.20002@gmail.com").And.Contain("D'Arcy"));
    }

    [Test]
    public async Task Import_AMalformedLine_ExitsWith1NamingTheLineAndImportsNothing()
    {
        var runner = new CommandRunner();
        var file = TempFile.Write("load_employees.dump", Dump.Replace("'F','1985-11-21'", "'X','1985-11-21'", StringComparison.Ordinal));

        var result = await runner.RunAsync("employees", "import", file);

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Error, Does.Contain("Line 2:").And.Contain("Nothing was imported."));
        Assert.That(result.Out, Does.Not.Contain("Added"));
        var list = (await runner.RunAsync("employees", "list")).Out;
        Assert.That(list, Does.Not.Contain("10001").And.Not.Contain("Facello"));
    }

    [Test]
    public async Task Import_AnEmpNoThatExists_IsSkipped()
    {
        var runner = new CommandRunner();
        var file = TempFile.Write("behai.csv", "emp_no,birth_date,first_name,last_name,gender,hire_date,email\n"
            + $"500222,1970-10-27,Behai,Nguyen,M,2021-06-15,{SampleEmployees.BehaiEmail}\n");

        var result = await runner.RunAsync("employees", "import", file);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Out, Does.Contain("Added 0, updated 0, skipped 1."));
        Assert.That((await runner.RunAsync("employees", "list")).Out, Does.Contain("Be Hai").And.Not.Contain("Behai"));
    }

    [Test]
    public async Task Import_AnEmpNoThatExistsWithUpdate_UpdatesItButNotItsPassword()
    {
        var runner = new CommandRunner();
        var file = TempFile.Write("behai.csv", "emp_no,birth_date,first_name,last_name,gender,hire_date,email\n"
            + $"500222,1970-10-27,Behai,Nguyen,M,2021-06-15,{SampleEmployees.BehaiEmail}\n");

        var result = await runner.RunAsync(["employees", "import", file, "--update", "--initial-password-stdin"], Passwords.New + "\n");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Out, Does.Contain("Added 0, updated 1, skipped 0."));
        Assert.That((await runner.RunAsync("employees", "list")).Out, Does.Contain("Behai").And.Contain("Nguyen"));
        Assert.That(await runner.LogInAsync(SampleEmployees.BehaiEmail, SampleEmployees.Password), Is.InstanceOf<LoginResult.Succeeded>());
    }

    [Test]
    public async Task Import_WithAnInitialPasswordOnStandardInput_NewEmployeesCanLogInWithIt()
    {
        var runner = new CommandRunner();
        var file = TempFile.Write("load_employees.dump", Dump);

        var result = await runner.RunAsync(["employees", "import", file, "--initial-password-stdin"], Passwords.New + "\n");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(await runner.LogInAsync("parto.obamford.10003@gmail.com", Passwords.New), Is.InstanceOf<LoginResult.Succeeded>());
    }

    [Test]
    public async Task Import_WithoutAnInitialPassword_NewEmployeesCannotLogIn()
    {
        var runner = new CommandRunner();
        var file = TempFile.Write("load_employees.dump", Dump);

        await runner.RunAsync("employees", "import", file);

        Assert.That(await runner.LogInAsync("georgi.facello.10001@gmail.com", Employee.NoPassword), Is.InstanceOf<LoginResult.Failed>());
    }

    [Test]
    public async Task Import_AFileWhoseFormatTheExtensionDoesNotTell_ExitsWith2UnlessTheFormatIsGiven()
    {
        var runner = new CommandRunner();
        var file = TempFile.Write("staff.txt", Csv);

        var refused = await runner.RunAsync("employees", "import", file);
        var imported = await runner.RunAsync("employees", "import", file, "--format", "csv");

        Assert.That(refused.ExitCode, Is.EqualTo(2), refused.ToString());
        Assert.That(refused.Error, Does.Contain("--format:").And.Contain("staff.txt"));
        Assert.That(imported.ExitCode, Is.EqualTo(0), imported.ToString());
        Assert.That(imported.Out, Does.Contain("Added 2"));
    }

    [Test]
    public async Task Import_AFileThatIsNotThere_ExitsWith2()
    {
        var result = await new CommandRunner().RunAsync("employees", "import", "/no-such-folder/employees.dump");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("there is no file /no-such-folder/employees.dump"));
    }

    [Test]
    public async Task Import_WithATooShortInitialPassword_ExitsWith2AndImportsNothing()
    {
        var runner = new CommandRunner();
        var file = TempFile.Write("load_employees.dump", Dump);

        var result = await runner.RunAsync(["employees", "import", file, "--initial-password-stdin"], "short\n");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("initial-password must be at least 15 characters"));
        Assert.That((await runner.RunAsync("employees", "list")).Out, Does.Not.Contain("Facello"));
    }
}
