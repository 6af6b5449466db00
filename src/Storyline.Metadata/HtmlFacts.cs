using System.Text;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Storyline.Metadata;

/// <summary>
/// Everything metadata rules read from one HTML page, collected in one pass over a parsed DOM: meta tags,
/// JSON-LD, title/h1, canonical link, time elements, author elements and the body rendered as lines.
/// </summary>
public sealed partial class HtmlFacts
{
    /// <summary>JSON-LD types that describe the article itself (schema.org Article and its subtypes).</summary>
    private static readonly HashSet<string> ArticleTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "Article", "NewsArticle", "BlogPosting", "ReportageNews", "AnalysisNewsArticle", "OpinionNewsArticle", "BackgroundNewsArticle",
        "ReviewNewsArticle", "AskPublicNewsArticle", "LiveBlogPosting", "Report", "ScholarlyArticle", "TechArticle", "SocialMediaPosting",
        "SatiricalArticle", "AdvertiserContentArticle", "Blog", "Posting",
    };

    /// <summary>Elements whose text is never article text.</summary>
    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase)
    {
        "SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "SVG", "IFRAME", "BUTTON", "SELECT", "OPTION", "TEXTAREA", "HEAD", "CANVAS", "OBJECT",
    };

    /// <summary>Elements that start a new line when rendered.</summary>
    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "P", "DIV", "BR", "LI", "UL", "OL", "H1", "H2", "H3", "H4", "H5", "H6", "TR", "TD", "TH", "TABLE", "SECTION", "ARTICLE", "HEADER",
        "FOOTER", "ASIDE", "NAV", "MAIN", "FIGURE", "FIGCAPTION", "BLOCKQUOTE", "PRE", "DL", "DT", "DD", "HR", "ADDRESS", "FORM", "TIME",
    };

    /// <summary>Longest text of an element taken as an author name.</summary>
    private const int MaxAuthorElementChars = 100;

    /// <summary>Most rendered lines kept (the rules need the top and the end of an article, not megabytes).</summary>
    private const int MaxLines = 4000;

    /// <summary>meta name/property/itemprop (lower case) → contents, in document order.</summary>
    public Dictionary<string, List<string>> Meta { get; } = new(StringComparer.OrdinalIgnoreCase);

    public string? TitleElement { get; private set; }
    public string? H1 { get; private set; }

    /// <summary>Text of every non-empty h1 in document order (ruby annotations left out), at most <see cref="MaxH1"/>.</summary>
    public List<string> H1s { get; } = [];

    /// <summary>Most h1 elements read.</summary>
    private const int MaxH1 = 12;
    public string? Canonical { get; private set; }
    public string? Lang { get; private set; }

    /// <summary>The JSON-LD object describing the article (Article types first), if any.</summary>
    public JsonLdArticle? JsonLd { get; private set; }

    /// <summary>&lt;time&gt; elements: datetime (or text), and whether they are marked as the publication time.</summary>
    public List<(string Value, bool Marked)> Times { get; } = [];

    /// <summary>Texts of elements marked as authors (itemprop=author, rel=author, class/id "byline"/"author").</summary>
    public List<(string Text, string Rule)> AuthorElements { get; } = [];

    /// <summary>The body rendered as text lines (block elements break lines), for the text rules.</summary>
    public List<string> Lines { get; } = [];

    /// <summary>Indexes of <see cref="Lines"/> rendered inside asides, navigation, footers or lists of other stories.</summary>
    public HashSet<int> OtherStoryLines { get; } = [];

    /// <summary>Collects the facts from an already parsed document.</summary>
    public static HtmlFacts From(IHtmlDocument doc)
    {
        var f = new HtmlFacts();
        f.Lang = doc.DocumentElement?.GetAttribute("lang")?.Trim();
        foreach (var m in doc.QuerySelectorAll("meta"))
        {
            var key = m.GetAttribute("property") ?? m.GetAttribute("name") ?? m.GetAttribute("itemprop") ?? m.GetAttribute("http-equiv");
            var content = m.GetAttribute("content");
            if (key is null || string.IsNullOrWhiteSpace(content)) continue;
            key = key.Trim().ToLowerInvariant();
            if (!f.Meta.TryGetValue(key, out var list)) f.Meta[key] = list = [];
            list.Add(Clean(content));
        }
        f.TitleElement = NonEmpty(doc.QuerySelector("head title")?.TextContent ?? doc.QuerySelector("title")?.TextContent);
        foreach (var h in doc.QuerySelectorAll("h1"))
        {
            if (VisibleText(h) is { } ht) f.H1s.Add(ht);
            if (f.H1s.Count >= MaxH1) break;
        }
        var main = doc.QuerySelector("article h1") ?? doc.QuerySelector("main h1");
        f.H1 = (main is not null ? VisibleText(main) : null) ?? f.H1s.FirstOrDefault();
        f.Canonical = NonEmpty(doc.QuerySelector("link[rel~='canonical']")?.GetAttribute("href"));
        foreach (var s in doc.QuerySelectorAll("script[type='application/ld+json']"))
            f.ReadJsonLd(s.TextContent);
        foreach (var t in doc.QuerySelectorAll("time"))
        {
            var v = NonEmpty(t.GetAttribute("datetime")) ?? NonEmpty(t.TextContent);
            if (v is null) continue;
            bool marked = t.HasAttribute("pubdate") || string.Equals(t.GetAttribute("itemprop"), "datePublished", StringComparison.OrdinalIgnoreCase)
                          || (t.ClassName ?? "").Contains("publish", StringComparison.OrdinalIgnoreCase);
            f.Times.Add((v, marked));
        }
        foreach (var e in doc.QuerySelectorAll("[itemprop~='author']"))
        {
            if (e is IHtmlMetaElement) continue;
            var name = e.QuerySelector("[itemprop~='name']") is { } n ? (n.GetAttribute("content") ?? n.TextContent) : e.TextContent;
            if (!InOtherStory(e)) f.AddAuthor(name, "html:itemprop-author");
        }
        foreach (var e in doc.QuerySelectorAll("a[rel~='author']"))
            if (!InOtherStory(e)) f.AddAuthor(e.TextContent, "html:rel-author");
        foreach (var e in doc.QuerySelectorAll("[class*='byline'], [class*='Byline'], [class*='author-name'], [class*='author__name'], [class*='documentAuthor'], [id*='byline'], [class~='author']"))
            if (!InOtherStory(e)) f.AddAuthor(VisibleText(e), "html:byline-element");
        if (doc.Body is { } body) f.Render(body);
        return f;
    }

    /// <summary>Containers of other stories, comments and page furniture: a byline inside one is not this article's.</summary>
    private static readonly string[] OtherStoryMarks =
    [
        "related", "recommend", "teaser", "sidebar", "comment", "more-", "read-next", "readnext", "popular", "trending", "promo", "widget",
        "footer", "newsletter", "outbrain", "taboola", "most-", "latest", "carousel",
    ];

    private static bool IsOtherStoryContainer(IElement p)
    {
        if (p.TagName is "ASIDE" or "NAV" or "FOOTER") return true;
        var cls = (p.GetAttribute("class") ?? "") + " " + (p.Id ?? "");
        if (cls.Length > 1)
            foreach (var mark in OtherStoryMarks)
                if (cls.Contains(mark, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    /// <summary>True when <paramref name="e"/> sits in an aside, nav, footer or a container named like a list of other stories.</summary>
    internal static bool InOtherStory(IElement e)
    {
        for (var p = e.ParentElement; p is not null && p.TagName != "BODY"; p = p.ParentElement)
            if (IsOtherStoryContainer(p)) return true;
        return false;
    }

    /// <summary>An element's text as shown: ruby annotations (rt, rp) and scripts left out, block children and br as spaces.</summary>
    internal static string? VisibleText(IElement e)
    {
        var sb = new StringBuilder();
        void Walk(INode n)
        {
            foreach (var c in n.ChildNodes)
            {
                if (c is IText t) { sb.Append(t.Data); continue; }
                if (c is not IElement el || el.TagName is "RT" or "RP" || Skipped.Contains(el.TagName)) continue;
                bool block = Blocks.Contains(el.TagName);
                if (block) sb.Append(' ');
                Walk(el);
                if (block) sb.Append(' ');
            }
        }
        Walk(e);
        return NonEmpty(sb.ToString());
    }

    /// <summary>The first content of the first of <paramref name="keys"/> present.</summary>
    public (string Value, string Key)? FirstMeta(params string[] keys)
    {
        foreach (var k in keys)
            if (Meta.TryGetValue(k, out var list) && list.Count > 0) return (list[0], k);
        return null;
    }

    private void AddAuthor(string? text, string rule)
    {
        var t = NonEmpty(text);
        if (t is null || t.Length > MaxAuthorElementChars) return;
        AuthorElements.Add((t, rule));
    }

    private void Render(IElement body)
    {
        var sb = new StringBuilder();
        int other = 0;
        void Flush()
        {
            var line = Clean(sb.ToString());
            if (line.Length > 0 && Lines.Count < MaxLines)
            {
                if (other > 0) OtherStoryLines.Add(Lines.Count);
                Lines.Add(line);
            }
            sb.Clear();
        }
        void Walk(INode node)
        {
            foreach (var child in node.ChildNodes)
            {
                if (child is IText text) { sb.Append(text.Data); continue; }
                if (child is not IElement el || Skipped.Contains(el.TagName)) continue;
                if (el.GetAttribute("hidden") is not null) continue;
                bool block = Blocks.Contains(el.TagName);
                bool otherStory = block && IsOtherStoryContainer(el);
                if (block) Flush();
                if (otherStory) other++;
                Walk(el);
                if (block) Flush(); else sb.Append(' ');
                if (otherStory) other--;
            }
        }
        Walk(body);
        Flush();
    }

    private void ReadJsonLd(string json)
    {
        json = json.Trim();
        if (json.StartsWith("<!--", StringComparison.Ordinal)) json = json[4..];
        if (json.EndsWith("-->", StringComparison.Ordinal)) json = json[..^3];
        json = json.Replace("<![CDATA[", "", StringComparison.Ordinal).Replace("]]>", "", StringComparison.Ordinal);
        try
        {
            using var d = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 });
            foreach (var obj in Objects(d.RootElement))
            {
                var types = Types(obj);
                // Every schema.org Article subtype ends in "Article" (ReportageNewsArticle, ...); the set adds the others.
                bool article = types.Any(t => ArticleTypes.Contains(t) || t.EndsWith("Article", StringComparison.OrdinalIgnoreCase));
                bool page = types.Any(t => t.EndsWith("WebPage", StringComparison.OrdinalIgnoreCase));
                if (!article && !page) continue;
                var found = JsonLdReader.From(obj, article);
                // Article types beat WebPage; the first of equal rank wins.
                if (JsonLd is null || (article && !JsonLd.IsArticle)) JsonLd = found;
            }
        }
        catch (JsonException)
        {
            // Broken JSON-LD is common (raw newlines in strings, unescaped quotes, cut blocks): read its plain
            // "key": "value" pairs leniently instead, so its dates, headline and authors still count.
            if (JsonLd is null && Lenient(json) is { } l) JsonLd = l;
        }
    }

    /// <summary>The article fields of a JSON-LD block that does not parse, read as "key": "value" pairs; null when it names no article fields.</summary>
    internal static JsonLdArticle? Lenient(string json)
    {
        string? Get(string key) => LenientPair().Matches(json).FirstOrDefault(m => m.Groups["k"].Value == key) is { } m
            ? NonEmpty(System.Net.WebUtility.HtmlDecode(m.Groups["v"].Value.Replace("\\/", "/", StringComparison.Ordinal))) : null;
        var published = Get("datePublished");
        var headline = Get("headline");
        if (published is null && headline is null) return null;
        var authors = new List<string>();
        foreach (System.Text.RegularExpressions.Match m in LenientAuthor().Matches(json))
            if (NonEmpty(m.Groups["n"].Value) is { } n && !authors.Contains(n)) authors.Add(System.Net.WebUtility.HtmlDecode(n));
        return new JsonLdArticle(true, headline, published, Get("dateCreated"), authors, null, null) { DateModified = Get("dateModified") };
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"""(?<k>datePublished|dateCreated|dateModified|headline)""\s*:\s*""(?<v>[^""\r\n]{1,400})""")]
    private static partial System.Text.RegularExpressions.Regex LenientPair();

    [System.Text.RegularExpressions.GeneratedRegex(@"""author""\s*:\s*(?:\[\s*)?\{[^{}]*?""@type""\s*:\s*""Person""[^{}]*?""name""\s*:\s*""(?<n>[^""]{2,80})""")]
    private static partial System.Text.RegularExpressions.Regex LenientAuthor();

    private static IEnumerable<JsonElement> Objects(JsonElement e)
    {
        if (e.ValueKind == JsonValueKind.Array)
        {
            foreach (var x in e.EnumerateArray())
                foreach (var o in Objects(x)) yield return o;
        }
        else if (e.ValueKind == JsonValueKind.Object)
        {
            yield return e;
            if (e.TryGetProperty("@graph", out var g))
                foreach (var o in Objects(g)) yield return o;
            if (e.TryGetProperty("mainEntity", out var me) && me.ValueKind == JsonValueKind.Object) yield return me;
        }
    }

    internal static List<string> Types(JsonElement obj)
    {
        if (!obj.TryGetProperty("@type", out var t)) return [];
        return t.ValueKind switch
        {
            JsonValueKind.String => [t.GetString()!],
            JsonValueKind.Array => [.. t.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!)],
            _ => [],
        };
    }

    internal static string Clean(string s)
    {
        var sb = new StringBuilder(s.Length);
        bool space = false;
        foreach (var ch in s)
        {
            if (char.IsWhiteSpace(ch) || ch == '\u200B') { space = sb.Length > 0; continue; }
            if (space) { sb.Append(' '); space = false; }
            sb.Append(ch);
        }
        return sb.ToString();
    }

    internal static string? NonEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : Clean(s);
}

