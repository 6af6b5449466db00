using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Storyline.Web.Api;

namespace Storyline.Web.Pages;

/// <summary>The front page: stories, newest and biggest first, with filters and paging.</summary>
public static class StoriesPage
{
    /// <summary>One-line summaries by (story, documents): a story's summary only changes when documents join it.</summary>
    private static readonly ConcurrentDictionary<(string, long, int), string> Summaries = new();

    /// <summary>Summaries kept (a line each, ~0.5 KB): beyond it the cache starts again, so a server that is browsed for weeks over
    /// a million-document store stays flat (every story ever shown and every size it had were kept before).</summary>
    public const int SummaryCacheSize = 20_000;

    public static async Task<IResult> Render(HttpRequest req, Catalog catalog, StorePool pool, CancellationToken ct)
    {
        var q = req.Query;
        string? from = q["from"], to = q["to"], source = ApiEndpoints.Blank(q["source"]), entity = ApiEndpoints.Blank(q["entity"]),
            language = ApiEndpoints.Blank(q["language"]), sort = q["sort"] == "biggest" ? "biggest" : "newest";
        int offset = PageEndpoints.Offset(q["offset"]);
        var errors = new List<string>();
        if (!Catalog.TryParseDate(from, false, out var f)) { errors.Add($"'{from}' is not a date (yyyy-mm-dd)"); f = null; }
        if (!Catalog.TryParseDate(to, true, out var t)) { errors.Add($"'{to}' is not a date (yyyy-mm-dd)"); t = null; }
        var filter = new StoryFilter(f, t, source, entity, language, sort);
        var (rows, snap) = await ApiEndpoints.FilterStories(catalog, pool, filter, ct);
        var page = rows.Skip(offset).Take(PageEndpoints.PageSize).ToList();
        var summaries = new Dictionary<long, string>();
        using (var lease = await pool.RentAsync(ct))
            foreach (var s in page) summaries[s.Id] = OneLine(pool.Location, lease, s);
        (string, string?)[] query = [("from", from), ("to", to), ("source", source), ("entity", entity), ("language", language), ("sort", sort == "newest" ? null : sort)];
        return Layout.Page("Stories", "stories", h =>
        {
            h.E("h1", "Stories");
            h.Raw("<p class=\"muted\">").T($"{PageEndpoints.Plural(snap.Stories.Count, "story", "stories")} from {PageEndpoints.Plural(snap.DocumentCount, "document", "documents")}. Newest first; the biggest first within a day.").Raw("</p>");
            h.Raw("<form class=\"filters\" method=\"get\" action=\"/\" aria-label=\"Filter stories\">");
            PageEndpoints.Input(h, "from", "From", from, "date");
            PageEndpoints.Input(h, "to", "To", to, "date");
            PageEndpoints.Select(h, "source", "Source", source, snap.Sources.Take(200).Select(s => (s.Value, $"{s.Value} ({s.Count})")));
            PageEndpoints.Input(h, "entity", "Entity", entity);
            PageEndpoints.Select(h, "language", "Language", language, snap.Languages.Select(s => (s.Value, $"{s.Value} ({s.Count})")));
            PageEndpoints.Select(h, "sort", "Order", sort == "newest" ? null : sort, [("biggest", "Biggest first")]);
            h.Raw("<div><button type=\"submit\">Filter</button> ");
            if (!filter.IsEmpty || sort != "newest") h.Link("/", "Clear", "btn secondary");
            h.Raw("</div></form>");
            foreach (var e in errors) Layout.Note(h, e, "error");
            if (rows.Count == 0)
            {
                Layout.Note(h, snap.Stories.Count == 0 ? "No stories yet: upload some articles or run 'storyline ingest'." : "No story matches these filters.");
            }
            else
            {
                h.Raw("<p class=\"muted\" id=\"story-count\">").T($"{PageEndpoints.Plural(rows.Count, "story matches", "stories match")}").Raw("</p>");
                h.Raw("<ol class=\"cards\" aria-label=\"Stories\">");
                foreach (var s in page) Card(h, s, summaries.GetValueOrDefault(s.Id), snap);
                h.Raw("</ol>");
                Layout.Pager(h, "/", query, offset, PageEndpoints.PageSize, rows.Count);
            }
        });
    }

    private static void Card(Html h, StoryRow s, string? summary, Catalog.Snapshot snap)
    {
        var rows = s.Documents.Select(id => snap.DocsById.GetValueOrDefault(id)).Where(d => d is not null).ToList();
        var sources = rows.Select(d => d!.Publisher ?? d.Source).Where(x => !string.IsNullOrEmpty(x)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (sources.Count == 0) sources = [.. s.View.Sources];
        int unsourced = rows.Count(d => string.IsNullOrEmpty(d!.Publisher ?? d.Source));
        h.Raw("<li class=\"card story-card\"><h2>").Link($"/stories/{s.Id}", s.View.Title.Length > 0 ? s.View.Title : $"Story {s.Id}").Raw("</h2>");
        Svg.Sparkline(h, s.Coverage, $"Coverage: documents per day over the story's last {s.Coverage.Count} days");
        if (!string.IsNullOrEmpty(summary)) h.E("p", summary, "summary");
        h.Raw("<p class=\"meta facts\">").T(PageEndpoints.Plural(s.View.Documents, "document", "documents")).Raw(" · ");
        if (sources.Count == 0) h.Label(Labels.Source(null));
        else
        {
            h.T(PageEndpoints.Plural(sources.Count, "source", "sources")).Raw(": ").T(string.Join(", ", sources.Take(5)) + (sources.Count > 5 ? ", …" : ""));
            if (unsourced > 0) h.Raw(" (").T($"{unsourced} without a source").Raw(")");
        }
        // Undated stories are placed at the day they were first seen, and say so.
        if (rows.Any(d => d!.Published is not null)) h.Raw(" · ").Raw("<time>").T(PageEndpoints.Span(s.Start, s.End)).Raw("</time>");
        else h.Raw(" · <span class=\"derived\" title=\"No document of this story gives its publication date\">undated, first seen <time>").T(PageEndpoints.Span(s.Start, s.End)).Raw("</time></span>");
        if (s.Languages.Count > 0) h.Raw(" · ").T(string.Join(", ", s.Languages));
        h.Raw("</p></li>");
    }

    /// <summary>The story's best summary sentence (cached), cut to one line.</summary>
    private static string OneLine(string store, StorePool.Lease lease, StoryRow s)
    {
        if (Summaries.Count >= SummaryCacheSize) Summaries.Clear();
        return Summaries.GetOrAdd((store, s.Id, s.View.Documents), _ => Summary(lease, s));
    }

    private static string Summary(StorePool.Lease lease, StoryRow s)
    {
        if (lease.Stories?.Engine is not { } engine || engine.Story(s.Id) is not { } record) return "";
        var text = engine.Summarize(record, 1) is [var first, ..] ? first.Text : null ?? "";
        text = text.ReplaceLineEndings(" ").Trim();
        return text.Length <= 220 ? text : text[..219].TrimEnd() + "…";
    }
}
