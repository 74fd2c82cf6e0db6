using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Infrastructure.Persistence;
using FastApiLearning.TestSupport.Employees;

namespace FastApiLearning.Infrastructure.UnitTests.Persistence;

/// <summary>
/// The directory search's statements as SQLite plans them (<c>EXPLAIN QUERY PLAN</c>): a name's start is a
/// range on the index its lower-cased copy leads, never a scan of the table. SQLite decides from the
/// schema (no statistics are gathered), so a few rows show the plan 300,024 would get.
/// </summary>
public sealed class SqliteSearchPlanTests
{
    private SqliteTestDatabase _database = null!;

    [OneTimeSetUp]
    public async Task CreateDatabase()
    {
        _database = await SqliteTestDatabase.CreateAsync();
        await _database.InsertAsync(SampleEmployees.Behai(), SampleEmployees.Pranav());
    }

    [OneTimeTearDown]
    public async Task RemoveDatabase() => await _database.DisposeAsync();

    [TestCase("fur", null, "ix_employees_last_name_lower", TestName = "SearchAsync_ByLastNamePrefix_ReadsTheLastNameIndexRange")]
    [TestCase(null, "PRA", "ix_employees_first_name_lower", TestName = "SearchAsync_ByFirstNamePrefix_ReadsTheFirstNameIndexRange")]
    [TestCase("fur", "pra", "ix_employees_", TestName = "SearchAsync_ByBothPrefixes_ReadsAnIndexRange")]
    [TestCase("f%di", null, "ix_employees_last_name_lower", TestName = "SearchAsync_ByAPatternWithALiteralStart_ReadsTheIndexRangeOfItsStart")]
    public async Task ThePageAndTheCount_SearchAnIndex_NeverScanTheTable(string? last, string? first, string index)
    {
        var sql = EmployeeSearchSql.For(new EmployeeSearch(NamePattern.Parse(last), NamePattern.Parse(first), 1, 20));

        var page = await PlanAsync(sql.PageSql, sql.PageParameters);
        var count = await PlanAsync(sql.CountSql, sql.CountParameters);
        await TestContext.Out.WriteLineAsync($"page:\n{page}\ncount:\n{count}");

        Assert.That(page, Does.Match($"SEARCH employees USING (COVERING )?INDEX {index}").And.Not.Contain("SCAN employees"));
        Assert.That(count, Does.Match($"SEARCH employees USING COVERING INDEX {index}").And.Not.Contain("SCAN employees"));
    }

    [Test]
    public async Task SearchAsync_ByLastNamePrefix_ReadsInTheIndexOrder_WithNoSortStep()
    {
        var sql = EmployeeSearchSql.For(new EmployeeSearch(NamePattern.Parse("fur"), null, 2, 20));

        Assert.That(await PlanAsync(sql.PageSql, sql.PageParameters), Does.Not.Contain("TEMP B-TREE"));
    }

    /// <summary>The plan's lines, one per step.</summary>
    private async Task<string> PlanAsync(string sql, object[] parameters)
    {
        await using var connection = await _database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        for (var i = 0; i < parameters.Length; i++)
        {
            command.Parameters.AddWithValue($"@p{i}", parameters[i]);
        }

        await using var reader = await command.ExecuteReaderAsync();
        var steps = new List<string>();
        while (await reader.ReadAsync())
        {
            steps.Add(reader.GetString(3));
        }

        return string.Join('\n', steps);
    }
}
