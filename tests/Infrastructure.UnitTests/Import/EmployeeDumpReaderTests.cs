using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Domain.Employees;
using FastApiLearning.Infrastructure.Import;

namespace FastApiLearning.Infrastructure.UnitTests.Import;

public sealed class EmployeeDumpReaderTests
{
    // The first lines of the sample's load_employees.dump, as it has them.
    private const string SampleStart = """
        INSERT INTO `employees` VALUES (10001,'1953-09-02','Georgi','Facello','M','1986-06-26'),
        (10002,'1964-06-02','Bezalel','Simmel','F','1985-11-21'),
        (10003,'1959-12-03','Parto','Bamford','M','1986-08-28');

        """;

    // What mysqldump writes around the rows: comments, SET, DROP/CREATE TABLE, LOCK TABLES, and an
    // insert into another table, none of which is an employee.
    private const string MysqldumpFile = """
        -- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)
        --
        -- Host: localhost    Database: employees
        -- ------------------------------------------------------
        /*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
        /*!40101 SET NAMES utf8mb4 */;
        /*!40014 SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0 */;
        SET @comment = 'a string with a ; and a \' in it';

        DROP TABLE IF EXISTS `employees`;
        CREATE TABLE `employees` (
          `emp_no` int NOT NULL,
          `gender` enum('M','F') NOT NULL,
          PRIMARY KEY (`emp_no`)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

        LOCK TABLES `employees` WRITE;
        /*!40000 ALTER TABLE `employees` DISABLE KEYS */;
        INSERT INTO `departments` VALUES ('d001','Marketing'),('d002','Finance');
        INSERT INTO `employees` VALUES (10001,'1953-09-02','Georgi','Facello','M','1986-06-26'),
        (10002,'1964-06-02','Bezalel','Simmel','F','1985-11-21');
        # a comment MySQL also takes
        INSERT INTO `employees` VALUES (10003,'1959-12-03','Parto','Bamford','M','1986-08-28');
        /*!40000 ALTER TABLE `employees` ENABLE KEYS */;
        UNLOCK TABLES;
        -- Dump completed on 2024-01-01 12:00:00

        """;

    [Test]
    public async Task ReadAsync_WhenGivenTheSamplesFormat_ReadsEveryRowWithItsLine()
    {
        var rows = await ReadAsync(SampleStart);

        Assert.That(rows, Is.EqualTo(new[]
        {
            new ImportedEmployee(10001, new(1953, 9, 2), "Georgi", "Facello", Gender.M, new(1986, 6, 26), "georgi.facello.10001@gmail.com", 1),
            new ImportedEmployee(10002, new(1964, 6, 2), "Bezalel", "Simmel", Gender.F, new(1985, 11, 21), "bezalel.simmel.10002@gmail.com", 2),
            new ImportedEmployee(10003, new(1959, 12, 3), "Parto", "Bamford", Gender.M, new(1986, 8, 28), "parto.bamford.10003@gmail.com", 3),
        }));
    }

    [Test]
    public async Task ReadAsync_WhenTheFileIsAWholeMysqldump_ReadsOnlyTheEmployeesInserts()
    {
        var rows = await ReadAsync(MysqldumpFile);

        Assert.That(rows.Select(r => (r.EmpNo, r.LastName, r.LineNumber)), Is.EqualTo(new[]
        {
            (10001, "Facello", 20),
            (10002, "Simmel", 21),
            (10003, "Bamford", 23),
        }));
    }

    [Test]
    public async Task ReadAsync_WhenNamesHoldEscapedQuotes_DecodesThem()
    {
        const string Dump = """
            INSERT INTO `employees` VALUES (10001,'1953-09-02','Sean','O\'Brien','M','1986-06-26'),
            (10002,'1964-06-02','Gina','D''Angelo','F','1985-11-21'),
            (10003,'1959-12-03','Back\\slash','Say \"hi\"','M','1986-08-28');
            """;

        var rows = await ReadAsync(Dump);

        Assert.That(rows.Select(r => (r.FirstName, r.LastName, r.Email)), Is.EqualTo(new[]
        {
            ("Sean", "O'Brien", "sean.obrien.10001@gmail.com"),
            ("Gina", "D'Angelo", "gina.dangelo.10002@gmail.com"),
            ("Back\\slash", "Say \"hi\"", "backslash.sayhi.10003@gmail.com"),
        }));
    }

