using System.Diagnostics;
using System.Text.Json;

namespace FastApiLearning.WebApi.ClientTests.Support;

/// <summary>
/// Runs one of the scripts in <c>python/</c> with Debian's Python, whose packages (python3-authlib,
/// python3-requests-oauthlib, python3-jwt) test.sh installs; not a pyenv or venv interpreter that may
/// lack them. A script prints one JSON object: what it saw, for the test to judge.
/// </summary>
public static class Python
{
    private static readonly string s_interpreter = Environment.GetEnvironmentVariable("PYTHON3_PATH") ?? "/usr/bin/python3";
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    public static async Task<JsonElement> RunAsync(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo(s_interpreter)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "python", script));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The service is on 127.0.0.1: no proxy may stand between.
        start.Environment["NO_PROXY"] = "*";
        start.Environment.Remove("HTTP_PROXY");
        start.Environment.Remove("http_proxy");
        // The libraries refuse plain http except for localhost; the service listens on 127.0.0.1 over http.
        // These are their documented switches for local testing, not changes to the libraries.
        start.Environment["AUTHLIB_INSECURE_TRANSPORT"] = "1";
        start.Environment["OAUTHLIB_INSECURE_TRANSPORT"] = "1";

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{s_interpreter} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(s_timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{script} ran longer than {s_timeout}. stderr: {await errors}");
        }

        Assert.That(process.ExitCode, Is.Zero, $"{script} failed. stderr:\n{await errors}\nstdout:\n{await output}");
        return JsonDocument.Parse(await output).RootElement.Clone();
    }
}
