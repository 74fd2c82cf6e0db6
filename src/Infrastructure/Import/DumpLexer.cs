using FastApiLearning.Application.Common.Ports;

namespace FastApiLearning.Infrastructure.Import;

/// <summary>
/// Splits MySQL dump text into tokens, chunk by chunk (a token may span chunks), and hands each to
/// the parser with the line it starts on. Comments (<c>-- …</c>, <c># …</c>, <c>/* … */</c>, which
/// includes mysqldump's <c>/*!40101 SET … */</c>) and whitespace are dropped.
/// </summary>
internal sealed class DumpLexer(DumpParser parser)
{
    /// <summary>
    /// No value of the employees table comes near this; a longer one is a quote missing, which
    /// would otherwise read the rest of the file into one string.
    /// </summary>
    public const int MaxTokenLength = 4096;

    private enum State
    {
        Start,
        Word,
        Dash,
        Slash,
        LineComment,
        BlockComment,
        BlockCommentStar,
        Quoted,
        QuotedEscape,
        QuotedQuote,
    }

    private readonly char[] _text = new char[MaxTokenLength];
    private int _length;
    private State _state;
    private char _quote;
    private int _line = 1;
    private int _tokenLine;

    /// <summary>Whether tokens keep their text; off while the parser skips a statement it does not read.</summary>
    public bool Capture { get; set; } = true;

    public void Feed(ReadOnlySpan<char> chunk)
    {
        var i = 0;
        while (i < chunk.Length)
        {
            var c = chunk[i];
            switch (_state)
            {
                case State.Start:
                    StartToken(c);
                    break;
                case State.Word:
                    if (!IsWordChar(c))
                    {
                        Emit(DumpTokenKind.Word);
                        continue; // c starts the next token
                    }

                    Append(c);
                    break;
                case State.Dash:
                    if (c == '-')
                    {
                        _state = State.LineComment;
                        break;
                    }

                    // A lone '-' starts a word ("-5"), which the parser refuses where it matters.
                    _state = State.Word;
                    Append('-');
                    continue;
                case State.Slash:
                    if (c == '*')
                    {
                        _state = State.BlockComment;
                        break;
                    }

                    _state = State.Start;
                    EmitPunctuation('/', _tokenLine);
                    continue;
                case State.LineComment:
                    if (c == '\n')
                    {
                        _state = State.Start;
                    }

                    break;
                case State.BlockComment:
                    if (c == '*')
                    {
                        _state = State.BlockCommentStar;
                    }

                    break;
                case State.BlockCommentStar:
                    _state = c switch
                    {
                        '/' => State.Start,
                        '*' => State.BlockCommentStar,
                        _ => State.BlockComment,
                    };
                    break;
                case State.Quoted:
                    // The characters up to the next quote, escape or line break go in one copy.
                    var plain = chunk[i..];
                    var stop = plain.IndexOfAny(_quote, '\\', '\n');
                    if (stop != 0)
                    {
                        plain = stop < 0 ? plain : plain[..stop];
                        Append(plain);
                        i += plain.Length;
                        continue;
                    }

                    if (c == _quote)
                    {
                        _state = State.QuotedQuote;
                    }
                    else if (c == '\\' && _quote != '`')
                    {
                        _state = State.QuotedEscape;
                    }
                    else
                    {
                        Append(c);
                    }

                    break;
                case State.QuotedEscape:
                    AppendEscaped(c);
                    _state = State.Quoted;
                    break;
                case State.QuotedQuote:
                    if (c == _quote)
                    {
                        Append(c); // '' inside '…' is one quote
                        _state = State.Quoted;
                        break;
                    }

                    Emit(_quote == '`' ? DumpTokenKind.Identifier : DumpTokenKind.String);
                    continue;
            }

            if (c == '\n')
            {
                _line++;
            }

            i++;
        }
    }

    /// <summary>The end of the text: finishes the last token, refuses an open string or comment.</summary>
    public void Complete()
    {
        switch (_state)
        {
            case State.Word:
                Emit(DumpTokenKind.Word);
                break;
            case State.Dash:
                Append('-');
                Emit(DumpTokenKind.Word);
                break;
            case State.Slash:
                EmitPunctuation('/', _tokenLine);
                break;
            case State.QuotedQuote:
                Emit(_quote == '`' ? DumpTokenKind.Identifier : DumpTokenKind.String);
                break;
            case State.Quoted or State.QuotedEscape:
                throw new ImportFormatException(_tokenLine, $"The quoted {(_quote == '`' ? "name" : "string")} that starts on this line is not closed ({_quote} missing).");
            case State.BlockComment or State.BlockCommentStar:
                throw new ImportFormatException(_tokenLine, "The /* comment that starts on this line is not closed.");
        }

        _state = State.Start;
        parser.OnEnd(_line);
    }

    private void StartToken(char c)
    {
        _tokenLine = _line;
        _length = 0;
        switch (c)
        {
            case ' ' or '\t' or '\r' or '\n' or '\f' or '\v':
                break;
            case '-':
                _state = State.Dash;
                break;
            case '/':
                _state = State.Slash;
                break;
            case '#':
                _state = State.LineComment;
                break;
            case '\'' or '"' or '`':
                _quote = c;
                _state = State.Quoted;
                break;
            default:
                if (IsWordChar(c))
                {
                    Append(c);
                    _state = State.Word;
                }
                else
                {
                    EmitPunctuation(c, _line);
                }

                break;
        }
    }

    private static bool IsWordChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '_' or '$' or '.' or '-' or '+' || (c > 127 && char.IsLetterOrDigit(c));

    // MySQL's escapes; \% and \_ stay two characters (they are LIKE patterns), any other \x is x.
    private void AppendEscaped(char c)
    {
        switch (c)
        {
            case '0': Append('\0'); break;
            case 'b': Append('\b'); break;
            case 'n': Append('\n'); break;
            case 'r': Append('\r'); break;
            case 't': Append('\t'); break;
            case 'Z': Append('\x1A'); break;
            case '%' or '_':
                Append('\\');
                Append(c);
                break;
            default: Append(c); break;
        }
    }

    private void Append(char c)
    {
        if (!Capture)
        {
            return;
        }

        if (_length == _text.Length)
        {
            throw TooLong();
        }

        _text[_length++] = c;
    }

    private void Append(ReadOnlySpan<char> text)
    {
        if (!Capture)
        {
            return;
        }

        if (_length + text.Length > _text.Length)
        {
            throw TooLong();
        }

        text.CopyTo(_text.AsSpan(_length));
        _length += text.Length;
    }

    private ImportFormatException TooLong() =>
        new(_tokenLine, $"A value that starts on this line is longer than {MaxTokenLength} characters (a quote missing?).");

    private void Emit(DumpTokenKind kind)
    {
        _state = State.Start;
        parser.OnToken(kind, _text.AsSpan(0, _length), _tokenLine);
        _length = 0;
    }

    private void EmitPunctuation(char c, int line)
    {
        _text[0] = c;
        parser.OnToken(DumpTokenKind.Punctuation, _text.AsSpan(0, 1), line);
    }
}
