using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Storyline.Web.Api;

namespace Storyline.Web.Pages;

/// <summary>All documents, with filters and paging.</summary>
public static class DocumentsPage
{
    public static async Task<IResult> RenderList(HttpRequest req, Catalog catalog, StorePool pool, CancellationToken ct)
    {
        var q = req.Query;
        string? from = q["from"], to = q["to"], source = ApiEndpoints.Blank(q["source"]), language = ApiEndpoints.Blank(q["language"]), title = ApiEndpoints.Blank(q["title"]);
        int offset = PageEndpoints.Offset(q["offset"]);
        var errors = new List<string>();
        if (!Catalog.TryParseDate(from, false, out var f)) { errors.Add($"'{from}' is not a date (yyyy-mm-dd)"); f = null; }
        if (!Catalog.TryParseDate(to, true, out var t)) { errors.Add($"'{to}' is not a date (yyyy-mm-dd)"); t = null; }
        var snap = await catalog.GetAsync(ct);
        var rows = Catalog.FilterDocs(snap, new DocFilter(f, t, source, language, null, title));
        (string, string?)[] query = [("from", from), ("to", to), ("source", source), ("language", language), ("title", title)];
        var shown = rows.Skip(offset).Take(PageEndpoints.PageSize * 2).ToList();
        // Untitled rows get their first words (read once per document, then kept).
        var titles = new Dictionary<long, Label>();
        if (shown.Any(d => string.IsNullOrWhiteSpace(d.Title)))
        {
            using var lease = await pool.RentAsync(ct);
            foreach (var d in shown) titles[d.Id] = Labels.TitleOf(lease, pool.Location, d.Id, d.Title);
        }
        return Layout.Page("Documents", "documents", h =>
        {
            h.E("h1", "Documents");
            h.Raw("<form class=\"filters\" method=\"get\" action=\"/documents\" aria-label=\"Filter documents\">");
            PageEndpoints.Input(h, "title", "Title contains", title);
            PageEndpoints.Input(h, "from", "From", from, "date");
            PageEndpoints.Input(h, "to", "To", to, "date");
            PageEndpoints.Select(h, "source", "Source", source, snap.Sources.Take(200).Select(s => (s.Value, $"{s.Value} ({s.Count})")));
            PageEndpoints.Select(h, "language", "Language", language, snap.Languages.Select(s => (s.Value, $"{s.Value} ({s.Count})")));
            h.Raw("<div><button type=\"submit\">Filter</button></div></form>");
            foreach (var e in errors) Layout.Note(h, e, "error");
            if (rows.Count == 0) { Layout.Note(h, "No document matches."); return; }
            h.Raw("<div class=\"table-wrap\"><table><caption class=\"sr\">Documents</caption><thead><tr><th scope=\"col\">#</th><th scope=\"col\">Title</th><th scope=\"col\">Source</th><th scope=\"col\">Published</th><th scope=\"col\">Language</th><th scope=\"col\">Story</th></tr></thead><tbody>");
            foreach (var d in shown)
            {
                h.Raw("<tr><td>").N(d.Id).Raw("</td><td>").Link($"/documents/{d.Id}", titles.TryGetValue(d.Id, out var tl) ? tl : Labels.Title(d.Title, null, d.Id)).Raw("</td><td>")
                 .Label(Labels.Source(d.Source, d.Publisher)).Raw("</td><td class=\"nowrap\">").T(Html.Date(d.Published)).Raw("</td><td>").T(d.Language).Raw("</td><td>");
                if (d.StoryId is { } s) h.Link($"/stories/{s}", $"{s}");
                h.Raw("</td></tr>");
            }
            h.Raw("</tbody></table></div>");
            Layout.Pager(h, "/documents", query, offset, PageEndpoints.PageSize * 2, rows.Count);
        });
    }
}

