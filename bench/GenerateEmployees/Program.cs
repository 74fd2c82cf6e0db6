using System.Diagnostics;
using System.Globalization;
using System.Text;
using FastApiLearning.Bench.GenerateEmployees;

// Writes N employees in the MySQL sample's dump format (load_employees.dump), the same file for
// the same seed and count. Prints "EMPLOYEES rows=… bytes=… file=…" for bench/run.sh.
const int DefaultCount = 300_024;
const int RowsPerInsert = 4_000; // like mysqldump's extended inserts: one statement per few thousand rows
const int FirstEmpNo = 10_001;

var count = DefaultCount;
var seed = 1UL;
var path = "load_employees.dump";

for (var i = 0; i < args.Length; i++)
{
    var value = i + 1 < args.Length ? args[i + 1] : null;
    switch (args[i])
    {
        case "--count" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 && n <= int.MaxValue - FirstEmpNo:
            count = n;
            i++;
            break;
        case "--seed" when ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var s):
            seed = s;
            i++;
            break;
        case "--out" when !string.IsNullOrEmpty(value):
            path = value;
            i++;
            break;
        case "-h" or "--help":
            Console.WriteLine(Usage());
            return 0;
        default:
            Console.Error.WriteLine($"GenerateEmployees: bad argument '{args[i]}'{(value is null ? "" : $" '{value}'")}.");
            Console.Error.WriteLine(Usage());
            return 2;
    }
}

var started = Stopwatch.GetTimestamp();
var random = new SplitMix64(seed);
var birthFirst = new DateOnly(1952, 1, 1);
var birthDays = new DateOnly(1965, 12, 31).DayNumber - birthFirst.DayNumber + 1;
var hireFirst = new DateOnly(1985, 1, 1);
var hireDays = new DateOnly(2000, 12, 31).DayNumber - hireFirst.DayNumber + 1;

var fullPath = Path.GetFullPath(path);
await using (var writer = new StreamWriter(fullPath, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16))
{
    writer.NewLine = "\n";
    for (var row = 0; row < count; row++)
    {
        writer.Write(row % RowsPerInsert == 0 ? "INSERT INTO `employees` VALUES (" : "(");
        writer.Write((FirstEmpNo + row).ToString(CultureInfo.InvariantCulture));
        WriteString(writer, birthFirst.AddDays(random.Below(birthDays)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        WriteString(writer, SampleNames.First[random.Below(SampleNames.First.Length)]);
        WriteString(writer, SampleNames.Last[random.Below(SampleNames.Last.Length)]);
        WriteString(writer, random.Below(5) < 3 ? "M" : "F"); // the sample is 60 % M
        WriteString(writer, hireFirst.AddDays(random.Below(hireDays)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        writer.Write(row % RowsPerInsert == RowsPerInsert - 1 || row == count - 1 ? ");\n" : "),\n");
    }
}

var bytes = new FileInfo(fullPath).Length;
Console.WriteLine(string.Create(
    CultureInfo.InvariantCulture,
    $"EMPLOYEES rows={count} bytes={bytes} seed={seed} ms={Stopwatch.GetElapsedTime(started).TotalMilliseconds:F0} file={fullPath}"));
return 0;

// ,'value' with MySQL's escapes for the characters the names can hold.
static void WriteString(StreamWriter writer, string value)
{
    writer.Write(",'");
    if (value.AsSpan().IndexOfAny('\'', '\\') < 0)
    {
        writer.Write(value);
        writer.Write('\'');
        return;
    }

    foreach (var c in value)
    {
        switch (c)
        {
            case '\'':
                writer.Write("\\'");
                break;
            case '\\':
                writer.Write("\\\\");
                break;
            default:
                writer.Write(c);
                break;
        }
    }

    writer.Write('\'');
}

static string Usage() => """
    Usage: dotnet run --project bench/GenerateEmployees -c Release -- [--count N] [--seed S] [--out FILE]

      --count N   rows to write, emp_no 10001 on (default 300024, the sample's size)
      --seed S    seed of the names, genders and dates (default 1): same seed and count, same file
      --out FILE  where to write (default load_employees.dump); replaced if it exists
    """;
