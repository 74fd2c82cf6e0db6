using System.Collections;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace FastApiLearning.TestSupport.Logging;

/// <summary>One log event: its message, its structured values as logged, its exception and its scopes.</summary>
public sealed record CapturedLog(
    string Category,
    LogLevel Level,
    EventId EventId,
    string Message,
    IReadOnlyDictionary<string, object?> State,
    string? Exception,
    IReadOnlyList<string> Scopes)
{
    /// <summary>The structured value named <paramref name="key"/>, as text; <c>null</c> when absent.</summary>
    public string? Value(string key) => State.TryGetValue(key, out var value) ? Describe(value) : null;

    /// <summary>Whether <paramref name="text"/> appears anywhere in the event: message, values, exception or scopes.</summary>
    public bool Contains(string text) =>
        Message.Contains(text, StringComparison.Ordinal)
        || State.Any(pair => pair.Key.Contains(text, StringComparison.Ordinal) || Describe(pair.Value).Contains(text, StringComparison.Ordinal))
        || (Exception?.Contains(text, StringComparison.Ordinal) ?? false)
        || Scopes.Any(scope => scope.Contains(text, StringComparison.Ordinal));

    public override string ToString() => $"{Category}[{EventId.Id}] {Level}: {Message}";

    internal static string Describe(object? value) => value switch
    {
        null => "",
        string text => text,
        IEnumerable<KeyValuePair<string, object?>> pairs => string.Join("; ", pairs.Select(pair => $"{pair.Key}={Describe(pair.Value)}")),
        IEnumerable items => string.Join(", ", items.Cast<object?>().Select(Describe)),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