/// <summary>Entities: the list, and one entity with its stories and quotes over time.</summary>
public static class EntitiesPage
{
    public static async Task<IResult> RenderList(HttpRequest req, Catalog catalog, EntityCache entities, CancellationToken ct)
    {
        var type = req.Query["type"].ToString() is "PER" or "ORG" or "LOC" or "MISC" ? req.Query["type"].ToString() : null;
        var name = ApiEndpoints.Blank(req.Query["q"]);
        int offset = PageEndpoints.Offset(req.Query["offset"]);
        var snap = await catalog.GetAsync(ct);
        IEnumerable<Storyline.Core.Storage.EntitySummary> all = await entities.GetAsync(snap, type, ct);
        if (name is not null) all = all.Where(e => e.Name.Contains(name, StringComparison.OrdinalIgnoreCase));
        var list = all.ToList();
        return Layout.Page("Entities", "entities", h =>
        {
            h.E("h1", "Entities");
            h.Raw("<form class=\"filters\" method=\"get\" action=\"/entities\" aria-label=\"Filter entities\">");
            PageEndpoints.Input(h, "q", "Name contains", name);
            PageEndpoints.Select(h, "type", "Type", type, [("PER", "People"), ("ORG", "Organisations"), ("LOC", "Places"), ("MISC", "Other")]);
            h.Raw("<div><button type=\"submit\">Filter</button></div></form>");
            if (list.Count == 0) { Layout.Note(h, "No entity matches."); return; }
            h.Raw("<div class=\"table-wrap\"><table><caption class=\"sr\">Entities</caption><thead><tr><th scope=\"col\">Name</th><th scope=\"col\">Type</th><th scope=\"col\">Role</th><th scope=\"col\">Country</th><th scope=\"col\">Documents</th><th scope=\"col\">Mentions</th></tr></thead><tbody>");
            foreach (var e in list.Skip(offset).Take(50))
                h.Raw("<tr><td>").Link(Html.Query("/entity", ("name", e.Name), ("type", e.Type)), e.Name).Raw("</td><td>").T(e.Type).Raw("</td><td>").T(e.Role)
                 .Raw("</td><td>").T(e.Country).Raw("</td><td>").N(e.Documents).Raw("</td><td>").N(e.Mentions).Raw("</td></tr>");
            h.Raw("</tbody></table></div>");
            Layout.Pager(h, "/entities", [("type", type), ("q", name)], offset, 50, list.Count);
        });
    }

    /// <summary>Documents read in full for an entity page at most.</summary>
    public const int MaxDocuments = 60;

