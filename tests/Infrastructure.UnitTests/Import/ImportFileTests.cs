using System.Text;
using FastApiLearning.Application.Common.Ports;
using FastApiLearning.Infrastructure.Import;

namespace FastApiLearning.Infrastructure.UnitTests.Import;

public sealed class ImportFileTests
{
    [TestCase("employees.csv", ImportFileFormat.Csv)]
    [TestCase("/data/EMPLOYEES.CSV", ImportFileFormat.Csv)]
    [TestCase("load_employees.dump", ImportFileFormat.Dump)]
    [TestCase("employees.sql", ImportFileFormat.Dump)]
    public void FormatOf_WhenOnlyThePathIsGiven_GoesByTheExtension(string path, ImportFileFormat expected)
    {
        Assert.That(ImportFile.FormatOf(path), Is.EqualTo(expected));
    }

    [TestCase("employees.txt", "csv", ImportFileFormat.Csv)]
    [TestCase("employees.csv", "DUMP", ImportFileFormat.Dump)]
    [TestCase("employees", "sql", ImportFileFormat.Dump)]
    public void FormatOf_WhenAFormatIsNamed_TakesItOverTheExtension(string path, string format, ImportFileFormat expected)
    {
        Assert.That(ImportFile.FormatOf(path, format), Is.EqualTo(expected));
    }

    [TestCase("employees.txt", "'.txt'")]
    [TestCase("employees", "''")]
    public void FormatOf_WhenTheExtensionIsUnknown_SaysWhatToDo(string path, string shownExtension)
    {
        var error = Assert.Throws<UnknownImportFormatException>(() => ImportFile.FormatOf(path));

        Assert.That(error?.Message, Is.EqualTo(
            $"Cannot tell the format of '{path}' from its extension ({shownExtension}): name the file .csv, .dump or .sql, or give the format (csv, dump (or sql))."));
    }

    [Test]
    public void FormatOf_WhenTheNamedFormatIsUnknown_SaysWhichAreKnown()
    {
        var error = Assert.Throws<UnknownImportFormatException>(() => ImportFile.FormatOf("employees.csv", "xml"));

        Assert.That(error?.Message, Is.EqualTo("Unknown import format 'xml': use one of csv, dump (or sql)."));
    }

    [Test]
    public async Task Read_WhenTheFormatIsCsv_ReadsCsv()
    {
        var csv = new StringReader("emp_no,birth_date,first_name,last_name,gender,hire_date\n10001,1953-09-02,Georgi,Facello,M,1986-06-26\n");

        var rows = await ImportFile.Read(csv, ImportFileFormat.Csv, CancellationToken.None).ToListAsync();

        Assert.That(rows.Select(r => r.Email), Is.EqualTo(new[] { "georgi.facello.10001@gmail.com" }));
    }

    [Test]
    public async Task Read_WhenTheFormatIsDump_ReadsTheDump()
    {
        var csv = new StringReader("emp_no,birth_date,first_name,last_name,gender,hire_date\n10001,1953-09-02,Georgi,Facello,M,1986-06-26\n");

        var error = await Assert.ThrowsAsync<ImportFormatException>(async () =>
            await ImportFile.Read(csv, ImportFileFormat.Dump, CancellationToken.None).ToListAsync());

        Assert.That(error?.Message, Is.EqualTo("Line 3: The file has no INSERT INTO `employees` statement."));
    }

    [Test]
    public async Task OpenText_WhenTheFileIsUtf8WithAByteOrderMark_ReadsAccentedNames()
    {
        var path = Path.Combine(Path.GetTempPath(), $"import-{Guid.NewGuid():N}.csv");
        try
        {
            await File.WriteAllTextAsync(
                path,
                "emp_no,birth_date,first_name,last_name,gender,hire_date\n10001,1953-09-02,Zoë,Müller,F,1986-06-26\n",
                new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

            using var reader = ImportFile.OpenText(path);
            var rows = await ImportFile.Read(reader, ImportFile.FormatOf(path), CancellationToken.None).ToListAsync();

            Assert.That(rows.Select(r => (r.FirstName, r.LastName, r.Email)), Is.EqualTo(new[] { ("Zoë", "Müller", "zoe.muller.10001@gmail.com") }));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public async Task OpenText_WhenTheFileIsLatin1_RefusesTheNameThatCouldNotBeDecoded()
    {
        var path = Path.Combine(Path.GetTempPath(), $"import-{Guid.NewGuid():N}.dump");
        try
        {
            File.WriteAllBytes(path, Encoding.Latin1.GetBytes("INSERT INTO `employees` VALUES (10001,'1953-09-02','Zoë','Facello','F','1986-06-26');\n"));

            using var reader = ImportFile.OpenText(path);
            var error = await Assert.ThrowsAsync<ImportFormatException>(async () =>
                await ImportFile.Read(reader, ImportFileFormat.Dump, CancellationToken.None).ToListAsync());

            Assert.That(error?.Message, Is.EqualTo(
                "Line 1: first_name 'Zo\uFFFD' holds U+FFFD, a character that could not be decoded (is the file UTF-8?)."));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
