using System.Text;
using FastApiLearning.Application.Common.Ports;

namespace FastApiLearning.Infrastructure.Persistence;

/// <summary>
/// The directory search as SQL, the same on SQLite and PostgreSQL: each name matched on its lower-cased
/// copy, first as an ordinal range (<c>col &gt;= @prefix AND col &lt; @next</c>) that its index answers, then,
/// when the user typed a wildcard, by <c>LIKE … ESCAPE '\'</c> on what the range left; sorted by last name,
/// first name, emp_no (the last-name index's order); a page by OFFSET/LIMIT, the total by COUNT over the
/// same condition. Every value is a parameter.
/// </summary>
public sealed class EmployeeSearchSql
{
    public const int MaxPageSize = 100;

    private EmployeeSearchSql(string countSql, string pageSql, object[] countParameters, object[] pageParameters, long offset)
    {
        Offset = offset;
        CountSql = countSql;
        PageSql = pageSql;
        CountParameters = countParameters;
        PageParameters = pageParameters;
    }

    /// <summary>How many employees match (parameters <see cref="CountParameters"/>).</summary>
    public string CountSql { get; }

    /// <summary>The page's rows, <see cref="EmployeeColumns.Select"/>'s columns (parameters <see cref="PageParameters"/>).</summary>
    public string PageSql { get; }

    public object[] CountParameters { get; }

    public object[] PageParameters { get; }

    /// <summary>The first row of the page, counted from 0.</summary>
    public long Offset { get; }

    /// <exception cref="ArgumentOutOfRangeException">A page below 1, or a page size outside 1 to <see cref="MaxPageSize"/> (the validators stop them first).</exception>
    public static EmployeeSearchSql For(EmployeeSearch search)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(search.Page, 1, nameof(search));
        ArgumentOutOfRangeException.ThrowIfLessThan(search.PageSize, 1, nameof(search));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(search.PageSize, MaxPageSize, nameof(search));

        var conditions = new List<string>();
        var parameters = new List<object>();
        AddName(conditions, parameters, "last_name_lower", search.LastName);
        AddName(conditions, parameters, "first_name_lower", search.FirstName);
        var where = conditions.Count == 0 ? "" : " WHERE " + string.Join(" AND ", conditions);

        var count = $"SELECT COUNT(*) FROM employees{where}";
        var page = $"{EmployeeColumns.Select}{where} ORDER BY last_name_lower, first_name_lower, emp_no "
            + $"LIMIT @p{parameters.Count} OFFSET @p{parameters.Count + 1}";
        var offset = (search.Page - 1L) * search.PageSize;
        return new EmployeeSearchSql(count, page, [.. parameters], [.. parameters, search.PageSize, offset], offset);
    }

    /// <summary>
    /// The least string greater than every string that starts with <paramref name="prefix"/>, in code point
    /// order (SQLite's BINARY and PostgreSQL's "C" compare UTF-8 bytes, which is the same): the last code
    /// point plus one. Null when there is none (the prefix ends in U+10FFFF only).
    /// </summary>
    public static string? UpperBound(string prefix)
    {
        var runes = prefix.EnumerateRunes().ToList();
        while (runes.Count > 0)
        {
            var last = runes[^1].Value;
            runes.RemoveAt(runes.Count - 1);
            if (last < 0x10FFFF)
            {
                // The surrogate range holds no code points: after U+D7FF comes U+E000.
                runes.Add(new Rune(last + 1 == 0xD800 ? 0xE000 : last + 1));
                var bound = new StringBuilder();
                foreach (var rune in runes)
                {
                    bound.Append(rune.ToString());
                }

                return bound.ToString();
            }
        }

        return null;
    }

    private static void AddName(List<string> conditions, List<object> parameters, string column, NamePattern? pattern)
    {
        if (pattern is null)
        {
            return;
        }

        if (pattern.Prefix.Length > 0)
        {
            conditions.Add($"{column} >= @p{parameters.Count}");
            parameters.Add(pattern.Prefix);
            if (UpperBound(pattern.Prefix) is { } upper)
            {
                conditions.Add($"{column} < @p{parameters.Count}");
                parameters.Add(upper);
            }
        }

        if (!pattern.IsPrefixSearch)
        {
            conditions.Add($"{column} LIKE @p{parameters.Count} ESCAPE '\\'");
            parameters.Add(pattern.Like);
        }
    }
}
