using System.Text;
using System.Text.RegularExpressions;

namespace FastApiLearning.Application.Common.Ports;

/// <summary>
/// A name as the directory search takes it: matched case-insensitively (lower-cased, ordinal) on the
/// start of the name, or, when it holds a <c>%</c> or <c>_</c>, as a SQL LIKE pattern written by the
/// user (<c>%nas%</c>, as the original series passes them), where <c>\</c> makes the next character literal.
/// Stores get it in every form they need: <see cref="Like"/> (escape character <c>\</c>) for the
/// database, <see cref="Prefix"/> for the index range, <see cref="IsMatch"/> for the in-memory store.
/// </summary>
public sealed class NamePattern
{
    public const char Escape = '\\';

    private readonly Regex _regex;

    private NamePattern(string text, string like, string prefix, bool isPrefixSearch, Regex regex)
    {
        Text = text;
        Like = like;
        Prefix = prefix;
        IsPrefixSearch = isPrefixSearch;
        _regex = regex;
    }

    /// <summary>What the user typed.</summary>
    public string Text { get; }

    /// <summary>The lower-cased LIKE pattern, every literal <c>%</c>, <c>_</c> and <c>\</c> escaped with <c>\</c>.</summary>
    public string Like { get; }

    /// <summary>
    /// The literal characters before the first wildcard, lower-cased: every match starts with it, so a
    /// store can narrow to an index range on the lower-cased name first. Empty when the pattern starts
    /// with a wildcard (such a search may scan).
    /// </summary>
    public string Prefix { get; }

    /// <summary>True when no wildcard was typed: the name only has to start with <see cref="Prefix"/>.</summary>
    public bool IsPrefixSearch { get; }

    /// <summary>The pattern of <paramref name="text"/>; null when it is empty or blank (no condition).</summary>
    public static NamePattern? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var lowered = text.Trim().ToLowerInvariant();
        var like = new StringBuilder();
        var regex = new StringBuilder("^");
        var prefix = new StringBuilder();
        var inPrefix = true;
        var wildcard = false;
        for (var i = 0; i < lowered.Length; i++)
        {
            var c = lowered[i];
            if (c == Escape)
            {
                // An escaped character is literal; a backslash at the end stands for itself.
                c = i + 1 < lowered.Length ? lowered[++i] : Escape;
            }
            else if (c is '%' or '_')
            {
                wildcard = true;
                inPrefix = false;
                like.Append(c);
                regex.Append(c == '%' ? ".*" : ".");
                continue;
            }

            if (c is '%' or '_' or Escape)
            {
                like.Append(Escape);
            }

            like.Append(c);
            regex.Append(Regex.Escape(c.ToString()));
            if (inPrefix)
            {
                prefix.Append(c);
            }
        }

        if (!wildcard)
        {
            like.Append('%');
            regex.Append(".*");
        }

        regex.Append('$');
        // No backtracking: a pattern of many % cannot make a match slow.
        return new NamePattern(
            text,
            like.ToString(),
            prefix.ToString(),
            isPrefixSearch: !wildcard,
            new Regex(regex.ToString(), RegexOptions.NonBacktracking | RegexOptions.Singleline | RegexOptions.CultureInvariant));
    }

    /// <summary>Whether <paramref name="name"/> matches, as the databases decide it on the lower-cased name.</summary>
    public bool IsMatch(string name) => _regex.IsMatch(name.ToLowerInvariant());

    public override string ToString() => Text;
}
