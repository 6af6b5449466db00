using System.Globalization;
using Storyline.Core;
using Storyline.Core.Storage;
using Storyline.Stories.Engine;
using Storyline.Stories.Index;

namespace Storyline.Web;

/// <summary>A stored document as lists show it (no text), with the story it belongs to.</summary>
public sealed record DocRow(long Id, string? Title, string? Source, string? Publisher, DateTimeOffset? Published,
    string? Language, string ContentHash, DateTimeOffset FirstSeen)
{
    public long? StoryId { get; set; }
    /// <summary>The date the document is placed at: publication date, else first seen.</summary>
    public DateTimeOffset When => Published ?? FirstSeen;
    /// <summary>The type of document search facets on (<see cref="DocTypes"/>): how it came in, or "not_article" when flagged.</summary>
    public string Type { get; init; } = DocTypes.Text;
}

/// <summary>
/// Types of document, from what the store knows of each: the input format (HTML page, plain text, feed item, JSON
/// line, WARC record), except that a document the article check flagged (a menu, an index page, a login wall) is
/// "not_article" whatever its format. The tokens are the API's; <see cref="Label"/> is what pages show.
/// </summary>
public static class DocTypes
{
    public const string Html = "html", Text = "text", FeedItem = "feed_item", JsonLine = "jsonl", Warc = "warc", NotArticle = "not_article";

    public static readonly IReadOnlyList<string> All = [Html, Text, FeedItem, JsonLine, Warc, NotArticle];

    public static string Of(DocumentFormat format, bool notArticle) => notArticle ? NotArticle : format switch
    {
        DocumentFormat.Html => Html,
        DocumentFormat.FeedItem => FeedItem,
        DocumentFormat.JsonLine => JsonLine,
        DocumentFormat.Warc => Warc,
        _ => Text,
    };

    public static string Label(string type) => type switch
    {
        Html => "Web page (HTML)",
        Text => "Plain text",
        FeedItem => "Feed item (RSS/Atom)",
        JsonLine => "JSON Lines record",
        Warc => "Web archive (WARC) record",
        NotArticle => "Not an article",
        _ => type,
    };
}

/// <summary>A story as lists show it, with what its filters and sparkline need.</summary>
public sealed record StoryRow(StoryView View, IReadOnlyList<long> Documents, IReadOnlyList<string> Languages,
    DateTimeOffset Start, DateTimeOffset End, IReadOnlyList<int> Coverage)
{
    public long Id => View.Id;
}

/// <summary>Filters of the stories list; every one optional.</summary>
public sealed record StoryFilter(DateTimeOffset? From = null, DateTimeOffset? To = null, string? Source = null,
    string? Entity = null, string? Language = null, string Sort = "newest")
{
    public bool IsEmpty => From is null && To is null && Source is null && Entity is null && Language is null;
}

/// <summary>Filters of the documents list.</summary>
public sealed record DocFilter(DateTimeOffset? From = null, DateTimeOffset? To = null, string? Source = null,
    string? Language = null, long? Story = null, string? Q = null);

/// <summary>
/// The lists the pages and the API page through: every document's summary and every story's outline, read once and
/// kept in memory (a few hundred bytes per document), re-read when the store's document count changes. Filtering,
/// counting and paging over it cost microseconds per thousand rows, and every page of a list sees one consistent
/// snapshot, so totals always agree with the rows.
/// </summary>
public sealed class Catalog(StorePool pool, WebOptions options) : IDisposable
{
    /// <summary>Days a story's coverage sparkline spans at most (the last ones of the story).</summary>
    public const int SparklineDays = 30;
    private const int ReadPage = 5000;

    public sealed record Snapshot(long DocumentCount, IReadOnlyList<DocRow> Docs, IReadOnlyDictionary<long, DocRow> DocsById,
        IReadOnlyList<StoryRow> Stories, IReadOnlyDictionary<long, StoryRow> StoriesById,
        IReadOnlyList<(string Value, int Count)> Sources, IReadOnlyList<(string Value, int Count)> Languages, DateTimeOffset LoadedAt);

    private Snapshot? _current;
    private readonly SemaphoreSlim _loading = new(1, 1);

    public void Dispose() => _loading.Dispose();
    private long _checkedAt;
    private volatile bool _stale;

    /// <summary>Marks the snapshot stale (after an ingest through this server).</summary>
    public void Invalidate() => _stale = true;