    public static async Task<IResult> Render(HttpRequest req, Catalog catalog, EntityCache entities, StorePool pool, CancellationToken ct)
    {
        var name = ApiEndpoints.Blank(req.Query["name"]);
        var type = ApiEndpoints.Blank(req.Query["type"]);
        if (name is null) return PageEndpoints.Problem(400, "Which entity?", "Give the entity's name, as the entities list links do.");
        var snap = await catalog.GetAsync(ct);
        var known = (await entities.GetAsync(snap, null, ct)).Where(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase) && (type is null || e.Type == type)).ToList();
        using var lease = await pool.RentAsync(ct);
        var docIds = Queries.DocumentsMentioning(lease, name);
        var docs = new List<(DocRow Row, Storyline.Engine.Views.DocumentView View)>();
        foreach (var id in docIds.OrderByDescending(i => i).Take(MaxDocuments))
        {
            var d = lease.Store.Get(id);
            if (d is null || !snap.DocsById.TryGetValue(id, out var row)) continue;
            var v = Storyline.Engine.Views.DocumentView.From(d);
            if (v.Entities.Any(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase) && (type is null || e.Type == type))) docs.Add((row, v));
        }
        var quotes = lease.Store.SearchQuotes(new Storyline.Core.Storage.QuoteQuery { Speaker = name, Limit = 50 });
        var first = docs.SelectMany(d => d.View.Entities).FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase) && (type is null || e.Type == type));
        return Layout.Page(name, "entities", h =>
        {
            h.Raw("<p class=\"meta\"><a href=\"/entities\">Entities</a></p>");
            h.E("h1", name);
            h.Raw("<dl class=\"kv\"><dt>Type</dt><dd>").T(type ?? first?.Type ?? known.FirstOrDefault()?.Type ?? "unknown").Raw("</dd>")
             .Raw("<dt>Role</dt><dd>").T(first?.Role ?? known.FirstOrDefault()?.Role ?? "—").Raw("</dd>")
             .Raw("<dt>Country</dt><dd>").T(first?.Country ?? known.FirstOrDefault()?.Country ?? "—").Raw("</dd>")
             .Raw("<dt>Documents</dt><dd>").N(known.Count > 0 ? known.Sum(k => k.Documents) : docs.Count).Raw("</dd></dl>");
            var months = docs.GroupBy(d => d.Row.When.ToString("yyyy-MM", CultureInfo.InvariantCulture)).OrderBy(g => g.Key).Select(g => (g.Key, g.Count())).ToList();
            if (months.Count > 0)
            {
                h.Raw("<h2>Over time</h2>");
                Svg.Bars(h, months, $"Documents mentioning {name} per month");
            }
            h.Raw("<h2>Stories</h2>");
            var stories = docs.Where(d => d.Row.StoryId is not null).GroupBy(d => d.Row.StoryId!.Value)
                .Select(g => snap.StoriesById.GetValueOrDefault(g.Key)).Where(s => s is not null).OrderByDescending(s => s!.End).ToList();
            if (stories.Count == 0) h.Raw("<p class=\"muted\">No stories.</p>");
            else
            {
                h.Raw("<ul>");
                foreach (var s in stories.Take(50)) h.Raw("<li>").Link($"/stories/{s!.Id}", s.View.Title.Length > 0 ? s.View.Title : $"Story {s.Id}").Raw(" <span class=\"meta\">").T(PageEndpoints.Span(s.Start, s.End)).Raw("</span></li>");
                h.Raw("</ul>");
            }
            h.Raw("<h2>Quotes</h2>");
            if (quotes.Items.Count == 0) h.Raw("<p class=\"muted\">No quotes attributed.</p>");
            foreach (var q in quotes.Items.OrderBy(q => q.Published ?? DateTimeOffset.MaxValue))
                h.Raw("<blockquote>").T(q.Quote.Text).Raw("</blockquote><p class=\"meta\">").T(Html.Date(q.Published)).Raw(" · ").Link($"/documents/{q.DocId}", Labels.TitleOf(lease, pool.Location, q.DocId, q.Title)).Raw("</p>");
            h.Raw("<h2>Documents</h2><ul>");
            foreach (var d in docs.OrderByDescending(d => d.Row.When)) h.Raw("<li>").Link($"/documents/{d.Row.Id}", Labels.Title(d.Row.Title, d.View.Text, d.Row.Id)).Raw(" <span class=\"meta\">").T(Html.Date(d.Row.When)).Raw("</span></li>");
            h.Raw("</ul>");
        });
    }
}