    [TestCase(@"\n", "\\u000A")]
    [TestCase(@"\t", "\\u0009")]
    [TestCase(@"\0", "\\u0000")]
    [TestCase(@"\r", "\\u000D")]
    [TestCase(@"\Z", "\\u001A")]
    [TestCase(@"\b", "\\u0008")]
    public async Task ReadAsync_WhenANameHoldsAnEscapedControlCharacter_RefusesTheLine(string escape, string shown)
    {
        var dump = $"""
            INSERT INTO `employees` VALUES (10001,'1953-09-02','Georgi','Facello','M','1986-06-26'),
            (10002,'1964-06-02','Be{escape}zalel','Simmel','F','1985-11-21');
            """;

        var error = await Assert.ThrowsAsync<ImportFormatException>(() => ReadAsync(dump));

        Assert.That(error?.LineNumber, Is.EqualTo(2));
        Assert.That(error?.Message, Is.EqualTo($"Line 2: first_name 'Be{shown}zalel' holds a control character."));
    }

    [Test]
    public async Task ReadAsync_WhenARowSpansLines_CarriesTheLineItStartsOn()
    {
        const string Dump = """
            INSERT INTO employees VALUES
            (10001,
              '1953-09-02',
              'Georgi', 'Facello', 'M', '1986-06-26'
            ) ,  (10002,'1964-06-02','Bezalel','Simmel','F','1985-11-21')
            ;
            """;

        var rows = await ReadAsync(Dump);

        Assert.That(rows.Select(r => (r.EmpNo, r.LineNumber)), Is.EqualTo(new[] { (10001, 2), (10002, 5) }));
    }

    [Test]
    public async Task ReadAsync_WhenARowHasAnEmail_KeepsItNormalized()
    {
        const string Dump = """
            INSERT INTO `employees` VALUES (10001,'1953-09-02','Georgi','Facello','M','1986-06-26','  Georgi@Example.COM '),
            (10002,'1964-06-02','Bezalel','Simmel','F','1985-11-21',NULL),
            (10003,'1959-12-03','Parto','Bamford','M','1986-08-28','');
            """;

        var rows = await ReadAsync(Dump);

        Assert.That(rows.Select(r => r.Email), Is.EqualTo(new[]
        {
            "georgi@example.com",
            "bezalel.simmel.10002@gmail.com",
            "parto.bamford.10003@gmail.com",
        }));
    }

    [TestCase("INSERT INTO `employees` (`emp_no`,`birth_date`,`first_name`,`last_name`,`gender`,`hire_date`) VALUES (10001,'1953-09-02','Georgi','Facello','M','1986-06-26');")]
    [TestCase("INSERT INTO employees (emp_no, birth_date, first_name, last_name, gender, hire_date, email) VALUES (10001,'1953-09-02','Georgi','Facello','M','1986-06-26',NULL);")]
    [TestCase("INSERT IGNORE INTO `employees`.`employees` VALUES (10001,'1953-09-02','Georgi','Facello','M','1986-06-26');")]
    [TestCase("insert into employees.employees value (10001,'1953-09-02','Georgi','Facello','M','1986-06-26')  ;")]
    public async Task ReadAsync_WhenTheInsertIsWrittenAnotherWay_ReadsTheRow(string dump)
    {
        var rows = await ReadAsync(dump);

        Assert.That(rows.Select(r => (r.EmpNo, r.Email)), Is.EqualTo(new[] { (10001, "georgi.facello.10001@gmail.com") }));
    }

    [Test]
    public async Task ReadAsync_WhenFedACharacterAtATime_ReadsWhatItReadsInOneChunk()
    {
        var whole = await ReadAsync(MysqldumpFile + SampleStart.Replace("1000", "2000", StringComparison.Ordinal));

        var trickled = await EmployeeDumpReader.ReadAsync(new TrickleReader(MysqldumpFile + SampleStart.Replace("1000", "2000", StringComparison.Ordinal)), CancellationToken.None)
            .ToListAsync();

        Assert.That(trickled, Has.Count.EqualTo(6));
        Assert.That(trickled, Is.EqualTo(whole));
    }

    [Test]
    public async Task ReadAsync_WhenALineIsMalformed_HandsOutTheRowsBeforeItThenNamesTheLine()
    {
        const string Dump = """
            INSERT INTO `employees` VALUES (10001,'1953-09-02','Georgi','Facello','M','1986-06-26'),
            (10002,'1964-06-02','Bezalel','Simmel','F','1985-11-21'),
            (10003,'1959-12-03','Parto','Bamford','X','1986-08-28'),
            (10004,'1954-05-01','Chirstian','Koblick','M','1986-12-01');
            """;
        var read = new List<int>();

        var error = await Assert.ThrowsAsync<ImportFormatException>(async () =>
        {
            await foreach (var row in EmployeeDumpReader.ReadAsync(new StringReader(Dump), CancellationToken.None))
            {
                read.Add(row.EmpNo);
            }
        });

        Assert.That(read, Is.EqualTo(new[] { 10001, 10002 }));
        Assert.That(error?.LineNumber, Is.EqualTo(3));
        Assert.That(error?.Message, Is.EqualTo("Line 3: gender 'X' is not M or F."));
    }

