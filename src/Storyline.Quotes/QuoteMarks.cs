namespace Storyline.Quotes;

/// <summary>A span in quotation marks: [Start, End) covers both marks; <see cref="Closed"/> is false when the paragraph ended first.</summary>
internal readonly record struct MarkedSpan(int Start, int End, bool Closed);

/// <summary>
/// Pairs quotation marks within each paragraph: curly “…” marks by direction, straight "…" and TeX-style ``…''
/// by position (an opening mark follows a space or an opening bracket). A mark left open at the end of a
/// paragraph is the newspaper convention for a quote that goes on into the next paragraph.
/// </summary>
internal static class QuoteMarks
{
    public static List<MarkedSpan> Find(string text, int start, int end)
    {
        var spans = new List<MarkedSpan>();
        int open = -1;
        for (int c = start; c < end; c++)
        {
            char ch = text[c];
            if (ch == '\n' && c + 1 < end && text[c + 1] == '\n')
            {
                // Paragraph end: an open quote stops here, unclosed.
                if (open >= 0) { spans.Add(new MarkedSpan(open, TrimEnd(text, open, c), false)); open = -1; }
                continue;
            }
            if (ch == '“' || (ch == '`' && c + 1 < end && text[c + 1] == '`'))
            {
                if (open < 0) open = c;
                if (ch == '`') c++;
            }
            else if (ch == '”' || (ch == '\'' && c + 1 < end && text[c + 1] == '\'' && open >= 0))
            {
                int close = ch == '\'' ? c + 2 : c + 1;
                if (open >= 0) { spans.Add(new MarkedSpan(open, close, true)); open = -1; }
                if (ch == '\'') c++;
            }
            else if (ch == '"')
            {
                if (open < 0)
                {
                    if (IsOpeningPosition(text, c, start)) open = c;
                }
                else { spans.Add(new MarkedSpan(open, c + 1, true)); open = -1; }
            }
        }
        if (open >= 0) spans.Add(new MarkedSpan(open, TrimEnd(text, open, end), false));
        return spans;
    }

    private static bool IsOpeningPosition(string text, int c, int start)
    {
        if (c + 1 >= text.Length || char.IsWhiteSpace(text[c + 1])) return false;
        if (c == start) return true;
        char p = text[c - 1];
        return char.IsWhiteSpace(p) || p is '(' or '[' or '—' or '–' or '-' or ':' or '/';
    }

    private static int TrimEnd(string text, int from, int end)
    {
        while (end > from && char.IsWhiteSpace(text[end - 1])) end--;
        return end;
    }
}
