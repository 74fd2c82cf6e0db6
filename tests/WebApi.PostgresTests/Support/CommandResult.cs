namespace FastApiLearning.WebApi.PostgresTests.Support;

/// <summary>What a command line did: its exit code and what it wrote to standard output and standard error.</summary>
public sealed record CommandResult(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- out:\n{Out}\n--- error:\n{Error}";
}
