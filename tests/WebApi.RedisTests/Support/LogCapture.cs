using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace FastApiLearning.WebApi.RedisTests.Support;

/// <summary>Keeps every log event the app writes, for the test to read.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLog> _entries = new();

    /// <summary>The events of one category (a class's full name, for an <c>ILogger&lt;T&gt;</c>).</summary>
    public IReadOnlyList<CapturedLog> Of(string category) => [.. _entries.Where(entry => entry.Category == category)];

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            capture._entries.Enqueue(new CapturedLog(category, logLevel, eventId, formatter(state, exception)));
    }
}
