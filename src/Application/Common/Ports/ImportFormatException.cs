namespace FastApiLearning.Application.Common.Ports;

/// <summary>A line of an import file that is not a row; the message names the line.</summary>
public sealed class ImportFormatException(int lineNumber, string reason)
    : Exception($"Line {lineNumber}: {reason}")
{
    public int LineNumber { get; } = lineNumber;
}
