using Microsoft.Extensions.Logging;

namespace FastApiLearning.WebApi.IntegrationTests.Support;

/// <summary>One log event: its message, its structured values (as text), its exception and its scopes.</summary>
public sealed record CapturedLog(
    string Category,
    LogLevel Level,
    EventId EventId,
    string Message,
    IReadOnlyList<KeyValuePair<string, string>> Values,
    string? Exception,
    IReadOnlyList<string> Scopes)
{
    /// <summary>The structured value named <paramref name="key"/>, as text; <c>null</c> when absent.</summary>
    public string? Value(string key) =>
        Values.Where(pair => pair.Key == key).Select(pair => pair.Value).FirstOrDefault();

    /// <summary>Whether <paramref name="text"/> appears anywhere in the event: message, values, exception or scopes.</summary>
    public bool Contains(string text) =>
        Message.Contains(text, StringComparison.Ordinal)
        || Values.Any(pair => pair.Key.Contains(text, StringComparison.Ordinal) || pair.Value.Contains(text, StringComparison.Ordinal))
        || (Exception?.Contains(text, StringComparison.Ordinal) ?? false)
        || Scopes.Any(scope => scope.Contains(text, StringComparison.Ordinal));

    public override string ToString() => $"{Category}[{EventId.Id}] {Level}: {Message}";
}
