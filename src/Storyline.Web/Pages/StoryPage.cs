using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Storyline.Core;
using Storyline.Engine.Views;
using Storyline.Stories.Diff;
using Storyline.Stories.Engine;
using Storyline.Web.Api;

namespace Storyline.Web.Pages;

/// <summary>One story: summary, timeline, sources side by side, a diff of two versions, quotes, claims, entities and places.</summary>
public static class StoryPage
{
    /// <summary>Documents of a story read in full for the page (quotes, claims, entities, places).</summary>
    public const int MaxDocuments = 16;
    /// <summary>Documents whose copies, rewrites and versions are looked up (badges in the sources view).</summary>
    public const int MaxRelations = 40;
    /// <summary>Rendered story pages kept; a page is re-rendered when the store gains documents.</summary>
    public const int CacheSize = 512;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Store, long Story, long? A, long? B, long Docs), string> Cache = new();

    private sealed record Member(StoryDocument Info, DocumentView? View, DocumentRelations? Relations)
    {
        /// <summary>The document's source, else the host of its URL, else "unknown source" (those two marked derived).</summary>
        public Label SourceLabel { get; } = Labels.Source(Info.Source ?? View?.Source, null, View?.Url);
        public string Source => SourceLabel.Text;
        /// <summary>The document's title, else its first words (marked derived).</summary>
        public Label TitleLabel { get; } = Labels.Title(Info.Title, View?.Text, Info.Id, View?.Provenance.GetValueOrDefault("title"));
    }

    public static async Task<IResult> Render(string id, HttpRequest req, StorePool pool, Catalog catalog, IOptions<JsonOptions> json, CancellationToken ct)
    {
        if (!ApiEndpoints.TryId(id, out var storyId)) return PageEndpoints.Problem(400, "Bad story id", $"'{id}' is not a story id.");
        var timing = new ServerTiming();
        long? a = ApiEndpoints.TryId(req.Query["a"].ToString(), out var ia) ? ia : null;
        long? b = ApiEndpoints.TryId(req.Query["b"].ToString(), out var ib) ? ib : null;
        // A story page only changes when documents arrive: pages are cached per store size.
        var key = (pool.Location, storyId, a, b, (await catalog.GetAsync(ct)).DocumentCount);
        if (Cache.TryGetValue(key, out var cached))
        {
            timing.Mark("cache");
            timing.Send(req.HttpContext.Response);
            return Layout.Send(cached);
        }
        using var lease = await pool.RentAsync(ct);
        // One read per document for the whole page: the roll-up, the members' views and the diff share them
        // (the engine is this lease's alone, so its loader can be swapped for the request).
        var engine = lease.Stories?.Engine;
        var read = new Dictionary<long, Document?>();
        var load = engine?.DocumentLoader ?? lease.Store.Get;
        Document? Load(long docId) => read.TryGetValue(docId, out var d) ? d : read[docId] = load(docId);
        StoryDetail? detail;
        if (engine is not null) engine.DocumentLoader = Load;
        try { detail = Queries.Story(lease, storyId); }
        finally { if (engine is not null) engine.DocumentLoader = load; }
        timing.Mark("detail");
        if (detail is null || engine is null) return PageEndpoints.Problem(404, "Story not found", $"There is no story {storyId}.");
        var members = new List<Member>();
        foreach (var d in detail.Documents)
        {
            var doc = members.Count < MaxDocuments ? Load(d.Id) : null;
            members.Add(new Member(d, doc is null ? null : DocumentView.From(doc), members.Count < MaxRelations ? engine.Relations(d.Id) : null));
        }
        timing.Mark("members");
        // The roll-up (timeline, claims by side, contradictions) is read from the story's JSON, so the page shows whatever the engine adds.
        var rollup = JsonSerializer.SerializeToElement(detail, json.Value.SerializerOptions);
        var pair = DiffPair(members, a, b);
        SentenceDiffResult? diff = null;
        string? diffError = null;
        if (pair is { } p)
        {
            var da = Load(p.A);
            var db = Load(p.B);
            if (da is null || db is null) diffError = "One of these documents is not in the store.";
            else diff = SentenceDiff.Compare(da.Text, db.Text);
        }
        timing.Mark("diff");
        var s = detail.Story;
        var html = Layout.Render(s.Title.Length > 0 ? s.Title : $"Story {s.Id}", "stories", h =>
        {
            h.Raw("<p class=\"meta\"><a href=\"/\">Stories</a> › Story ").N(s.Id).Raw("</p>");
            h.E("h1", s.Title.Length > 0 ? s.Title : $"Story {s.Id}");
            // Known sources only: "unknown source" is not a source, and hosts taken from URLs are counted as what they are.
            var sources = members.Where(m => m.SourceLabel.DerivedFrom != Labels.NoSource).Select(m => m.Source).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            int unsourced = members.Count(m => m.SourceLabel.DerivedFrom == Labels.NoSource);
            var dates = members.Select(m => m.Info.Published ?? m.Info.PublishedInferred?.Midpoint).Where(x => x is not null).Select(x => x!.Value).ToList();
            h.Raw("<p class=\"stats meta\"><span>").T(PageEndpoints.Plural(s.Documents, "document", "documents")).Raw("</span><span>")
             .T(sources.Count == 0 ? "source unknown" : PageEndpoints.Plural(sources.Count, "source", "sources")).Raw("</span>");
            if (unsourced > 0 && sources.Count > 0) h.Raw("<span>").T($"{unsourced} without a source").Raw("</span>");
            if (dates.Count > 0) h.Raw("<span><time>").T(PageEndpoints.Span(dates.Min(), dates.Max())).Raw("</time></span>");
            h.Raw("<span>first seen ").T(Html.DateTime(s.FirstSeen)).Raw("</span></p>");

            Summary(h, detail);
            Timeline(h, rollup, members);
            Sources(h, members);
            Diff(h, s.Id, members, pair, diff, diffError);
            Quotes(h, members);
            Claims(h, rollup, members);
            Entities(h, members);
            Places(h, members);
        });
        timing.Mark("render");
        if (Cache.Count >= CacheSize) Cache.Clear();
        Cache[key] = html;
        timing.Send(req.HttpContext.Response);
        return Layout.Send(html);
    }

    private static void Summary(Html h, StoryDetail detail)
    {
        h.Raw("<section aria-labelledby=\"summary-h\"><h2 id=\"summary-h\">Summary</h2>");
        if (detail.Summary.Count == 0) h.Raw("<p class=\"muted\">No summary could be made for this story.</p>");
        else
        {
            h.Raw("<div class=\"card\">");
            foreach (var x in detail.Summary) h.Raw("<p>").T(x.Text).Raw(" ").Link($"/documents/{x.DocId}", $"[#{x.DocId}]", "muted").Raw("</p>");
            h.Raw("</div>");
        }
        h.Raw("</section>");
    }

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static bool Bool(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;

    private static long? Long(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : null;

    private static IEnumerable<JsonElement> Array(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array ? v.EnumerateArray() : [];

    private static DateTimeOffset? ParseDate(string? s)
    {
        if (string.IsNullOrEmpty(s)) return null;
        foreach (var fmt in new[] { "yyyy-MM-dd", "yyyy-MM", "yyyy" })
            if (DateTimeOffset.TryParseExact(s, fmt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d)) return d;
        return DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;
    }

    private static void Timeline(Html h, JsonElement rollup, List<Member> members)
    {
        h.Raw("<section aria-labelledby=\"timeline-h\"><h2 id=\"timeline-h\">Timeline</h2>");
        var entries = Array(rollup, "timeline").ToList();
        var points = new List<Svg.Point>();
        foreach (var e in entries)
        {
            // "date" is the entry's day, month or year; "date_from" says where the date came from ("text", "published"), not a date.
            if (ParseDate(Str(e, "date")) is not { } when) continue;
            var kind = Str(e, "kind") ?? "event";
            points.Add(new Svg.Point(when, kind == "statement" || kind == "quote" ? "Statements" : "Events", Str(e, "text") ?? "", Bool(e, "inferred"),
                Long(e, "doc_id") is { } d ? $"/documents/{d}" : null));
        }
        foreach (var m in members)
        {
            var when = m.Info.Published ?? m.Info.PublishedInferred?.Midpoint;
            if (when is null) continue;
            points.Add(new Svg.Point(when.Value, m.Source, $"#{m.Info.Id} {m.TitleLabel.Text}", m.Info.Published is null, $"/documents/{m.Info.Id}"));
        }
        if (members.All(m => m.Info.Published is null))
            h.Raw("<p class=\"note info\" role=\"status\" id=\"timeline-undated\">No document of this story gives its publication date")
             .Raw(points.Count == 0 ? ", and none could be inferred from the text.</p>"
                : points.All(x => x.Inferred) ? ": every point is a date Storyline inferred (hollow).</p>"
                : ": the documents' points are dates Storyline inferred (hollow); events and statements dated by their own words are filled.</p>");
        if (points.Count == 0) h.Raw("<p class=\"muted\">No dated events, statements or documents.</p>");
        else
        {
            Svg.Timeline(h, points, "Timeline: events and dated statements, and each source's documents at their publication dates (hollow points are inferred dates)");
            h.Raw("<p class=\"meta\">Filled points: dates given by the text or the publisher. Hollow points: dates inferred by Storyline.</p>");
            if (points.Select(x => x.When.UtcDateTime.Date).Distinct().Count() == 1)
                h.Raw("<p class=\"meta\" id=\"timeline-one-day\">Everything dated in this story falls on ").T(points[0].When.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
                 .Raw(": the axis shows the week around it.</p>");
        }
        if (entries.Count > 0)
        {
            h.Raw("<ol class=\"cards\" aria-label=\"Timeline entries\">");
            foreach (var e in entries.Take(100))
            {
                h.Raw("<li class=\"card\"><p class=\"meta\"><time>").T(Str(e, "date")).Raw("</time> · ").T(Str(e, "kind"));
                if (Bool(e, "inferred")) h.Raw(" <span class=\"badge inferred\">inferred date</span>");
                if (Bool(e, "negated")) h.Raw(" <span class=\"badge bad\">did not happen</span>");
                if (Bool(e, "hypothetical")) h.Raw(" <span class=\"badge\">hypothetical</span>");
                if (Str(e, "source") is { } src) h.Raw(" · ").T(src);
                if (Long(e, "doc_id") is { } doc) h.Raw(" · ").Link($"/documents/{doc}", $"#{doc}");
                h.Raw("</p><p>").T(Str(e, "text")).Raw("</p>");
                var evidence = Array(e, "evidence").Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()).ToList();
                if (evidence.Count > 0)
                {
                    h.Raw("<details><summary>Why this date</summary><ul>");
                    foreach (var ev in evidence) h.E("li", ev);
                    h.Raw("</ul></details>");
                }
                h.Raw("</li>");
            }
            h.Raw("</ol>");
        }
        h.Raw("</section>");
    }

    private static void Sources(Html h, List<Member> members)
    {
        h.Raw("<section aria-labelledby=\"sources-h\"><h2 id=\"sources-h\">Sources side by side</h2><div class=\"sources\">");
        foreach (var g in members.GroupBy(m => m.Source, StringComparer.OrdinalIgnoreCase).OrderBy(g => g.Min(m => m.Info.Published ?? DateTimeOffset.MaxValue)))
        {
            h.Raw("<div class=\"card\"><h3>").Label(g.First().SourceLabel).Raw("</h3><ol>");
            foreach (var m in g.OrderBy(m => m.Info.Published ?? m.Info.PublishedInferred?.Midpoint ?? DateTimeOffset.MaxValue))
            {
                h.Raw("<li>").Link($"/documents/{m.Info.Id}", m.TitleLabel);
                h.Raw("<br><span class=\"meta\">");
                if (m.Info.Published is { } pub) h.Raw("<time>").T(Html.DateTime(pub)).Raw("</time>");
                else if (m.Info.PublishedInferred is { } inf)
                    h.Raw("<time>≈ ").T(PageEndpoints.Span(inf.Earliest, inf.Latest)).Raw("</time> <span class=\"badge inferred\">inferred</span>");
                else h.Raw("date unknown");
                h.Raw("</span> ");
                if (m.Relations?.Original is { } o && o.Id == m.Info.Id && (m.Relations.Copies.Count + m.Relations.Rewrites.Count) > 0)
                    h.Raw("<span class=\"badge original\" title=\"").T(o.Reason).Raw("\">original</span> ");
                else if (m.Relations?.Original is { } o2 && o2.Id != m.Info.Id)
                {
                    bool copy = m.Relations.Copies.Any(c => c.Id == o2.Id);
                    h.Raw(copy ? "<span class=\"badge copy\">copy of " : "<span class=\"badge rewrite\">rewrite of ").Raw("</span>")
                     .Link($"/documents/{o2.Id}", $"#{o2.Id}").Raw(" ");
                }
                if (m.Relations is { Versions.Count: > 0 }) h.Raw("<span class=\"badge\">").N(m.Relations.Versions.Count + 1).Raw(" versions</span>");
                if (m.Info.PublishedInferred is { Evidence.Count: > 0 } ev)
                {
                    h.Raw("<details><summary>Inferred date evidence</summary><ul>");
                    foreach (var e in ev.Evidence) h.E("li", e);
                    h.Raw("</ul></details>");
                }
                h.Raw("</li>");
            }
            h.Raw("</ol></div>");
        }
        h.Raw("</div></section>");
    }

    /// <summary>The pair to compare: as asked, else the first document with a version, else the first two documents.</summary>
    private static (long A, long B)? DiffPair(List<Member> members, long? a, long? b)
    {
        if (a is { } x && b is { } y) return (x, y);
        foreach (var m in members)
            if (m.Relations is { Versions.Count: > 0 } r) return (m.Info.Id, r.Versions[0].Id);
        foreach (var m in members)
            if (m.Relations is { Rewrites.Count: > 0 } r) return (m.Info.Id, r.Rewrites[0].Id);
        return members.Count >= 2 ? (members[0].Info.Id, members[1].Info.Id) : null;
    }

    private static void Diff(Html h, long storyId, List<Member> members, (long A, long B)? pair, SentenceDiffResult? diff, string? error)
    {
        h.Raw("<section aria-labelledby=\"diff-h\"><h2 id=\"diff-h\">Compare two versions</h2>");
        if (members.Count < 2) { h.Raw("<p class=\"muted\">This story has a single document.</p></section>"); return; }
        h.Raw("<form class=\"filters\" method=\"get\"").A("action", $"/stories/{storyId}#diff-h").Raw(" aria-label=\"Choose two documents to compare\">");
        var options = members.Select(m => (m.Info.Id.ToString(CultureInfo.InvariantCulture), $"#{m.Info.Id} {m.Source}: {Cut(m.TitleLabel.Text, 60)}")).ToList();
        foreach (var (name, label, current) in new[] { ("a", "Older", pair?.A), ("b", "Newer", pair?.B) })
        {
            h.Raw("<div><label").A("for", "diff-" + name).Raw(">").T(label).Raw("</label><select").A("id", "diff-" + name).A("name", name).Raw(">");
            foreach (var (v, t) in options)
            {
                h.Raw("<option").A("value", v);
                if (current?.ToString(CultureInfo.InvariantCulture) == v) h.Raw(" selected");
                h.Raw(">").T(t).Raw("</option>");
            }
            h.Raw("</select></div>");
        }
        h.Raw("<div><button type=\"submit\">Compare</button></div></form>");
        if (error is not null) Layout.Note(h, error, "error");
        if (diff is not null && pair is { } p)
        {
            h.Raw("<p class=\"meta\" id=\"diff-stats\">").Link($"/documents/{p.A}", $"#{p.A}").Raw(" → ").Link($"/documents/{p.B}", $"#{p.B}").Raw(": ")
             .T($"{diff.Same} same, {diff.Changed} changed, {diff.Added} added, {diff.Removed} removed").Raw("</p>");
            h.Raw("<ul class=\"diff\" aria-label=\"Sentence differences\">");
            foreach (var e in diff.Entries)
            {
                switch (e.Op)
                {
                    case DiffOp.Same: h.Raw("<li class=\"same\"><span class=\"op\" aria-hidden=\"true\"> </span>").T(e.New).Raw("</li>"); break;
                    case DiffOp.Added: h.Raw("<li class=\"added\"><span class=\"op\" aria-label=\"added\">+</span>").T(e.New).Raw("</li>"); break;
                    case DiffOp.Removed: h.Raw("<li class=\"removed\"><span class=\"op\" aria-label=\"removed\">−</span>").T(e.Old).Raw("</li>"); break;
                    case DiffOp.Changed: h.Raw("<li class=\"changed\"><span class=\"op\" aria-label=\"changed\">~</span>"); WordMarks(h, e.Words ?? e.New ?? ""); h.Raw("</li>"); break;
                }
            }
            h.Raw("</ul>");
        }
        h.Raw("</section>");
    }

    /// <summary>Renders "[-old-]{+new+}" word marks of a changed sentence as del/ins, every piece of text encoded.</summary>
    internal static void WordMarks(Html h, string words)
    {
        int i = 0;
        while (i < words.Length)
        {
            int del = words.IndexOf("[-", i, StringComparison.Ordinal), ins = words.IndexOf("{+", i, StringComparison.Ordinal);
            int next = del < 0 ? ins : ins < 0 ? del : Math.Min(del, ins);
            if (next < 0) { h.T(words[i..]); break; }
            h.T(words[i..next]);
            bool isDel = next == del;
            int end = words.IndexOf(isDel ? "-]" : "+}", next + 2, StringComparison.Ordinal);
            if (end < 0) { h.T(words[next..]); break; }
            h.Raw(isDel ? "<del>" : "<ins>").T(words[(next + 2)..end]).Raw(isDel ? "</del>" : "</ins>");
            i = end + 2;
        }
    }

    internal static string Cut(string? s, int n) => s is null ? "" : s.Length <= n ? s : s[..(n - 1)] + "…";

    private static void Quotes(Html h, List<Member> members)
    {
        var quotes = members.Where(m => m.View is not null).SelectMany(m => m.View!.Quotes.Select(q => (m, q))).ToList();
        h.Raw("<section aria-labelledby=\"quotes-h\"><h2 id=\"quotes-h\">Quotes by speaker</h2>");
        if (quotes.Count == 0) { h.Raw("<p class=\"muted\">No quotes found in this story's documents.</p></section>"); return; }
        h.Raw("<ul class=\"quotes-by\">");
        foreach (var g in quotes.GroupBy(x => x.q.SpeakerEntity ?? Storyline.Core.Quote.ShortSpeaker(x.q.Speaker) ?? "Unattributed").OrderByDescending(g => g.Count()).Take(30))
        {
            // Copies repeat the same words: one quote, with every document that carries it.
            var distinct = g.GroupBy(x => x.q.Text.Trim().ToLowerInvariant()).ToList();
            h.Raw("<li class=\"card\"><h3>").T(g.Key).Raw(" <span class=\"badge\">").N(distinct.Count).Raw("</span></h3>");
            foreach (var same in distinct.Take(8))
            {
                var (m, q) = same.First();
                h.Raw("<blockquote>").T(q.Text).Raw("</blockquote><p class=\"meta\">");
                bool first = true;
                foreach (var (dm, _) in same.DistinctBy(x => x.m.Info.Id).Take(12))
                {
                    if (!first) h.Raw(", ");
                    h.Label(dm.SourceLabel).Raw(" ").Link($"/documents/{dm.Info.Id}", $"#{dm.Info.Id}");
                    first = false;
                }
                if (q.Cue is { } cue) h.Raw(" · ").T(cue);
                if (q.Via is { } via) h.Raw(" · via ").T(via);
                h.Raw(" · ").T(q.Kind).Raw("</p>");
            }
            h.Raw("</li>");
        }
        h.Raw("</ul></section>");
    }

    private static void Claims(Html h, JsonElement rollup, List<Member> members)
    {
        h.Raw("<section aria-labelledby=\"claims-h\"><h2 id=\"claims-h\">Claims by side</h2>");
        var contradictions = Array(rollup, "contradictions").ToList();
        if (contradictions.Count > 0)
        {
            h.Raw("<h3>Contradictions</h3>");
            foreach (var c in contradictions.Take(20))
            {
                h.Raw("<div class=\"card contradiction\" role=\"note\"><p><strong>").T(Str(c, "kind") ?? "contradiction").Raw("</strong>");
                if (Str(c, "reason") is { } why) h.Raw(": ").T(why);
                h.Raw("</p><div class=\"grid2\">");
                foreach (var side in new[] { "a", "b" })
                {
                    if (!c.TryGetProperty(side, out var x)) continue;
                    var claim = x.TryGetProperty("claim", out var inner) ? inner : x;
                    h.Raw("<div><p class=\"meta\">").T(Str(claim, "side") ?? Str(x, "side") ?? "unknown side").Raw(" · ").T(Str(x, "source") ?? Str(claim, "source"));
                    if ((Long(x, "doc_id") ?? Long(claim, "doc_id")) is { } doc) h.Raw(" · ").Link($"/documents/{doc}", $"#{doc}");
                    h.Raw("</p><blockquote>").T(Str(claim, "text")).Raw("</blockquote></div>");
                }
                h.Raw("</div></div>");
            }
        }
        var sides = Array(rollup, "claims").Select(s => (Side: Str(s, "side") ?? "Unknown side",
            Claims: Array(s, "claims").Select(c => (Text: Str(c, "text") ?? "", Speaker: Str(c, "speaker"), Doc: Long(c, "doc_id"), Source: Str(c, "source"))).ToList())).ToList();
        if (sides.Count == 0)
        {
            // Without the story roll-up: the documents' own claims, by side.
            sides = [.. members.Where(m => m.View is not null).SelectMany(m => m.View!.Claims.Select(c => (m, c)))
                .GroupBy(x => x.c.Side ?? "Unknown side")
                .Select(g => (g.Key, g.Select(x => (x.c.Text, x.c.SpeakerEntity ?? x.c.Speaker, (long?)x.m.Info.Id, (string?)x.m.Source)).ToList()))];
        }
        if (sides.Count == 0 && contradictions.Count == 0) { h.Raw("<p class=\"muted\">No claims found in this story's documents.</p></section>"); return; }
        h.Raw("<div class=\"sources\">");
        foreach (var (side, claims) in sides.OrderByDescending(s => s.Claims.Count).Take(12))
        {
            h.Raw("<div class=\"card side\"><h3>").T(side).Raw("</h3>");
            foreach (var c in claims.Take(10))
            {
                h.Raw("<blockquote>").T(c.Text).Raw("</blockquote><p class=\"meta\">").T(Storyline.Core.Quote.ShortSpeaker(c.Speaker) ?? "");
                if (c.Source is { } src) h.Raw(" · ").T(src);
                if (c.Doc is { } doc) h.Raw(" · ").Link($"/documents/{doc}", $"#{doc}");
                h.Raw("</p>");
            }
            h.Raw("</div>");
        }
        h.Raw("</div></section>");
    }

    private static void Entities(Html h, List<Member> members)
    {
        var ents = members.Where(m => m.View is not null).SelectMany(m => m.View!.Entities.Select(e => (m.Info.Id, e)))
            .GroupBy(x => (x.e.Name, x.e.Type)).Select(g => (g.Key.Name, g.Key.Type, Docs: g.Select(x => x.Id).Distinct().Count(), Country: g.First().e.Country))
            .OrderByDescending(x => x.Docs).ThenBy(x => x.Name, StringComparer.Ordinal).Take(40).ToList();
        h.Raw("<section aria-labelledby=\"entities-h\"><h2 id=\"entities-h\">Entities</h2>");
        if (ents.Count == 0) { h.Raw("<p class=\"muted\">No entities found.</p></section>"); return; }
        h.Raw("<ul class=\"tag-list\">");
        foreach (var e in ents)
            h.Raw("<li>").Link(Html.Query("/entity", ("name", e.Name), ("type", e.Type)), $"{e.Name} · {e.Type} · {e.Docs}").Raw("</li>");
        h.Raw("</ul></section>");
    }

    private static void Places(Html h, List<Member> members)
    {
        var places = members.Where(m => m.View is not null).SelectMany(m => m.View!.Places).Where(p => p.Lat is not null && p.Lon is not null)
            .GroupBy(p => p.Name).Select(g => new Svg.Place(g.Key, g.First().Lat!.Value, g.First().Lon!.Value, g.Count())).ToList();
        if (places.Count == 0) return;
        h.Raw("<section aria-labelledby=\"places-h\"><h2 id=\"places-h\">Places</h2>");
        Svg.Map(h, places, "Map of the places this story mentions");
        h.Raw("<ul class=\"tag-list\">");
        foreach (var p in places.OrderByDescending(p => p.Count).Take(20)) h.Raw("<li><span class=\"badge\">").T($"{p.Name} ({p.Count})").Raw("</span></li>");
        h.Raw("</ul></section>");
    }
}
