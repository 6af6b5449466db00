using System.Text.RegularExpressions;
using Storyline.Core;

namespace Storyline.Metadata;

/// <summary>
/// Fills <see cref="Document.Metadata"/>: title, source, original publisher, byline, publication date (ISO 8601),
/// URL/canonical URL and language, each as a <see cref="Field{T}"/> naming the rule that found it.
/// Reads the parsed page (<see cref="Document.Html"/>: HTML facts) or, for plain text, the lines of the raw text, so it runs
/// before or after cleaning alike.
/// <para><b>Precedence.</b> A field already set is kept: readers set fields from explicit container fields
/// (feed item title/pubDate/author, JSONL fields, WARC target URI) and those are the publisher's own statement.
/// It is replaced only by strictly better evidence: a date-only value by a value with a time of day on the same
/// calendar date; a title ending in an ellipsis by the full title it abbreviates; a title with a site suffix by the
/// title without it (the suffix then counts as publisher evidence). Within this stage, evidence ranks:</para>
/// <list type="bullet">
/// <item>title: og:title, twitter:title, JSON-LD headline, &lt;title&gt;, first h1 (plain text: a leading headline line); site suffixes split off;</item>
/// <item>source (the site that served it): og:site_name, application-name, host of the URL, host of the canonical URL;</item>
/// <item>publisher (the original publisher): "originally published by/first appeared on" notes, a wire dateline "(AP) —",
/// a canonical link to another host, JSON-LD publisher or title suffix naming someone other than the source, then
/// dc.publisher and JSON-LD publisher/title suffix naming the source itself. No evidence: null (the source is not copied);</item>
/// <item>byline: JSON-LD author, author meta tags, itemprop/rel=author/byline elements, "By Jane Doe" lines;</item>
/// <item>published: article:published_time-type meta, JSON-LD datePublished, other date meta (Dublin Core, Parse.ly,
/// Sailthru...), JSON-LD dateCreated, &lt;time&gt; marked as publication time, labelled dates in the text ("Published on
/// ..."), other &lt;time&gt; elements, a date in the URL path, and for plain text a bare date line at the top. Dates before
/// <see cref="MetadataOptions.MinYear"/> or in the future are rejected; nothing found means null, never a guess;</item>
/// <item>language: Lingua on the body text (fixed language list), else the page's lang attribute.</item>
/// </list>
/// </summary>
public sealed partial class MetadataStage(MetadataOptions? options = null) : IStage
{
    public const string Id = "metadata.v1";

    private readonly MetadataOptions _o = options ?? new MetadataOptions();

    // Reads the body text for its language sample when the pipeline has one (the raw lines otherwise).
    public StageInfo Info { get; } = new(Id, [Attr.RawText, Attr.Html], [Attr.Metadata, Attr.Language]) { Reads = [Attr.Text] };

    /// <summary>Date meta tags that state the publication time directly, best first.</summary>
    private static readonly string[] PrimaryDateMeta =
        ["article:published_time", "og:article:published_time", "article:published", "og:published_time", "published_time", "datepublished"];

    /// <summary>Other date meta tags, best first (Dublin Core, Parse.ly, Sailthru, CXense, citation, generic).</summary>
    private static readonly string[] SecondaryDateMeta =
    [
        "parsely-pub-date", "sailthru.date", "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date", "dc.date.created", "dcterms.created",
        "citation_publication_date", "citation_date", "publishdate", "publish-date", "publish_date", "pubdate", "pub_date", "publication_date",
        "date", "og:pubdate", "cxenseparse:recs:publishtime", "article.published", "originalpublicationdate", "release_date", "datecreated",
    ];

    private static readonly string[] AuthorMeta =
        ["author", "article:author", "parsely-author", "sailthru.author", "byl", "dc.creator", "dcterms.creator", "citation_author", "og:article:author"];

    private static readonly string[] PublisherMeta = ["dc.publisher", "dcterms.publisher", "publisher"];

    /// <summary>Words per line for a line to count as running text when sampling for language detection.</summary>
    private const int MinProseWords = 6;

