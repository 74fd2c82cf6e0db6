namespace FastApiLearning.WebApi.Commands;

/// <summary>The command was asked for something it cannot do as asked (exit code 2): the message says what to change.</summary>
public sealed class CommandUsageException(string message) : Exception(message);
