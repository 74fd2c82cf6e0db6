using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using FastApiLearning.Application.Common.Logging;
using Microsoft.Extensions.Logging;

namespace FastApiLearning.WebApi.IntegrationTests.Support;

/// <summary>Keeps every log event the app writes, with its structured values and scopes, for the test to read.</summary>
public sealed class LogCapture : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<CapturedLog> _entries = new();
    private IExternalScopeProvider? _scopes;

    public IReadOnlyList<CapturedLog> Entries => [.. _entries];

    /// <summary>The security log's events with this id.</summary>
    public IReadOnlyList<CapturedLog> Security(int eventId) =>
        [.. _entries.Where(entry => entry.Category == SecurityLog.Category && entry.EventId.Id == eventId)];

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private static string Describe(object? value) => value switch
    {
        null => "",
        string text => text,
        IEnumerable<KeyValuePair<string, object?>> pairs => string.Join("; ", pairs.Select(pair => $"{pair.Key}={Describe(pair.Value)}")),
        IEnumerable items => string.Join(", ", items.Cast<object?>().Select(Describe)),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private sealed class CapturingLogger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => capture._scopes?.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.Select(pair => new KeyValuePair<string, string>(pair.Key, Describe(pair.Value))).ToArray()
                : [];
            var scopes = new List<string>();
            capture._scopes?.ForEachScope((scope, list) => list.Add(Describe(scope)), scopes);
            capture._entries.Enqueue(new CapturedLog(
                category, logLevel, eventId, formatter(state, exception), values, exception?.ToString(), scopes));
        }
    }
}