    public void Process(Document doc, CancellationToken ct = default)
    {
        var md = doc.Metadata;
        // The page's one parse (Document.Html), shared with extraction.
        HtmlFacts? html = Storyline.Extraction.HtmlParseStage.DomOf(doc) is { } dom ? HtmlFacts.From(dom.Document) : null;
        IReadOnlyList<string> lines = html?.Lines ?? SplitLines(doc.RawText);
        ct.ThrowIfCancellationRequested();

        var url = md.Url?.Value ?? doc.Origin.Url ?? (IsWebUrl(doc.Origin.Path) ? doc.Origin.Path : null);
        if (html is not null) Urls(md, html, ref url);
        else if (md.Url is null && url is not null) md.Url = new Field<string>(url, "origin:url");

        SetSource(md, html, url);
        var suffixSite = SetTitle(md, html, lines, url);
        SetPublisher(md, html, lines, suffixSite, url);
        SetByline(md, html, lines);
        SetPublished(doc.Kind, md, html, lines, url);
        if (md.Language is null) SetLanguage(doc, html, lines);
    }

    // ---- URL, source ----

    private static void Urls(DocumentMetadata md, HtmlFacts html, ref string? url)
    {
        string? canonical = null, rule = null;
        if (Absolute(html.Canonical, url) is { } c) (canonical, rule) = (c, "html:canonical");
        else if (html.FirstMeta("og:url") is { } og && Absolute(og.Value, url) is { } o) (canonical, rule) = (o, "meta:og:url");
        if (canonical is not null && md.CanonicalUrl is null) md.CanonicalUrl = new Field<string>(canonical, rule!);
        if (md.Url is null)
        {
            if (url is not null) md.Url = new Field<string>(url, "origin:url");
            else if (canonical is not null) { md.Url = new Field<string>(canonical, rule!); url = canonical; }
        }
    }

    private static void SetSource(DocumentMetadata md, HtmlFacts? html, string? url)
    {
        if (md.Source is not null) return;
        if (html?.FirstMeta("og:site_name", "application-name", "twitter:app:name:iphone") is { } site && !IsWebUrl(site.Value))
            md.Source = new Field<string>(SiteName(site.Value), "meta:" + site.Key);
        else if (Host(url) is { } host) md.Source = new Field<string>(host, "url:host");
        else if (Host(md.CanonicalUrl?.Value) is { } ch) md.Source = new Field<string>(ch, "canonical:host");
    }

    /// <summary>"LinkNaija | Nigeria's popular news platform" → "LinkNaija": a site name with a tagline keeps the name.</summary>
    private static string SiteName(string raw)
    {
        var m = SiteTagline().Match(raw);
        return m.Success && m.Index > 0 ? raw[..m.Index].Trim() : raw.Trim();
    }

    [GeneratedRegex(@"\s+(?:\||-|–|—|:|·|•)\s+")]
    private static partial Regex SiteTagline();

    // ---- title ----

    /// <summary>Sets the title; returns the site name split off a title, if any (publisher evidence).</summary>
    private static string? SetTitle(DocumentMetadata md, HtmlFacts? html, IReadOnlyList<string> lines, string? url)
    {
        string?[] known = [html?.FirstMeta("og:site_name")?.Value, md.Source?.Value, Host(url)];
        string? suffix = null;
        (string Value, string Rule)? chosen = null;
        if (html is not null)
        {
            var siteKeys = known.Where(k => k is not null).Select(k => TitleSplitter.Key(k!)).ToList();
            var candidates = new List<(string?, string)>
            {
                (html.FirstMeta("og:title")?.Value, "meta:og:title"), (html.FirstMeta("twitter:title")?.Value, "meta:twitter:title"),
                (html.JsonLd?.Headline, "jsonld:headline"), (html.TitleElement, "html:title"), (html.H1, "html:h1"),
            };
            foreach (var (value, rule) in candidates)
            {
                // A "title" that is just the site's name says nothing about the article.
                if (string.IsNullOrWhiteSpace(value) || TitleSplitter.Key(value).Length == 0 || siteKeys.Contains(TitleSplitter.Key(value))) continue;
                chosen = (value, rule);
                break;
            }
            // The <title> carries the site suffix even when og:title does not.
            if (html.TitleElement is { } te) suffix = TitleSplitter.Split(te, known).Site;
        }
        else if (TextRules.TitleLine(lines) is { } line) chosen = (line.Value, line.Rule);

        if (chosen is { } c)
        {
            var split = TitleSplitter.Split(c.Value, known);
            suffix = split.Site ?? suffix;
            if (md.Title is null) md.Title = new Field<string>(split.Title, c.Rule);
            else if (IsAbbreviationOf(md.Title.Value, split.Title)) md.Title = new Field<string>(split.Title, c.Rule);
        }
        // A title from a container may carry a suffix too: the suffix is publisher evidence, the title keeps the rest.
        if (md.Title is { } t)
        {
            var own = TitleSplitter.Split(t.Value, known);
            if (own.Site is not null)
            {
                md.Title = new Field<string>(own.Title, t.Rule + "+site-suffix-split");
                suffix ??= own.Site;
            }
        }
        return suffix;
    }

