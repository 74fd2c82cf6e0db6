namespace FastApiLearning.WebApi.Commands;

/// <summary>The command understood, but what it was asked to do cannot be done (exit code 1): no such employee, say.</summary>
public sealed class CommandFailedException(string message) : Exception(message);
