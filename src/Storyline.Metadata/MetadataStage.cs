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
        SetByline(md, html, lines, url);
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
            // The visible headline beats the share titles (og:title is often a shorter or SEO rewrite), when an h1 is this
            // article's headline: not the site's name and sharing most of its words with the page's titles. A longer h1
            // that ends with a title carries a kicker ("Das Halbfinale am Dienstag Zweimal Kuusela ..."): the title wins.
            var pageTitles = candidates.Where(c => c.Item2 != "html:h1" && !string.IsNullOrWhiteSpace(c.Item1))
                .Select(c => TitleSplitter.Split(c.Item1!, known).Title).ToList();
            if (pageTitles.Count > 0 && HeadlineH1(html, pageTitles, siteKeys) is { } h1)
            {
                var kicked = pageTitles.FirstOrDefault(t => TitleSplitter.Key(t).Length >= MinKickerTitleKey
                    && TitleSplitter.Key(h1).Length > TitleSplitter.Key(t).Length && TitleSplitter.Key(h1).EndsWith(TitleSplitter.Key(t), StringComparison.Ordinal));
                // The same words as the chosen title: keep the rule that found it first.
                bool same = chosen is { } cur && TitleSplitter.Key(TitleSplitter.Split(cur.Value, known).Title) == TitleSplitter.Key(h1);
                if (!same) chosen = kicked is not null ? (kicked, "html:h1-kicker-dropped") : (h1, "html:h1");
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
        // No title anywhere (plain-text corpora): derive one from the text so lists never show an empty title; the rule says so.
        if (md.Title is null && chosen is null && DerivedTitle(lines) is { } derived) md.Title = derived;
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

    /// <summary>Most words of a derived title before it is cut with an ellipsis.</summary>
    public const int MaxDerivedTitleWords = 16;

    /// <summary>Most characters of a derived title in scripts written without spaces.</summary>
    public const int MaxDerivedTitleChars = 60;

    /// <summary>
    /// A title made from the text when the document has none: the first line that is prose (not a date, a byline or a
    /// link), cut at its first sentence end and at <see cref="MaxDerivedTitleWords"/> words. Rule "derived:first-line" when
    /// the whole line fits, "derived:first-sentence" when cut.
    /// </summary>
    public static Field<string>? DerivedTitle(IReadOnlyList<string> lines)
    {
        foreach (var raw in lines)
        {
            var line = HtmlFacts.Clean(raw);
            if (line.Length == 0 || !line.Any(char.IsLetter) || IsWebUrl(line)) continue;
            if (DateParser.Find(line) is { } d && d.Length >= line.Length - 3) continue;
            if (ByPrefix().IsMatch(line)) continue;
            const int MinWords = 3, MinCharsNoSpace = 6;
            if (line.Contains(' ') ? line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length < MinWords : line.Length < MinCharsNoSpace) continue;
            var cut = line;
            bool shortened = false;
            if (SentenceEnd().Match(line) is { Success: true } m && m.Index + 1 < line.Length) { cut = line[..(m.Index + 1)]; shortened = true; }
            var words = cut.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length > MaxDerivedTitleWords) { cut = string.Join(' ', words.Take(MaxDerivedTitleWords)).TrimEnd(',', ';', ':') + "…"; shortened = true; }
            else if (words.Length == 1 && cut.Length > MaxDerivedTitleChars) { cut = cut[..MaxDerivedTitleChars] + "…"; shortened = true; }
            cut = cut.Trim();
            if (cut.Length == 0) continue;
            return new Field<string>(cut, shortened ? "derived:first-sentence" : "derived:first-line");
        }
        return null;
    }

    // A sentence end: ". " after a word of 3+ letters or a closing quote (not "U.S." or "Mr."), or CJK full stops.
    [GeneratedRegex(@"(?<=\p{L}{3}|[""”’)])[.!?](?=\s)|[。！？]", RegexOptions.CultureInvariant)]
    private static partial Regex SentenceEnd();

    /// <summary>Share of an h1's words that must appear in the page's other titles for it to count as the headline.</summary>
    private const double MinH1Overlap = 0.6;

    /// <summary>Shortest title (as a key) trusted as the end of a kicker-prefixed h1.</summary>
    private const int MinKickerTitleKey = 12;

    /// <summary>The first h1 that is the article's headline (see <see cref="SetTitle"/>), or null.</summary>
    private static string? HeadlineH1(HtmlFacts? html, List<string> pageTitles, List<string> siteKeys)
    {
        if (html is null) return null;
        var titleWords = new HashSet<string>(pageTitles.SelectMany(Words), StringComparer.Ordinal);
        foreach (var h in html.H1s)
        {
            var key = TitleSplitter.Key(h);
            if (key.Length == 0 || siteKeys.Contains(key)) continue;
            var words = Words(h).ToList();
            if (words.Count == 0) continue;
            bool spaced = h.Contains(' ');
            if (spaced && h.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length < TextRules.MinTitleWords - 1) continue;
            double overlap = (double)words.Count(titleWords.Contains) / words.Count;
            if (overlap >= MinH1Overlap) return h;
        }
        return null;
    }

    /// <summary>Lower-case words (runs of letters or digits) of a title; scripts without spaces give one run per phrase.</summary>
    private static IEnumerable<string> Words(string s) => WordRun().Matches(s).Select(m => m.Value.ToLowerInvariant());

    [GeneratedRegex(@"[\p{L}\p{M}\p{N}]+")]
    private static partial Regex WordRun();

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

    // ---- byline, authors, agency ----

    /// <summary>Lines after the headline searched for a "By ..." line (before it: <see cref="BylineLinesBefore"/>).</summary>
    private const int BylineLinesAfter = 25, BylineLinesBefore = 6;

    /// <summary>Lines searched for a byline when the headline is not found among the rendered lines.</summary>
    private const int BylineLinesNoHeadline = 60;

    /// <summary>
    /// Sets <see cref="DocumentMetadata.Byline"/>, <see cref="DocumentMetadata.Authors"/> and <see cref="DocumentMetadata.Agency"/>.
    /// Evidence, best first: a container's own author field (feed, JSONL) when it names people; JSON-LD authors typed as
    /// people (organisations only as an agency); author meta tags; author markup (itemprop/rel=author/byline classes) outside
    /// asides and lists of other stories; a "By ..." line near the headline. Each is taken apart by <see cref="BylineParser"/>;
    /// the first that yields a person wins. The agency is the first one any of them credits.
    /// </summary>
    private static void SetByline(DocumentMetadata md, HtmlFacts? html, IReadOnlyList<string> lines, string? url)
    {
        string?[] sites = [md.Source?.Value, html?.FirstMeta("og:site_name")?.Value, Host(url), md.Publisher?.Value, html?.JsonLd?.Publisher,
            html?.FirstMeta(PublisherMeta)?.Value];
        string? agency = null;
        (ParsedByline Parsed, string Rule)? chosen = null;
        void Consider(string? raw, string rule, bool singleWord)
        {
            if (chosen is not null || string.IsNullOrWhiteSpace(raw)) return;
            var p = BylineParser.Parse(raw, singleWord, sites);
            agency ??= p.Agency;
            if (p.People.Count > 0) chosen = (p, rule);
        }
        if (md.Byline is { } existing) Consider(existing.Value, existing.Rule, true);
        if (html is not null)
        {
            if (html.JsonLd is { } j)
            {
                var people = new List<string>();
                foreach (var a in j.Authors)
                {
                    var p = BylineParser.Parse(a, true, sites);
                    agency ??= p.Agency;
                    people.AddRange(p.People.Where(x => !people.Contains(x, StringComparer.OrdinalIgnoreCase)));
                }
                foreach (var o in j.OrganisationAuthors) agency ??= BylineParser.KnownAgency(o);
                if (people.Count > 0 && chosen is null) chosen = (new ParsedByline(people, null), "jsonld:author");
            }
            foreach (var key in AuthorMeta)
            {
                if (chosen is not null) break;
                if (!html.Meta.TryGetValue(key, out var values)) continue;
                var people = new List<string>();
                foreach (var v in values.Where(v => !IsWebUrl(v)))
                {
                    var p = BylineParser.Parse(v, false, sites);
                    agency ??= p.Agency;
                    people.AddRange(p.People.Where(x => !people.Contains(x, StringComparer.OrdinalIgnoreCase)));
                }
                if (people.Count > 0) chosen = (new ParsedByline(people, null), "meta:" + key);
            }
            // Author markup: the people of every element of the first kind that names any ("By X" and "and Y" often sit apart).
            foreach (var kind in html.AuthorElements.Select(e => e.Rule).Distinct().ToList())
            {
                if (chosen is not null) break;
                var people = new List<string>();
                foreach (var (text, rule) in html.AuthorElements.Where(e => e.Rule == kind))
                {
                    var p = BylineParser.Parse(text, kind != "html:byline-element", sites);
                    agency ??= p.Agency;
                    people.AddRange(p.People.Where(x => !people.Contains(x, StringComparer.OrdinalIgnoreCase)));
                    if (people.Count >= MaxAuthors) break;
                }
                if (people.Count > 0) chosen = (new ParsedByline(people, null), kind);
            }
        }
        if (chosen is null && BylineNearHeadline(md.Title?.Value, lines, html?.OtherStoryLines) is { } line) Consider(line.Value, line.Rule, false);
        if (chosen is { } c)
        {
            md.Authors.Clear();
            md.Authors.AddRange(c.Parsed.People);
            md.Byline = new Field<string>(c.Parsed.Text!, c.Rule);
        }
        else if (md.Byline is not null && BylineParser.Parse(md.Byline.Value, true, sites).People.Count == 0)
            md.Byline = null; // a container's "author" that names no person (a site, a desk) is no byline
        if (md.Agency is null && agency is not null) md.Agency = new Field<string>(agency, "byline:agency");
    }

    /// <summary>A "By ..." line near the headline (a lone "By"/"Von" line is joined with the short name lines after it).</summary>
    private static TextFinding<string>? BylineNearHeadline(string? title, IReadOnlyList<string> lines, HashSet<int>? otherStory)
    {
        int head = -1;
        if (title is { Length: > 0 })
            for (int i = 0; i < lines.Count && head < 0; i++)
                if (lines[i].Length < title.Length * 2 && lines[i].Contains(title, StringComparison.OrdinalIgnoreCase)) head = i;
        int from = head < 0 ? 0 : Math.Max(0, head - BylineLinesBefore);
        int to = head < 0 ? Math.Min(lines.Count, BylineLinesNoHeadline) : Math.Min(lines.Count, head + BylineLinesAfter);
        var window = new List<string>();
        for (int i = from; i < to; i++)
        {
            var l = lines[i];
            if (otherStory is not null && otherStory.Contains(i)) { window.Add(""); continue; }
            if (LoneBy().IsMatch(l))
            {
                // "By" / "April Roach" / "@aprilroach28" / "Daniel O'Mahony" / "01 October 2020"
                var sb = new System.Text.StringBuilder(l);
                const int MaxJoined = 5, MaxNameLine = 40;
                for (int k = i + 1; k < to && k <= i + MaxJoined; k++)
                {
                    var n = lines[k];
                    if (n.Length > MaxNameLine || n.Any(char.IsDigit)) break;
                    sb.Append(k == i + 1 || n.StartsWith('@') || n is "and" or "und" or "&" or "y" or "et" ? " " : ", ").Append(n);
                }
                window.Add(sb.ToString().Replace(" and, ", " and ", StringComparison.Ordinal).Replace(" und, ", " und ", StringComparison.Ordinal));
            }
            else window.Add(l);
        }
        for (int i = 0; i < window.Count; i++)
            if (window[i].Length <= TextRules.MaxBylineLine && ByPrefix().IsMatch(window[i])) return new TextFinding<string>(window[i], "text:by-line", i + from);
        return null;
    }

    /// <summary>Most people taken from author markup.</summary>
    private const int MaxAuthors = 6;

    [GeneratedRegex(@"^(?:By|BY|Von|VON|Por|POR|Par|PAR|Door|Autor(?:in)?:|Author:|Auteur\s*:|Text:|Written by|Erstellt von|erstellt von)\s+\p{Lu}", RegexOptions.CultureInvariant)]
    private static partial Regex ByPrefix();

    [GeneratedRegex(@"^(?:By|BY|Von|VON|Por|POR|Par|PAR|Door|Autor:|Author:)$", RegexOptions.CultureInvariant)]
    private static partial Regex LoneBy();

    // ---- published ----

    /// <summary>A date candidate: value, date-only, rule, and whether its text stated a zone.</summary>
    private readonly record struct DateCandidate(DateTimeOffset Value, bool DateOnly, string Rule, bool Zoned);

    /// <summary>Most hours between a page's UTC stamp and its local clock stamp (UTC−12 … UTC+14).</summary>
    private const int MaxZoneHours = 14;

    /// <summary>
    /// Sets the publication date. The first plausible candidate wins (see <see cref="PublishedCandidates"/>), then the
    /// day is made the page's own: (1) a UTC stamp with a second, zone-less stamp of the same minute and second some whole
    /// hours away is the same instant on the page's local clock, so the value takes that offset ("+local-offset");
    /// (2) a UTC or date-only value one day off the date printed next to the headline gives way to that printed day
    /// ("+local-day"), since the page shows its own day. Modification dates come only after every publication rule.
    /// </summary>
    private void SetPublished(ContentKind kind, DocumentMetadata md, HtmlFacts? html, IReadOnlyList<string> lines, string? url)
    {
        var candidates = PublishedCandidates(kind, md, html, lines, url);
        DateCandidate? best = null;
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
        var value = b.Value;
        bool dateOnly = b.DateOnly;
        string rule = b.Rule;
        if (!dateOnly && value.Offset == TimeSpan.Zero)
        {
            foreach (var c in candidates)
            {
                if (c.Zoned || c.DateOnly || ReferenceEquals(c.Rule, b.Rule) && c.Value == b.Value) continue;
                var clock = new DateTimeOffset(c.Value.DateTime, TimeSpan.Zero);
                var diff = clock - value.UtcDateTime;
                if (diff == TimeSpan.Zero || diff.Minutes != 0 || diff.Seconds != 0 || Math.Abs(diff.TotalHours) > MaxZoneHours) continue;
                value = value.ToOffset(TimeSpan.FromHours(Math.Round(diff.TotalHours)));
                rule += "+local-offset";
                break;
            }
        }
        if ((dateOnly || value.Offset == TimeSpan.Zero) && candidates.FirstOrDefault(c => c.Rule == "text:date-near-headline") is { Rule: not null } shown
            && shown.Rule != b.Rule && Plausible(shown.Value))
        {
            var gap = shown.Value.Date - value.Date;
            if (Math.Abs(gap.TotalDays) == 1)
            {
                value = shown.DateOnly ? new DateTimeOffset(shown.Value.Date, TimeSpan.Zero) : shown.Value;
                dateOnly = shown.DateOnly;
                rule += "+local-day";
            }
        }
        md.Published = new Field<DateTimeOffset>(value, rule);
        md.PublishedDateOnly = dateOnly;
    }

    /// <summary>Modification-date meta tags: evidence only when nothing states the publication.</summary>
    private static readonly string[] ModifiedMeta = ["article:modified_time", "og:updated_time", "datemodified", "last-modified", "dcterms.modified"];

    /// <summary>
    /// Date evidence, best first: publication meta tags, JSON-LD datePublished, other date meta, JSON-LD dateCreated,
    /// &lt;time&gt; marked as publication time, a labelled date ("Published on ..."), the date printed next to the
    /// headline, other &lt;time&gt; elements, a date in the URL path, a bare date line at the top of plain text, a labelled
    /// day and month without a year ("Publié le 3 mars") dated by the page's modification year; last, modification dates
    /// (meta, JSON-LD, "Updated on ...").
    /// </summary>
    private List<DateCandidate> PublishedCandidates(ContentKind kind, DocumentMetadata md, HtmlFacts? html, IReadOnlyList<string> lines, string? url)
    {
        var list = new List<DateCandidate>();
        void Add(string? raw, string rule)
        {
            if (DateParser.TryParse(raw, out var v, out bool d)) list.Add(new DateCandidate(v, d, rule, DateParser.HasExplicitZone(raw)));
        }
        void AddFound(TextFinding<FoundDate>? f)
        {
            if (f is not null) list.Add(new DateCandidate(f.Value.Value, f.Value.DateOnly, f.Rule, !f.Value.DateOnly && f.Value.Value.Offset != TimeSpan.Zero));
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
        AddFound(TextRules.LabelledDate(lines));
        if (html is not null) AddFound(TextRules.DateNearHeadline(lines, HeadlineLine(md.Title?.Value, lines)));
        if (html is not null)
            foreach (var (v, marked) in html.Times)
                if (!marked) Add(v, "html:time");
        if (UrlDate(url) is { } ud) list.Add(new DateCandidate(ud, true, "url:path-date", false));
        if (kind == ContentKind.Text) AddFound(TextRules.DateLine(lines));
        var modified = new List<DateCandidate>();
        if (html is not null)
        {
            foreach (var k in ModifiedMeta)
                if (html.Meta.TryGetValue(k, out var vs) && DateParser.TryParse(vs[0], out var mv, out bool md0))
                    modified.Add(new DateCandidate(mv, md0, "meta:" + k + " (modified)", DateParser.HasExplicitZone(vs[0])));
            if (DateParser.TryParse(html.JsonLd?.DateModified, out var jm, out bool jd))
                modified.Add(new DateCandidate(jm, jd, "jsonld:dateModified (modified)", DateParser.HasExplicitZone(html.JsonLd?.DateModified)));
        }
        if (TextRules.UpdatedDate(lines) is { } upd) modified.Add(new DateCandidate(upd.Value.Value, upd.Value.DateOnly, upd.Rule + " (modified)", false));
        // "Publié le 3 mars": the year is the one that puts that day on or before a known later date of the page.
        if (TextRules.LabelledDayMonth(lines) is { } dm)
        {
            var reference = list.Concat(modified).Where(c => Plausible(c.Value)).Select(c => (DateTimeOffset?)c.Value).FirstOrDefault();
            if (reference is { } r)
            {
                int year = r.Year;
                if (new DateTime(year, dm.Month, Math.Min(dm.Day, DateTime.DaysInMonth(year, dm.Month)), 0, 0, 0, DateTimeKind.Unspecified) > r.Date) year--;
                if (dm.Day <= DateTime.DaysInMonth(year, dm.Month))
                    list.Add(new DateCandidate(new DateTimeOffset(year, dm.Month, dm.Day, 0, 0, 0, TimeSpan.Zero), true, "text:published-label-no-year", false));
            }
        }
        list.AddRange(modified);
        return list;
    }

    /// <summary>The index of the rendered line holding the headline, or -1.</summary>
    private static int HeadlineLine(string? title, IReadOnlyList<string> lines)
    {
        if (string.IsNullOrEmpty(title)) return -1;
        for (int i = 0; i < lines.Count; i++)
            if (lines[i].Length < title.Length * 2 && lines[i].Contains(title, StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
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