    private static IEnumerable<TestCaseData> MalformedRows()
    {
        TestCaseData Row(string row, string message, string name) =>
            new TestCaseData(row, message).SetName($"ReadAsync_When{name}_NamesTheLine");

        yield return Row("(10002,'1964-06-02','Bezalel','Simmel','F')", "Line 2: The row has 5 values; expected 6 (emp_no, birth_date, first_name, last_name, gender, hire_date) or 7 with the email.", "ARowHasTooFewValues");
        yield return Row("(10002,'1964-06-02','Bezalel','Simmel','F','1985-11-21','b@x.org','extra')", "Line 2: The row has more than 7 values; expected 6 (emp_no, birth_date, first_name, last_name, gender, hire_date) or 7 with the email.", "ARowHasTooManyValues");
        yield return Row("(10002,'1964-02-30','Bezalel','Simmel','F','1985-11-21')", "Line 2: birth_date '1964-02-30' is not a date (yyyy-mm-dd).", "ADateDoesNotExist");
        yield return Row("(10002,'1964-06-02','Bezalel','Simmel','F','21/11/1985')", "Line 2: hire_date '21/11/1985' is not a date (yyyy-mm-dd).", "ADateIsNotIso");
        yield return Row("(10002,'0000-00-00','Bezalel','Simmel','F','1985-11-21')", "Line 2: birth_date '0000-00-00' is not a date (yyyy-mm-dd).", "ADateIsMysqlsZeroDate");
        yield return Row("(10002,NULL,'Bezalel','Simmel','F','1985-11-21')", "Line 2: birth_date is NULL.", "ADateIsNull");
        yield return Row("(10002,1964-06-02,'Bezalel','Simmel','F','1985-11-21')", "Line 2: birth_date must be a quoted string, not '1964-06-02'.", "ADateIsNotQuoted");
        yield return Row("(10002,'1964-06-02','Bezalel','Simmel','f','1985-11-21')", "Line 2: gender 'f' is not M or F.", "GenderIsLowerCase");
        yield return Row("(10002,'1964-06-02','Bezalel','Simmel','','1985-11-21')", "Line 2: gender '' is not M or F.", "GenderIsEmpty");
        yield return Row("(0,'1964-06-02','Bezalel','Simmel','F','1985-11-21')", "Line 2: emp_no '0' is not a positive whole number (at most 2147483647).", "EmpNoIsZero");
        yield return Row("(-5,'1964-06-02','Bezalel','Simmel','F','1985-11-21')", "Line 2: emp_no '-5' is not a positive whole number (at most 2147483647).", "EmpNoIsNegative");
        yield return Row("(2147483648,'1964-06-02','Bezalel','Simmel','F','1985-11-21')", "Line 2: emp_no '2147483648' is not a positive whole number (at most 2147483647).", "EmpNoDoesNotFitAnInt");
        yield return Row("(10002.5,'1964-06-02','Bezalel','Simmel','F','1985-11-21')", "Line 2: emp_no '10002.5' is not a positive whole number (at most 2147483647).", "EmpNoIsNotWhole");
        yield return Row("(abc,'1964-06-02','Bezalel','Simmel','F','1985-11-21')", "Line 2: emp_no 'abc' is not a positive whole number (at most 2147483647).", "EmpNoIsAWord");
        yield return Row("(10002,'1964-06-02','Bezalelbezalelb','Simmel','F','1985-11-21')", "Line 2: first_name 'Bezalelbezalelb' is longer than 14 characters.", "FirstNameIsFifteenCharacters");
        yield return Row("(10002,'1964-06-02','Bezalel','Simmelsimmelsimme','F','1985-11-21')", "Line 2: last_name 'Simmelsimmelsimme' is longer than 16 characters.", "LastNameIsSeventeenCharacters");
        yield return Row("(10002,'1964-06-02','','Simmel','F','1985-11-21')", "Line 2: first_name is empty.", "FirstNameIsEmpty");
        yield return Row("(10002,'1964-06-02','Bezalel','   ','F','1985-11-21')", "Line 2: last_name is empty.", "LastNameIsBlank");
        yield return Row("(10002,'1964-06-02','Bezalel','Simmel','F','1985-11-21','" + new string('a', 246) + "@gmail.com')", "Line 2: email '" + new string('a', 40) + "'… is longer than 255 characters.", "EmailIsLongerThan255");
        yield return Row("(10002,'1964-06-02','Bezalel','Simmel','F','1985-11-21','not-an-email')", "Line 2: email 'not-an-email' is not an email address.", "EmailHasNoAt");
        yield return Row("(10002,'1964-06-02','Bezalel','Simmel','F','1985-11-21','a b@x.org')", "Line 2: email 'a b@x.org' is not an email address.", "EmailHasASpace");
        yield return Row("(10002,'1964-06-02','Bezalel,'Simmel','F','1985-11-21')", "Line 2: Expected ',' or ')' after a value, found 'Simmel'.", "AQuoteIsMissing");
        yield return Row("10002,'1964-06-02','Bezalel','Simmel','F','1985-11-21')", "Line 2: Expected '(' to start a row, found '10002'.", "AParenthesisIsMissing");
        yield return Row("(10002,'1964-06-02',`Bezalel`,'Simmel','F','1985-11-21')", "Line 2: Expected a value, found the name 'Bezalel'.", "AValueIsAName");
    }

