using Microsoft.Extensions.Logging;

namespace FastApiLearning.WebApi.RedisTests.Support;

/// <summary>One log event as the app wrote it.</summary>
public sealed record CapturedLog(string Category, LogLevel Level, EventId EventId, string Message)
{
    public override string ToString() => $"{Category}[{EventId.Id}] {Level}: {Message}";
}
