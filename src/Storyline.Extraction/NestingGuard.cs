namespace Storyline.Extraction;

/// <summary>
/// A linear pre-scan that keeps hostile nesting away from the HTML parser. The HTML5 tree builder
/// scans its stack of open elements for many tags, so 50,000 nested elements cost minutes; real pages
/// nest a few dozen deep. The scan estimates the depth from start and end tags (void, self-closing and
/// implicitly closed elements do not count) and, only when it exceeds the limit, drops the start tags
/// beyond it and their end tags. Text is never dropped.
/// </summary>
internal static class NestingGuard
{
    /// <summary>Start tags deeper than this (by the estimate) are dropped.</summary>
    public const int MaxNesting = 400;

    /// <summary>The page is cut before the start tag that exceeds this count (article pages have a few thousand elements; parsing time grows with the count).</summary>
    public const int MaxStartTags = 50_000;

    private static readonly HashSet<string> Uncounted = new(StringComparer.OrdinalIgnoreCase)
    {
        // void elements
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "keygen",
        // elements the parser closes implicitly, and the document skeleton
        "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "rb", "rt", "rp", "rtc", "thead", "tbody", "tfoot",
        "colgroup", "caption", "html", "head", "body",
    };

    private static readonly HashSet<string> RawText = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext",
    };

    /// <summary>
    /// Returns <paramref name="html"/> unchanged when its nesting is within <paramref name="maxNesting"/> and it has at most
    /// <paramref name="maxStartTags"/> start tags; else a copy cut before the excess tags and without the excess nesting.
    /// </summary>
    public static string Limit(string html, int maxNesting, int maxStartTags, out bool changed)
    {
        changed = false;
        int depth = MaxDepth(html, maxNesting, maxStartTags, rewrite: null, out int cutAt);
        if (cutAt >= 0)
        {
            html = html[..cutAt];
            changed = true;
        }
        if (depth <= maxNesting) return html;
        var sb = new System.Text.StringBuilder(html.Length);
        MaxDepth(html, maxNesting, int.MaxValue, sb, out _);
        changed = true;
        return sb.ToString();
    }

    /// <summary>One pass: the estimated maximum depth; with <paramref name="rewrite"/>, also writes the capped HTML.</summary>
    private static int MaxDepth(string html, int limit, int maxStartTags, System.Text.StringBuilder? rewrite, out int cutAt)
    {
        int depth = 0, max = 0, i = 0, copied = 0, startTags = 0;
        cutAt = -1;
        Dictionary<string, int>? dropped = rewrite is null ? null : new(StringComparer.OrdinalIgnoreCase);
        while (true)
        {
            int lt = html.IndexOf('<', i);
            if (lt < 0 || lt + 1 >= html.Length) break;
            char c = html[lt + 1];
            if (c == '!')
            {
                int end = html.AsSpan(lt).StartsWith("<!--") ? html.IndexOf("-->", lt + 4, StringComparison.Ordinal) : html.IndexOf('>', lt);
                i = end < 0 ? html.Length : end + 1;
                continue;
            }
            bool close = c == '/';
            int nameStart = close ? lt + 2 : lt + 1;
            int nameEnd = nameStart;
            while (nameEnd < html.Length && (char.IsAsciiLetterOrDigit(html[nameEnd]) || html[nameEnd] is '-' or ':')) nameEnd++;
            if (nameEnd == nameStart || !char.IsAsciiLetter(html[nameStart])) { i = lt + 1; continue; }
            int tagEnd = TagEnd(html, nameEnd);
            string name = html[nameStart..nameEnd];
            bool selfClosing = tagEnd > 0 && html[tagEnd - 1] == '/';
            int next = tagEnd < 0 ? html.Length : tagEnd + 1;
            bool drop = false;
            if (close)
            {
                if (dropped is not null && dropped.TryGetValue(name, out int n) && n > 0) { dropped[name] = n - 1; drop = true; }
                else if (!Uncounted.Contains(name) && depth > 0) depth--;
            }
            else if (++startTags > maxStartTags)
            {
                cutAt = lt;
                break;
            }
            else if (!selfClosing && !Uncounted.Contains(name))
            {
                if (dropped is not null && depth >= limit)
                {
                    dropped[name] = dropped.GetValueOrDefault(name) + 1;
                    drop = true;
                }
                else max = Math.Max(max, ++depth);
            }
            if (drop && rewrite is not null)
            {
                rewrite.Append(html, copied, lt - copied);
                copied = next;
            }
            if (!close && RawText.Contains(name))
            {
                // Skip the element's raw content up to its end tag.
                int endTag = html.IndexOf("</" + name, next, StringComparison.OrdinalIgnoreCase);
                next = endTag < 0 ? html.Length : endTag;
                if (!selfClosing && !Uncounted.Contains(name) && !drop && depth > 0 && endTag < 0) depth--;
            }
            i = next;
        }
        rewrite?.Append(html, copied, html.Length - copied);
        return max;
    }

    /// <summary>Index of the '&gt;' closing a tag whose name ends at <paramref name="from"/>, honouring quoted attribute values; -1 if none.</summary>
    private static int TagEnd(string html, int from)
    {
        char quote = '\0';
        for (int j = from; j < html.Length; j++)
        {
            char c = html[j];
            if (quote != '\0') { if (c == quote) quote = '\0'; continue; }
            if (c is '"' or '\'') { quote = c; continue; }
            if (c == '>') return j;
            if (c == '<') return j - 1; // unterminated tag: the parser ends it here too
        }
        return -1;
    }
}
