using Storyline.Core.Storage;
using Storyline.Engine.Views;
using Storyline.Stories.Engine;
using Storyline.Web.Api;

namespace Storyline.Web;

/// <summary>What the API and the pages both ask of the store: one place, so the pages show exactly what the API answers.</summary>
public static class Queries
{
    /// <summary>The <c>show ID --json</c> view of a document, with its story relations; null when there is none.</summary>
    public static DocumentView? Document(StorePool.Lease lease, long id)
    {
        var doc = lease.Store.Get(id);
        if (doc is null) return null;
        var view = DocumentView.From(doc, lease.Store.Sightings(id));
        if (lease.Stories is { } stories)
        {
            var engine = stories.Engine;
            var rel = engine.Relations(id);
            view = view with
            {
                StoryId = engine.StoryOf(id)?.Id,
                Copies = rel.Copies, Rewrites = rel.Rewrites, Versions = rel.Versions, Original = rel.Original,
                PublishedInferred = doc.Metadata.Published is null ? engine.InferDate(id) : null,
            };
        }
        return view;
    }

    /// <summary>The <c>story ID --json</c> detail of a story; null when there is none.</summary>
    public static StoryDetail? Story(StorePool.Lease lease, long id) => lease.Stories?.Engine.Detail(id);

    public static DocumentListItem Item(DocRow d) => new(d.Id, d.Title, d.Source, d.Publisher,
        d.Published is { } p ? DocumentView.FormatDate(p, p.TimeOfDay == TimeSpan.Zero) : null, d.Language, d.ContentHash, d.StoryId);

    /// <summary>
    /// Most hits a search ranks (filters, facets and paging work over these). Ranking costs the same for 100 or 1,000
    /// kept hits (the store scores every match either way, without reading any text); snippets are made for one page only.
    /// </summary>
    public const int MaxSearchHits = 1000;

    /// <summary>Search filters; every one optional.</summary>
    public sealed record SearchFilter(string? Source = null, string? Language = null, DateTimeOffset? From = null, DateTimeOffset? To = null, string? Type = null);

    /// <summary>
    /// Full-text search with filters, facets and one page of results. The store ranks the best
    /// <see cref="MaxSearchHits"/> matches (ids and scores, no text); filters and facets look the hits up in the
    /// catalog (in memory); snippets are built for the page's hits only. So a search costs the ranking plus one page,
    /// however many documents match.
    /// </summary>
    public static SearchResponse Search(StorePool.Lease lease, Catalog.Snapshot snap, string q, int offset, int limit, SearchFilter filter)
    {
        var ranking = lease.Store.Rank(q, MaxSearchHits);
        var rows = new List<(SearchHit Hit, DocRow? Doc)>(ranking.Hits.Count);
        foreach (var h in ranking.Hits) rows.Add((h, snap.DocsById.GetValueOrDefault(h.Id)));

        // Which filters each hit fails, so a facet can count the hits that pass all the other filters.
        const int BySource = 1, ByLanguage = 2, ByDate = 4, ByType = 8;
        var fails = new int[rows.Count];
        for (int i = 0; i < rows.Count; i++)
        {
            var d = rows[i].Doc;
            int f = 0;
            if (filter.Source is { Length: > 0 } src && !(d is not null && string.Equals(d.Source ?? d.Publisher, src, StringComparison.OrdinalIgnoreCase))) f |= BySource;
            if (filter.Language is { Length: > 0 } lang && !string.Equals(d?.Language, lang, StringComparison.OrdinalIgnoreCase)) f |= ByLanguage;
            if ((filter.From is { } a && !(d is not null && d.When >= a)) || (filter.To is { } b && !(d is not null && d.When < b))) f |= ByDate;
            if (filter.Type is { Length: > 0 } type && !string.Equals(d?.Type, type, StringComparison.OrdinalIgnoreCase)) f |= ByType;
            fails[i] = f;
        }
        List<FacetValue> FacetOf(int own, Func<DocRow, string?> value)
        {
            var counts = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            for (int i = 0; i < rows.Count; i++)
                if ((fails[i] & ~own) == 0 && rows[i].Doc is { } d && value(d) is { Length: > 0 } v)
                    counts[v] = counts.GetValueOrDefault(v) + 1;
            return [.. counts.Select(kv => new FacetValue(kv.Key, kv.Value)).OrderByDescending(v => v.Count).ThenBy(v => v.Value, StringComparer.Ordinal).Take(20)];
        }
        var facets = new SearchFacets(
            FacetOf(BySource, d => d.Source ?? d.Publisher),
            FacetOf(ByLanguage, d => d.Language),
            FacetOf(ByDate, d => d.When.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)))
        { Type = FacetOf(ByType, d => d.Type) };

        var filtered = new List<(SearchHit Hit, DocRow? Doc)>();
        for (int i = 0; i < rows.Count; i++) if (fails[i] == 0) filtered.Add(rows[i]);
        var page = filtered.Skip(offset).Take(limit).ToList();
        var snippets = page.Count == 0 ? new Dictionary<long, string>() : lease.Store.Snippets(q, [.. page.Select(r => r.Hit.Id)]);
        var results = page.Select(r => new SearchResult(r.Hit.Id, r.Doc?.Title ?? r.Hit.Title, snippets.GetValueOrDefault(r.Hit.Id, ""), r.Hit.Score,
            r.Doc?.Source ?? r.Doc?.Publisher, r.Doc?.Publisher,
            r.Doc?.Published is { } p ? DocumentView.FormatDate(p, p.TimeOfDay == TimeSpan.Zero) : null, r.Doc?.Language, r.Doc?.StoryId) { Type = r.Doc?.Type }).ToList();
        return new SearchResponse(q, filtered.Count, offset, limit, ranking.Total > ranking.Hits.Count, results, facets)
        {
            Matched = ranking.Total, Ranked = ranking.Hits.Count,
        };
    }

    /// <summary>Documents that mention an entity (by name, as a phrase), for the stories' entity filter.</summary>
    public static HashSet<long> DocumentsMentioning(StorePool.Lease lease, string entity)
    {
        var phrase = "\"" + entity.Replace("\"", " ", StringComparison.Ordinal).Trim() + "\"";
        try { return [.. lease.Store.Rank(phrase, 2000).Hits.Select(h => h.Id)]; }
        catch (Storyline.Core.StorylineException) { return []; }
    }
}
