using System.Text;
using FastApiLearning.Application.Common.Ports;

namespace FastApiLearning.Infrastructure.Import;

/// <summary>
/// The way in for <c>employees import FILE</c>: which format a file has, and its rows, streamed
/// (<see cref="EmployeeDumpReader"/>, <see cref="EmployeeCsvReader"/>).
/// </summary>
public static class ImportFile
{
    /// <summary>The names <see cref="FormatOf"/> takes for a format, for a <c>--help</c> text.</summary>
    public const string FormatNames = "csv, dump (or sql)";

    /// <summary>
    /// The rows of <paramref name="reader"/>, read as they are enumerated. A malformed row throws
    /// <see cref="ImportFormatException"/> naming its line; the rows before it have been handed out.
    /// </summary>
    public static IAsyncEnumerable<ImportedEmployee> Read(TextReader reader, ImportFileFormat format, CancellationToken cancellationToken) =>
        format switch
        {
            ImportFileFormat.Dump => EmployeeDumpReader.ReadAsync(reader, cancellationToken),
            ImportFileFormat.Csv => EmployeeCsvReader.ReadAsync(reader, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Not an import file format."),
        };

    /// <summary>
    /// The format named by <paramref name="format"/> (<c>csv</c>, <c>dump</c>, <c>sql</c>, any case) or, when
    /// that is null, by the extension of <paramref name="path"/> (<c>.csv</c>; <c>.dump</c>, <c>.sql</c>).
    /// </summary>
    /// <exception cref="UnknownImportFormatException">Neither says which format it is.</exception>
    public static ImportFileFormat FormatOf(string path, string? format = null)
    {
        if (format is not null)
        {
            return Named(format)
                ?? throw new UnknownImportFormatException($"Unknown import format {ShownValue.Quote(format)}: use one of {FormatNames}.");
        }

        var extension = Path.GetExtension(path);
        return Named(extension.TrimStart('.'))
            ?? throw new UnknownImportFormatException(
                $"Cannot tell the format of {ShownValue.Quote(Path.GetFileName(path))} from its extension ({ShownValue.Quote(extension)}): name the file .csv, .dump or .sql, or give the format ({FormatNames}).");
    }

    /// <summary>
    /// Opens a file for <see cref="Read"/>: UTF-8 (a UTF-16 or UTF-8 byte order mark is honoured),
    /// read sequentially.
    /// </summary>
    public static StreamReader OpenText(string path) =>
        new(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, new FileStreamOptions
        {
            Options = FileOptions.SequentialScan | FileOptions.Asynchronous,
            BufferSize = 64 * 1024,
        });

    private static ImportFileFormat? Named(string name) => name.ToLowerInvariant() switch
    {
        "csv" => ImportFileFormat.Csv,
        "dump" or "sql" => ImportFileFormat.Dump,
        _ => null,
    };
}
