using FastApiLearning.Application.Common.Exceptions;
using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Domain.Employees;
using FastApiLearning.TestSupport.Employees;
using NUnit.Framework;

namespace FastApiLearning.TestSupport.Persistence;

/// <summary>
/// What every employees store promises (<see cref="IEmployeeStore"/> and <see cref="IEmployeeImport"/>),
/// run against each provider: a fixture derives from this and says how to make a store holding given rows
/// (the in-memory store, SQLite in Infrastructure.UnitTests, PostgreSQL in its own test project).
/// </summary>
public abstract class EmployeeStoreContract
{
    protected const string UpgradedHash = "$argon2id$v=19$m=19456,t=2,p=1$bmV3LXNhbHQ$bmV3LWhhc2g";
    protected const string OtherUpgradedHash = "$argon2id$v=19$m=19456,t=2,p=1$b3RoZXItc2FsdA$b3RoZXItaGFzaA";

    protected static readonly Employee BeHai = SampleEmployees.Behai();
    protected static readonly Employee Pranav = SampleEmployees.Pranav();

    /// <summary>A new, empty store with exactly <paramref name="employees"/> in it (their emp_nos and hashes as given).</summary>
    protected abstract Task<(IEmployeeStore Store, IEmployeeImport Import)> CreateAsync(params Employee[] employees);

    [Test]
    public async Task FindByEmailAsync_WhenKnown_ReturnsTheEmployeeAsStored()
    {
        var (store, _) = await CreateAsync(BeHai, Pranav);

        Assert.That(await store.FindByEmailAsync(BeHai.Email, CancellationToken.None), Is.EqualTo(BeHai));
        Assert.That(await store.FindByEmailAsync(Pranav.Email, CancellationToken.None), Is.EqualTo(Pranav));
    }

