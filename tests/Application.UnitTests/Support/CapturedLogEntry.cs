using Microsoft.Extensions.Logging;

namespace FastApiLearning.Application.UnitTests.Support;

/// <summary>One event as a logger received it: the formatted message and the structured values.</summary>
public sealed record CapturedLogEntry(
    string Category,
    EventId EventId,
    LogLevel Level,
    string Message,
    IReadOnlyDictionary<string, object?> State);
