using FastApiLearning.Application.Auth.Login;
using FastApiLearning.TestSupport.Employees;
using FastApiLearning.WebApi.CommandTests.Support;

namespace FastApiLearning.WebApi.CommandTests.Employees;

public sealed class EmployeesWrapLegacyHashesCommandTests
{
    private static CommandRunner RunnerWithABcryptHash() => new(employees:
    [
        SampleEmployees.Behai(BCrypt.Net.BCrypt.HashPassword(SampleEmployees.Password, BCrypt.Net.BCrypt.GenerateSalt(4, 'b'))),
    ]);

    [Test]
    public async Task WrapLegacyHashes_WrapsABcryptHashAndThePasswordStillWorks()
    {
        var runner = RunnerWithABcryptHash();

        var result = await runner.RunAsync("employees", "wrap-legacy-hashes");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Out, Does.Contain("Examined 1 employees: wrapped 1 legacy hashes, skipped 0"));
        Assert.That(await runner.LogInAsync(SampleEmployees.BehaiEmail, SampleEmployees.Password), Is.InstanceOf<LoginResult.Succeeded>());
    }

    [Test]
    public async Task WrapLegacyHashes_RunAgain_WrapsNothingTwice()
    {
        var runner = RunnerWithABcryptHash();
        await runner.RunAsync("employees", "wrap-legacy-hashes");

        var result = await runner.RunAsync("employees", "wrap-legacy-hashes");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Out, Does.Contain("wrapped 0 legacy hashes"));
    }

    [Test]
    public async Task WrapLegacyHashes_WithABatchSizeOutOfRange_ExitsWith2()
    {
        var result = await new CommandRunner().RunAsync("employees", "wrap-legacy-hashes", "--batch-size", "0");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("batch size must be between 1 and 10000"));
    }
}
