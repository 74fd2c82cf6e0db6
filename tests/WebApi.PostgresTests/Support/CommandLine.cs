using FastApiLearning.WebApi.Commands;
using Microsoft.Extensions.Configuration;
using Spectre.Console.Testing;

namespace FastApiLearning.WebApi.PostgresTests.Support;

/// <summary>
/// Runs a management command line in this process, through the entry Program uses
/// (<see cref="ManagementCommands.RunAsync(IReadOnlyList{string}, CommandConsole, Action{IConfigurationBuilder}?, Action{Microsoft.Extensions.DependencyInjection.IServiceCollection}?, CancellationToken)"/>),
/// with the configuration an instance has: as an operator runs one beside the service.
/// </summary>
public static class CommandLine
{
    /// <param name="standardInput">What is piped in (a password for <c>--password-stdin</c>); not a terminal.</param>
    public static async Task<CommandResult> RunAsync(IReadOnlyDictionary<string, string?> settings, string[] args, string standardInput = "")
    {
        // Wide enough that no message is wrapped.
        var output = new TestConsole().Width(250);
        var error = new TestConsole().Width(250);
        var exitCode = await ManagementCommands.RunAsync(
            args,
            new CommandConsole(output, error, new StringReader(standardInput), canPrompt: false),
            configuration => configuration.AddInMemoryCollection(settings));
        return new CommandResult(exitCode, output.Output, error.Output);
    }
}
