using System.Text;

namespace Storyline.Cleaning;

/// <summary>
/// Turns raw scraped text into logical lines: normalises whitespace and invisible characters, and joins the
/// wrapped lines of one paragraph when the text is hard-wrapped at a fixed width (mail and terminal dumps).
/// Text that puts one paragraph per line is left line by line.
/// </summary>
public static class LineAssembler
{
    /// <summary>Widths a hard-wrapping tool uses; anything wider is treated as one paragraph per line.</summary>
    private const int MinWrapWidth = 30;
    private const int MaxWrapWidth = 110;
    /// <summary>At least this many lines are needed to recognise a wrap width.</summary>
    private const int MinLinesForWrap = 4;
    /// <summary>A hard-wrapped text has at least this share of its lines filled close to the width.</summary>
    private const double MinFullLineShare = 0.4;
    /// <summary>A line is "full" when it is at least this share of the wrap width.</summary>
    private const double FullLineRatio = 0.75;
    /// <summary>Lines may exceed the estimated width by this much (the 90th percentile is an estimate).</summary>
    private const int WidthSlack = 2;

    /// <summary>One input line after normalisation, and whether a blank line preceded it.</summary>
    private readonly record struct RawLine(string Text, bool AfterBlank);

    public static List<string> Split(string raw)
    {
        var lines = new List<RawLine>();
        bool blank = false;
        foreach (var part in raw.AsSpan().EnumerateLines())
        {
            var t = NormalizeLine(part);
            if (t.Length == 0) { blank = true; continue; }
            lines.Add(new RawLine(t, blank));
            blank = false;
        }
        int width = WrapWidth(lines);
        var result = new List<string>(lines.Count);
        if (width == 0)
        {
            foreach (var l in lines) result.Add(l.Text);
            return result;
        }
        var sb = new StringBuilder();
        for (int i = 0; i < lines.Count; i++)
        {
            var cur = lines[i].Text;
            if (sb.Length == 0) sb.Append(cur);
            bool join = i + 1 < lines.Count && !lines[i + 1].AfterBlank && Wrapped(cur, lines[i + 1].Text, width);
            if (join)
            {
                var next = lines[i + 1].Text;
                // "well-\nknown": a hyphen at the wrap point joins without a space.
                bool hyphen = cur.Length > 1 && cur[^1] == '-' && char.IsLetter(cur[^2]) && char.IsLower(next[0]);
                if (!hyphen) sb.Append(' ');
                sb.Append(next);
            }
            else { result.Add(sb.ToString()); sb.Clear(); }
        }
        if (sb.Length > 0) result.Add(sb.ToString());
        return result;
    }

    /// <summary>The line was broken by wrapping: the next line's first word would not have fitted on it.</summary>
    private static bool Wrapped(string cur, string next, int width)
    {
        if (StartsListItem(next)) return false;
        int firstWord = next.IndexOf(' ');
        if (firstWord < 0) firstWord = next.Length;
        return cur.Length + 1 + firstWord > width - WidthSlack;
    }

    private static bool StartsListItem(string s)
        => s[0] is '-' or '*' or '•' or '·' or '–' or '—' or '>' || (s.Length > 2 && char.IsDigit(s[0]) && s[1] is '.' or ')');

    /// <summary>The wrap width of a hard-wrapped text, or 0 when the text is not hard-wrapped.</summary>
    private static int WrapWidth(List<RawLine> lines)
    {
        if (lines.Count < MinLinesForWrap) return 0;
        var lengths = lines.Select(l => l.Text.Length).Order().ToArray();
        int width = lengths[(int)(lengths.Length * 0.9)];
        if (width < MinWrapWidth || width > MaxWrapWidth) return 0;
        if (lengths[^1] > width + MaxWrapWidth / 2) return 0;
        int full = lengths.Count(l => l >= width * FullLineRatio);
        return full >= lengths.Length * MinFullLineShare ? width + WidthSlack : 0;
    }

    /// <summary>Trims, collapses whitespace runs (tabs, no-break spaces) and drops invisible and control characters.</summary>
    public static string NormalizeLine(ReadOnlySpan<char> s)
    {
        var sb = new StringBuilder(s.Length);
        bool space = false;
        foreach (var ch in s)
        {
            if (ch is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' or '\u00AD') continue;
            if (char.IsWhiteSpace(ch)) { space = sb.Length > 0; continue; }
            if (char.IsControl(ch)) continue;
            if (space) { sb.Append(' '); space = false; }
            sb.Append(ch);
        }
        return sb.ToString();
    }
}
