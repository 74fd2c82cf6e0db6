using FastApiLearning.Application.Common.Ports;

namespace FastApiLearning.Infrastructure.Import;

/// <summary>
/// The MySQL <em>employees</em> sample's dump format (<c>load_employees.dump</c>):
/// <c>INSERT INTO `employees` VALUES (10001,'1953-09-02','Georgi','Facello','M','1986-06-26'),(…);</c>
/// over many lines and statements, with MySQL's string escapes (<c>\'</c>, <c>''</c>, <c>\\</c>,
/// <c>\n</c>, …). mysqldump's comments, <c>SET</c>, <c>CREATE TABLE</c> and <c>LOCK TABLES</c> are skipped,
/// and so is an insert into any other table. A row may carry a 7th value, the email (or NULL); without
/// one the email is made from the names (<see cref="SampleEmail"/>).
/// </summary>
public static class EmployeeDumpReader
{
    /// <summary>The rows, read as they are enumerated; a malformed one throws <see cref="ImportFormatException"/>.</summary>
    public static IAsyncEnumerable<ImportedEmployee> ReadAsync(TextReader reader, CancellationToken cancellationToken) =>
        ChunkedRows.ReadAsync(reader, new DumpParser(), cancellationToken);
}
