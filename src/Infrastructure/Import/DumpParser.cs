using FastApiLearning.Application.Common.Ports;

namespace FastApiLearning.Infrastructure.Import;

/// <summary>
/// Reads the rows of <c>INSERT INTO `employees` VALUES (…),(…);</c> statements from the tokens of a
/// MySQL dump, fed chunk by chunk; every other statement (<c>SET</c>, <c>CREATE TABLE</c>, <c>LOCK
/// TABLES</c>, an insert into another table) is skipped to its <c>;</c>.
/// </summary>
internal sealed class DumpParser : IRowParser
{
    private const string Table = "employees";

    private enum State
    {
        StatementStart,
        Skip,
        InsertModifiers,
        TableName,
        ColumnName,
        AfterColumnName,
        ValuesKeyword,
        RowOpen,
        Value,
        AfterValue,
        AfterRow,
    }

    private readonly DumpLexer _lexer;
    private readonly ImportedEmployeeBuilder _row = new();
    private readonly List<string> _columns = [];
    private State _state;
    private string? _tableName;
    private bool _nameContinues;
    private int _columnCount; // 0: no column list, so 6 or 7 values
    private int _rowLine;
    private int _valueCount;
    private bool _sawInsert;

    public DumpParser() => _lexer = new DumpLexer(this);

    /// <inheritdoc />
    public List<ImportedEmployee> Rows { get; } = [];

    /// <inheritdoc />
    public void Feed(ReadOnlySpan<char> chunk) => _lexer.Feed(chunk);

    /// <inheritdoc />
    public void Complete() => _lexer.Complete();

    internal void OnToken(DumpTokenKind kind, ReadOnlySpan<char> text, int line)
    {
        switch (_state)
        {
            case State.StatementStart:
                if (IsPunctuation(kind, text, ';'))
                {
                    break;
                }

                if (IsWord(kind, text, "INSERT"))
                {
                    _tableName = null;
                    _nameContinues = false;
                    _state = State.InsertModifiers;
                    break;
                }

                StartSkipping();
                break;
            case State.Skip:
                if (IsPunctuation(kind, text, ';'))
                {
                    _lexer.Capture = true;
                    _state = State.StatementStart;
                }

                break;
            case State.InsertModifiers:
                if (IsWord(kind, text, "IGNORE") || IsWord(kind, text, "LOW_PRIORITY")
                    || IsWord(kind, text, "DELAYED") || IsWord(kind, text, "HIGH_PRIORITY"))
                {
                    break;
                }

                _state = State.TableName;
                if (!IsWord(kind, text, "INTO"))
                {
                    OnTableNameToken(kind, text, line);
                }

                break;
            case State.TableName:
                OnTableNameToken(kind, text, line);
                break;
            case State.ColumnName:
                if (kind is not (DumpTokenKind.Identifier or DumpTokenKind.Word))
                {
                    throw Unexpected(line, "a column name", kind, text);
                }

                _columns.Add(text.ToString());
                _state = State.AfterColumnName;
                break;
            case State.AfterColumnName:
                if (IsPunctuation(kind, text, ','))
                {
                    _state = State.ColumnName;
                }
                else if (IsPunctuation(kind, text, ')'))
                {
                    CheckColumns(line);
                    _state = State.ValuesKeyword;
                }
                else
                {
                    throw Unexpected(line, "',' or ')' in the column list", kind, text);
                }

                break;
            case State.ValuesKeyword:
                _state = IsValuesKeyword(kind, text)
                    ? State.RowOpen
                    : throw Unexpected(line, "VALUES", kind, text);
                break;
            case State.RowOpen:
                if (!IsPunctuation(kind, text, '('))
                {
                    throw Unexpected(line, "'(' to start a row", kind, text);
                }

                _row.Reset();
                _rowLine = line;
                _valueCount = 0;
                _state = State.Value;
                break;
            case State.Value:
                if (kind is not (DumpTokenKind.Word or DumpTokenKind.String))
                {
                    throw Unexpected(line, "a value", kind, text);
                }

                if (_valueCount == MaxValues)
                {
                    throw new ImportFormatException(_rowLine, $"The row has more than {MaxValues} values; expected {ExpectedValues}.");
                }

                _row.Set(_valueCount++, text, kind == DumpTokenKind.String, line);
                _state = State.AfterValue;
                break;
            case State.AfterValue:
                if (IsPunctuation(kind, text, ','))
                {
                    _state = State.Value;
                }
                else if (IsPunctuation(kind, text, ')'))
                {
                    if (_valueCount < MinValues)
                    {
                        throw new ImportFormatException(_rowLine, $"The row has {_valueCount} values; expected {ExpectedValues}.");
                    }

                    Rows.Add(_row.Build(_rowLine));
                    _state = State.AfterRow;
                }
                else
                {
                    throw Unexpected(line, "',' or ')' after a value", kind, text);
                }

                break;
            case State.AfterRow:
                if (IsPunctuation(kind, text, ','))
                {
                    _state = State.RowOpen;
                }
                else if (IsPunctuation(kind, text, ';'))
                {
                    _state = State.StatementStart;
                }
                else
                {
                    throw Unexpected(line, "',' or ';' after a row", kind, text);
                }

                break;
        }
    }

