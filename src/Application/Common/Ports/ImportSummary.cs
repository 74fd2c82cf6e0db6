namespace FastApiLearning.Application.Common.Ports;

/// <summary>What an import did.</summary>
public sealed record ImportSummary(int Added, int Updated, int Skipped);