/// <summary>Full-text search with highlighted snippets and facets.</summary>
public static partial class SearchPage
{
    public static async Task<IResult> Render(HttpRequest req, Catalog catalog, StorePool pool, CancellationToken ct)
    {
        var qs = req.Query;
        var q = ApiEndpoints.Blank(qs["q"]);
        string? source = ApiEndpoints.Blank(qs["source"]), language = ApiEndpoints.Blank(qs["language"]), month = ApiEndpoints.Blank(qs["month"]),
            type = ApiEndpoints.Blank(qs["type"]);
        int offset = PageEndpoints.Offset(qs["offset"]);
        SearchResponse? res = null;
        string? error = null;
        var titles = new Dictionary<long, Label>();
        if (q is { Length: > 500 }) { error = "The query is too long (at most 500 characters)."; q = q[..500]; }
        else if (q is not null)
        {
            DateTimeOffset? from = null, to = null;
            if (month is not null && DateTimeOffset.TryParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var m)) { from = m; to = m.AddMonths(1); }
            var snap = await catalog.GetAsync(ct);
            using var lease = await pool.RentAsync(ct);
            res = Queries.Search(lease, snap, q, offset, PageEndpoints.PageSize, new Queries.SearchFilter(source, language, from, to, type));
            foreach (var hit in res.Results) titles[hit.Id] = Labels.TitleOf(lease, pool.Location, hit.Id, hit.Title);
        }
        (string, string?)[] query = [("q", q), ("source", source), ("language", language), ("month", month), ("type", type)];
        return Layout.Page(q is null ? "Search" : $"Search: {q}", "search", h =>
        {
            h.E("h1", "Search");
            h.Raw("<form class=\"filters\" role=\"search\" method=\"get\" action=\"/search\"><div><label for=\"q\">Words to find</label><input id=\"q\" name=\"q\" type=\"search\" maxlength=\"500\"").A("value", q).Raw("></div>");
            if (source is not null) h.Raw("<input type=\"hidden\" name=\"source\"").A("value", source).Raw(">");
            if (language is not null) h.Raw("<input type=\"hidden\" name=\"language\"").A("value", language).Raw(">");
            if (month is not null) h.Raw("<input type=\"hidden\" name=\"month\"").A("value", month).Raw(">");
            if (type is not null) h.Raw("<input type=\"hidden\" name=\"type\"").A("value", type).Raw(">");
            h.Raw("<div><button type=\"submit\">Search</button></div></form>");
            h.Raw("<p class=\"meta\">Use \"quotes\" for a phrase and word* for a prefix.</p>");
            if (error is not null) Layout.Note(h, error, "error");
            if (res is null) return;
            h.Raw("<div class=\"with-aside\"><div>");
            bool filtered = source is not null || language is not null || month is not null || type is not null;
            var count = PageEndpoints.Plural(res.Total, "result", "results");
            if (res.Capped) count += string.Create(CultureInfo.InvariantCulture, $" among the best {res.Ranked:N0} of {res.Matched:N0} matching documents");
            else if (filtered && res.Matched != res.Total) count += string.Create(CultureInfo.InvariantCulture, $" of {res.Matched:N0} matching documents");
            h.Raw("<p class=\"muted\" id=\"hit-count\">").T(count).Raw("</p>");
            var terms = Terms(q!);
            foreach (var hit in res.Results)
            {
                h.Raw("<article class=\"hit card\"><h2>").Link($"/documents/{hit.Id}", titles.TryGetValue(hit.Id, out var tl) ? tl : Labels.Title(hit.Title, null, hit.Id)).Raw("</h2><p class=\"snippet\">");
                Snippet(h, hit.Snippet, terms);
                h.Raw("</p><p class=\"meta\">").Label(Labels.Source(hit.Source)).Raw(" · ");
                // The day is enough in a list (the API keeps the full timestamp).
                if (hit.Published is { Length: > 10 } full && full[10] == 'T') h.Raw("<time").A("datetime", full).Raw(">").T(full[..10]).Raw("</time>");
                else h.T(hit.Published ?? "date unknown");
                if (hit.Language is { } l) h.Raw(" · ").T(l);
                if (hit.Type is { } ty) h.Raw(" · ").T(DocTypes.Label(ty));
                if (hit.StoryId is { } s) h.Raw(" · ").Link($"/stories/{s}", $"story {s}");
                h.Raw(" · relevance ").N(hit.Score, "0.00").Raw("</p></article>");
            }
            Layout.Pager(h, "/search", query, offset, PageEndpoints.PageSize, res.Total);
            h.Raw("</div><aside class=\"facets\" aria-label=\"Refine\">");
            Facet(h, "Source", "source", source, res.Facets.Source, query);
            Facet(h, "Language", "language", language, res.Facets.Language, query);
            Facet(h, "Month", "month", month, res.Facets.Month, query);
            Facet(h, "Type of document", "type", type, res.Facets.Type, query, DocTypes.Label);
            h.Raw("</aside></div>");
        });
    }

    private static void Facet(Html h, string title, string name, string? current, IReadOnlyList<FacetValue> values, (string, string?)[] query,
        Func<string, string>? label = null)
    {
        if (values.Count == 0) return;
        h.Raw("<section class=\"card\"><h2>").T(title).Raw("</h2><ul>");
        foreach (var v in values)
        {
            // A new refinement starts at the first page of results.
            var q = query.Where(x => x.Item1 != "offset").Select(x => x.Item1 == name ? (x.Item1, (string?)v.Value) : x).ToArray();
            var text = label?.Invoke(v.Value) ?? v.Value;
            h.Raw("<li>");
            if (string.Equals(current, v.Value, StringComparison.OrdinalIgnoreCase))
                h.Raw("<strong>").T(text).Raw("</strong> ").Link(Html.Query("/search", [.. query.Where(x => x.Item1 != name)]), "(all)");
            else h.Link(Html.Query("/search", q), text);
            h.Raw("<span class=\"meta\">").N(v.Count).Raw("</span></li>");
        }
        h.Raw("</ul></section>");
    }

    private static List<string> Terms(string q) =>
        [.. WordRe().Matches(q).Select(m => m.Value.ToLowerInvariant()).Where(w => w.Length >= 2 && w is not ("and" or "or" or "not" or "near"))];

    /// <summary>
    /// The store marks matches with [ ] in snippets; a document's own brackets look the same, so only bracketed words
    /// that start like a query term become highlights. Everything is encoded; only our own mark tags are added.
    /// </summary>
    internal static void Snippet(Html h, string snippet, List<string> terms)
    {
        int i = 0;
        foreach (Match m in MarkRe().Matches(snippet))
        {
            var inner = m.Groups[1].Value;
            var low = inner.ToLowerInvariant();
            bool hit = terms.Any(t => low.StartsWith(t.Length > 4 ? t[..4] : t, StringComparison.Ordinal) || t.StartsWith(low.Length > 4 ? low[..4] : low, StringComparison.Ordinal));
            if (!hit) continue;
            h.T(snippet[i..m.Index]).Raw("<mark>").T(inner).Raw("</mark>");
            i = m.Index + m.Length;
        }
        h.T(snippet[i..]);
    }

    [GeneratedRegex(@"\[([^\[\]]{1,80})\]")] private static partial Regex MarkRe();
    [GeneratedRegex(@"[\p{L}\p{N}]+")] private static partial Regex WordRe();
}

