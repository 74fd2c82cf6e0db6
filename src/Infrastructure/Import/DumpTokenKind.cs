namespace FastApiLearning.Infrastructure.Import;

/// <summary>What <see cref="DumpLexer"/> found.</summary>
internal enum DumpTokenKind
{
    /// <summary>A keyword, a bare name or a number (<c>INSERT</c>, <c>employees</c>, <c>10001</c>).</summary>
    Word,

    /// <summary>A <c>'…'</c> or <c>"…"</c> string, escapes decoded.</summary>
    String,

    /// <summary>A <c>`…`</c> quoted name.</summary>
    Identifier,

    /// <summary>One character of punctuation: <c>( ) , ;</c> and the like.</summary>
    Punctuation,
}
