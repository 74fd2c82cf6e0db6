using System.Globalization;
using System.Text;
using FastApiLearning.Domain.Employees;

namespace FastApiLearning.Infrastructure.Import;

/// <summary>
/// The email an imported employee gets when the file has none, as the original series makes them:
/// <c>first.last.emp_no@gmail.com</c> in lower case (10198 Pranav Furedi → <c>pranav.furedi.10198@gmail.com</c>).
/// </summary>
public static class SampleEmail
{
    public const string Domain = "gmail.com";

    // Letters that carry no accent to drop (FormD leaves them whole), spelled the way an
    // ASCII keyboard would. Anything else outside a-z, 0-9 and '-' is dropped.
    private static readonly Dictionary<char, string> s_unaccented = new()
    {
        ['ß'] = "ss",
        ['æ'] = "ae",
        ['œ'] = "oe",
        ['ø'] = "o",
        ['ł'] = "l",
        ['đ'] = "d",
        ['ð'] = "d",
        ['þ'] = "th",
        ['ħ'] = "h",
        ['ı'] = "i",
        ['ŀ'] = "l",
        ['ŧ'] = "t",
        ['ŋ'] = "n",
        ['ĸ'] = "k",
        ['ſ'] = "s",
    };

    /// <summary>
    /// <c>first.last.emp_no@gmail.com</c>: letters folded to ASCII (<c>Zoë Müller</c> → <c>zoe.muller</c>,
    /// <c>ß</c> → <c>ss</c>, <c>ø</c> → <c>o</c>, <c>Ł</c> → <c>l</c>), hyphens kept, and everything else
    /// (apostrophes, spaces, dots, letters of other scripts) dropped. A name with nothing left is left
    /// out, so the email is still unique by its emp_no.
    /// </summary>
    public static string For(string firstName, string lastName, int empNo)
    {
        var local = new StringBuilder(firstName.Length + lastName.Length + 12);
        AppendFolded(local, firstName);
        AppendFolded(local, lastName);
        local.Append(empNo.ToString(CultureInfo.InvariantCulture));
        return Employee.NormalizeEmail($"{local}@{Domain}");
    }

    private static void AppendFolded(StringBuilder local, string name)
    {
        var start = local.Length;

        // Most names are plain ASCII letters: no decomposition to do.
        var folded = Ascii.IsValid(name) ? name : name.Normalize(NormalizationForm.FormD);
        foreach (var c in folded)
        {
            // FormD splits 'ë' into 'e' and a combining diaeresis; the mark goes.
            if (CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark
                or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            {
                continue;
            }

            var lower = char.ToLowerInvariant(c);
            if (char.IsAsciiLetterLower(lower) || char.IsAsciiDigit(lower) || lower == '-')
            {
                local.Append(lower);
            }
            else if (s_unaccented.TryGetValue(lower, out var spelled))
            {
                local.Append(spelled);
            }
        }

        if (local.Length > start)
        {
            local.Append('.');
        }
    }
}