    [TestCaseSource(nameof(MalformedRows))]
    public async Task ReadAsync_WhenARowIsMalformed_NamesItsLineAndWhy(string row, string message)
    {
        var dump = $"INSERT INTO `employees` VALUES (10001,'1953-09-02','Georgi','Facello','M','1986-06-26'),\n{row};\n";

        var error = await Assert.ThrowsAsync<ImportFormatException>(() => ReadAsync(dump));

        Assert.That(error?.Message, Is.EqualTo(message));
        Assert.That(error?.LineNumber, Is.EqualTo(2));
    }

    [Test]
    public async Task ReadAsync_WhenANameIsExactlyAsLongAsItsColumn_ReadsIt()
    {
        var rows = await ReadAsync("INSERT INTO `employees` VALUES (10002,'1964-06-02','Bezalelbezalel','Simmelsimmelsimm','F','1985-11-21');");

        Assert.That(rows.Single().FirstName, Has.Length.EqualTo(Employee.MaxFirstNameLength));
        Assert.That(rows.Single().LastName, Has.Length.EqualTo(Employee.MaxLastNameLength));
    }

    [Test]
    public async Task ReadAsync_WhenAClosingQuoteIsMissing_NamesTheLineOfTheValueItRunsInto()
    {
        const string Dump = """
            INSERT INTO `employees` VALUES (10001,'1953-09-02','Georgi','Facello','M','1986-06-26'),
            (10002,'1964-06-02','Bezalel','Simmel','F','1985-11-21),
            (10003,'1959-12-03','Parto','Bamford','M','1986-08-28');
            """;

        var error = await Assert.ThrowsAsync<ImportFormatException>(() => ReadAsync(Dump));

        // The quote before 1985 opens a string that ends at the quote before 1959.
        Assert.That(error?.Message, Is.EqualTo("Line 2: hire_date '1985-11-21),\\u000A(10003,' is not a date (yyyy-mm-dd)."));
    }

    [Test]
    public async Task ReadAsync_WhenTheLastStringIsNeverClosed_SaysSo()
    {
        const string Dump = """
            INSERT INTO `employees` VALUES (10001,'1953-09-02','Georgi','Facello','M','1986-06-26'),
            (10002,'1964-06-02','Bezalel','Simmel','F','1985-11-21);
            """;

        var error = await Assert.ThrowsAsync<ImportFormatException>(() => ReadAsync(Dump));

        Assert.That(error?.Message, Is.EqualTo("Line 2: The quoted string that starts on this line is not closed (' missing)."));
    }

    [Test]
    public async Task ReadAsync_WhenAStringRunsOnForThousandsOfCharacters_StopsAtTheCapInsteadOfReadingTheRestAsOneString()
    {
        var dump = "INSERT INTO `employees` VALUES (10001,'1953-09-02','Georgi','Facello','M','1986-06-26'),\n(10002,'1964-06-02','Bezalel"
            + string.Concat(Enumerable.Repeat("\nno quote on this line", 1000));

        var error = await Assert.ThrowsAsync<ImportFormatException>(() => ReadAsync(dump));

        Assert.That(error?.Message, Is.EqualTo($"Line 2: A value that starts on this line is longer than {DumpLexer.MaxTokenLength} characters (a quote missing?)."));
    }

