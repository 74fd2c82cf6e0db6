using FastApiLearning.Application.Common.Exceptions;
using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Domain.Employees;
using FastApiLearning.TestSupport.Employees;
using NUnit.Framework;

namespace FastApiLearning.TestSupport.Persistence;

/// <summary>
/// What every provider promises for the directory (<see cref="IEmployeeDirectory"/>) and the scope grants
/// (<see cref="IScopeGrantStore"/>), run against each one (the in-memory store, SQLite in
/// Infrastructure.UnitTests, PostgreSQL in its own test project), so that all three answer the same.
/// </summary>
public abstract class EmployeeDirectoryContract
{
    private static readonly Employee s_beHai = SampleEmployees.Behai();
    private static readonly Employee s_pranav = SampleEmployees.Pranav();
    private static readonly DateTimeOffset s_cutoff = new(2026, 11, 27, 12, 30, 15, 123, TimeSpan.Zero);

    /// <summary>The ports of one provider over one store holding exactly the given rows.</summary>
    public sealed record Stores(IEmployeeStore Store, IEmployeeDirectory Directory, IScopeGrantStore Grants, IEmployeeImport Import);

    /// <summary>A new, empty store with exactly <paramref name="employees"/> in it (no grants recorded, every record at version 1).</summary>
    protected abstract Task<Stores> CreateAsync(params Employee[] employees);

    // --- Search ---

    [TestCase("fac")]
    [TestCase("FAC")]
    [TestCase("fAcE")]
    public async Task SearchAsync_ByTheStartOfTheLastName_MatchesWhateverTheCase(string typed)
    {
        var (directory, people) = await DirectoryWithAsync((1, "Georgi", "Facello"), (2, "Kyoichi", "FACEY"), (3, "Bezalel", "Simmel"), (4, "Parto", "Bamfac"));

        var page = await directory.SearchAsync(Search(last: typed), CancellationToken.None);

        Assert.That(page.Employees, Is.EqualTo(new[] { people[1], people[2] }));
        Assert.That(page.Total, Is.EqualTo(2));
    }

    [Test]
    public async Task SearchAsync_ByANonAsciiStart_MatchesWhateverTheCase()
    {
        // The lower-cased copies are the app's (ToLowerInvariant): SQLite's lower() would leave Ö alone.
        var (directory, people) = await DirectoryWithAsync((1, "Ayşe", "Özdemir"), (2, "Åsa", "Öberg"), (3, "Oskar", "Oz"));

        var page = await directory.SearchAsync(Search(last: "ö"), CancellationToken.None);
        var byFirst = await directory.SearchAsync(Search(first: "ÅS"), CancellationToken.None);

        Assert.That(page.Employees, Is.EqualTo(new[] { people[2], people[1] }));
        Assert.That(byFirst.Employees, Is.EqualTo(new[] { people[2] }));
    }

    [Test]
    public async Task SearchAsync_ByAPrefix_IncludesEveryNameThatStartsWithIt_InCodePointOrder()
    {
        // The index range ends just past the prefix: "ab" up to (not including) "ac".
        var (directory, people) = await DirectoryWithAsync(
            (1, "A", "Ab"), (2, "B", "Abz"), (3, "C", "Ac"), (4, "D", "Abé"), (5, "E", "ABE"), (6, "F", "Aa"), (7, "G", "Ab\uFFFF"));

        var page = await directory.SearchAsync(Search(last: "ab"), CancellationToken.None);

        Assert.That(page.Employees, Is.EqualTo(new[] { people[1], people[5], people[2], people[4], people[7] }));
    }

    [Test]
    public async Task SearchAsync_WithPercentSigns_MatchesAnywhereInTheName()
    {
        var (directory, people) = await DirectoryWithAsync(
            (1, "A", "Banasik"), (2, "B", "Nash"), (3, "C", "Kanase"), (4, "D", "Simmel"), (5, "E", "Anand"), (6, "F", "NAS"));

        var page = await directory.SearchAsync(Search(last: "%nas%"), CancellationToken.None);

        Assert.That(page.Employees, Is.EqualTo(new[] { people[1], people[3], people[6], people[2] }));
        Assert.That(page.Total, Is.EqualTo(4));
    }