    [Test]
    public async Task FindByEmailAsync_WhenUnknown_ReturnsNull()
    {
        var (store, _) = await CreateAsync(BeHai);

        Assert.That(await store.FindByEmailAsync("nobody@example.com", CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task FindByEmpNoAsync_WhenKnownOrNot_ReturnsTheEmployeeOrNull()
    {
        var (store, _) = await CreateAsync(BeHai, Pranav);

        Assert.That(await store.FindByEmpNoAsync(Pranav.EmpNo, CancellationToken.None), Is.EqualTo(Pranav));
        Assert.That(await store.FindByEmpNoAsync(42, CancellationToken.None), Is.Null);
    }

    // Characters that mean something to SQL or to LIKE, and a length far past the column's.
    private static readonly string[] s_hostileEmails =
    [
        "o'brien@example.com",
        "' or '1'='1",
        "\"; drop table employees; --",
        "%",
        "behai\\_nguyen@hotmail.com",
        "behai_nguyen@hotmail.co_",
        "behai%",
        "_ehai_nguyen@hotmail.com",
        new string('a', 10_000) + "@example.com",
    ];

    [TestCaseSource(nameof(s_hostileEmails))]
    public async Task FindByEmailAsync_WithCharactersThatMeanSomethingToSql_MatchesOnlyThatExactString(string email)
    {
        var (store, _) = await CreateAsync(BeHai, Pranav);

        Assert.That(await store.FindByEmailAsync(email, CancellationToken.None), Is.Null);
        Assert.That(await store.FindByEmailAsync(BeHai.Email, CancellationToken.None), Is.EqualTo(BeHai), "the table is still there");
    }

    [TestCase("o'brien@example.com")]
    [TestCase("a\"b\\c%d_e@example.com")]
    [TestCase("'); delete from employees; --@example.com")]
    public async Task AddAsync_WithCharactersThatMeanSomethingToSql_StoresThemAsTheyAre(string email)
    {
        var (store, _) = await CreateAsync(BeHai);

        var added = await store.AddAsync(NewFrom(Pranav, email), CancellationToken.None);

        Assert.That((await store.FindByEmailAsync(email, CancellationToken.None))?.EmpNo, Is.EqualTo(added.EmpNo));
        Assert.That(await store.FindByEmailAsync(BeHai.Email, CancellationToken.None), Is.EqualTo(BeHai));
    }

    [Test]
    public async Task ReplacePasswordHashAsync_WhenTheHashIsStillTheOld_ReplacesItAndSaysSo()
    {
        var (store, _) = await CreateAsync(BeHai, Pranav);

        var replaced = await store.ReplacePasswordHashAsync(BeHai.EmpNo, BeHai.PasswordHash, UpgradedHash, CancellationToken.None);

        Assert.That(replaced, Is.True);
        Assert.That(await store.FindByEmailAsync(BeHai.Email, CancellationToken.None), Is.EqualTo(BeHai with { PasswordHash = UpgradedHash }));
        Assert.That(await store.FindByEmpNoAsync(Pranav.EmpNo, CancellationToken.None), Is.EqualTo(Pranav), "nobody else changed");
    }

    [Test]
    public async Task ReplacePasswordHashAsync_WhenTheHashChangedMeanwhile_KeepsTheNewerOne()
    {
        var (store, _) = await CreateAsync(BeHai);
        await store.ReplacePasswordHashAsync(BeHai.EmpNo, BeHai.PasswordHash, UpgradedHash, CancellationToken.None);

        var replaced = await store.ReplacePasswordHashAsync(BeHai.EmpNo, BeHai.PasswordHash, OtherUpgradedHash, CancellationToken.None);

        Assert.That(replaced, Is.False);
        Assert.That((await store.FindByEmpNoAsync(BeHai.EmpNo, CancellationToken.None))?.PasswordHash, Is.EqualTo(UpgradedHash));
    }

    [Test]
    public async Task ReplacePasswordHashAsync_WhenEmpNoIsUnknown_ReturnsFalse()
    {
        var (store, _) = await CreateAsync(BeHai);

        Assert.That(await store.ReplacePasswordHashAsync(42, BeHai.PasswordHash, UpgradedHash, CancellationToken.None), Is.False);
        Assert.That(await store.FindByEmpNoAsync(BeHai.EmpNo, CancellationToken.None), Is.EqualTo(BeHai));
    }

    [Test]
    public async Task ReplacePasswordHashAsync_WhenTwoLoginsRaceToUpgrade_ExactlyOneWinsAndItsHashIsStored()
    {
        var (store, _) = await CreateAsync(BeHai);
        using var start = new ManualResetEventSlim();

        var first = Task.Run(async () =>
        {
            start.Wait();
            return await store.ReplacePasswordHashAsync(BeHai.EmpNo, BeHai.PasswordHash, UpgradedHash, CancellationToken.None);
        });
        var second = Task.Run(async () =>
        {
            start.Wait();
            return await store.ReplacePasswordHashAsync(BeHai.EmpNo, BeHai.PasswordHash, OtherUpgradedHash, CancellationToken.None);
        });
        start.Set();
        var results = await Task.WhenAll(first, second);

        Assert.That(results.Count(won => won), Is.EqualTo(1));
        var stored = (await store.FindByEmpNoAsync(BeHai.EmpNo, CancellationToken.None))?.PasswordHash;
        Assert.That(stored, Is.EqualTo(results[0] ? UpgradedHash : OtherUpgradedHash));
    }

    [Test]
    public async Task AddAsync_GivesTheNextEmpNoAfterTheLargest()
    {
        var (store, _) = await CreateAsync(Pranav, BeHai);

        var added = await store.AddAsync(NewFrom(SampleEmployees.Pranav(), "new.person@example.com"), CancellationToken.None);

        Assert.That(added.EmpNo, Is.EqualTo(BeHai.EmpNo + 1));
        Assert.That(await store.FindByEmpNoAsync(added.EmpNo, CancellationToken.None), Is.EqualTo(added));
        Assert.That(await store.FindByEmailAsync("new.person@example.com", CancellationToken.None), Is.EqualTo(added));
    }

    [Test]
    public async Task AddAsync_IntoAnEmptyStore_GivesEmpNoOne()
    {
        var (store, _) = await CreateAsync();

        var added = await store.AddAsync(NewFrom(BeHai, BeHai.Email), CancellationToken.None);

        Assert.That(added, Is.EqualTo(BeHai with { EmpNo = 1 }));
    }

    [Test]
    public async Task AddAsync_WhenTheEmailIsTaken_ThrowsEmailTakenAndAddsNothing()
    {
        var (store, _) = await CreateAsync(BeHai);

        var error = await Assert.ThrowsAsync<EmailTakenException>(async () => await store.AddAsync(NewFrom(Pranav, BeHai.Email), CancellationToken.None));

        Assert.That(error?.Email, Is.EqualTo(BeHai.Email));
        Assert.That(await store.ListAsync(0, 10, CancellationToken.None), Is.EqualTo(new[] { BeHai }));
    }

    [Test]
    public async Task AddAsync_WhenSeveralRace_GivesEachItsOwnEmpNo()
    {
        var (store, _) = await CreateAsync(BeHai);

        var added = await Task.WhenAll(Enumerable.Range(1, 4).Select(i =>
            Task.Run(async () => await store.AddAsync(NewFrom(Pranav, $"racer{i}@example.com"), CancellationToken.None))));

        Assert.That(added.Select(e => e.EmpNo), Is.Unique);
        Assert.That(added.Select(e => e.EmpNo).Order(), Is.EqualTo(Enumerable.Range(BeHai.EmpNo + 1, 4)));
    }

    [Test]
    public async Task SetPasswordHashAsync_WhenKnown_SetsTheHashAndTheCutoff()
    {
        var (store, _) = await CreateAsync(BeHai, Pranav);
        var cutoff = new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

        var set = await store.SetPasswordHashAsync(BeHai.EmpNo, UpgradedHash, cutoff, CancellationToken.None);

        Assert.That(set, Is.True);
        Assert.That((await store.FindByEmpNoAsync(BeHai.EmpNo, CancellationToken.None))?.PasswordHash, Is.EqualTo(UpgradedHash));
        Assert.That(await store.FindTokensValidAfterAsync(BeHai.EmpNo, CancellationToken.None), Is.EqualTo(cutoff));
        Assert.That(await store.FindTokensValidAfterAsync(Pranav.EmpNo, CancellationToken.None), Is.EqualTo(DateTimeOffset.MinValue));
    }

    [Test]
    public async Task SetPasswordHashAsync_WhenUnknown_ReturnsFalse()
    {
        var (store, _) = await CreateAsync(BeHai);

        Assert.That(await store.SetPasswordHashAsync(42, UpgradedHash, DateTimeOffset.UtcNow, CancellationToken.None), Is.False);
        Assert.That(await store.FindByEmpNoAsync(42, CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task SetTokensValidAfterAsync_WhenKnown_IsWhatFindTokensValidAfterReturns()
    {
        var (store, _) = await CreateAsync(BeHai);
        // Milliseconds survive; offsets are instants (compared in UTC).
        var cutoff = new DateTimeOffset(2026, 11, 27, 12, 30, 15, 123, TimeSpan.FromHours(2));

        var set = await store.SetTokensValidAfterAsync(BeHai.EmpNo, cutoff, CancellationToken.None);

        Assert.That(set, Is.True);
        Assert.That(await store.FindTokensValidAfterAsync(BeHai.EmpNo, CancellationToken.None), Is.EqualTo(cutoff));
        Assert.That(await store.FindByEmpNoAsync(BeHai.EmpNo, CancellationToken.None), Is.EqualTo(BeHai), "the password is unchanged");
    }

    [Test]
    public async Task SetTokensValidAfterAsync_WithAnEarlierInstant_NeverMovesTheCutoffBackwards()
    {
        // A password set at t2 commits, then a "log out everywhere" that read t1 < t2 commits: the sessions
        // started between the two must not survive the password change.
        var (store, _) = await CreateAsync(BeHai);
        var passwordSet = new DateTimeOffset(2026, 11, 27, 10, 0, 0, 500, TimeSpan.Zero);

        await store.SetPasswordHashAsync(BeHai.EmpNo, UpgradedHash, passwordSet, CancellationToken.None);
        var set = await store.SetTokensValidAfterAsync(BeHai.EmpNo, passwordSet.AddMilliseconds(-300), CancellationToken.None);

        Assert.That(set, Is.True, "the employee is there, whether or not the cutoff moved");
        Assert.That(await store.FindTokensValidAfterAsync(BeHai.EmpNo, CancellationToken.None), Is.EqualTo(passwordSet));
    }

    [Test]
    public async Task SetPasswordHashAsync_WithAnEarlierInstant_SetsTheHashButKeepsTheLaterCutoff()
    {
        var (store, _) = await CreateAsync(BeHai);
        var loggedOut = new DateTimeOffset(2026, 11, 27, 10, 0, 0, 500, TimeSpan.Zero);

        await store.SetTokensValidAfterAsync(BeHai.EmpNo, loggedOut, CancellationToken.None);
        var set = await store.SetPasswordHashAsync(BeHai.EmpNo, UpgradedHash, loggedOut.AddSeconds(-1), CancellationToken.None);

        Assert.That(set, Is.True);
        Assert.That((await store.FindByEmpNoAsync(BeHai.EmpNo, CancellationToken.None))?.PasswordHash, Is.EqualTo(UpgradedHash));
        Assert.That(await store.FindTokensValidAfterAsync(BeHai.EmpNo, CancellationToken.None), Is.EqualTo(loggedOut));
    }

    [Test]
    public async Task SetTokensValidAfterAsync_WhenUnknown_ReturnsFalse()
    {
        var (store, _) = await CreateAsync(BeHai);

        Assert.That(await store.SetTokensValidAfterAsync(42, DateTimeOffset.UtcNow, CancellationToken.None), Is.False);
    }

    [Test]
    public async Task FindTokensValidAfterAsync_WhenNoCutoffWasSet_ReturnsMinValueAndForNobodyNull()
    {
        var (store, _) = await CreateAsync(BeHai);

        Assert.That(await store.FindTokensValidAfterAsync(BeHai.EmpNo, CancellationToken.None), Is.EqualTo(DateTimeOffset.MinValue));
        Assert.That(await store.FindTokensValidAfterAsync(42, CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task FindTokensValidAfterAsync_AfterEachWrite_ReturnsWhatWasWritten_NotWhatWasReadBefore()
    {
        var (store, _) = await CreateAsync(BeHai);
        var loggedOut = new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);
        var passwordSet = loggedOut.AddMinutes(1);

        var before = await store.FindTokensValidAfterAsync(BeHai.EmpNo, CancellationToken.None);
        await store.SetTokensValidAfterAsync(BeHai.EmpNo, loggedOut, CancellationToken.None);
        var afterLogout = await store.FindTokensValidAfterAsync(BeHai.EmpNo, CancellationToken.None);
        await store.SetPasswordHashAsync(BeHai.EmpNo, UpgradedHash, passwordSet, CancellationToken.None);
        var afterPassword = await store.FindTokensValidAfterAsync(BeHai.EmpNo, CancellationToken.None);
        await store.RemoveAsync(BeHai.EmpNo, CancellationToken.None);
        var afterRemove = await store.FindTokensValidAfterAsync(BeHai.EmpNo, CancellationToken.None);

        Assert.That(before, Is.EqualTo(DateTimeOffset.MinValue));
        Assert.That(afterLogout, Is.EqualTo(loggedOut));
        Assert.That(afterPassword, Is.EqualTo(passwordSet));
        Assert.That(afterRemove, Is.Null);
    }

    [Test]
    public async Task RemoveAsync_WhenKnown_RemovesTheEmployeeAndTheirTokens()
    {
        var (store, _) = await CreateAsync(BeHai, Pranav);

        var removed = await store.RemoveAsync(BeHai.EmpNo, CancellationToken.None);

        Assert.That(removed, Is.True);
        Assert.That(await store.FindByEmpNoAsync(BeHai.EmpNo, CancellationToken.None), Is.Null);
        Assert.That(await store.FindByEmailAsync(BeHai.Email, CancellationToken.None), Is.Null);
        Assert.That(await store.FindTokensValidAfterAsync(BeHai.EmpNo, CancellationToken.None), Is.Null);
        Assert.That(await store.FindByEmpNoAsync(Pranav.EmpNo, CancellationToken.None), Is.EqualTo(Pranav));
    }

    [Test]
    public async Task RemoveAsync_WhenUnknown_ReturnsFalse()
    {
        var (store, _) = await CreateAsync(BeHai);

        Assert.That(await store.RemoveAsync(42, CancellationToken.None), Is.False);
        Assert.That(await store.FindByEmpNoAsync(BeHai.EmpNo, CancellationToken.None), Is.EqualTo(BeHai));
    }

    [Test]
    public async Task ListAsync_PagesInEmpNoOrderAfterTheGivenOne()
    {
        var employees = Enumerable.Range(1, 5).Select(i => Pranav with { EmpNo = 10 * i, Email = $"e{i}@example.com" }).ToArray();
        var (store, _) = await CreateAsync([.. employees.Reverse()]);

        var first = await store.ListAsync(0, 2, CancellationToken.None);
        var second = await store.ListAsync(first[^1].EmpNo, 2, CancellationToken.None);
        var last = await store.ListAsync(second[^1].EmpNo, 2, CancellationToken.None);
        var none = await store.ListAsync(50, 2, CancellationToken.None);

        Assert.That(first, Is.EqualTo(employees[..2]));
        Assert.That(second, Is.EqualTo(employees[2..4]));
        Assert.That(last, Is.EqualTo(employees[4..]));
        Assert.That(none, Is.Empty);
    }

    [Test]
    public async Task ImportAsync_NewRows_AddsThemWithTheGivenHash()
    {
        var (store, import) = await CreateAsync(BeHai);

        var summary = await import.ImportAsync(Rows(Row(10001, "georgi.facello.10001@gmail.com", 1), Row(10002, "bezalel.simmel.10002@gmail.com", 2)),
            Employee.NoPassword, update: false, progress: null, CancellationToken.None);

        Assert.That(summary, Is.EqualTo(new ImportSummary(2, 0, 0)));
        var georgi = await store.FindByEmailAsync("georgi.facello.10001@gmail.com", CancellationToken.None);
        Assert.That(georgi, Is.EqualTo(new Employee(10001, "georgi.facello.10001@gmail.com", Employee.NoPassword,
            new DateOnly(1953, 9, 2), "Georgi", "Facello", Gender.M, new DateOnly(1986, 6, 26))));
        Assert.That(await store.FindByEmpNoAsync(10002, CancellationToken.None), Is.Not.Null);
    }

    [Test]
    public async Task ImportAsync_ExistingEmpNoWithoutUpdate_IsSkippedAndLeftAlone()
    {
        var (store, import) = await CreateAsync(BeHai);

        var summary = await import.ImportAsync(Rows(Row(BeHai.EmpNo, "changed@example.com", 1), Row(10001, "georgi@example.com", 2)),
            Employee.NoPassword, update: false, progress: null, CancellationToken.None);

        Assert.That(summary, Is.EqualTo(new ImportSummary(1, 0, 1)));
        Assert.That(await store.FindByEmpNoAsync(BeHai.EmpNo, CancellationToken.None), Is.EqualTo(BeHai));
    }

    [Test]
    public async Task ImportAsync_ExistingEmpNoWithUpdate_ChangesEverythingButThePassword()
    {
        var (store, import) = await CreateAsync(BeHai);

        var summary = await import.ImportAsync(Rows(Row(BeHai.EmpNo, "changed@example.com", 1)),
            Employee.NoPassword, update: true, progress: null, CancellationToken.None);

        Assert.That(summary, Is.EqualTo(new ImportSummary(0, 1, 0)));
        Assert.That(await store.FindByEmpNoAsync(BeHai.EmpNo, CancellationToken.None), Is.EqualTo(new Employee(
            BeHai.EmpNo, "changed@example.com", BeHai.PasswordHash, new DateOnly(1953, 9, 2), "Georgi", "Facello", Gender.M, new DateOnly(1986, 6, 26))));
        Assert.That(await store.FindByEmailAsync(BeHai.Email, CancellationToken.None), Is.Null, "the old email is free");
    }

    [Test]
    public async Task ImportAsync_WhenARowTakesAnotherEmployeesEmail_NamesItsLineAndWritesNothing()
    {
        var (store, import) = await CreateAsync(BeHai);

        var error = await Assert.ThrowsAsync<ImportFormatException>(async () => await import.ImportAsync(
            Rows(Row(10001, "georgi@example.com", 1), Row(10002, BeHai.Email, 7)),
            Employee.NoPassword, update: false, progress: null, CancellationToken.None));

        Assert.That(error?.LineNumber, Is.EqualTo(7));
        Assert.That(error?.Message, Does.StartWith("Line 7:").And.Contain(BeHai.Email));
        Assert.That(await store.ListAsync(0, 10, CancellationToken.None), Is.EqualTo(new[] { BeHai }), "all or nothing");
    }

    [Test]
    public async Task ImportAsync_WhenTheFileHasABadLine_RethrowsItAndWritesNothing()
    {
        var (store, import) = await CreateAsync(BeHai);

        var error = await Assert.ThrowsAsync<ImportFormatException>(async () => await import.ImportAsync(
            RowsThenBadLine(9, Row(10001, "georgi@example.com", 1), Row(10002, "bezalel@example.com", 2)),
            Employee.NoPassword, update: false, progress: null, CancellationToken.None));

        Assert.That(error?.LineNumber, Is.EqualTo(9));
        Assert.That(await store.ListAsync(0, 10, CancellationToken.None), Is.EqualTo(new[] { BeHai }), "all or nothing");
    }

    [Test]
    public async Task ImportAsync_ReportsProgressUpToTheRowsRead()
    {
        var (_, import) = await CreateAsync();
        var reported = new List<int>();

        await import.ImportAsync(Rows(Row(1, "a@example.com", 1), Row(2, "b@example.com", 2), Row(3, "c@example.com", 3)),
            Employee.NoPassword, update: false, new SynchronousProgress(reported.Add), CancellationToken.None);

        Assert.That(reported, Is.Not.Empty);
        Assert.That(reported[^1], Is.EqualTo(3));
    }

    protected static NewEmployee NewFrom(Employee employee, string email) =>
        new(email, employee.PasswordHash, employee.BirthDate, employee.FirstName, employee.LastName, employee.Gender, employee.HireDate);

    /// <summary>Georgi Facello, the sample's first row, under another emp_no and email.</summary>
    protected static ImportedEmployee Row(int empNo, string email, int lineNumber) =>
        new(empNo, new DateOnly(1953, 9, 2), "Georgi", "Facello", Gender.M, new DateOnly(1986, 6, 26), email, lineNumber);

    protected static async IAsyncEnumerable<ImportedEmployee> Rows(params ImportedEmployee[] rows)
    {
        foreach (var row in rows)
        {
            await Task.Yield();
            yield return row;
        }
    }

    private static async IAsyncEnumerable<ImportedEmployee> RowsThenBadLine(int badLine, params ImportedEmployee[] rows)
    {
        await foreach (var row in Rows(rows))
        {
            yield return row;
        }

        throw new ImportFormatException(badLine, "not a row");
    }

    /// <summary>Reports at once, on the caller's thread (<see cref="Progress{T}"/> posts them later).</summary>
    private sealed class SynchronousProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
