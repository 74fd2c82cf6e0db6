using System.Globalization;

namespace FastApiLearning.Infrastructure.UnitTests.Import;

/// <summary>
/// A dump in the sample's format with <paramref name="rows"/> rows (emp_no 10001 on, one per line,
/// 4,000 per INSERT), made as it is read: the whole text never exists at once, in the test either.
/// Counts the characters it has handed out.
/// </summary>
internal sealed class GeneratedDumpReader(int rows) : TextReader
{
    public const int RowsPerInsert = 4000;
    public const int FirstEmpNo = 10001;

    private string _pending = "";
    private int _pendingPosition;
    private int _next;

    public long CharsRead { get; private set; }

    /// <summary>The line the row of <paramref name="index"/> (from 0) is on: one line per row.</summary>
    public static int LineOf(int index) => index + 1;

    public override int Read(Span<char> buffer)
    {
        var count = 0;
        while (count < buffer.Length)
        {
            if (_pendingPosition == _pending.Length)
            {
                if (_next == rows)
                {
                    break;
                }

                _pending = Row(_next++);
                _pendingPosition = 0;
            }

            var part = Math.Min(buffer.Length - count, _pending.Length - _pendingPosition);
            _pending.AsSpan(_pendingPosition, part).CopyTo(buffer[count..]);
            _pendingPosition += part;
            count += part;
        }

        CharsRead += count;
        return count;
    }

    public override ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    private string Row(int index)
    {
        var empNo = FirstEmpNo + index;
        var first = index % RowsPerInsert == 0 ? "INSERT INTO `employees` VALUES " : "";
        var last = index % RowsPerInsert == RowsPerInsert - 1 || index == rows - 1 ? ";\n" : ",\n";
        var birth = new DateOnly(1952, 1, 1).AddDays(index % 4700);
        var hire = new DateOnly(1985, 1, 1).AddDays(index % 5800);
        var name = (index % 10) switch
        {
            0 => "O\\'Brien",
            1 => "D''Angelo",
            2 => "Müller",
            _ => "Facello",
        };
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{first}({empNo},'{birth:yyyy-MM-dd}','Georgi','{name}','{(index % 2 == 0 ? 'M' : 'F')}','{hire:yyyy-MM-dd}'){last}");
    }
}
