namespace FastApiLearning.Application.Common.Ports;

/// <summary>
/// The bulk path into the employees database: rows of a file in one transaction, not one
/// message per row (300,024 rows of the MySQL sample are imported in seconds).
/// </summary>
public interface IEmployeeImport
{
    /// <summary>
    /// Writes every row, or none: a row that cannot be stored (a duplicate email, a bad line of the
    /// file, which <paramref name="rows"/> throws as <see cref="ImportFormatException"/>) leaves the
    /// database as it was.
    /// </summary>
    /// <param name="passwordHash">The hash every new row gets: one hash of an initial password, or <c>Employee.NoPassword</c>.</param>
    /// <param name="update">Existing emp_nos are updated (names, dates, email; never the password), else skipped.</param>
    /// <param name="progress">Told the number of rows read so far, now and then.</param>
    ValueTask<ImportSummary> ImportAsync(
        IAsyncEnumerable<ImportedEmployee> rows,
        string passwordHash,
        bool update,
        IProgress<int>? progress,
        CancellationToken cancellationToken);
}
