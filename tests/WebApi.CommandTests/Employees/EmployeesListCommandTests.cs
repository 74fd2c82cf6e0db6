using FastApiLearning.TestSupport.Employees;
using FastApiLearning.WebApi.CommandTests.Support;

namespace FastApiLearning.WebApi.CommandTests.Employees;

public sealed class EmployeesListCommandTests
{
    [Test]
    public async Task List_ShowsEachEmployeeAndWhetherAPasswordIsSet_NeverTheHash()
    {
        var result = await new CommandRunner().RunAsync("employees", "list");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        var behai = result.Out.Split('\n').Single(line => line.Contains(SampleEmployees.BehaiEmail, StringComparison.Ordinal));
        Assert.That(behai, Does.Match(@"500222 .*behai_nguyen@hotmail\.com .*Be Hai .*Doe .*M .*1970-10-27 .*2021-06-15 .*set"));
        Assert.That(result.Out, Does.Contain(SampleEmployees.PranavEmail));
        Assert.That(result.Out, Does.Not.Contain("$argon2").And.Not.Contain("$2b$"));
    }

    [Test]
    public async Task List_WithALimit_ShowsThatManyAndHowToGetTheNext()
    {
        var result = await new CommandRunner().RunAsync("employees", "list", "--limit", "1");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        // The lowest emp_no of the sample users is Kyoichi Maliniak's.
        Assert.That(result.Out, Does.Contain("kyoichi.maliniak.10005@gmail.com").And.Not.Contain(SampleEmployees.PranavEmail));
        Assert.That(result.Out, Does.Contain("1 employees; more with --after 10005."));
    }

    [Test]
    public async Task List_AfterAnEmpNo_StartsAfterIt()
    {
        var result = await new CommandRunner().RunAsync("employees", "list", "--after", "10198");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Out, Does.Contain(SampleEmployees.BehaiEmail).And.Not.Contain(SampleEmployees.PranavEmail));
    }

    [TestCase("--limit", "many")]
    [TestCase("--after", "x")]
    public async Task List_WithANumberThatIsNot_ExitsWith2(string option, string value)
    {
        var result = await new CommandRunner().RunAsync("employees", "list", option, value);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain($"Failed to convert '{value}'"));
    }
}
