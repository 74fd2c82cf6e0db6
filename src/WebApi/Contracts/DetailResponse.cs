using System.Text.Json.Serialization;

namespace FastApiLearning.WebApi.Contracts;

/// <summary>The FastAPI original's error body: <c>{"detail": "..."}</c>.</summary>
public sealed record DetailResponse([property: JsonPropertyName("detail")] string Detail);
