using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Domain.Employees;
using FastApiLearning.Infrastructure.Import;

namespace FastApiLearning.Infrastructure.UnitTests.Import;

public sealed class EmployeeCsvReaderTests
{
    private const string Header = "emp_no,birth_date,first_name,last_name,gender,hire_date";

    [Test]
    public async Task ReadAsync_WhenTheFileHasNoEmailColumn_MakesTheEmailsFromTheNames()
    {
        const string Csv = $"""
            {Header}
            10001,1953-09-02,Georgi,Facello,M,1986-06-26
            10198,1953-05-28,Pranav,Furedi,M,1985-08-31

            """;

        var rows = await ReadAsync(Csv);

        Assert.That(rows, Is.EqualTo(new[]
        {
            new ImportedEmployee(10001, new(1953, 9, 2), "Georgi", "Facello", Gender.M, new(1986, 6, 26), "georgi.facello.10001@gmail.com", 2),
            new ImportedEmployee(10198, new(1953, 5, 28), "Pranav", "Furedi", Gender.M, new(1985, 8, 31), "pranav.furedi.10198@gmail.com", 3),
        }));
    }

    [Test]
    public async Task ReadAsync_WhenTheFileHasAnEmailColumn_KeepsTheEmailsNormalizedAndMakesTheMissingOnes()
    {
        const string Csv = $"""
            {Header},email
            10001,1953-09-02,Georgi,Facello,M,1986-06-26,Georgi.F@Example.org
            10002,1964-06-02,Bezalel,Simmel,F,1985-11-21,
            10003,1959-12-03,Parto,Bamford,M,1986-08-28,""
            """;

        var rows = await ReadAsync(Csv);

        Assert.That(rows.Select(r => r.Email), Is.EqualTo(new[]
        {
            "georgi.f@example.org",
            "bezalel.simmel.10002@gmail.com",
            "parto.bamford.10003@gmail.com",
        }));
    }

