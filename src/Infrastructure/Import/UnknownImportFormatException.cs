namespace FastApiLearning.Infrastructure.Import;

/// <summary>An import file whose format is neither named nor told by its extension: a bad argument.</summary>
public sealed class UnknownImportFormatException(string message) : ArgumentException(message);
