using System.Text;

namespace Storyline.Entities.Text;

/// <summary>
/// Name keys for matching: diacritics folded, lower case, punctuation dropped, spaces collapsed.
/// Latin letters are folded with a table (generated once from Unicode NFD data, see tests) rather than
/// <c>string.Normalize(FormD)</c>, which does nothing under invariant globalisation and allocates: keys are
/// the same whatever the globalisation mode, and cheap.
/// </summary>
public static class TextNorm
{
    // NFD base letter for U+00C0..U+024F and U+1E00..U+1EFF; '~' = no ASCII base.
    private const string Latin1AndExtended =
        "AAAAAAACEEEEIIIIDNOOOOO~OUUUUYTsaaaaaaaceeeeiiiidnooooo~ouuuuytyAaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIi~~JjKk~LlLlLl~~LlNnNnNn~~~OoOoOoOoRrRrRrSsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZz~~~~~~~~~~~~~~~~~~~f~~~~~~~~~~~~~Oo~~~~~~~~~~~~~Uu~~~~~~~~~~~~~~~~~~~~~~~~~~~~AaIiOoUuUuUuUuUu~AaAa~~~~GgKkOoOo~~j~~~Gg~~NnAa~~~~AaAaEeEeIiIiOoOoRrRrUuUuSsTt~~Hh~~~~~~AaEeOoOoOoOoYy~~~~~~~~~~~~~~~~~~~~~~~~~~~~";
    private const string LatinExtendedAdditional =
        "AaBbBbBbCcDdDdDdDdDdEeEeEeEeEeFfGgHhHhHhHhHhIiIiKkKkKkLlLlLlLlMmMmMmNnNnNnNnOoOoOoOoPpPpRrRrRrRrSsSsSsSsSsTtTtTtTtUuUuUuUuUuVvVvWwWwWwWwWwXxXxYyZzZzZzhtwy~~~~~~AaAaAaAaAaAaAaAaAaAaAaAaEeEeEeEeEeEeEeEeIiIiOoOoOoOoOoOoOoOoOoOoOoOoUuUuUuUuUuUuUuYyYyYyYy~~~~~~";

    /// <summary>Folds one character to its ASCII base letter, or returns it unchanged.</summary>
    public static char FoldChar(char c)
    {
        if (c < 0xC0) return c;
        char b = '~';
        if (c < 0x250) b = Latin1AndExtended[c - 0xC0];
        else if (c is >= '\u1E00' and <= '\u1EFF') b = LatinExtendedAdditional[c - 0x1E00];
        else if (c is '\u2019' or '\u2018' or '\u02BC') return '\'';
        return b == '~' ? c : b;
    }

    /// <summary>Diacritics folded, case kept ("Sánchez" → "Sanchez").</summary>
    public static string Fold(string s)
    {
        bool ascii = true;
        foreach (var c in s) if (c >= 0x80) { ascii = false; break; }
        if (ascii) return s;
        var sb = new StringBuilder(s.Length + 2);
        foreach (var c in s)
        {
            switch (c)
            {
                case 'ß': sb.Append("ss"); break;
                case 'æ': sb.Append("ae"); break;
                case 'Æ': sb.Append("Ae"); break;
                case 'œ': sb.Append("oe"); break;
                case 'Œ': sb.Append("Oe"); break;
                default: sb.Append(FoldChar(c)); break;
            }
        }
        return sb.ToString();
    }

    /// <summary>
    /// Matching key: folded, lower case, letters and digits only, one space between words.
    /// Dots vanish ("U.S." → "us"), hyphens and other punctuation become spaces, apostrophes vanish.
    /// </summary>
    public static string Key(string s)
    {
        const int StackLimit = 256;
        Span<char> buf = s.Length * 2 <= StackLimit ? stackalloc char[StackLimit] : new char[s.Length * 2];
        int n = 0;
        bool space = false;
        foreach (var c0 in s)
        {
            // Fold first; the few two-letter folds (ß, æ, œ) are expanded here.
            if (c0 is 'ß' or 'æ' or 'Æ' or 'œ' or 'Œ')
            {
                if (space && n > 0) buf[n++] = ' ';
                space = false;
                buf[n++] = c0 is 'ß' ? 's' : c0 is 'æ' or 'Æ' ? 'a' : 'o';
                buf[n++] = c0 is 'ß' ? 's' : 'e';
                continue;
            }
            char c = FoldChar(c0);
            if (c < 0x80 ? char.IsAsciiLetterOrDigit(c) : char.IsLetterOrDigit(c))
            {
                if (space && n > 0) buf[n++] = ' ';
                space = false;
                buf[n++] = c < 0x80 ? (char)(c | (c is >= 'A' and <= 'Z' ? 0x20 : 0)) : char.ToLowerInvariant(c);
            }
            else if (c is '.' or '\'') { /* joined: "U.S." → "us", "O'Brien" → "obrien" */ }
            else space = true;
        }
        return new string(buf[..n]);
    }

    /// <summary>True when the word starts with an upper-case letter.</summary>
    public static bool IsCapitalised(ReadOnlySpan<char> w) => w.Length > 0 && char.IsUpper(w[0]);

    /// <summary>"U.S.", "UK", "ECB": upper-case letters, optionally with dots, at least two letters.</summary>
    public static bool IsAcronym(string s)
    {
        int letters = 0;
        foreach (var c in s)
        {
            if (char.IsUpper(c)) letters++;
            else if (c != '.' && c != '&') return false;
        }
        return letters >= 2;
    }
}