    [Test]
    public async Task ReadAsync_WhenFieldsAreQuoted_ReadsCommasAndDoubledQuotesInThem()
    {
        const string Csv = $""""
            {Header},email
            "10001","1953-09-02","Georgi ""G""","Facello, Jr",M,"1986-06-26","georgi@example.org"
            10002,1964-06-02,Sean,O'Brien,M,1985-11-21,
            """";

        var rows = await ReadAsync(Csv);

        Assert.That(rows.Select(r => (r.EmpNo, r.FirstName, r.LastName, r.Email)), Is.EqualTo(new[]
        {
            (10001, "Georgi \"G\"", "Facello, Jr", "georgi@example.org"),
            (10002, "Sean", "O'Brien", "sean.obrien.10002@gmail.com"),
        }));
    }

    [Test]
    public async Task ReadAsync_WhenLinesEndInCrLfAndSomeAreBlank_CountsTheLinesOfTheFile()
    {
        const string Csv = "\uFEFF" + Header + "\r\n\r\n10001,1953-09-02,Georgi,Facello,M,1986-06-26\r\n\n\"10002\",1964-06-02,Bezalel,Simmel,F,\"1985-11-21\"\r\n";

        var rows = await ReadAsync(Csv);

        Assert.That(rows.Select(r => (r.EmpNo, r.HireDate, r.LineNumber)), Is.EqualTo(new[]
        {
            (10001, new DateOnly(1986, 6, 26), 3),
            (10002, new DateOnly(1985, 11, 21), 5),
        }));
    }

    [Test]
    public async Task ReadAsync_WhenOnlyTheHeaderIsThere_ReadsNoRows()
    {
        var rows = await ReadAsync(Header);

        Assert.That(rows, Is.Empty);
    }

    [Test]
    public async Task ReadAsync_WhenFedACharacterAtATime_ReadsWhatItReadsInOneChunk()
    {
        const string Csv = $"{Header},email\r\n\"10001\",1953-09-02,\"Geo,rgi\",\"Fa\"\"cello\",M,1986-06-26,\r\n\n10002,1964-06-02,Bezalel,Simmel,F,1985-11-21,b@x.org";
        var whole = await ReadAsync(Csv);

        var trickled = await EmployeeCsvReader.ReadAsync(new TrickleReader(Csv), CancellationToken.None).ToListAsync();

        Assert.That(trickled, Has.Count.EqualTo(2));
        Assert.That(trickled, Is.EqualTo(whole));
    }

    private static IEnumerable<TestCaseData> BadHeaders()
    {
        TestCaseData Case(string header, string name) => new TestCaseData(header).SetName($"ReadAsync_When{name}_RefusesLine1");

        yield return Case("emp_no,first_name,last_name,birth_date,gender,hire_date", "TheHeaderIsInAnotherOrder");
        yield return Case("emp_no,birth_date,first_name,last_name,gender", "TheHeaderLacksAColumn");
        yield return Case("emp_no,birth_date,first_name,last_name,gender,hire_date,email,salary", "TheHeaderHasAnExtraColumn");
        yield return Case("email,emp_no,birth_date,first_name,last_name,gender,hire_date", "TheEmailColumnIsFirst");
        yield return Case("10001,1953-09-02,Georgi,Facello,M,1986-06-26", "TheHeaderIsMissing");
        yield return Case("emp_no;birth_date;first_name;last_name;gender;hire_date", "TheSeparatorIsASemicolon");
    }

    [TestCaseSource(nameof(BadHeaders))]
    public async Task ReadAsync_WhenTheHeaderIsNotTheSamples_RefusesLine1(string header)
    {
        var error = await Assert.ThrowsAsync<ImportFormatException>(() => ReadAsync($"{header}\n10001,1953-09-02,Georgi,Facello,M,1986-06-26\n"));

        Assert.That(error?.LineNumber, Is.EqualTo(1));
        Assert.That(error?.Message, Does.EndWith(
            "; expected emp_no,birth_date,first_name,last_name,gender,hire_date (optionally followed by ,email)."));
    }

    [Test]
    public async Task ReadAsync_WhenTheFileIsEmpty_AsksForTheHeader()
    {
        var error = await Assert.ThrowsAsync<ImportFormatException>(() => ReadAsync(""));

        Assert.That(error?.Message, Is.EqualTo(
            "Line 1: The file is empty; expected the header emp_no,birth_date,first_name,last_name,gender,hire_date (optionally followed by ,email)."));
    }

    private static IEnumerable<TestCaseData> MalformedRows()
    {
        TestCaseData Row(string row, string message, string name) =>
            new TestCaseData(row, message).SetName($"ReadAsync_When{name}_NamesTheLine");

        yield return Row("10002,1964-06-02,Bezalel,Simmel,X,1985-11-21", "Line 3: gender 'X' is not M or F.", "GenderIsNeitherMNorF");
        yield return Row("10002,1964-13-02,Bezalel,Simmel,F,1985-11-21", "Line 3: birth_date '1964-13-02' is not a date (yyyy-mm-dd).", "ADateIsBad");
        yield return Row("10002,1964-06-02,Bezalel,Simmel,F,", "Line 3: hire_date '' is not a date (yyyy-mm-dd).", "ADateIsEmpty");
        yield return Row("10002,1964-06-02,Bezalelbezalelb,Simmel,F,1985-11-21", "Line 3: first_name 'Bezalelbezalelb' is longer than 14 characters.", "AFirstNameIsTooLong");
        yield return Row("10002,1964-06-02,Bezalel,Simmelsimmelsimme,F,1985-11-21", "Line 3: last_name 'Simmelsimmelsimme' is longer than 16 characters.", "ALastNameIsTooLong");
        yield return Row(" 10002,1964-06-02,Bezalel,Simmel,F,1985-11-21", "Line 3: emp_no ' 10002' is not a positive whole number (at most 2147483647).", "EmpNoHasASpace");
        yield return Row("10002,1964-06-02,Bezalel,Simmel,F", "Line 3: The row has 5 fields; the header has 6.", "ARowHasTooFewFields");
        yield return Row("10002,1964-06-02,Bezalel,Simmel,F,1985-11-21,b@x.org", "Line 3: The row has more than the header's 6 fields.", "ARowHasTooManyFields");
        yield return Row("10002,1964-06-02,Be\"zalel,Simmel,F,1985-11-21", "Line 3: A quote inside a field that does not start with one; quote the whole field and double the quote (\"\").", "AQuoteIsInsideAnUnquotedField");
        yield return Row("10002,1964-06-02,\"Bezalel\"x,Simmel,F,1985-11-21", "Line 3: 'x' after the closing quote of a field; expected ',' or the end of the line.", "TextFollowsAClosingQuote");
        yield return Row("10002,1964-06-02,\"Beza\nlel\",Simmel,F,1985-11-21", "Line 3: first_name 'Beza\\u000Alel' holds a control character.", "AQuotedNameHoldsALineBreak");
        yield return Row("10002,1964-06-02,Bezalel,\"Simmel,F,1985-11-21\n10003,1959-12-03,Parto,Bamford,M,1986-08-28", "Line 3: The quoted field of the row that starts on this line is not closed (\" missing).", "AQuoteIsNeverClosed");
    }

    [TestCaseSource(nameof(MalformedRows))]
    public async Task ReadAsync_WhenARowIsMalformed_NamesItsLineAndWhy(string row, string message)
    {
        var csv = $"{Header}\n10001,1953-09-02,Georgi,Facello,M,1986-06-26\n{row}\n";

        var error = await Assert.ThrowsAsync<ImportFormatException>(() => ReadAsync(csv));

        Assert.That(error?.Message, Is.EqualTo(message));
        Assert.That(error?.LineNumber, Is.EqualTo(3));
    }

    [Test]
    public async Task ReadAsync_WhenAQuotedFieldSpansLines_NamesTheLineTheRowStartsOnAndCountsOn()
    {
        const string Csv = $"{Header}\n10001,1953-09-02,Georgi,\"Fa\ncello\",M,1986-06-26\n10002,1964-06-02,Bezalel,Simmel,X,1985-11-21\n";

        var error = await Assert.ThrowsAsync<ImportFormatException>(() => ReadAsync(Csv));

        // The line break inside the quotes is refused in a name, so the first row stops the read.
        Assert.That(error?.Message, Is.EqualTo("Line 2: last_name 'Fa\\u000Acello' holds a control character."));
    }

    [Test]
    public async Task ReadAsync_WhenAQuoteIsMissingInALongFile_StopsAtTheCap()
    {
        var rows = string.Concat(Enumerable.Range(0, 200).Select(i => $"{10003 + i},1959-12-03,Parto,Bamford,M,1986-08-28\n"));
        var csv = $"{Header}\n10001,1953-09-02,Georgi,Facello,M,1986-06-26\n10002,1964-06-02,\"Bezalel,Simmel,F,1985-11-21\n{rows}";

        var error = await Assert.ThrowsAsync<ImportFormatException>(() => ReadAsync(csv));

        Assert.That(error?.Message, Is.EqualTo($"Line 3: A field of the row that starts on this line is longer than {CsvParser.MaxFieldLength} characters (a quote missing?)."));
    }

    private static Task<List<ImportedEmployee>> ReadAsync(string csv) =>
        EmployeeCsvReader.ReadAsync(new StringReader(csv), CancellationToken.None).ToListAsync().AsTask();
}
