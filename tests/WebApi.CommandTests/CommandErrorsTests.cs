using FastApiLearning.Application.Common.Exceptions;
using FastApiLearning.Application.Common.Ports;
using FastApiLearning.WebApi.CommandTests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace FastApiLearning.WebApi.CommandTests;

/// <summary>How a failure deep in a command reaches the operator: one message, the right exit code.</summary>
public sealed class CommandErrorsTests
{
    private static CommandRunner RunnerWhoseStoreThrows(Exception exception)
    {
        var store = new Mock<IEmployeeStore>();
        store.Setup(s => s.ListAsync(It.IsAny<int>(), It.IsAny<int>(), It.IsAny<CancellationToken>())).ThrowsAsync(exception);
        store.Setup(s => s.FindByEmailAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ThrowsAsync(exception);
        return new CommandRunner(services => services.AddSingleton(store.Object));
    }

    [Test]
    public async Task List_WhenTheDatabaseIsUnavailable_ExitsWith1WithTheCauseAndNamesTheDatabase()
    {
        var runner = RunnerWhoseStoreThrows(new ResourceUnavailableException(
            "The employees database is unavailable", TimeSpan.FromSeconds(2), new TestDbException("connection refused")));

        var result = await runner.RunAsync("employees", "list");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Error, Does.Match(@"error: the employees database \(Database:Provider=Sqlite, Data Source=.*\) is unavailable: connection refused"));
    }

    [Test]
    public async Task Remove_WhenTheSessionStoreIsUnavailable_ExitsWith1WithoutBlamingTheDatabase()
    {
        var runner = RunnerWhoseStoreThrows(
            new ResourceUnavailableException("The session store is unavailable", TimeSpan.FromSeconds(2), new TimeoutException("redis timed out")));

        var result = await runner.RunAsync("employees", "remove", "someone@example.com", "--yes");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Error, Does.Contain("error: The session store is unavailable redis timed out"));
        Assert.That(result.Error, Does.Not.Contain("Database:Provider"));
    }

    [Test]
    public async Task Remove_WhenTheProviderThrowsADbException_ExitsWith1NamingTheDatabaseAndTheCause()
    {
        var runner = RunnerWhoseStoreThrows(
            new InvalidOperationException("An exception has been raised.", new TestDbException("connection refused")));

        var result = await runner.RunAsync("employees", "remove", "someone@example.com", "--yes");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Error, Does.Contain("cannot be used: An exception has been raised. connection refused"));
        Assert.That(result.Error, Does.Contain("Database:Provider=Sqlite"));
    }

    [Test]
    public async Task List_WhenSomethingUnexpectedFails_ExitsWith1WithItsMessageOnly()
    {
        var runner = RunnerWhoseStoreThrows(new InvalidOperationException("the store broke", new IOException("disk full")));

        var result = await runner.RunAsync("employees", "list");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Error, Does.Contain("error: the store broke disk full"));
        Assert.That(result.Error, Does.Not.Contain("   at "));
    }
}