    [Test]
    public async Task SearchAsync_WithAnUnderscore_MatchesExactlyOneCharacter()
    {
        var (directory, people) = await DirectoryWithAsync((1, "A", "Smith"), (2, "B", "Smyth"), (3, "C", "Smiith"), (4, "D", "Smth"), (5, "E", "Smithers"));

        var page = await directory.SearchAsync(Search(last: "SM_TH"), CancellationToken.None);

        Assert.That(page.Employees, Is.EqualTo(new[] { people[1], people[2] }));
    }

    [TestCase("ab\\%", new[] { 1 }, TestName = "SearchAsync_WithAnEscapedPercent_MatchesItLiterally")]
    [TestCase("%\\%%", new[] { 1, 5 }, TestName = "SearchAsync_WithAnEscapedPercentBetweenWildcards_MatchesNamesHoldingOne")]
    [TestCase("ab\\_", new[] { 3 }, TestName = "SearchAsync_WithAnEscapedUnderscore_MatchesItLiterally")]
    [TestCase("a\\\\", new[] { 4 }, TestName = "SearchAsync_WithAnEscapedBackslash_MatchesItLiterally")]
    public async Task SearchAsync_WithEscapedWildcards(string typed, int[] expected)
    {
        var (directory, people) = await DirectoryWithAsync(
            (1, "A", "Ab%cd"), (2, "B", "Abxcd"), (3, "C", "Ab_cd"), (4, "D", "A\\b"), (5, "E", "Zz%"));

        var page = await directory.SearchAsync(Search(last: typed), CancellationToken.None);

        Assert.That(page.Employees, Is.EqualTo(expected.Select(empNo => people[empNo])));
    }

    [Test]
    public async Task SearchAsync_SortsByLastNameFirstNameAndEmpNo_AndPagesWithTheTotal()
    {
        var (directory, people) = await DirectoryWithAsync(
            (5, "Anne", "Zed"), (3, "Bob", "Able"), (4, "anne", "able"), (2, "Anne", "Able"), (1, "ANNE", "ABLE"));

        var pages = new List<EmployeePage>();
        for (var number = 1; number <= 4; number++)
        {
            pages.Add(await directory.SearchAsync(Search(page: number, pageSize: 2), CancellationToken.None));
        }

        Assert.That(pages[0].Employees, Is.EqualTo(new[] { people[1], people[2] }));
        Assert.That(pages[1].Employees, Is.EqualTo(new[] { people[4], people[3] }));
        Assert.That(pages[2].Employees, Is.EqualTo(new[] { people[5] }));
        Assert.That(pages[3].Employees, Is.Empty, "past the last page");
        Assert.That(pages.Select(page => page.Total), Is.All.EqualTo(5));
    }

    [Test]
    public async Task SearchAsync_ByFirstAndLastName_MatchesBoth()
    {
        var (directory, people) = await DirectoryWithAsync(
            (1, "Mary", "Sluis"), (2, "Mary", "Smith"), (3, "Marko", "Sluis"), (4, "Anne", "Sluis"), (5, "Mark", "Peac"));

        var page = await directory.SearchAsync(Search(last: "sl", first: "MAR"), CancellationToken.None);
        var withPatterns = await directory.SearchAsync(Search(last: "%s", first: "%r_"), CancellationToken.None);

        Assert.That(page.Employees, Is.EqualTo(new[] { people[3], people[1] }));
        Assert.That(page.Total, Is.EqualTo(2));
        Assert.That(withPatterns.Employees, Is.EqualTo(new[] { people[1] }), "a last name ending in s, a first name with r before its last letter");
    }

    [Test]
    public async Task SearchAsync_WhenNothingMatches_ReturnsAnEmptyPageAndTotalZero()
    {
        var (directory, _) = await DirectoryWithAsync((1, "Georgi", "Facello"));

        var page = await directory.SearchAsync(Search(last: "zz"), CancellationToken.None);

        Assert.That(page.Employees, Is.Empty);
        Assert.That(page.Total, Is.Zero);
    }

    private static readonly string[] s_hostileNames =
    [
        "' or '1'='1",
        "\"; drop table employees; --",
        "o'brien'); delete from employees; --",
        "%' or 1=1 --",
        new string('%', 1_000) + "x",
        "nul\0byte",
        "lone\uD800surrogate",
    ];