/// <summary>Upload files or paste text; per-document results.</summary>
public static class IngestPage
{
    public static IResult RenderForm(HttpRequest req, WebOptions options) => Form(null, null, null, options, req);

    private static IResult Form(IngestResponse? result, string? error, string? pasted, WebOptions options, HttpRequest req, int status = 200) =>
        Layout.Page("Upload", "ingest", h =>
        {
            h.E("h1", "Upload documents");
            h.Raw("<p class=\"muted\">Text, HTML, RSS/Atom feeds, JSON Lines, WARC, optionally gzip'd: each is read, cleaned, analysed and joins a story. ")
             .T($"Up to {options.MaxUploadFiles} files, {options.MaxUploadBytes / (1024 * 1024)} MB in all.").Raw("</p>");
            if (error is not null) Layout.Note(h, error, "error");
            if (result is not null) Results(h, result);
            h.Raw("<form id=\"upload-form\" class=\"card\" method=\"post\" action=\"/ingest\" enctype=\"multipart/form-data\">")
             .Raw("<p><label for=\"files\">Files</label><input id=\"files\" name=\"files\" type=\"file\" multiple></p>")
             .Raw("<p><label for=\"text\">Or paste text</label><textarea id=\"text\" name=\"text\" maxlength=\"1000000\">").T(pasted).Raw("</textarea></p>")
             .Raw("<p><label for=\"api_key\">API key</label><input id=\"api_key\" name=\"api_key\" type=\"password\" autocomplete=\"current-password\" required");
            if (Security.KeyMatches(Security.KeyOf(req), options.ApiKey)) h.Raw(" placeholder=\"(remembered)\"");
            h.Raw("></p><p class=\"meta\">The key was printed by 'storyline serve' when it started (or set with --api-key / STORYLINE_API_KEY).</p>")
             .Raw("<p><button type=\"submit\">Upload and ingest</button></p>")
             .Raw("<div id=\"upload-progress\" class=\"progress\" hidden><span></span></div><p id=\"upload-status\" class=\"meta\" role=\"status\" aria-live=\"polite\"></p></form>");
        }, status);

