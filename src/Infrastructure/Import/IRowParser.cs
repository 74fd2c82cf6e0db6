using FastApiLearning.Application.Common.Ports;

namespace FastApiLearning.Infrastructure.Import;

/// <summary>A parser of an import format, fed the file a chunk at a time (<see cref="ChunkedRows"/>).</summary>
internal interface IRowParser
{
    /// <summary>The rows read so far; the caller takes them and clears the list.</summary>
    List<ImportedEmployee> Rows { get; }

    /// <summary>Reads a chunk; a malformed row throws <see cref="ImportFormatException"/>.</summary>
    void Feed(ReadOnlySpan<char> chunk);

    /// <summary>The end of the file: what is still open throws <see cref="ImportFormatException"/>.</summary>
    void Complete();
}