    [TestCaseSource(nameof(s_hostileNames))]
    public async Task SearchAsync_WithCharactersThatMeanSomethingToSql_MatchesOnlyLiterally(string typed)
    {
        var (directory, people) = await DirectoryWithAsync((1, "Conan", "O'Brien"), (2, "Georgi", "Facello"));

        var page = await directory.SearchAsync(Search(last: typed, first: typed), CancellationToken.None);
        var quote = await directory.SearchAsync(Search(last: "o'b"), CancellationToken.None);

        Assert.That(page.Employees, Is.Empty);
        Assert.That(quote.Employees, Is.EqualTo(new[] { people[1] }), "the quote is a character like any other, and the table is still there");
    }

    [Test]
    public async Task SearchAsync_FindsEmployeesAddedAndImported_ByTheirNamesWhateverTheCase()
    {
        var stores = await CreateAsync(s_beHai);
        var added = await stores.Store.AddAsync(
            new NewEmployee("ada@example.com", Employee.NoPassword, new DateOnly(1985, 12, 10), "Ada", "Lovelace", Gender.F, new DateOnly(2020, 1, 2)),
            CancellationToken.None);
        await stores.Import.ImportAsync(Rows(new ImportedEmployee(10001, new DateOnly(1953, 9, 2), "Georgi", "Facello", Gender.M,
            new DateOnly(1986, 6, 26), "georgi@example.com", 1)), Employee.NoPassword, update: false, progress: null, CancellationToken.None);

        var lovelace = await stores.Directory.SearchAsync(Search(last: "LOVE"), CancellationToken.None);
        var facello = await stores.Directory.SearchAsync(Search(last: "FACE", first: "geo"), CancellationToken.None);

        Assert.That(lovelace.Employees, Is.EqualTo(new[] { added }));
        Assert.That(facello.Employees.Select(e => e.EmpNo), Is.EqualTo(new[] { 10001 }));
    }

    [Test]
    public async Task ImportAsync_WithUpdate_MovesTheVersionOn_AndTheNewNamesAreFound()
    {
        var stores = await CreateAsync(s_beHai);

        await stores.Import.ImportAsync(Rows(new ImportedEmployee(s_beHai.EmpNo, s_beHai.BirthDate, "Behai", "Nguyen", Gender.M,
            s_beHai.HireDate, s_beHai.Email, 1)), Employee.NoPassword, update: true, progress: null, CancellationToken.None);

        Assert.That((await stores.Directory.FindVersionedAsync(s_beHai.EmpNo, CancellationToken.None))?.Version, Is.EqualTo(2));
        Assert.That((await stores.Directory.SearchAsync(Search(last: "NGUY"), CancellationToken.None)).Total, Is.EqualTo(1));
        Assert.That((await stores.Directory.SearchAsync(Search(last: "doe"), CancellationToken.None)).Total, Is.Zero);
    }

    // --- The versioned record and its edit ---