    private static void Results(Html h, IngestResponse r)
    {
        Layout.Note(h, $"{r.Documents.Count} read: {r.New} new, {r.Duplicates} already stored, {r.Failed} failed, {r.Skipped} skipped ({r.Seconds.ToString("0.0", CultureInfo.InvariantCulture)} s).",
            r.Failed > 0 ? "error" : "ok");
        h.Raw("<div class=\"table-wrap\"><table id=\"ingest-results\"><caption class=\"sr\">Results</caption><thead><tr><th scope=\"col\">Input</th><th scope=\"col\">Result</th><th scope=\"col\">Document</th><th scope=\"col\">Error</th></tr></thead><tbody>");
        foreach (var d in r.Documents)
        {
            h.Raw("<tr><td>").T(d.Path).Raw("</td><td><span class=\"badge").Raw(d.Status == "failed" ? " bad" : d.Status == "new" ? " original" : "").Raw("\">").T(d.Status).Raw("</span></td><td>");
            if (d.Id is { } id) h.Link($"/documents/{id}", $"#{id}");
            h.Raw("</td><td>").T(d.Error is null ? "" : (d.Code is null ? "" : d.Code + ": ") + d.Error).Raw("</td></tr>");
        }
        h.Raw("</tbody></table></div>");
    }

    public static async Task<IResult> Submit(HttpContext ctx, IngestRunner runner, WebOptions options, CancellationToken ct)
    {
        // The key comes in the form (or a header/cookie); the body is read within the upload limit only after a cheap look at the key.
        string? pasted = null;
        try
        {
            var (inputs, error, status) = await runner.ReadUploadAsync(ctx, ct);
            if (status == 413) return Form(null, error, null, options, ctx.Request, 413);
            var form = ctx.Request.HasFormContentType ? await ctx.Request.ReadFormAsync(ct) : null;
            pasted = form?[IngestRunner.TextField].ToString();
            var key = form?[IngestRunner.KeyField].ToString() is { Length: > 0 } k ? k : Security.KeyOf(ctx.Request);
            if (!Security.KeyMatches(key, options.ApiKey)) return Form(null, "Wrong or missing API key.", pasted, options, ctx.Request, 401);
            if (error is not null) return Form(null, error, pasted, options, ctx.Request, 400);
            var result = await runner.IngestAsync(inputs, ct);
            return Form(result, null, null, options, ctx.Request);
        }
        catch (BadHttpRequestException ex)
        {
            return Form(null, ex.StatusCode == 413 ? $"The upload is too large (at most {options.MaxUploadBytes / (1024 * 1024)} MB)." : "The upload could not be read: " + ex.Message,
                null, options, ctx.Request, ex.StatusCode);
        }
        catch (InvalidDataException ex)
        {
            return Form(null, "The upload could not be read: " + ex.Message, null, options, ctx.Request, 400);
        }
    }
}

/// <summary>Where a private server's reader gives the key once (kept in an HttpOnly cookie).</summary>
public static class UnlockPage
{
    public static IResult RenderForm(HttpRequest req) => Form(req.Query["next"], null);

    private static IResult Form(string? next, string? error, int status = 200) => Layout.Page("Key required", "", h =>
    {
        h.E("h1", "This Storyline needs its key");
        if (error is not null) Layout.Note(h, error, "error");
        h.Raw("<form class=\"card\" method=\"post\" action=\"/unlock\"><input type=\"hidden\" name=\"next\"").A("value", LocalPath(next)).Raw(">")
         .Raw("<p><label for=\"key\">API key</label><input id=\"key\" name=\"key\" type=\"password\" required></p><p><button type=\"submit\">Continue</button></p></form>");
    }, status);

    public static async Task<IResult> Submit(HttpContext ctx, WebOptions options, CancellationToken ct)
    {
        var form = await ctx.Request.ReadFormAsync(ct);
        var next = LocalPath(form["next"]);
        if (!Security.KeyMatches(form["key"], options.ApiKey)) return Form(next, "Wrong key.", 401);
        ctx.Response.Cookies.Append(Security.KeyCookie, form["key"].ToString(), new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = ctx.Request.IsHttps, Path = "/", MaxAge = TimeSpan.FromDays(30),
        });
        return Results.Redirect(next);
    }

    /// <summary>Only a path on this site: never an open redirect to elsewhere ("//evil", "https://…", "/\\evil").</summary>
    internal static string LocalPath(string? next) =>
        next is { Length: > 1 } n && n[0] == '/' && n[1] != '/' && n[1] != '\\' && !n.Contains("://", StringComparison.Ordinal) ? n : "/";
}