/// <summary>The fields of a JSON-LD Article (or WebPage) object that metadata uses.</summary>
public sealed record JsonLdArticle(bool IsArticle, string? Headline, string? DatePublished, string? DateCreated,
    IReadOnlyList<string> Authors, string? Publisher, string? Url)
{
    /// <summary>Authors given as organisations (@type Organization and its kinds): never people; an agency at most.</summary>
    public IReadOnlyList<string> OrganisationAuthors { get; init; } = [];

    /// <summary>dateModified, kept apart: a modification date is never taken as the publication date.</summary>
    public string? DateModified { get; init; }
}

/// <summary>Reads <see cref="JsonLdArticle"/> fields.</summary>
internal static class JsonLdReader
{
    internal static JsonLdArticle From(JsonElement o, bool isArticle)
    {
        string? Str(string name) => o.TryGetProperty(name, out var v) ? Text(v) : null;
        var authors = new List<string>();
        var orgs = new List<string>();
        if (o.TryGetProperty("author", out var a)) Names(a, authors, orgs);
        if (authors.Count == 0 && orgs.Count == 0 && o.TryGetProperty("creator", out var c)) Names(c, authors, orgs);
        string? publisher = null;
        if (o.TryGetProperty("publisher", out var p))
        {
            var list = new List<string>();
            Names(p, list, list);
            publisher = list.FirstOrDefault();
        }
        string? url = Str("url");
        if (url is null && o.TryGetProperty("mainEntityOfPage", out var mep))
            url = mep.ValueKind == JsonValueKind.Object && mep.TryGetProperty("@id", out var id) ? Text(id) : Text(mep);
        return new JsonLdArticle(isArticle, Str("headline") ?? (isArticle ? Str("name") : null), Str("datePublished"), Str("dateCreated"),
            authors.Distinct(StringComparer.Ordinal).ToList(), publisher, url)
        {
            OrganisationAuthors = orgs.Distinct(StringComparer.Ordinal).ToList(), DateModified = Str("dateModified"),
        };
    }

    private static void Names(JsonElement e, List<string> people, List<string> orgs)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.String:
                if (HtmlFacts.NonEmpty(e.GetString()) is { } s) people.Add(System.Net.WebUtility.HtmlDecode(s));
                break;
            case JsonValueKind.Array:
                foreach (var x in e.EnumerateArray()) Names(x, people, orgs);
                break;
            case JsonValueKind.Object:
                if (e.TryGetProperty("name", out var n) && Text(n) is { } name)
                {
                    var types = HtmlFacts.Types(e);
                    bool org = types.Count > 0 && !types.Any(t => t.Equals("Person", StringComparison.OrdinalIgnoreCase));
                    (org ? orgs : people).Add(System.Net.WebUtility.HtmlDecode(name));
                }
                break;
        }
    }

    private static string? Text(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => HtmlFacts.NonEmpty(v.GetString()) is { } str ? System.Net.WebUtility.HtmlDecode(str) : null,
        JsonValueKind.Array => v.EnumerateArray().Select(Text).FirstOrDefault(x => x is not null),
        JsonValueKind.Object => v.TryGetProperty("@value", out var val) ? Text(val) : null,
        _ => null,
    };
}