    private static bool IsAbbreviationOf(string shortTitle, string full)
    {
        var s = shortTitle.TrimEnd();
        if (!(s.EndsWith('…') || s.EndsWith("...", StringComparison.Ordinal))) return false;
        var stem = s.TrimEnd('.', '…', ' ');
        const int MinStem = 10;
        return stem.Length >= MinStem && full.Length > stem.Length && full.StartsWith(stem, StringComparison.OrdinalIgnoreCase);
    }

    // ---- publisher ----

    private static void SetPublisher(DocumentMetadata md, HtmlFacts? html, IReadOnlyList<string> lines, string? suffixSite, string? url)
    {
        if (md.Publisher is not null) return;
        var source = md.Source?.Value;
        bool IsOther(string name) => source is null || !TitleSplitter.SameSite(name, source) && !TitleSplitter.SameSite(name, Host(url));

        var candidates = new List<(string? Value, string Rule)>();
        if (TextRules.OriginallyPublished(lines) is { } note) candidates.Add((note.Value, note.Rule));
        if (TextRules.DatelinePublisher(lines) is { } dl) candidates.Add((dl.Value, dl.Rule));
        var jsonPublisher = html?.JsonLd?.Publisher;
        if (Host(md.CanonicalUrl?.Value) is { } ch && Host(url) is { } uh && !SameHost(ch, uh))
        {
            // A canonical link to another site: that site published it first. Use its name when the page gives one.
            var named = new[] { jsonPublisher, suffixSite }.FirstOrDefault(n => n is not null && TitleSplitter.SameSite(n, ch));
            candidates.Add((named ?? ch, "canonical-host"));
        }
        if (jsonPublisher is not null && IsOther(jsonPublisher)) candidates.Add((jsonPublisher, "jsonld:publisher"));
        if (suffixSite is not null && IsOther(suffixSite)) candidates.Add((suffixSite, "title-suffix"));
        if (html?.FirstMeta(PublisherMeta) is { } pm && !IsWebUrl(pm.Value)) candidates.Add((pm.Value, "meta:" + pm.Key));
        if (jsonPublisher is not null) candidates.Add((jsonPublisher, "jsonld:publisher"));
        if (suffixSite is not null) candidates.Add((suffixSite, "title-suffix"));
        foreach (var (value, rule) in candidates)
            if (!string.IsNullOrWhiteSpace(value)) { md.Publisher = new Field<string>(value.Trim(), rule); return; }
    }

    // ---- byline ----

    private static void SetByline(DocumentMetadata md, HtmlFacts? html, IReadOnlyList<string> lines)
    {
        if (md.Byline is not null && TextRules.CleanNames(md.Byline.Value) is not null) return;
        var found = FindByline(html, lines);
        if (found is not null) md.Byline = found;
    }

    private static Field<string>? FindByline(HtmlFacts? html, IReadOnlyList<string> lines)
    {
        if (html is not null)
        {
            if (html.JsonLd is { Authors.Count: > 0 } j)
            {
                var names = j.Authors.Select(TextRules.CleanNames).Where(n => n is not null).Distinct().ToList();
                if (names.Count > 0) return new Field<string>(string.Join(", ", names), "jsonld:author");
            }
            foreach (var key in AuthorMeta)
            {
                if (!html.Meta.TryGetValue(key, out var values)) continue;
                var names = values.Where(v => !IsWebUrl(v)).Select(TextRules.CleanNames).Where(n => n is not null).Distinct().ToList();
                if (names.Count > 0) return new Field<string>(string.Join(", ", names), "meta:" + key);
            }
            foreach (var (text, rule) in html.AuthorElements)
                if (TextRules.CleanNames(text) is { } n) return new Field<string>(n, rule);
        }
        return TextRules.BylineLine(lines) is { } line ? new Field<string>(line.Value, line.Rule) : null;
    }

