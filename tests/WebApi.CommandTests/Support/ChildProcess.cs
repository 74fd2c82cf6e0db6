using System.Diagnostics;

namespace FastApiLearning.WebApi.CommandTests.Support;

/// <summary>
/// <c>dotnet FastApiLearning.WebApi.dll …</c> as a separate process, as an operator runs it: its exit code
/// and both streams, standard input closed (not a terminal).
/// </summary>
public static class ChildProcess
{
    // Only a guard against a hang, far above a run's few seconds: the test asserts the outcome, not the time.
    private static readonly TimeSpan s_hangGuard = TimeSpan.FromMinutes(2);

    public static async Task<CommandResult> RunWebApiAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var webApi = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(webApi)!,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(webApi);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The test runner's own environment name or database settings must not leak in.
        foreach (var key in start.Environment.Keys.Where(IsAppSetting).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var guard = new CancellationTokenSource(s_hangGuard);
        try
        {
            await process.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new CommandResult(process.ExitCode, await output, await error);
    }

    private static bool IsAppSetting(string key) =>
        key.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("Database__", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("ConnectionStrings__", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("EmployeeStore__", StringComparison.OrdinalIgnoreCase);
}
