using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace FastApiLearning.WebApi.Commands;

/// <summary>
/// Log lines of a management command: level, category and message on one line, and of an exception only
/// its message. The console's default formatter prints stack traces, which a command never shows.
/// </summary>
public sealed class CommandLogFormatter() : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "management-command";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (logEntry.Exception is { } exception && !message.Contains(exception.Message, StringComparison.Ordinal))
        {
            message = $"{message} {exception.Message}";
        }

        textWriter.WriteLine($"{Level(logEntry.LogLevel)}: {logEntry.Category}: {message}");
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trace",
        LogLevel.Debug => "debug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => "none",
    };
}
