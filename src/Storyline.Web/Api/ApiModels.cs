using Storyline.Core.Storage;
using Storyline.Stories.Engine;

namespace Storyline.Web.Api;

// The API's JSON shapes. Each list answer is the CLI's `--json` object (same field names: `docs --json` has
// `total` and `documents`, `stories --json` has `stories`, ...) with paging fields added beside it.

/// <summary>One row of <c>docs --json</c>, plus the story it belongs to.</summary>
public sealed record DocumentListItem(long Id, string? Title, string? Source, string? Publisher, string? Published,
    string? Language, string ContentHash, long? StoryId);

public sealed record DocumentPage(long Total, int Offset, int Limit, IReadOnlyList<DocumentListItem> Documents);

public sealed record StoryPage(long Total, int Offset, int Limit, IReadOnlyList<StoryView> Stories);

public sealed record EntityPage(long Total, int Offset, int Limit, IReadOnlyList<EntitySummary> Entities);

/// <summary>A value of a facet and how many results have it.</summary>
public sealed record FacetValue(string Value, int Count);

/// <summary>
/// Facets of a search over the ranked hits. Each counts the hits that pass every other filter (so the values beside a
/// chosen one stay visible with their counts); <see cref="Type"/> values are the tokens of <c>type=</c>
/// (html, text, feed_item, jsonl, warc, not_article).
/// </summary>
public sealed record SearchFacets(IReadOnlyList<FacetValue> Source, IReadOnlyList<FacetValue> Language, IReadOnlyList<FacetValue> Month)
{
    public IReadOnlyList<FacetValue> Type { get; init; } = [];
}

/// <summary>
/// <c>search --json</c>: the query and its hits (best first), with paging and facets. <see cref="Total"/> counts the
/// results that can be paged through (the ranked hits that pass the filters); <see cref="Capped"/> says the ranking
/// stopped at the best <see cref="Ranked"/> of the <see cref="Matched"/> documents that match the words.
/// </summary>
public sealed record SearchResponse(string Query, long Total, int Offset, int Limit, bool Capped,
    IReadOnlyList<SearchResult> Results, SearchFacets Facets)
{
    /// <summary>Documents that match the words, before any filter.</summary>
    public long Matched { get; init; }
    /// <summary>Hits ranked (at most <see cref="Queries.MaxSearchHits"/>): filters and facets work over these.</summary>
    public int Ranked { get; init; }
}

/// <summary>A search hit as <c>search --json</c> prints it, plus where it was published, its story and its type of document.</summary>
public sealed record SearchResult(long Id, string? Title, string Snippet, double Score, string? Source, string? Publisher, string? Published,
    string? Language, long? StoryId)
{
    /// <summary>Type of document (a token of <see cref="DocTypes"/>); null for a document stored after the lists were read.</summary>
    public string? Type { get; init; }
}

/// <summary>One input of an upload, as <c>ingest --json</c> reports it.</summary>
public sealed record IngestItem(string Path, long? Id, string Status, string? Error, string? Code);

/// <summary><c>ingest --json</c>.</summary>
public sealed record IngestResponse(IReadOnlyList<IngestItem> Documents, int New, int Duplicates, int Failed, int Skipped, double Seconds);

/// <summary><c>diff ID1 ID2 --json</c>.</summary>
public sealed record DiffResponse(long From, long To, int Same, int Changed, int Added, int Removed,
    IReadOnlyList<Storyline.Stories.Diff.DiffEntry> Entries);
