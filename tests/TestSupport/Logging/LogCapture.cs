using System.Collections.Concurrent;
using FastApiLearning.Application.Common.Logging;
using Microsoft.Extensions.Logging;

namespace FastApiLearning.TestSupport.Logging;

/// <summary>
/// Keeps every log event, with its structured values and scopes, for the test to read: as a logger
/// provider added to an app under test, or as the logger factory a handler is given in a unit test.
/// </summary>
public sealed class LogCapture : ILoggerProvider, ILoggerFactory, ISupportExternalScope
{
    private readonly ConcurrentQueue<CapturedLog> _entries = new();
    private IExternalScopeProvider? _scopes;

    public IReadOnlyList<CapturedLog> Entries => [.. _entries];

    /// <summary>The security log's events with this id.</summary>
    public IReadOnlyList<CapturedLog> Security(int eventId) =>
        [.. _entries.Where(entry => entry.Category == SecurityLog.Category && entry.EventId.Id == eventId)];

    /// <summary>The events of one category (a class's full name, for an <c>ILogger&lt;T&gt;</c>).</summary>
    public IReadOnlyList<CapturedLog> Of(string category) => [.. _entries.Where(entry => entry.Category == category)];

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    void ILoggerFactory.AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => capture._scopes?.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = new Dictionary<string, object?>(StringComparer.Ordinal);
            if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                foreach (var (key, value) in pairs)
                {
                    values[key] = value;
                }
            }

            var scopes = new List<string>();
            capture._scopes?.ForEachScope((scope, list) => list.Add(CapturedLog.Describe(scope)), scopes);
            capture._entries.Enqueue(new CapturedLog(
                category, logLevel, eventId, formatter(state, exception), values, exception?.ToString(), scopes));
        }
    }
}
