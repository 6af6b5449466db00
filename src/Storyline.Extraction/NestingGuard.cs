namespace Storyline.Extraction;

/// <summary>
/// A linear pre-scan that keeps hostile markup away from the HTML parser, whose costs grow with the depth of its
/// stack of open elements (scanned for many tags) and the length of its list of active formatting elements
/// (re-created before each text run). Real pages nest a few dozen deep, keep a handful of formatting elements
/// open and have a few thousand elements. The scan estimates depth from start and end tags (void, self-closing
/// and implicitly closed elements do not count) and, only when a budget is exceeded, rewrites the page:
/// start tags beyond <see cref="MaxNesting"/> (or beyond <see cref="MaxFormatting"/> open formatting elements)
/// are dropped with their end tags; after <see cref="MaxStartTags"/> start tags every further start tag is replaced
/// by a space. Text is never dropped (the content of a dropped script or style element is not text and goes too),
/// so the cost of the parse is bounded by deterministic counts, not by a clock.
/// </summary>
internal static class NestingGuard
{
    /// <summary>Start tags deeper than this (by the estimate) are dropped.</summary>
    public const int MaxNesting = 400;

    /// <summary>Formatting start tags (b, i, font, a...) beyond this many open ones are dropped: the parser re-creates every open one before each text run.</summary>
    public const int MaxFormatting = 40;

    /// <summary>After this many start tags, further start tags become spaces (article pages have a few thousand elements; parsing time and memory grow with the count).</summary>
    public const int MaxStartTags = 50_000;

    private static readonly HashSet<string> Uncounted = new(StringComparer.OrdinalIgnoreCase)
    {
        // void elements
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "keygen",
        // elements the parser closes implicitly, and the document skeleton
        "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "rb", "rt", "rp", "rtc", "thead", "tbody", "tfoot",
        "colgroup", "caption", "html", "head", "body",
    };

    /// <summary>The HTML5 parser's formatting elements (kept in its list of active formatting elements).</summary>
    private static readonly HashSet<string> Formatting = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
    };

    private static readonly HashSet<string> RawText = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext",
    };

    /// <summary>
    /// Returns <paramref name="html"/> unchanged when it is within the budgets; else a rewritten copy without the
    /// excess nesting and without tags beyond <paramref name="maxStartTags"/>.
    /// </summary>
    public static string Limit(string html, int maxNesting, int maxStartTags, out bool changed)
        => Limit(html, maxNesting, MaxFormatting, maxStartTags, out changed);

    public static string Limit(string html, int maxNesting, int maxFormatting, int maxStartTags, out bool changed)
    {
        changed = Scan(html, maxNesting, maxFormatting, maxStartTags, rewrite: null);
        if (!changed) return html;
        var sb = new System.Text.StringBuilder(html.Length);
        Scan(html, maxNesting, maxFormatting, maxStartTags, sb);
        return sb.ToString();
    }

    /// <summary>One linear pass; true when something is (or would be) dropped. With <paramref name="rewrite"/>, also writes the limited HTML.</summary>
    private static bool Scan(string html, int limit, int formattingLimit, int maxStartTags, System.Text.StringBuilder? rewrite)
    {
        int depth = 0, formatting = 0, openAnchors = 0, i = 0, copied = 0, startTags = 0;
        bool any = false;
        var dropped = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
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
            bool counted = !Uncounted.Contains(name);
            bool isFormatting = Formatting.Contains(name);
            bool isAnchor = name.Equals("a", StringComparison.OrdinalIgnoreCase);
            bool drop = false;
            string replacement = "";
            if (!close && startTags >= maxStartTags)
            {
                // Over the element budget: no more elements, but words stay apart. End tags stay: they close what is
                // open (an <svg> or a <table> left open would swallow the rest of the page) and cost the parser little.
                drop = true;
                replacement = " ";
            }
            else if (close)
            {
                if (dropped.TryGetValue(name, out int n) && n > 0) { dropped[name] = n - 1; drop = true; }
                else
                {
                    if (counted && depth > 0) depth--;
                    if (isFormatting && formatting > 0) formatting--;
                    if (isAnchor && openAnchors > 0) openAnchors--;
                }
            }
            else
            {
                startTags++;
                if (isAnchor && openAnchors > 0)
                {
                    // A new <a> closes the open one (the parser's adoption agency does the same).
                    openAnchors--;
                    if (formatting > 0) formatting--;
                    if (depth > 0) depth--;
                }
                if (!selfClosing && counted)
                {
                    if (depth >= limit || (isFormatting && formatting >= formattingLimit))
                    {
                        dropped[name] = dropped.GetValueOrDefault(name) + 1;
                        drop = true;
                    }
                    else
                    {
                        depth++;
                        if (isFormatting) formatting++;
                        if (isAnchor) openAnchors++;
                    }
                }
            }
            if (!close && RawText.Contains(name))
            {
                // Skip the element's raw content up to its end tag (dropped with the tag when the tag goes).
                int endTag = html.IndexOf("</" + name, next, StringComparison.OrdinalIgnoreCase);
                next = endTag < 0 ? html.Length : endTag;
                if (!selfClosing && counted && !drop && depth > 0 && endTag < 0) depth--;
            }
            if (drop)
            {
                any = true;
                if (rewrite is null) return true;
                rewrite.Append(html, copied, lt - copied).Append(replacement);
                copied = next;
            }
            i = next;
        }
        rewrite?.Append(html, copied, html.Length - copied);
        return any;
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