    // ---- published ----

    private void SetPublished(ContentKind kind, DocumentMetadata md, HtmlFacts? html, IReadOnlyList<string> lines, string? url)
    {
        var candidates = PublishedCandidates(kind, html, lines, url);
        (DateTimeOffset Value, bool DateOnly, string Rule)? best = null;
        foreach (var c in candidates)
            if (Plausible(c.Value)) { best = c; break; }

        if (md.Published is { } existing)
        {
            // Only upgrade precision: same calendar date, now with a time of day.
            if (!md.PublishedDateOnly) return;
            var day = DateOnly.FromDateTime(existing.Value.Date);
            foreach (var c in candidates)
                if (!c.DateOnly && Plausible(c.Value) && (DateOnly.FromDateTime(c.Value.Date) == day || DateOnly.FromDateTime(c.Value.UtcDateTime.Date) == day))
                {
                    md.Published = new Field<DateTimeOffset>(c.Value, c.Rule);
                    md.PublishedDateOnly = false;
                    return;
                }
            return;
        }
        if (best is not { } b) return;
        if (b.DateOnly)
        {
            // Prefer a source that also gives the time of day for the same date.
            foreach (var c in candidates)
                if (!c.DateOnly && Plausible(c.Value) && c.Value.Date == b.Value.Date) { b = c; break; }
        }
        md.Published = new Field<DateTimeOffset>(b.Value, b.Rule);
        md.PublishedDateOnly = b.DateOnly;
    }

    private List<(DateTimeOffset Value, bool DateOnly, string Rule)> PublishedCandidates(ContentKind kind, HtmlFacts? html, IReadOnlyList<string> lines, string? url)
    {
        var list = new List<(DateTimeOffset, bool, string)>();
        void Add(string? raw, string rule)
        {
            if (DateParser.TryParse(raw, out var v, out bool d)) list.Add((v, d, rule));
        }
        if (html is not null)
        {
            foreach (var k in PrimaryDateMeta)
                if (html.Meta.TryGetValue(k, out var vs)) Add(vs[0], "meta:" + k);
            Add(html.JsonLd?.DatePublished, "jsonld:datePublished");
            foreach (var k in SecondaryDateMeta)
                if (html.Meta.TryGetValue(k, out var vs)) Add(vs[0], "meta:" + k);
            Add(html.JsonLd?.DateCreated, "jsonld:dateCreated");
            foreach (var (v, marked) in html.Times)
                if (marked) { Add(v, "html:time[pubdate]"); break; }
        }
        if (TextRules.LabelledDate(lines) is { } label) list.Add((label.Value.Value, label.Value.DateOnly, label.Rule));
        if (html is not null)
            foreach (var (v, marked) in html.Times)
                if (!marked) { Add(v, "html:time"); break; }
        if (UrlDate(url) is { } ud) list.Add((ud, true, "url:path-date"));
        if (kind == ContentKind.Text && TextRules.DateLine(lines) is { } dl) list.Add((dl.Value.Value, dl.Value.DateOnly, dl.Rule));
        return list;
    }

    private bool Plausible(DateTimeOffset v) =>
        v.Year >= _o.MinYear && v <= _o.Clock.GetUtcNow() + _o.MaxFuture;

