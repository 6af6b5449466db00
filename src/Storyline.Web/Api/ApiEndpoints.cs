using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Storyline.Core;
using Storyline.Core.Storage;
using Storyline.Engine.Views;
using Storyline.Stories.Diff;
using Storyline.Stories.Engine;

namespace Storyline.Web.Api;

/// <summary>The JSON API: every read the CLI has (docs, show, stories, story, search, entities, quotes, events, diff) and ingest.</summary>
public static class ApiEndpoints
{
    public const int DefaultLimit = 50, MaxLimit = 500;

    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Storyline");

        api.MapGet("/documents", Documents).WithName("listDocuments")
            .WithSummary("List stored documents (docs --json), oldest stored first, with filters and paging");
        api.MapGet("/documents/{id}", Document).WithName("getDocument")
            .WithSummary("One document with everything known about it (show ID --json)");
        api.MapGet("/documents/{id}/diff/{other}", Diff).WithName("diffDocuments")
            .WithSummary("Sentence-level diff of two documents (diff ID1 ID2 --json)");
        api.MapGet("/stories", Stories).WithName("listStories")
            .WithSummary("List stories (stories --json), newest and biggest first, with filters and paging");
        api.MapGet("/stories/{id}", Story).WithName("getStory")
            .WithSummary("One story with its documents and summary (story ID --json)");
        api.MapGet("/search", Search).WithName("search")
            .WithSummary("Full-text search (search QUERY --json) with filters and facets");
        api.MapGet("/entities", Entities).WithName("listEntities")
            .WithSummary("Entities across the store (entities --json), most documents first");
        api.MapGet("/quotes", Quotes).WithName("listQuotes")
            .WithSummary("Quotes across the store (quotes --json), filtered by speaker, text, kind or document");
        api.MapGet("/events", Events).WithName("listEvents")
            .WithSummary("Events across the store (events --json), filtered by actor, target, CAMEO, PLOVER or date");
        api.MapPost("/ingest", Ingest).WithName("ingest")
            .WithSummary("Ingest uploaded files and/or pasted text (ingest --json); needs the API key")
            .RequireRateLimiting(StorylineWebApp.WritePolicy)
            .DisableAntiforgery()
            .Accepts<IngestForm>("multipart/form-data")
            .Produces<IngestResponse>()
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(413).ProducesProblem(429);
        app.MapGet("/healthz", () => TypedResults.Ok(new Health("ok"))).WithTags("Storyline").WithName("health").WithSummary("Liveness");
    }

    /// <summary>The form an upload sends (documentation only: the handler reads the form itself, within limits).</summary>
    public sealed record IngestForm(IFormFileCollection? Files, string? Text);

    public sealed record Health(string Status);

    // ---- helpers ----

    /// <summary>Paging values or a problem: offset ≥ 0, 1 ≤ limit ≤ 500.</summary>
    internal static ProblemHttpResult? BadPaging(int? offset, int? limit)
    {
        if (offset is < 0) return Bad($"offset must be 0 or more (got {offset})");
        if (limit is < 1 or > MaxLimit) return Bad($"limit must be between 1 and {MaxLimit} (got {limit})");
        return null;
    }

    internal static ProblemHttpResult Bad(string detail, ErrorCode code = ErrorCode.SL5001) =>
        TypedResults.Problem(detail, statusCode: 400, title: "Bad request", extensions: new Dictionary<string, object?> { ["code"] = code.ToString() });

    internal static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: 404, title: "Not found", extensions: new Dictionary<string, object?> { ["code"] = nameof(ErrorCode.SL4004) });

    internal static bool TryId(string raw, out long id) =>
        long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0;

    internal static ProblemHttpResult BadId(string raw, string what) =>
        Bad($"'{raw}' is not a {what} id (a positive whole number)", ErrorCode.SL5002);

    // ---- endpoints ----

    public static async Task<Results<Ok<DocumentPage>, ProblemHttpResult>> Documents(Catalog catalog,
        int? offset, int? limit, string? source, string? language, string? from, string? to, long? story, string? q, CancellationToken ct)
    {
        if (BadPaging(offset, limit) is { } bad) return bad;
        if (!Catalog.TryParseDate(from, false, out var f)) return Bad($"'from' is not a date (yyyy-MM-dd): '{from}'");
        if (!Catalog.TryParseDate(to, true, out var t)) return Bad($"'to' is not a date (yyyy-MM-dd): '{to}'");
        var snap = await catalog.GetAsync(ct);
        var rows = Catalog.FilterDocs(snap, new DocFilter(f, t, source, language, story, q));
        int o = offset ?? 0, l = limit ?? DefaultLimit;
        return TypedResults.Ok(new DocumentPage(rows.Count, o, l, [.. rows.Skip(o).Take(l).Select(Queries.Item)]));
    }

    public static async Task<Results<Ok<DocumentView>, ProblemHttpResult>> Document(StorePool pool, string id, CancellationToken ct)
    {
        if (!TryId(id, out var docId)) return BadId(id, "document");
        using var lease = await pool.RentAsync(ct);
        var view = Queries.Document(lease, docId);
        return view is null ? NotFound($"no document with id {docId}") : TypedResults.Ok(view);
    }

    public static async Task<Results<Ok<DiffResponse>, ProblemHttpResult>> Diff(StorePool pool, string id, string other, CancellationToken ct)
    {
        if (!TryId(id, out var a)) return BadId(id, "document");
        if (!TryId(other, out var b)) return BadId(other, "document");
        using var lease = await pool.RentAsync(ct);
        var da = lease.Store.Get(a);
        var db = lease.Store.Get(b);
        if (da is null || db is null) return NotFound($"no document with id {(da is null ? a : b)}");
        var diff = SentenceDiff.Compare(da.Text, db.Text);
        return TypedResults.Ok(new DiffResponse(a, b, diff.Same, diff.Changed, diff.Added, diff.Removed, diff.Entries));
    }

    public static async Task<Results<Ok<StoryPage>, ProblemHttpResult>> Stories(Catalog catalog, StorePool pool,
        int? offset, int? limit, string? from, string? to, string? source, string? entity, string? language, string? sort, CancellationToken ct)
    {
        if (BadPaging(offset, limit) is { } bad) return bad;
        if (!Catalog.TryParseDate(from, false, out var f)) return Bad($"'from' is not a date (yyyy-MM-dd): '{from}'");
        if (!Catalog.TryParseDate(to, true, out var t)) return Bad($"'to' is not a date (yyyy-MM-dd): '{to}'");
        if (sort is not (null or "" or "newest" or "biggest")) return Bad($"sort must be 'newest' or 'biggest' (got '{sort}')");
        var (rows, _) = await FilterStories(catalog, pool, new StoryFilter(f, t, Blank(source), Blank(entity), Blank(language), sort is { Length: > 0 } ? sort : "newest"), ct);
        int o = offset ?? 0, l = limit ?? DefaultLimit;
        return TypedResults.Ok(new StoryPage(rows.Count, o, l, [.. rows.Skip(o).Take(l).Select(r => r.View)]));
    }

    internal static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>Stories matching a filter (the entity filter reads which documents mention the entity).</summary>
    internal static async Task<(List<StoryRow> Rows, Catalog.Snapshot Snap)> FilterStories(Catalog catalog, StorePool pool, StoryFilter filter, CancellationToken ct)
    {
        var snap = await catalog.GetAsync(ct);
        HashSet<long>? entityDocs = null;
        if (filter.Entity is { } e)
        {
            using var lease = await pool.RentAsync(ct);
            entityDocs = Queries.DocumentsMentioning(lease, e);
        }
        return (Catalog.FilterStories(snap, filter, entityDocs), snap);
    }

    public static async Task<Results<Ok<StoryDetail>, ProblemHttpResult>> Story(StorePool pool, string id, CancellationToken ct)
    {
        if (!TryId(id, out var storyId)) return BadId(id, "story");
        using var lease = await pool.RentAsync(ct);
        var detail = Queries.Story(lease, storyId);
        return detail is null ? NotFound($"no story with id {storyId}") : TypedResults.Ok(detail);
    }

    public static async Task<Results<Ok<SearchResponse>, ProblemHttpResult>> Search(Catalog catalog, StorePool pool,
        string? q, int? offset, int? limit, string? source, string? language, string? from, string? to, string? type, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(q)) return Bad("q is required: the words to find");
        if (q.Length > 500) return Bad("q is too long (at most 500 characters)");
        if (BadPaging(offset, limit) is { } bad) return bad;
        if (!Catalog.TryParseDate(from, false, out var f)) return Bad($"'from' is not a date (yyyy-MM-dd): '{from}'");
        if (!Catalog.TryParseDate(to, true, out var t)) return Bad($"'to' is not a date (yyyy-MM-dd): '{to}'");
        if (Blank(type) is { } ty && !DocTypes.All.Contains(ty, StringComparer.OrdinalIgnoreCase))
            return Bad($"type must be one of {string.Join(", ", DocTypes.All)} (got '{type}')");
        var snap = await catalog.GetAsync(ct);
        using var lease = await pool.RentAsync(ct);
        return TypedResults.Ok(Queries.Search(lease, snap, q, offset ?? 0, limit ?? 20, new Queries.SearchFilter(Blank(source), Blank(language), f, t, Blank(type))));
    }

    public static async Task<Results<Ok<EntityPage>, ProblemHttpResult>> Entities(Catalog catalog, EntityCache entities,
        string? type, string? q, int? offset, int? limit, CancellationToken ct)
    {
        if (BadPaging(offset, limit) is { } bad) return bad;
        if (type is { Length: > 0 } && type is not ("PER" or "ORG" or "LOC" or "MISC")) return Bad($"type must be PER, ORG, LOC or MISC (got '{type}')");
        var snap = await catalog.GetAsync(ct);
        IEnumerable<EntitySummary> all = await entities.GetAsync(snap, Blank(type), ct);
        if (Blank(q) is { } name) all = all.Where(e => e.Name.Contains(name, StringComparison.OrdinalIgnoreCase));
        var list = all.ToList();
        int o = offset ?? 0, l = limit ?? DefaultLimit;
        return TypedResults.Ok(new EntityPage(list.Count, o, l, [.. list.Skip(o).Take(l)]));
    }

    public static async Task<Results<Ok<QuotePage>, ProblemHttpResult>> Quotes(StorePool pool,
        string? speaker, string? text, string? kind, long? doc, int? offset, int? limit, CancellationToken ct)
    {
        if (BadPaging(offset, limit) is { } bad) return bad;
        int o = offset ?? 0, l = limit ?? DefaultLimit;
        using var lease = await pool.RentAsync(ct);
        var page = lease.Store.SearchQuotes(new QuoteQuery { Speaker = Blank(speaker), Text = Blank(text), Kind = Blank(kind), DocId = doc, Offset = o, Limit = l });
        return TypedResults.Ok(new QuotePage(page.Total, o, l, [.. page.Items.Select(StoredQuoteView.From)]));
    }

    public static async Task<Results<Ok<EventPage>, ProblemHttpResult>> Events(StorePool pool,
        string? actor, string? target, string? cameo, string? plover, string? from, string? to, long? doc, int? offset, int? limit, CancellationToken ct)
    {
        if (BadPaging(offset, limit) is { } bad) return bad;
        DateOnly? f = null, t = null;
        if (Blank(from) is { } fs) { if (!DateOnly.TryParseExact(fs, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var v)) return Bad($"'from' is not a date (yyyy-MM-dd): '{from}'"); f = v; }
        if (Blank(to) is { } ts) { if (!DateOnly.TryParseExact(ts, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var v)) return Bad($"'to' is not a date (yyyy-MM-dd): '{to}'"); t = v; }
        int o = offset ?? 0, l = limit ?? DefaultLimit;
        using var lease = await pool.RentAsync(ct);
        var page = lease.Store.SearchEvents(new EventQuery
        {
            Actor = Blank(actor), Target = Blank(target), Cameo = Blank(cameo), Plover = Blank(plover), From = f, To = t, DocId = doc, Offset = o, Limit = l,
        });
        return TypedResults.Ok(new EventPage(page.Total, o, l, [.. page.Items.Select(StoredEventView.From)]));
    }

    public static async Task<Results<Ok<IngestResponse>, ProblemHttpResult>> Ingest(HttpContext ctx, IngestRunner runner, WebOptions options, CancellationToken ct)
    {
        if (!Security.KeyMatches(Security.KeyOf(ctx.Request), options.ApiKey))
            return TypedResults.Problem($"writes need the API key: send it as {Security.KeyHeader} or Authorization: Bearer", statusCode: 401,
                title: "API key required", extensions: new Dictionary<string, object?> { ["code"] = nameof(ErrorCode.SL5001) });
        var (inputs, error, status) = await runner.ReadUploadAsync(ctx, ct);
        if (error is not null)
            return status == 413
                ? TypedResults.Problem(error, statusCode: 413, title: "Upload too large", extensions: new Dictionary<string, object?> { ["code"] = nameof(ErrorCode.SL5001) })
                : Bad(error);
        return TypedResults.Ok(await runner.IngestAsync(inputs, ct));
    }
}