    internal void OnEnd(int line)
    {
        if (_state is not (State.StatementStart or State.Skip or State.InsertModifiers)
            && (_state != State.TableName || IsEmployeesTable))
        {
            throw new ImportFormatException(line, $"The file ends inside an INSERT INTO `{Table}` statement (';' missing).");
        }

        if (!_sawInsert)
        {
            throw new ImportFormatException(line, $"The file has no INSERT INTO `{Table}` statement.");
        }
    }

    private bool IsEmployeesTable => string.Equals(_tableName, Table, StringComparison.OrdinalIgnoreCase);

    private int MinValues => _columnCount == 0 ? ImportedEmployeeBuilder.RequiredColumns : _columnCount;

    private int MaxValues => _columnCount == 0 ? ImportedEmployeeBuilder.Columns.Length : _columnCount;

    private string ExpectedValues => _columnCount == 0
        ? $"{ImportedEmployeeBuilder.RequiredColumns} ({ImportedEmployeeBuilder.ColumnList(withEmail: false)}) or {ImportedEmployeeBuilder.Columns.Length} with the email"
        : $"{_columnCount}, one per column";

    // `employees`, employees, `db`.`employees` or db.employees; the last part is the table.
    private void OnTableNameToken(DumpTokenKind kind, ReadOnlySpan<char> text, int line)
    {
        var isNamePart = kind == DumpTokenKind.Identifier
            || (kind == DumpTokenKind.Word && (_tableName is null || _nameContinues || text.StartsWith('.')) && !IsValuesKeyword(kind, text));
        if (isNamePart)
        {
            if (kind == DumpTokenKind.Identifier)
            {
                _tableName = text.ToString();
                _nameContinues = false;
            }
            else
            {
                var tail = text[(text.LastIndexOf('.') + 1)..];
                if (!tail.IsEmpty)
                {
                    _tableName = tail.ToString();
                }

                _nameContinues = text.EndsWith('.');
            }

            return;
        }

        if (_tableName is null || !IsEmployeesTable)
        {
            // An insert into another table, or one this reader cannot name: not ours.
            if (IsPunctuation(kind, text, ';'))
            {
                _state = State.StatementStart;
            }
            else
            {
                StartSkipping();
            }

            return;
        }

        _sawInsert = true;
        _columnCount = 0;
        if (IsValuesKeyword(kind, text))
        {
            _state = State.RowOpen;
        }
        else if (IsPunctuation(kind, text, '('))
        {
            _columns.Clear();
            _state = State.ColumnName;
        }
        else
        {
            throw Unexpected(line, $"VALUES after INSERT INTO `{Table}`", kind, text);
        }
    }

    // mysqldump --complete-insert names the columns; only the sample's order is read.
    private void CheckColumns(int line)
    {
        var columns = ImportedEmployeeBuilder.Columns;
        var matches = _columns.Count is ImportedEmployeeBuilder.RequiredColumns or ImportedEmployeeBuilder.RequiredColumns + 1;
        for (var i = 0; matches && i < _columns.Count; i++)
        {
            matches = string.Equals(_columns[i], columns[i], StringComparison.OrdinalIgnoreCase);
        }

        if (!matches)
        {
            throw new ImportFormatException(
                line,
                $"The column list ({string.Join(", ", _columns.Select(c => ShownValue.Quote(c)))}) is not ({ImportedEmployeeBuilder.ColumnList(withEmail: false)}), optionally followed by email.");
        }

        _columnCount = _columns.Count;
    }

    private void StartSkipping()
    {
        _lexer.Capture = false;
        _state = State.Skip;
    }

    private static bool IsPunctuation(DumpTokenKind kind, ReadOnlySpan<char> text, char c) =>
        kind == DumpTokenKind.Punctuation && text[0] == c;

    private static bool IsWord(DumpTokenKind kind, ReadOnlySpan<char> text, string word) =>
        kind == DumpTokenKind.Word && text.Equals(word, StringComparison.OrdinalIgnoreCase);

    private static bool IsValuesKeyword(DumpTokenKind kind, ReadOnlySpan<char> text) =>
        IsWord(kind, text, "VALUES") || IsWord(kind, text, "VALUE");

    private static ImportFormatException Unexpected(int line, string expected, DumpTokenKind kind, ReadOnlySpan<char> text) =>
        new(line, $"Expected {expected}, found {Describe(kind, text)}.");

    private static string Describe(DumpTokenKind kind, ReadOnlySpan<char> text) => kind switch
    {
        DumpTokenKind.String => $"the string {ShownValue.Quote(text)}",
        DumpTokenKind.Identifier => $"the name {ShownValue.Quote(text)}",
        _ => ShownValue.Quote(text),
    };
}
