using System.Globalization;
using System.Text;
using System.Text.Json;
using AngleSharp.Dom;
using Storyline.Core;
using Storyline.Ingest;

namespace Storyline.Metadata.Evaluation;

/// <summary>One gold line: <c>{file, url, title, authors, date}</c>. <c>title</c> may be a list of acceptable forms
/// (a kicker kept or dropped); <c>date</c> null means the page states no date; <c>authors_judged</c> /
/// <c>date_judged</c> false leave a field out of the score (the labeller could not decide).</summary>
public sealed record MetadataGold(string File, string? Url, IReadOnlyList<string> Titles, IReadOnlyList<string> Authors,
    string? Date, bool AuthorsJudged, bool DateJudged);

/// <summary>What the stage (or the htmldate-order baseline) gave for one page, and whether each field is right.</summary>
public sealed record MetadataPageResult(string File, string? Title, string? TitleRule, IReadOnlyList<string> Authors, string? AuthorsRule,
    string? Date, string? DateRule, string? BaselineDate, bool TitleOk, bool? AuthorsOk, bool? DateOk, bool? BaselineDateOk,
    MetadataGold Gold);

/// <summary>Per-field accuracy over a gold folder.</summary>
public sealed record MetadataEvalResult(string Set, int Pages, int Missing, double TitleAccuracy, double AuthorsAccuracy,
    double AuthorsPrecision, double AuthorsRecall, double DateAccuracy, double BaselineDateAccuracy, int AuthorsJudged, int DatesJudged,
    IReadOnlyList<MetadataPageResult> Results)
{
    /// <summary>The figures as a flat map (the keys eval/floors/metadata.json uses, without the set prefix).</summary>
    public IReadOnlyDictionary<string, double> ToMap() => new Dictionary<string, double>
    {
        ["title_accuracy"] = TitleAccuracy, ["authors_accuracy"] = AuthorsAccuracy, ["authors_precision"] = AuthorsPrecision,
        ["authors_recall"] = AuthorsRecall, ["date_accuracy"] = DateAccuracy, ["htmldate_order_date_accuracy"] = BaselineDateAccuracy,
    };
}

/// <summary>
/// Scores title, authors and publication day against a folder holding a gold JSONL (<c>gold.jsonl</c>, or the only
/// <c>*.jsonl</c>) of <c>{file, url, title, authors, date}</c> lines. <c>file</c> is read relative to the folder, else
/// relative to the shared data folder (so a gold file can point at pages kept there without copying them).
/// <list type="bullet">
/// <item>title: right when it equals one of the gold forms after Unicode (NFKC) folding, case folding, unified quotes and
/// dashes, collapsed spaces and trimmed end punctuation;</item>
/// <item>authors: right when the set of names equals the gold set (same folding; an empty gold list wants no author);
/// name-level precision and recall are reported beside it;</item>
/// <item>date: right when the publication day as the page states it (the calendar day of the value in its own offset)
/// equals the gold day; a gold null wants no date.</item>
/// </list>
/// The date is also scored for <see cref="HtmldateOrder"/>, our re-implementation of the order in which htmldate looks
/// for evidence, on the same pages.
/// </summary>
public static class MetadataGoldEvaluator
{
    public const string GoldFile = "gold.jsonl";

    public static IReadOnlyList<MetadataGold> LoadGold(string dir) => LoadGoldFile(GoldPathIn(dir));

    /// <summary>The gold file of a folder: its <c>gold.jsonl</c>, else its only <c>*.jsonl</c>.</summary>
    public static string GoldPathIn(string dir)
    {
        var path = Path.Combine(dir, GoldFile);
        if (File.Exists(path)) return path;
        var any = Directory.Exists(dir) ? Directory.GetFiles(dir, "*.jsonl") : [];
        if (any.Length != 1)
            throw new StorylineException(ErrorCode.SL1008, $"{dir}: no {GoldFile} (one JSONL line per page: {{file, url, title, authors, date}})");
        return any[0];
    }

