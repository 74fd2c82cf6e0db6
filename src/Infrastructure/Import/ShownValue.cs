using System.Globalization;
using System.Text;

namespace FastApiLearning.Infrastructure.Import;

/// <summary>A value of the file as an error message shows it.</summary>
internal static class ShownValue
{
    private const int MaxShown = 40;

    /// <summary>
    /// Quoted, cut at 40 characters, control characters written as <c>\uXXXX</c>: the message goes
    /// to a terminal, and a file must not be able to send it escape sequences.
    /// </summary>
    public static string Quote(ReadOnlySpan<char> value)
    {
        var shown = new StringBuilder(Math.Min(value.Length, MaxShown) + 8).Append('\'');
        foreach (var c in value.Length > MaxShown ? value[..MaxShown] : value)
        {
            if (char.IsControl(c) || char.IsSurrogate(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format)
            {
                shown.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                shown.Append(c);
            }
        }

        return shown.Append(value.Length > MaxShown ? "'…" : "'").ToString();
    }
}