    /// <summary>The current snapshot; loads it the first time, and re-reads it when the store changed.</summary>
    public async ValueTask<Snapshot> GetAsync(CancellationToken ct = default)
    {
        var snap = _current;
        if (snap is not null && !_stale && Environment.TickCount64 - Volatile.Read(ref _checkedAt) < options.CatalogRefreshSeconds * 1000)
            return snap;
        if (snap is not null && !_stale)
        {
            // Cheap check: has the number of documents changed since the snapshot?
            Volatile.Write(ref _checkedAt, Environment.TickCount64);
            using var lease = await pool.RentAsync(ct).ConfigureAwait(false);
            if (lease.Store.Count() == snap.DocumentCount) return snap;
        }
        await _loading.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_current is not null && ReferenceEquals(_current, snap) is false && !_stale) return _current;
            _stale = false;
            using var lease = await pool.RentAsync(ct).ConfigureAwait(false);
            _current = Load(lease);
            Volatile.Write(ref _checkedAt, Environment.TickCount64);
            return _current;
        }
        finally { _loading.Release(); }
    }

    private static Snapshot Load(StorePool.Lease lease)
    {
        var store = lease.Store;
        long count = store.Count();
        var docs = new List<DocRow>((int)Math.Min(count, 10_000_000));
        for (int offset = 0; ; offset += ReadPage)
        {
            var page = store.List(ReadPage, offset);
            foreach (var d in page)
                docs.Add(new DocRow(d.Id, d.Title, d.Source, d.Publisher, d.Published, d.Language, d.ContentHash, d.FirstSeen) { Type = DocTypes.Of(d.Format, d.NotArticle) });
            if (page.Count < ReadPage) break;
        }
        docs.Sort((a, b) => a.Id.CompareTo(b.Id));
        var byId = docs.ToDictionary(d => d.Id);
        var stories = new List<StoryRow>();
        if (lease.Stories is { } service)
        {
            for (int offset = 0; ; offset += ReadPage)
            {
                var page = service.Engine.Store.ListStories(ReadPage, offset);
                foreach (var s in page) stories.Add(Row(s, byId));
                if (page.Count < ReadPage) break;
            }
        }
        stories.Sort(CompareNewest);
        var sources = docs.Where(d => !string.IsNullOrEmpty(d.Publisher ?? d.Source)).GroupBy(d => (d.Publisher ?? d.Source)!, StringComparer.OrdinalIgnoreCase)
            .Select(g => (g.Key, g.Count())).OrderByDescending(x => x.Item2).ThenBy(x => x.Key, StringComparer.Ordinal).ToList();
        var languages = docs.Where(d => !string.IsNullOrEmpty(d.Language)).GroupBy(d => d.Language!, StringComparer.OrdinalIgnoreCase)
            .Select(g => (g.Key, g.Count())).OrderByDescending(x => x.Item2).ThenBy(x => x.Key, StringComparer.Ordinal).ToList();
        return new Snapshot(count, docs, byId, stories, stories.ToDictionary(s => s.Id), sources, languages, DateTimeOffset.UtcNow);
    }

    private static StoryRow Row(StoryRecord s, Dictionary<long, DocRow> docs)
    {
        var members = new List<DocRow>(s.Documents.Count);
        foreach (var id in s.Documents)
            if (docs.TryGetValue(id, out var d)) { d.StoryId = s.Id; members.Add(d); }
        var langs = members.Select(d => d.Language).Where(l => !string.IsNullOrEmpty(l)).Select(l => l!).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
        DateTimeOffset start = s.FirstPublished ?? s.FirstSeen, end = s.LastPublished ?? s.LastSeen;
        // The span of the documents that give a date; an undated document's first-seen time (the day it was ingested)
        // says nothing about the story, so it only counts when no document is dated.
        var dated = members.Where(d => d.Published is not null).ToList();
        var placed = dated.Count > 0 ? dated : members;
        if (placed.Count > 0)
        {
            start = placed.Min(d => d.When);
            end = placed.Max(d => d.When);
        }
        // Documents per day over the story's last SparklineDays days.
        var last = end.UtcDateTime.Date;
        var first = start.UtcDateTime.Date;
        int days = Math.Clamp((int)(last - first).TotalDays + 1, 1, SparklineDays);
        var counts = new int[days];
        foreach (var d in placed)
        {
            int i = days - 1 - (int)(last - d.When.UtcDateTime.Date).TotalDays;
            if (i >= 0 && i < days) counts[i]++;
        }
        return new StoryRow(StoryEngine.View(s), s.Documents.ToArray(), langs, start, end, counts);
    }

    /// <summary>Newest first (by the day of the latest document), then biggest, then id: a stable order.</summary>
    public static int CompareNewest(StoryRow a, StoryRow b)
    {
        int c = b.End.UtcDateTime.Date.CompareTo(a.End.UtcDateTime.Date);
        if (c != 0) return c;
        c = b.View.Documents.CompareTo(a.View.Documents);
        return c != 0 ? c : b.Id.CompareTo(a.Id);
    }

    /// <summary>Biggest first, then newest, then id.</summary>
    public static int CompareBiggest(StoryRow a, StoryRow b)
    {
        int c = b.View.Documents.CompareTo(a.View.Documents);
        if (c != 0) return c;
        c = b.End.CompareTo(a.End);
        return c != 0 ? c : b.Id.CompareTo(a.Id);
    }

    /// <summary>Stories matching a filter, in the filter's order. <paramref name="entityDocs"/> are documents mentioning the entity filter.</summary>
    public static List<StoryRow> FilterStories(Snapshot snap, StoryFilter f, IReadOnlySet<long>? entityDocs)
    {
        IEnumerable<StoryRow> q = snap.Stories;
        if (f.From is { } from) q = q.Where(s => s.End >= from);
        if (f.To is { } to) q = q.Where(s => s.Start < to);
        if (f.Source is { Length: > 0 } src)
            q = q.Where(s => s.View.Sources.Contains(src, StringComparer.OrdinalIgnoreCase)
                || s.Documents.Any(id => snap.DocsById.TryGetValue(id, out var d) && string.Equals(d.Publisher ?? d.Source, src, StringComparison.OrdinalIgnoreCase)));
        if (f.Language is { Length: > 0 } lang) q = q.Where(s => s.Languages.Contains(lang, StringComparer.OrdinalIgnoreCase));
        if (entityDocs is not null) q = q.Where(s => s.Documents.Any(entityDocs.Contains));
        var list = q.ToList();
        if (f.Sort == "biggest") list.Sort(CompareBiggest);
        return list;
    }

    /// <summary>Documents matching a filter, in id order (oldest stored first, as <c>docs</c> lists them).</summary>
    public static List<DocRow> FilterDocs(Snapshot snap, DocFilter f)
    {
        IEnumerable<DocRow> q = snap.Docs;
        if (f.From is { } from) q = q.Where(d => d.When >= from);
        if (f.To is { } to) q = q.Where(d => d.When < to);
        if (f.Source is { Length: > 0 } src) q = q.Where(d => string.Equals(d.Source, src, StringComparison.OrdinalIgnoreCase) || string.Equals(d.Publisher, src, StringComparison.OrdinalIgnoreCase));
        if (f.Language is { Length: > 0 } lang) q = q.Where(d => string.Equals(d.Language, lang, StringComparison.OrdinalIgnoreCase));
        if (f.Story is { } story) q = q.Where(d => d.StoryId == story);
        if (f.Q is { Length: > 0 } text) q = q.Where(d => d.Title?.Contains(text, StringComparison.OrdinalIgnoreCase) == true);
        return q.ToList();
    }

    /// <summary>Parses a date filter value (yyyy-MM-dd or full ISO 8601); null when empty, an error message when malformed.</summary>
    public static bool TryParseDate(string? raw, bool endOfDay, out DateTimeOffset? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(raw)) return true;
        if (DateTimeOffset.TryParseExact(raw.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var day))
        {
            value = endOfDay ? day.AddDays(1) : day;
            return true;
        }
        if (DateTimeOffset.TryParse(raw.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)) { value = t; return true; }
        return false;
    }
}

/// <summary>Entities of the store per snapshot and type, cached with the snapshot they were read for.</summary>
public sealed class EntityCache(StorePool pool) : IDisposable
{
    private readonly Dictionary<string, (long Count, IReadOnlyList<Storyline.Core.Storage.EntitySummary> List)> _byType = [];
    private readonly SemaphoreSlim _gate = new(1, 1);

    public void Dispose() => _gate.Dispose();

    /// <summary>Most entities kept per type (the long tail of names seen once is cut).</summary>
    public const int MaxEntities = 50_000;

    public async ValueTask<IReadOnlyList<Storyline.Core.Storage.EntitySummary>> GetAsync(Catalog.Snapshot snap, string? type, CancellationToken ct)
    {
        var key = type ?? "";
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_byType.TryGetValue(key, out var hit) && hit.Count == snap.DocumentCount) return hit.List;
            using var lease = await pool.RentAsync(ct).ConfigureAwait(false);
            var list = lease.Store.Entities(MaxEntities, 0, type);
            _byType[key] = (snap.DocumentCount, list);
            return list;
        }
        finally { _gate.Release(); }
    }
}