    /// <summary>Reads one gold JSONL file (unknown keys such as <c>source</c>, <c>site</c>, <c>note</c> are ignored).</summary>
    public static IReadOnlyList<MetadataGold> LoadGoldFile(string path)
    {
        if (!File.Exists(path))
            throw new StorylineException(ErrorCode.SL1008, $"{path}: no such gold file (one JSONL line per page: {{file, url, title, authors, date}})");
        var list = new List<MetadataGold>();
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            using var j = JsonDocument.Parse(line);
            var r = j.RootElement;
            string? Str(string k) => r.TryGetProperty(k, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            List<string> Strings(string k) => r.TryGetProperty(k, out var v)
                ? v.ValueKind switch
                {
                    JsonValueKind.Array => [.. v.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!)],
                    JsonValueKind.String => [v.GetString()!],
                    _ => [],
                }
                : [];
            bool Flag(string k) => !r.TryGetProperty(k, out var v) || v.ValueKind != JsonValueKind.False;
            list.Add(new MetadataGold(Str("file") ?? throw new StorylineException(ErrorCode.SL1008, $"{path}: a line without \"file\""),
                Str("url"), Strings("title"), Strings("authors"), Str("date"), Flag("authors_judged"), Flag("date_judged")));
        }
        return list;
    }

    public static MetadataEvalResult Run(string dir, MetadataOptions? options = null) =>
        Run(dir, GoldPathIn(dir), Path.GetFileName(Path.TrimEndingDirectorySeparator(dir)), options);

    /// <summary>
    /// Scores the pages of <paramref name="pagesDir"/> against a gold file kept elsewhere (e.g. labels committed in the
    /// repository, pages in the shared data folder): each <c>file</c> is looked up in <paramref name="pagesDir"/>, then
    /// beside the gold file, then in the shared data folder.
    /// </summary>
    public static MetadataEvalResult Run(string pagesDir, string goldFile, string? setName = null, MetadataOptions? options = null)
    {
        var gold = LoadGoldFile(goldFile);
        var goldDir = Path.GetDirectoryName(Path.GetFullPath(goldFile)) ?? ".";
        var dir = pagesDir;
        var stage = new MetadataStage((options ?? new MetadataOptions()) with { DetectLanguage = false });
        var reader = new DocumentReader();
        var results = new List<MetadataPageResult>();
        int missing = 0;
        foreach (var g in gold)
        {
            var file = Resolve(dir, g.File) ?? Resolve(goldDir, g.File);
            if (file is null) { missing++; continue; }
            var read = reader.Read([file]).FirstOrDefault()?.Document;
            if (read is null) { missing++; continue; }
            var doc = new Storyline.Core.Document
            {
                Origin = new DocumentOrigin(file, null, g.Url), RawBytes = read.RawBytes, RawText = read.RawText, Kind = read.Kind, Format = read.Format,
            };
            stage.Process(doc);
            var md = doc.Metadata;
            var authors = md.Authors.Count > 0 ? md.Authors.ToList() : [];
            string? day = md.Published is { } p ? Day(p.Value) : null;
            string? baseline = HtmldateOrder(doc, g.Url) is { } b ? Day(b) : null;
            bool titleOk = md.Title is { } t && g.Titles.Any(x => Fold(x) == Fold(t.Value));
            bool? authorsOk = g.AuthorsJudged ? SameNames(authors, g.Authors) : null;
            bool? dateOk = g.DateJudged ? day == g.Date : null;
            bool? baseOk = g.DateJudged ? baseline == g.Date : null;
            results.Add(new MetadataPageResult(g.File, md.Title?.Value, md.Title?.Rule, authors, md.Byline?.Rule, day, md.Published?.Rule, baseline,
                titleOk, authorsOk, dateOk, baseOk, g));
        }
        int n = results.Count;
        var aj = results.Where(r => r.AuthorsOk is not null).ToList();
        var dj = results.Where(r => r.DateOk is not null).ToList();
        int tp = 0, predicted = 0, expected = 0;
        foreach (var r in aj)
        {
            var pred = r.Authors.Select(Fold).ToHashSet();
            var want = r.Gold.Authors.Select(Fold).ToHashSet();
            predicted += pred.Count; expected += want.Count; tp += pred.Count(want.Contains);
        }
        static double Share(int k, int of) => of == 0 ? 1 : (double)k / of;
        return new MetadataEvalResult(setName ?? Path.GetFileNameWithoutExtension(goldFile), n, missing,
            Share(results.Count(r => r.TitleOk), n), Share(aj.Count(r => r.AuthorsOk == true), aj.Count),
            Share(tp, predicted), Share(tp, expected),
            Share(dj.Count(r => r.DateOk == true), dj.Count), Share(dj.Count(r => r.BaselineDateOk == true), dj.Count), aj.Count, dj.Count, results);
    }

    /// <summary>The calendar day a value states, in its own offset ("2019-11-19T20:59-06:00" is the 19th).</summary>
    public static string Day(DateTimeOffset v) => v.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string? Resolve(string dir, string file)
    {
        var local = Path.Combine(dir, file);
        if (File.Exists(local)) return local;
        if (RepoPaths.SharedData is { } shared && File.Exists(Path.Combine(shared, file))) return Path.Combine(shared, file);
        return null;
    }

    private static bool SameNames(IReadOnlyList<string> got, IReadOnlyList<string> want) =>
        got.Select(Fold).ToHashSet().SetEquals(want.Select(Fold));

    /// <summary>Comparison form of a title or name.</summary>
    public static string Fold(string s)
    {
        var t = s.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var sb = new StringBuilder(t.Length);
        bool space = false;
        foreach (var ch in t)
        {
            char c = ch switch
            {
                '‘' or '’' or '‚' or '′' or '`' or '´' => '\'',
                '“' or '”' or '„' or '«' or '»' or '″' => '"',
                '–' or '—' or '‒' or '―' or '‐' => '-',
                _ => ch,
            };
            if (char.IsWhiteSpace(c)) { space = sb.Length > 0; continue; }
            if (space) { sb.Append(' '); space = false; }
            sb.Append(c);
        }
        return sb.ToString().TrimEnd('.', ' ', ':', ';', ',');
    }

    // ---- the htmldate order, as a baseline ----

    /// <summary>Meta names htmldate reads as dates (published and modified alike: its default, original_date=False, takes the first in document order).</summary>
    private static readonly HashSet<string> HeaderDateNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "article.created", "article_date_original", "article.published", "article:published_time", "article:publicationdate", "bt:pubdate",
        "citation_date", "citation_publication_date", "created", "cxenseparse:recs:publishtime", "date", "date_published", "datecreated",
        "dateposted", "datepublished", "dc.date", "dc.created", "dc.date.created", "dc.date.issued", "dc.date.publication", "dcterms.created",
        "dcterms.date", "dcterms.issued", "dc:created", "dc:date", "gentime", "og:published_time", "og:article:published_time",
        "originalpublicationdate", "parsely-pub-date", "pubdate", "publishdate", "publish_date", "published-date", "publication_date",
        "rnews:datepublished", "sailthru.date", "shareaholic:article_published_time", "timestamp",
        "article:modified_time", "datemodified", "dc.modified", "dcterms.modified", "modified_time", "og:article:modified_time",
        "og:updated_time", "release_date", "updated_time", "lastmodified", "last-modified",
    };

    /// <summary>
    /// A date found in the order htmldate (adbar/htmldate, core.find_date) looks: a full date in the URL or canonical
    /// link first; then the first date-bearing meta tag in document order (published or modified); then JSON-LD;
    /// then elements whose class or id says date; then &lt;time&gt;; then labelled dates in the text; then the title.
    /// Written from reading that order, not from its code; no time zones (the day as written), as htmldate does.
    /// </summary>
    public static DateTimeOffset? HtmldateOrder(Storyline.Core.Document doc, string? url)
    {
        var canonical = Storyline.Extraction.HtmlParseStage.DomOf(doc)?.Document.QuerySelector("link[rel~='canonical']")?.GetAttribute("href");
        foreach (var u in new[] { url, canonical })
            if (MetadataStage.UrlDate(u) is { } ud) return ud;
        var dom = Storyline.Extraction.HtmlParseStage.DomOf(doc)?.Document;
        if (dom is null) return null;
        foreach (var m in dom.QuerySelectorAll("meta"))
        {
            var key = m.GetAttribute("property") ?? m.GetAttribute("name") ?? m.GetAttribute("itemprop") ?? m.GetAttribute("http-equiv");
            if (key is null || !HeaderDateNames.Contains(key.Trim())) continue;
            if (DateParser.TryParse(m.GetAttribute("content") ?? m.GetAttribute("datetime"), out var v, out _)) return v;
        }
        var facts = HtmlFacts.From(dom);
        if (DateParser.TryParse(facts.JsonLd?.DatePublished, out var j, out _)) return j;
        foreach (var e in dom.QuerySelectorAll("[class*='date'], [id*='date'], [class*='time'], [class*='byline'], [class*='published']"))
        {
            if (e is IElement el && el.TagName is "SCRIPT" or "STYLE") continue;
            var text = e.TextContent.Trim();
            if (text.Length is > 6 and < 80 && DateParser.Find(text) is { } f) return f.Value;
        }
        foreach (var (v, _) in facts.Times)
            if (DateParser.TryParse(v, out var t, out _)) return t;
        if (TextRules.LabelledDate(facts.Lines) is { } label) return label.Value.Value;
        if (facts.TitleElement is { } title && DateParser.Find(title) is { } td) return td.Value;
        return null;
    }
}