    /// <summary>A date in a URL path: /2024/05/06/, /2024-05-06/, /20240506/ (year-first only; a month alone is not a date).</summary>
    public static DateTimeOffset? UrlDate(string? url)
    {
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var u)) return null;
        var m = UrlDateRegex().Match(u.AbsolutePath);
        if (!m.Success) m = UrlCompactDateRegex().Match(u.AbsolutePath);
        if (!m.Success) return null;
        int y = int.Parse(m.Groups["y"].Value, System.Globalization.CultureInfo.InvariantCulture);
        int mo = int.Parse(m.Groups["m"].Value, System.Globalization.CultureInfo.InvariantCulture);
        int d = int.Parse(m.Groups["d"].Value, System.Globalization.CultureInfo.InvariantCulture);
        if (mo is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, mo)) return null;
        return new DateTimeOffset(y, mo, d, 0, 0, 0, TimeSpan.Zero);
    }

    [GeneratedRegex(@"/(?<y>(?:19|20)\d{2})[/-](?<m>0?[1-9]|1[0-2])[/-](?<d>0?[1-9]|[12]\d|3[01])(?=/|$|[-_.])")]
    private static partial Regex UrlDateRegex();

    [GeneratedRegex(@"[/_-](?<y>(?:19|20)\d{2})(?<m>0[1-9]|1[0-2])(?<d>0[1-9]|[12]\d|3[01])(?=/|$|[-_.])")]
    private static partial Regex UrlCompactDateRegex();

    // ---- language ----

    private void SetLanguage(Document doc, HtmlFacts? html, IReadOnlyList<string> lines)
    {
        // A page declaring a language the detector does not know: the detector could only answer wrongly.
        if (Declared(html) is { } declared && !LanguageDetection.DefaultLanguages.Contains(declared.Value))
        {
            doc.Metadata.Language = declared;
            return;
        }
        if (_o.DetectLanguage)
        {
            var sample = LanguageSample(doc, lines);
            if (_o.QuickEnglish && LanguageDetection.IsPlainlyEnglish(sample))
            {
                doc.Metadata.Language = new Field<string>("en", "function-words");
                return;
            }
            var detector = _o.HighAccuracyLanguage ? LanguageDetection.HighAccuracyDetector : LanguageDetection.Detector;
            if (LanguageDetection.Detect(sample, detector) is { } code)
            {
                doc.Metadata.Language = new Field<string>(code, "lingua");
                return;
            }
        }
        if (Declared(html) is { } d) doc.Metadata.Language = d;
    }

    /// <summary>The language a page declares (html lang, og:locale, content-language), as an ISO 639-1 code.</summary>
    private static Field<string>? Declared(HtmlFacts? html)
    {
        var declared = html?.Lang ?? html?.FirstMeta("og:locale", "content-language", "language")?.Value;
        if (declared is { Length: >= 2 } && char.IsAsciiLetter(declared[0]) && char.IsAsciiLetter(declared[1])
            && (declared.Length == 2 || declared[2] is '-' or '_'))
            return new Field<string>(declared[..2].ToLowerInvariant(), html?.Lang is not null ? "html:lang" : "meta:locale");
        return null;
    }

    private string LanguageSample(Document doc, IReadOnlyList<string> lines)
    {
        int max = _o.LanguageSampleChars;
        if (!string.IsNullOrWhiteSpace(doc.Text)) return doc.Text.Length > max ? doc.Text[..max] : doc.Text;
        var sb = new System.Text.StringBuilder();
        foreach (var line in lines)
        {
            if (line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length < MinProseWords) continue;
            sb.AppendLine(line);
            if (sb.Length >= max) break;
        }
        if (sb.Length == 0)
            foreach (var line in lines) { sb.AppendLine(line); if (sb.Length >= max) break; }
        return sb.Length > max ? sb.ToString(0, max) : sb.ToString();
    }

    // ---- helpers ----

    private static List<string> SplitLines(string text) => [.. text.Split('\n').Select(l => l.Trim())];

    private static bool IsWebUrl(string? s) =>
        s is not null && (s.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || s.StartsWith("https://", StringComparison.OrdinalIgnoreCase));

    /// <summary>Host without "www.", or null.</summary>
    public static string? Host(string? url) =>
        url is not null && Uri.TryCreate(url, UriKind.Absolute, out var u) && u.Scheme is "http" or "https"
            ? (u.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? u.Host[4..] : u.Host).ToLowerInvariant()
            : null;

    /// <summary>Same site: equal hosts, or one a subdomain of the other (edition.cnn.com vs cnn.com).</summary>
    private static bool SameHost(string a, string b) =>
        a == b || a.EndsWith("." + b, StringComparison.Ordinal) || b.EndsWith("." + a, StringComparison.Ordinal);

    private static string? Absolute(string? href, string? baseUrl)
    {
        if (string.IsNullOrWhiteSpace(href)) return null;
        href = href.Trim();
        if (IsWebUrl(href)) return href;
        if (href.StartsWith("//", StringComparison.Ordinal)) return "https:" + href;
        if (baseUrl is not null && Uri.TryCreate(baseUrl, UriKind.Absolute, out var b) && b.Scheme is "http" or "https" && Uri.TryCreate(b, href, out var abs))
            return abs.ToString();
        return null;
    }
}