    [Test]
    public async Task ReadAsync_WhenTheFileEndsInsideAnInsert_SaysTheSemicolonIsMissing()
    {
        const string Dump = """
            INSERT INTO `employees` VALUES (10001,'1953-09-02','Georgi','Facello','M','1986-06-26'),
            (10002,'1964-06-02','Bezalel','Simmel','F','1985-11-21')
            """;

        var error = await Assert.ThrowsAsync<ImportFormatException>(() => ReadAsync(Dump));

        Assert.That(error?.Message, Is.EqualTo("Line 2: The file ends inside an INSERT INTO `employees` statement (';' missing)."));
    }

    [TestCase("")]
    [TestCase("-- nothing but a comment\n")]
    [TestCase("INSERT INTO `departments` VALUES ('d001','Marketing');\n")]
    public async Task ReadAsync_WhenTheFileHasNoEmployeesInsert_SaysSo(string dump)
    {
        var error = await Assert.ThrowsAsync<ImportFormatException>(() => ReadAsync(dump));

        Assert.That(error?.Message, Does.EndWith("The file has no INSERT INTO `employees` statement."));
    }

    [Test]
    public async Task ReadAsync_WhenTheColumnListIsNotTheSamples_NamesTheLine()
    {
        const string Dump = "-- header\nINSERT INTO `employees` (`emp_no`,`first_name`,`last_name`,`birth_date`,`gender`,`hire_date`) VALUES (10001,'Georgi','Facello','1953-09-02','M','1986-06-26');";

        var error = await Assert.ThrowsAsync<ImportFormatException>(() => ReadAsync(Dump));

        Assert.That(error?.Message, Is.EqualTo(
            "Line 2: The column list ('emp_no', 'first_name', 'last_name', 'birth_date', 'gender', 'hire_date') is not (emp_no, birth_date, first_name, last_name, gender, hire_date), optionally followed by email."));
    }

    [Test]
    public async Task ReadAsync_WhenAValueHoldsAnEscapeSequence_ShowsItWithoutTheControlCharacters()
    {
        const string Dump = "INSERT INTO `employees` VALUES (10001,'1953-09-02','Georgi','Facello','\u001b[31mM','1986-06-26');";

        var error = await Assert.ThrowsAsync<ImportFormatException>(() => ReadAsync(Dump));

        Assert.That(error?.Message, Is.EqualTo("Line 1: gender '\\u001B[31mM' is not M or F."));
        Assert.That(error?.Message.Contains('\u001b', StringComparison.Ordinal), Is.False);
    }

    [Test]
    public async Task ReadAsync_WhenGiven300024Rows_ReadsThemAllWithTheirLines()
    {
        const int Count = 300_024;
        using var reader = new GeneratedDumpReader(Count);
        var count = 0;
        var wrongLines = 0;
        ImportedEmployee? last = null;

        await foreach (var row in EmployeeDumpReader.ReadAsync(reader, CancellationToken.None))
        {
            wrongLines += row.LineNumber == GeneratedDumpReader.LineOf(count) ? 0 : 1;
            count++;
            last = row;
        }

        Assert.That(count, Is.EqualTo(Count));
        Assert.That(wrongLines, Is.Zero);
        Assert.That(last?.EmpNo, Is.EqualTo(GeneratedDumpReader.FirstEmpNo + Count - 1));
    }

    [Test]
    public async Task ReadAsync_WhenTheFirstRowIsTaken_HasReadOneChunkOfTheFileNotAllOfIt()
    {
        using var reader = new GeneratedDumpReader(300_024);
        await using var rows = EmployeeDumpReader.ReadAsync(reader, CancellationToken.None).GetAsyncEnumerator();

        Assert.That(await rows.MoveNextAsync(), Is.True);

        Assert.That(rows.Current.EmpNo, Is.EqualTo(GeneratedDumpReader.FirstEmpNo));
        Assert.That(reader.CharsRead, Is.LessThanOrEqualTo(64 * 1024));
    }

    [Test]
    public async Task ReadAsync_WhenCancelled_StopsReading()
    {
        using var reader = new GeneratedDumpReader(300_024);
        using var cancellation = new CancellationTokenSource();

        await Assert.CatchAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in EmployeeDumpReader.ReadAsync(reader, cancellation.Token))
            {
                await cancellation.CancelAsync();
            }
        });
        Assert.That(reader.CharsRead, Is.LessThanOrEqualTo(64 * 1024));
    }

    private static Task<List<ImportedEmployee>> ReadAsync(string dump) =>
        EmployeeDumpReader.ReadAsync(new StringReader(dump), CancellationToken.None).ToListAsync().AsTask();
}
