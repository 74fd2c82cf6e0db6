using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Infrastructure.Persistence;
using FastApiLearning.WebApi.PostgresTests.Support;
using Npgsql;

namespace FastApiLearning.WebApi.PostgresTests.Persistence;

/// <summary>
/// The directory search's statements as PostgreSQL plans them (<c>EXPLAIN</c>, with the store's own SQL and
/// parameters): a name's start is read from the index its lower-cased copy leads, not by a sequential scan.
/// PostgreSQL plans by its statistics, so the table holds 20,000 rows and is analysed first (no planner
/// setting is changed); the database sorts text linguistically (ICU en-US), which the "C" columns make
/// irrelevant to the range.
/// </summary>
public sealed class PostgresSearchPlanTests
{
    private const int Rows = 20_000;

    private PostgresTestDatabase _database = null!;

    [OneTimeSetUp]
    public async Task CreateDatabase()
    {
        _database = await PostgresTestDatabase.CreateAsync("search_plan", linguisticCollation: true);
        await using var connection = await _database.OpenAsync();
        // Last names all different (last1 … last20000), a thousand first names (first0 … first999).
        await using var fill = new NpgsqlCommand(
            """
            INSERT INTO employees (emp_no, email, password, birth_date, first_name, last_name, first_name_lower, last_name_lower, gender, hire_date)
            SELECT i, 'e' || i || '@example.com', '!no-password', DATE '1960-01-01', 'First' || (i % 1000), 'Last' || i,
                   'first' || (i % 1000), 'last' || i, 'M', DATE '1990-01-01'
            FROM generate_series(1, $1) AS i;
            """, connection);
        fill.Parameters.Add(new NpgsqlParameter { Value = Rows });
        await fill.ExecuteNonQueryAsync();
        await using var analyse = new NpgsqlCommand("ANALYZE employees", connection);
        await analyse.ExecuteNonQueryAsync();
    }

    [OneTimeTearDown]
    public async Task DropDatabase() => await _database.DisposeAsync();

    // The page may walk either index (with LIMIT, PostgreSQL may prefer the one already in the sort order);
    // the count reads the range of the name's own index.
    [TestCase("LAST123", null, "ix_employees_last_name_lower", TestName = "SearchAsync_ByLastNamePrefix_ReadsTheLastNameIndexRange")]
    [TestCase(null, "first12", "ix_employees_first_name_lower", TestName = "SearchAsync_ByFirstNamePrefix_ReadsTheFirstNameIndexRange")]
    [TestCase("last123%9", null, "ix_employees_last_name_lower", TestName = "SearchAsync_ByAPatternWithALiteralStart_ReadsTheIndexRangeOfItsStart")]
    public async Task ThePageAndTheCount_ReadAnIndex_NeverScanTheTable(string? last, string? first, string index)
    {
        var sql = EmployeeSearchSql.For(new EmployeeSearch(NamePattern.Parse(last), NamePattern.Parse(first), 1, 20));

        var page = await PlanAsync(sql.PageSql, sql.PageParameters);
        var count = await PlanAsync(sql.CountSql, sql.CountParameters);
        await TestContext.Out.WriteLineAsync($"page:\n{page}\ncount:\n{count}");

        Assert.That(page, Does.Match("(Index (Only )?Scan using|Bitmap Index Scan on) ix_employees_(last|first)_name_lower").And.Not.Contain("Seq Scan"));
        Assert.That(count, Does.Match($"(Index Only Scan using|Bitmap Index Scan on) {index}").And.Not.Contain("Seq Scan"));
    }

    [Test]
    public async Task SearchAsync_ByLastNamePrefix_AnswersFromTheLoadedRows()
    {
        var page = await _database.Directory().SearchAsync(new EmployeeSearch(NamePattern.Parse("LAST1234"), null, 1, 20), CancellationToken.None);

        // last1234 and last12340 … last12349, in code point order.
        Assert.That(page.Total, Is.EqualTo(11));
        Assert.That(page.Employees.Select(e => e.EmpNo), Is.EqualTo(new[] { 1234 }.Concat(Enumerable.Range(12340, 10))));
    }

    /// <summary>The plan's lines.</summary>
    private async Task<string> PlanAsync(string sql, object[] parameters)
    {
        await using var connection = await _database.OpenAsync();
        await using var command = new NpgsqlCommand("EXPLAIN " + sql, connection);
        for (var i = 0; i < parameters.Length; i++)
        {
            command.Parameters.AddWithValue($"@p{i}", parameters[i]);
        }

        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join('\n', lines);
    }
}
