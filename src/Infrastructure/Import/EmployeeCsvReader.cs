using FastApiLearning.Application.Common.Ports;

namespace FastApiLearning.Infrastructure.Import;

/// <summary>
/// CSV with a header row (RFC 4180 quoting): <c>emp_no,birth_date,first_name,last_name,gender,hire_date</c>,
/// the dump's order, optionally followed by <c>email</c>. A row without an email (no column, or an empty
/// field) gets one made from the names (<see cref="SampleEmail"/>).
/// </summary>
public static class EmployeeCsvReader
{
    /// <summary>The rows, read as they are enumerated; a malformed one throws <see cref="ImportFormatException"/>.</summary>
    public static IAsyncEnumerable<ImportedEmployee> ReadAsync(TextReader reader, CancellationToken cancellationToken) =>
        ChunkedRows.ReadAsync(reader, new CsvParser(), cancellationToken);
}
