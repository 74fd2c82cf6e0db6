using FastApiLearning.Application.Common.Ports;

namespace FastApiLearning.Infrastructure.Import;

/// <summary>
/// RFC 4180 CSV, fed chunk by chunk: fields separated by commas, records by CRLF or LF, a field in
/// double quotes may hold commas, line breaks and <c>""</c> for a quote. The first record is the header
/// and must name the sample's columns in the dump's order, optionally followed by <c>email</c>.
/// Blank lines are skipped.
/// </summary>
internal sealed class CsvParser : IRowParser
{
    /// <summary>No value of the employees table comes near this; a longer field is a quote missing.</summary>
    public const int MaxFieldLength = 4096;

    private enum State
    {
        RecordStart,
        FieldStart,
        Unquoted,
        UnquotedCarriageReturn,
        Quoted,
        QuotedQuote,
        QuotedCarriageReturn,
    }

    private readonly ImportedEmployeeBuilder _row = new();
    private readonly char[] _field = new char[MaxFieldLength];
    private readonly List<string> _header = [];
    private int _length;
    private State _state;
    private int _line = 1;
    private int _recordLine;
    private int _fieldIndex;
    private int _columnCount; // 0 until the header is read

    public List<ImportedEmployee> Rows { get; } = [];

    public void Feed(ReadOnlySpan<char> chunk)
    {
        var i = 0;
        while (i < chunk.Length)
        {
            var c = chunk[i];
            switch (_state)
            {
                case State.RecordStart:
                    if (c == '\n')
                    {
                        break; // a blank line
                    }

                    if (c == '\r')
                    {
                        _state = State.UnquotedCarriageReturn;
                        _recordLine = _line;
                        _fieldIndex = -1; // a blank CRLF line: nothing to end
                        break;
                    }

                    _recordLine = _line;
                    _fieldIndex = 0;
                    _state = State.FieldStart;
                    continue;
                case State.FieldStart:
                    _length = 0;
                    if (c == '"')
                    {
                        _state = State.Quoted;
                        break;
                    }

                    _state = State.Unquoted;
                    continue;
                case State.Unquoted:
                    switch (c)
                    {
                        case ',':
                            EndField();
                            _state = State.FieldStart;
                            break;
                        case '\n':
                            EndRecord();
                            break;
                        case '\r':
                            _state = State.UnquotedCarriageReturn;
                            break;
                        case '"':
                            throw new ImportFormatException(_line, "A quote inside a field that does not start with one; quote the whole field and double the quote (\"\").");
                        default:
                            Append(c);
                            break;
                    }

                    break;
                case State.UnquotedCarriageReturn:
                    if (c == '\n')
                    {
                        EndRecord();
                        break;
                    }

                    // A lone CR is a character of the field, which the checks then refuse.
                    _state = State.Unquoted;
                    if (_fieldIndex < 0)
                    {
                        _fieldIndex = 0;
                        _length = 0;
                    }

                    Append('\r');
                    continue;
                case State.Quoted:
                    if (c == '"')
                    {
                        _state = State.QuotedQuote;
                    }
                    else
                    {
                        Append(c);
                    }

                    break;
                case State.QuotedQuote:
                    switch (c)
                    {
                        case '"':
                            Append('"');
                            _state = State.Quoted;
                            break;
                        case ',':
                            EndField();
                            _state = State.FieldStart;
                            break;
                        case '\n':
                            EndRecord();
                            break;
                        case '\r':
                            _state = State.QuotedCarriageReturn;
                            break;
                        default:
                            throw new ImportFormatException(_line, $"{ShownValue.Quote([c])} after the closing quote of a field; expected ',' or the end of the line.");
                    }

                    break;
                case State.QuotedCarriageReturn:
                    if (c != '\n')
                    {
                        throw new ImportFormatException(_line, "A carriage return after the closing quote of a field, not followed by a line feed.");
                    }

                    EndRecord();
                    break;
            }

            if (c == '\n')
            {
                _line++;
            }

            i++;
        }
    }

    public void Complete()
    {
        switch (_state)
        {
            case State.Quoted:
                throw new ImportFormatException(_recordLine, "The quoted field of the row that starts on this line is not closed (\" missing).");
            case State.FieldStart or State.Unquoted or State.QuotedQuote or State.QuotedCarriageReturn:
                EndRecord(); // the last line without a line break
                break;
            case State.UnquotedCarriageReturn when _fieldIndex >= 0:
                EndRecord();
                break;
        }

        if (_columnCount == 0)
        {
            throw new ImportFormatException(1, $"The file is empty; expected the header {ExpectedHeader}.");
        }
    }

    private static string ExpectedHeader =>
        $"{ImportedEmployeeBuilder.ColumnList(withEmail: false).Replace(" ", "", StringComparison.Ordinal)} (optionally followed by ,email)";

    private void Append(char c)
    {
        if (_length == _field.Length)
        {
            throw new ImportFormatException(
                _recordLine, $"A field of the row that starts on this line is longer than {MaxFieldLength} characters (a quote missing?).");
        }

        _field[_length++] = c;
    }

    private void EndField()
    {
        var value = _field.AsSpan(0, _length);
        if (_columnCount == 0)
        {
            _header.Add(value.ToString());
        }
        else if (_fieldIndex >= _columnCount)
        {
            throw new ImportFormatException(_recordLine, $"The row has more than the header's {_columnCount} fields.");
        }
        else
        {
            if (_fieldIndex == 0)
            {
                _row.Reset();
            }

            _row.Set(_fieldIndex, value, quoted: true, _recordLine);
        }

        _fieldIndex++;
        _length = 0;
    }

    private void EndRecord()
    {
        _state = State.RecordStart;
        if (_fieldIndex < 0)
        {
            return; // a blank CRLF line
        }

        EndField();
        if (_columnCount == 0)
        {
            ReadHeader();
            return;
        }

        if (_fieldIndex != _columnCount)
        {
            throw new ImportFormatException(_recordLine, $"The row has {_fieldIndex} fields; the header has {_columnCount}.");
        }

        Rows.Add(_row.Build(_recordLine));
    }

    private void ReadHeader()
    {
        var columns = ImportedEmployeeBuilder.Columns;
        if (_header.Count > 0)
        {
            _header[0] = _header[0].TrimStart('\uFEFF'); // a byte order mark the reader left in
        }

        var matches = _header.Count is ImportedEmployeeBuilder.RequiredColumns or ImportedEmployeeBuilder.RequiredColumns + 1;
        for (var i = 0; matches && i < _header.Count; i++)
        {
            matches = string.Equals(_header[i].Trim(), columns[i], StringComparison.OrdinalIgnoreCase);
        }

        if (!matches)
        {
            throw new ImportFormatException(
                _recordLine, $"The header is {ShownValue.Quote(string.Join(',', _header))}; expected {ExpectedHeader}.");
        }

        _columnCount = _header.Count;
    }
}
