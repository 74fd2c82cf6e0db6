using System.Security.Cryptography;
using FastApiLearning.Application.Auth.Login;
using FastApiLearning.Domain.Employees;
using FastApiLearning.Infrastructure.Users;
using FastApiLearning.WebApi.Commands;
using Mediator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console.Testing;

namespace FastApiLearning.WebApi.CommandTests.Support;

/// <summary>
/// Runs command lines in process through the entry Program uses (<see cref="ManagementCommands.RunAsync(IReadOnlyList{string}, CommandConsole, Action{IConfigurationBuilder}?, Action{IServiceCollection}?, CancellationToken)"/>),
/// each in a host of its own, against one employees database that outlives the runs: the sample users
/// to begin with.
/// </summary>
public sealed class CommandRunner
{
    public static readonly string SigningKey = Convert.ToBase64String(SHA256.HashData("command tests"u8));

    // The Fake provider keeps its rows in the store object, so every run of this runner gets the same one.
    private readonly InMemoryEmployeeStore _store;
    private readonly Action<IServiceCollection>? _services;

    /// <param name="services">Services to replace in every run (a store that fails, say).</param>
    /// <param name="employees">The rows to begin with; by default the sample users.</param>
    public CommandRunner(Action<IServiceCollection>? services = null, IEnumerable<Employee>? employees = null)
    {
        _store = employees is null
            ? InMemoryEmployeeStore.FromFile(Path.Combine(AppContext.BaseDirectory, "Data", "employees.json"))
            : new InMemoryEmployeeStore(employees);
        _services = services;
    }

    public Task<CommandResult> RunAsync(params string[] args) => RunAsync(args, standardInput: "");

    /// <param name="standardInput">What is piped in (standard input is then not a terminal).</param>
    public Task<CommandResult> RunAsync(string[] args, string standardInput) =>
        RunAsync(args, new CommandConsole(NewConsole(), NewConsole(), new StringReader(standardInput), canPrompt: false));

    /// <summary>On a terminal: <paramref name="typed"/> are the lines a person types at the prompts.</summary>
    public Task<CommandResult> RunOnTerminalAsync(string[] args, params string[] typed)
    {
        var error = NewConsole().Interactive();
        foreach (var line in typed)
        {
            error.Input.PushTextWithEnter(line);
        }

        return RunAsync(args, new CommandConsole(NewConsole().Interactive(), error, TextReader.Null, canPrompt: true));
    }

    /// <summary>A login through the mediator of a host made as the commands make theirs, over the same database.</summary>
    public async Task<LoginResult> LogInAsync(string email, string password)
    {
        using var host = ManagementCommands.CreateBuilder(
            new CommandConsole(NewConsole(), NewConsole(), TextReader.Null, canPrompt: false), Configure, ReplaceServices).Build();
        return await host.Services.GetRequiredService<ISender>().Send(new LoginCommand(email, password));
    }

    private async Task<CommandResult> RunAsync(string[] args, CommandConsole console)
    {
        var exitCode = await ManagementCommands.RunAsync(args, console, Configure, ReplaceServices);
        return new CommandResult(exitCode, ((TestConsole)console.Out).Output, ((TestConsole)console.Error).Output);
    }

    private static void Configure(IConfigurationBuilder configuration) =>
        configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Fake",
            ["Jwt:SigningKey"] = SigningKey,
        });

    private void ReplaceServices(IServiceCollection replaced)
    {
        replaced.AddSingleton(_store);
        _services?.Invoke(replaced);
    }

    // Wide enough that no table cell or message is wrapped.
    private static TestConsole NewConsole() => new TestConsole().Width(250);
}
