using System.Text;

namespace Storyline.Language.Syntax;

/// <summary>
/// Normalises token text for feature extraction, so news typography matches the training treebank:
/// curly quotes and apostrophes become straight ones, dash variants one dash, numbers classes.
/// </summary>
public static class WordForm
{
    private const int YearLength = 4;
    private const int MaxShapeRun = 2;

    /// <summary>Lower-cased, typography-normalised form; numbers become "!YEAR" or "!DIGITS"-like classes.</summary>
    public static string Normalize(string w)
    {
        ArgumentNullException.ThrowIfNull(w);
        if (w.Length == 0) return w;
        if (char.IsDigit(w[0]) || (w.Length > 1 && w[0] is '-' or '.' && char.IsDigit(w[1])))
        {
            if (w.Length == YearLength && w.All(char.IsDigit) && w[0] is '1' or '2') return "!YEAR";
            // Keep the shape of numbers ("0,000.0", "0:00") but not their value.
            var sb = new StringBuilder(w.Length + 1).Append('!');
            foreach (var c in w) sb.Append(char.IsDigit(c) ? '0' : char.ToLowerInvariant(c));
            return sb.ToString();
        }
        if (w == "…" || (w.Length >= 2 && w.All(c => c is '.' or '…'))) return "...";
        bool plain = true;
        foreach (var c in w)
            if (char.IsUpper(c) || c > '\u007F') { plain = false; break; }
        if (plain) return w;
        var b = new StringBuilder(w.Length);
        foreach (var c in w)
        {
            b.Append(c switch
            {
                '“' or '”' or '„' or '«' or '»' => '"',
                '‘' or '’' or '‚' or '`' => '\'',
                '—' or '–' or '―' or '‒' => '-',
                _ => char.ToLowerInvariant(c),
            });
        }
        var s = b.ToString();
        // A lone em/en dash is what PTB-style treebanks write as "--".
        return s == "-" && w[0] != '-' ? "--" : s;
    }

    /// <summary>Compressed word shape: "Xxxx" → "Xx", "U.S." → "X.X.", "2024" → "dd", "COVID-19" → "XX-dd".</summary>
    public static string Shape(string w)
    {
        ArgumentNullException.ThrowIfNull(w);
        var sb = new StringBuilder(Math.Min(w.Length, 8));
        char last = '\0';
        int run = 0;
        foreach (var ch in w)
        {
            char c = char.IsUpper(ch) ? 'X' : char.IsLower(ch) ? 'x' : char.IsDigit(ch) ? 'd' : ch;
            if (c == last) { if (++run > MaxShapeRun) continue; }
            else { last = c; run = 1; }
            sb.Append(c);
        }
        return sb.ToString();
    }
}