    [Test]
    public async Task FindVersionedAsync_OfARecordNeverEdited_IsVersionOne_AndForNobodyNull()
    {
        var stores = await CreateAsync(s_beHai);
        var added = await stores.Store.AddAsync(
            new NewEmployee("ada@example.com", Employee.NoPassword, new DateOnly(1985, 12, 10), "Ada", "Lovelace", Gender.F, new DateOnly(2020, 1, 2)),
            CancellationToken.None);

        Assert.That(await stores.Directory.FindVersionedAsync(s_beHai.EmpNo, CancellationToken.None), Is.EqualTo(new VersionedEmployee(s_beHai, 1)));
        Assert.That(await stores.Directory.FindVersionedAsync(added.EmpNo, CancellationToken.None), Is.EqualTo(new VersionedEmployee(added, 1)));
        Assert.That(await stores.Directory.FindVersionedAsync(42, CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task UpdateAsync_AtTheCurrentVersion_ReplacesTheFieldsAndMovesTheVersionOn()
    {
        var stores = await CreateAsync(s_beHai, s_pranav);
        var details = new EmployeeDetails("  Behai.Nguyen@Example.COM ", "Behai", "Nguyễn", Gender.F, new DateOnly(1971, 1, 2), new DateOnly(2022, 3, 4));
        var expected = new Employee(s_beHai.EmpNo, "behai.nguyen@example.com", s_beHai.PasswordHash,
            new DateOnly(1971, 1, 2), "Behai", "Nguyễn", Gender.F, new DateOnly(2022, 3, 4));

        var result = await stores.Directory.UpdateAsync(s_beHai.EmpNo, details, 1, CancellationToken.None);

        Assert.That(result, Is.EqualTo(new DirectoryUpdate.Updated(new VersionedEmployee(expected, 2))));
        Assert.That(await stores.Directory.FindVersionedAsync(s_beHai.EmpNo, CancellationToken.None), Is.EqualTo(new VersionedEmployee(expected, 2)));
        Assert.That(await stores.Store.FindByEmpNoAsync(s_beHai.EmpNo, CancellationToken.None), Is.EqualTo(expected), "the hash is kept");
        Assert.That(await stores.Store.FindByEmailAsync("behai.nguyen@example.com", CancellationToken.None), Is.EqualTo(expected));
        Assert.That(await stores.Store.FindByEmailAsync(s_beHai.Email, CancellationToken.None), Is.Null, "the old email is free");
        Assert.That((await stores.Directory.SearchAsync(Search(last: "NGUYỄN"), CancellationToken.None)).Employees, Is.EqualTo(new[] { expected }));
        Assert.That((await stores.Directory.SearchAsync(Search(last: "doe"), CancellationToken.None)).Total, Is.Zero);
        Assert.That(await stores.Store.FindByEmpNoAsync(s_pranav.EmpNo, CancellationToken.None), Is.EqualTo(s_pranav), "nobody else changed");
    }

    [Test]
    public async Task UpdateAsync_Twice_MovesTheVersionOnEachTime()
    {
        var stores = await CreateAsync(s_beHai);

        var first = await stores.Directory.UpdateAsync(s_beHai.EmpNo, DetailsOf(s_beHai) with { LastName = "One" }, 1, CancellationToken.None);
        var second = await stores.Directory.UpdateAsync(s_beHai.EmpNo, DetailsOf(s_beHai) with { LastName = "Two" }, 2, CancellationToken.None);

        Assert.That(first, Is.TypeOf<DirectoryUpdate.Updated>());
        Assert.That(second, Is.EqualTo(new DirectoryUpdate.Updated(new VersionedEmployee(s_beHai with { LastName = "Two" }, 3))));
    }

    [Test]
    public async Task UpdateAsync_AtAnOlderVersion_ReturnsStaleWithTheCurrentOne_AndWritesNothing()
    {
        var stores = await CreateAsync(s_beHai);
        await stores.Directory.UpdateAsync(s_beHai.EmpNo, DetailsOf(s_beHai) with { LastName = "First" }, 1, CancellationToken.None);

        var result = await stores.Directory.UpdateAsync(s_beHai.EmpNo, DetailsOf(s_beHai) with { LastName = "Second" }, 1, CancellationToken.None);

        Assert.That(result, Is.EqualTo(new DirectoryUpdate.Stale(2)));
        Assert.That(await stores.Directory.FindVersionedAsync(s_beHai.EmpNo, CancellationToken.None),
            Is.EqualTo(new VersionedEmployee(s_beHai with { LastName = "First" }, 2)));
    }

    [Test]
    public async Task UpdateAsync_WhenUnknown_ReturnsMissing()
    {
        var stores = await CreateAsync(s_beHai);

        var result = await stores.Directory.UpdateAsync(42, DetailsOf(s_pranav), 1, CancellationToken.None);

        Assert.That(result, Is.TypeOf<DirectoryUpdate.Missing>());
        Assert.That(await stores.Store.FindByEmailAsync(s_pranav.Email, CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task UpdateAsync_ToAnotherEmployeesEmail_ThrowsEmailTakenAndWritesNothing()
    {
        var stores = await CreateAsync(s_beHai, s_pranav);

        var error = await Assert.ThrowsAsync<EmailTakenException>(async () => await stores.Directory.UpdateAsync(
            s_beHai.EmpNo, DetailsOf(s_beHai) with { Email = s_pranav.Email.ToUpperInvariant(), LastName = "Changed" }, 1, CancellationToken.None));

        Assert.That(error?.Email, Is.EqualTo(s_pranav.Email));
        Assert.That(await stores.Directory.FindVersionedAsync(s_beHai.EmpNo, CancellationToken.None), Is.EqualTo(new VersionedEmployee(s_beHai, 1)));
    }

    [Test]
    public async Task UpdateAsync_KeepingItsOwnEmail_IsNoConflict()
    {
        var stores = await CreateAsync(s_beHai);

        var result = await stores.Directory.UpdateAsync(s_beHai.EmpNo, DetailsOf(s_beHai) with { FirstName = "Behai" }, 1, CancellationToken.None);

        Assert.That(result, Is.EqualTo(new DirectoryUpdate.Updated(new VersionedEmployee(s_beHai with { FirstName = "Behai" }, 2))));
    }

    [Test]
    public async Task UpdateAsync_WhenTwoEditsRaceFromTheSameVersion_ExactlyOneIsWritten()
    {
        var stores = await CreateAsync(s_beHai);
        using var start = new ManualResetEventSlim();

        var edits = new[] { "Left", "Right" }.Select(name => Task.Run(async () =>
        {
            start.Wait();
            return await stores.Directory.UpdateAsync(s_beHai.EmpNo, DetailsOf(s_beHai) with { LastName = name }, 1, CancellationToken.None);
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(edits);

        var won = results.OfType<DirectoryUpdate.Updated>().ToList();
        Assert.That(won, Has.Count.EqualTo(1));
        Assert.That(results.OfType<DirectoryUpdate.Stale>().Single().CurrentVersion, Is.EqualTo(2));
        Assert.That(await stores.Directory.FindVersionedAsync(s_beHai.EmpNo, CancellationToken.None), Is.EqualTo(won[0].Employee));
    }

    [Test]
    public async Task UpdateAsync_WhenTwoEmployeesRaceForTheSameEmail_ExactlyOneGetsIt()
    {
        var stores = await CreateAsync(s_beHai, s_pranav);
        using var start = new ManualResetEventSlim();

        var edits = new[] { s_beHai, s_pranav }.Select(employee => Task.Run(async () =>
        {
            start.Wait();
            try
            {
                return await stores.Directory.UpdateAsync(employee.EmpNo, DetailsOf(employee) with { Email = "wanted@example.com" }, 1, CancellationToken.None);
            }
            catch (EmailTakenException)
            {
                return null;
            }
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(edits);

        Assert.That(results.Count(result => result is DirectoryUpdate.Updated), Is.EqualTo(1));
        Assert.That(results.Count(result => result is null), Is.EqualTo(1), "the other is told the email is taken");
        var winner = results.OfType<DirectoryUpdate.Updated>().Single().Employee.Employee;
        Assert.That(await stores.Store.FindByEmailAsync("wanted@example.com", CancellationToken.None), Is.EqualTo(winner));
    }

    [Test]
    public async Task TheVersion_DoesNotMoveWithThePasswordTheTokenCutoffOrTheGrants()
    {
        // A login upgrading the hash must not make an editor's copy stale.
        var stores = await CreateAsync(s_beHai);
        const string upgraded = "$argon2id$v=19$m=19456,t=2,p=1$bmV3LXNhbHQ$bmV3LWhhc2g";

        Assert.That(await stores.Store.ReplacePasswordHashAsync(s_beHai.EmpNo, s_beHai.PasswordHash, upgraded, CancellationToken.None), Is.True);
        await stores.Store.SetPasswordHashAsync(s_beHai.EmpNo, upgraded, s_cutoff, CancellationToken.None);
        await stores.Store.SetTokensValidAfterAsync(s_beHai.EmpNo, s_cutoff, CancellationToken.None);
        await stores.Grants.SetGrantedScopesAsync(s_beHai.EmpNo, [Scopes.AdminRead], s_cutoff, CancellationToken.None);

        Assert.That(await stores.Directory.FindVersionedAsync(s_beHai.EmpNo, CancellationToken.None),
            Is.EqualTo(new VersionedEmployee(s_beHai with { PasswordHash = upgraded }, 1)));
        Assert.That(await stores.Directory.UpdateAsync(s_beHai.EmpNo, DetailsOf(s_beHai), 1, CancellationToken.None), Is.TypeOf<DirectoryUpdate.Updated>());
    }

    // --- Scope grants ---

    [Test]
    public async Task FindGrantedScopesAsync_WhenNothingWasRecorded_OrForNobody_ReturnsNull()
    {
        var stores = await CreateAsync(s_beHai);

        Assert.That(await stores.Grants.FindGrantedScopesAsync(s_beHai.EmpNo, CancellationToken.None), Is.Null);
        Assert.That(await stores.Grants.FindGrantedScopesAsync(42, CancellationToken.None), Is.Null);
    }

    private static IEnumerable<TestCaseData> Grants()
    {
        yield return new TestCaseData(Array.Empty<string>(), Array.Empty<string>()).SetName("SetGrantedScopesAsync_ExplicitlyNone_IsAnEmptyListNotNull");
        yield return new TestCaseData(new[] { Scopes.UserRead }, new[] { Scopes.UserRead }).SetName("SetGrantedScopesAsync_OneScope_RoundTrips");
        yield return new TestCaseData(new[] { Scopes.Super, Scopes.AdminWrite, Scopes.UserRead, Scopes.Super }, new[] { Scopes.UserRead, Scopes.AdminWrite, Scopes.Super })
            .SetName("SetGrantedScopesAsync_SeveralScopes_ComeBackOnceEachInCanonicalOrder");
    }

    [TestCaseSource(nameof(Grants))]
    public async Task SetGrantedScopesAsync_RecordsTheScopesAndTheCutoff(string[] granted, string[] expected)
    {
        var stores = await CreateAsync(s_beHai, s_pranav);

        var set = await stores.Grants.SetGrantedScopesAsync(s_beHai.EmpNo, granted, s_cutoff, CancellationToken.None);

        Assert.That(set, Is.True);
        Assert.That(await stores.Grants.FindGrantedScopesAsync(s_beHai.EmpNo, CancellationToken.None), Is.EqualTo(expected));
        Assert.That(await stores.Store.FindTokensValidAfterAsync(s_beHai.EmpNo, CancellationToken.None), Is.EqualTo(s_cutoff));
        Assert.That(await stores.Grants.FindGrantedScopesAsync(s_pranav.EmpNo, CancellationToken.None), Is.Null, "nobody else's");
        Assert.That(await stores.Store.FindTokensValidAfterAsync(s_pranav.EmpNo, CancellationToken.None), Is.EqualTo(DateTimeOffset.MinValue));
    }

    [Test]
    public async Task SetGrantedScopesAsync_AgainReplacesWhatWasRecorded_AndMovesTheCutoff()
    {
        var stores = await CreateAsync(s_beHai);
        await stores.Grants.SetGrantedScopesAsync(s_beHai.EmpNo, [Scopes.AdminWrite, Scopes.UserRead], s_cutoff, CancellationToken.None);

        var later = s_cutoff.AddMinutes(5);
        await stores.Grants.SetGrantedScopesAsync(s_beHai.EmpNo, [], later, CancellationToken.None);

        Assert.That(await stores.Grants.FindGrantedScopesAsync(s_beHai.EmpNo, CancellationToken.None), Is.Not.Null.And.Empty);
        Assert.That(await stores.Store.FindTokensValidAfterAsync(s_beHai.EmpNo, CancellationToken.None), Is.EqualTo(later));
    }

    [Test]
    public async Task SetGrantedScopesAsync_WithAnEarlierInstant_RecordsTheScopesButNeverMovesTheCutoffBackwards()
    {
        var stores = await CreateAsync(s_beHai);
        await stores.Store.SetTokensValidAfterAsync(s_beHai.EmpNo, s_cutoff, CancellationToken.None);

        var set = await stores.Grants.SetGrantedScopesAsync(s_beHai.EmpNo, [Scopes.AdminRead], s_cutoff.AddSeconds(-1), CancellationToken.None);

        Assert.That(set, Is.True);
        Assert.That(await stores.Grants.FindGrantedScopesAsync(s_beHai.EmpNo, CancellationToken.None), Is.EqualTo(new[] { Scopes.AdminRead }));
        Assert.That(await stores.Store.FindTokensValidAfterAsync(s_beHai.EmpNo, CancellationToken.None), Is.EqualTo(s_cutoff));
    }

    [Test]
    public async Task SetGrantedScopesAsync_WhenUnknown_ReturnsFalseAndRecordsNothing()
    {
        var stores = await CreateAsync(s_beHai);

        Assert.That(await stores.Grants.SetGrantedScopesAsync(42, [Scopes.Super], s_cutoff, CancellationToken.None), Is.False);
        Assert.That(await stores.Grants.FindGrantedScopesAsync(42, CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task SetGrantedScopesAsync_WithAScopeTheServiceDoesNotKnow_ThrowsAndChangesNothing()
    {
        var stores = await CreateAsync(s_beHai);

        Assert.That(async () => await stores.Grants.SetGrantedScopesAsync(s_beHai.EmpNo, [Scopes.UserRead, "root"], s_cutoff, CancellationToken.None),
            Throws.ArgumentException.With.Message.Contains("root"));
        Assert.That(await stores.Grants.FindGrantedScopesAsync(s_beHai.EmpNo, CancellationToken.None), Is.Null);
        Assert.That(await stores.Store.FindTokensValidAfterAsync(s_beHai.EmpNo, CancellationToken.None), Is.EqualTo(DateTimeOffset.MinValue));
    }

    [Test]
    public async Task RemoveAsync_RemovesTheEmployeesGrant_SoThatAnotherWithTheSameEmpNoStartsWithNone()
    {
        var stores = await CreateAsync(s_beHai, s_pranav);
        await stores.Grants.SetGrantedScopesAsync(s_beHai.EmpNo, [Scopes.Super], s_cutoff, CancellationToken.None);
        await stores.Grants.SetGrantedScopesAsync(s_pranav.EmpNo, [Scopes.AdminRead], s_cutoff, CancellationToken.None);

        await stores.Store.RemoveAsync(s_beHai.EmpNo, CancellationToken.None);
        var afterRemove = await stores.Grants.FindGrantedScopesAsync(s_beHai.EmpNo, CancellationToken.None);
        await stores.Import.ImportAsync(Rows(new ImportedEmployee(s_beHai.EmpNo, s_beHai.BirthDate, "Someone", "Else", Gender.F,
            s_beHai.HireDate, "someone.else@example.com", 1)), Employee.NoPassword, update: false, progress: null, CancellationToken.None);

        Assert.That(afterRemove, Is.Null);
        Assert.That(await stores.Grants.FindGrantedScopesAsync(s_beHai.EmpNo, CancellationToken.None), Is.Null, "no grant is inherited");
        Assert.That(await stores.Grants.FindGrantedScopesAsync(s_pranav.EmpNo, CancellationToken.None), Is.EqualTo(new[] { Scopes.AdminRead }));
    }

    // --- Helpers ---

    /// <summary>A store of the given people (emp_no, first and last name; the rest Pranav's), by emp_no.</summary>
    private async Task<(IEmployeeDirectory Directory, IReadOnlyDictionary<int, Employee> People)> DirectoryWithAsync(
        params (int EmpNo, string FirstName, string LastName)[] people)
    {
        var employees = people.Select(p => s_pranav with
        {
            EmpNo = p.EmpNo,
            Email = $"employee.{p.EmpNo}@example.com",
            FirstName = p.FirstName,
            LastName = p.LastName,
        }).ToArray();
        var stores = await CreateAsync(employees);
        return (stores.Directory, employees.ToDictionary(e => e.EmpNo));
    }

    protected static EmployeeSearch Search(string? last = null, string? first = null, int page = 1, int pageSize = 100) =>
        new(NamePattern.Parse(last), NamePattern.Parse(first), page, pageSize);

    protected static EmployeeDetails DetailsOf(Employee employee) =>
        new(employee.Email, employee.FirstName, employee.LastName, employee.Gender, employee.BirthDate, employee.HireDate);

    private static async IAsyncEnumerable<ImportedEmployee> Rows(params ImportedEmployee[] rows)
    {
        foreach (var row in rows)
        {
            await Task.Yield();
            yield return row;
        }
    }
}
