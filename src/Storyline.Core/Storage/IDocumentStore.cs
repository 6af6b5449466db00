namespace Storyline.Core.Storage;

/// <summary>
/// The document store. One interface, two implementations: SQLite (embedded default) and PostgreSQL
/// (scale-out). Nothing outside the Storage projects knows which one is in use.
/// </summary>
public interface IDocumentStore : IDisposable
{
    /// <summary>
    /// Saves a batch in one transaction. A document whose content hash is already stored is not stored
    /// again: the existing id is returned with <see cref="SaveStatus.Duplicate"/> and the sighting recorded.
    /// Sets <see cref="Document.Id"/> on every document.
    /// </summary>
    IReadOnlyList<SaveResult> SaveBatch(IReadOnlyList<Document> docs);

    /// <summary>The stored document with its annotations (raw bytes included), or null.</summary>
    Document? Get(long id);

    IReadOnlyList<DocumentSummary> List(int limit = 100, int offset = 0);

    long Count();

    /// <summary>Full-text search over title and text, best first.</summary>
    IReadOnlyList<SearchHit> Search(string query, int limit = 20);

    /// <summary>
    /// Ranks full-text matches without building snippets (the cost is the ranking, not the text): the best
    /// <paramref name="limit"/> hits scored as <see cref="Search"/> scores them, each with an empty
    /// <see cref="SearchHit.Snippet"/>, and how many documents matched in all.
    /// </summary>
    SearchRanking Rank(string query, int limit);

    /// <summary>
    /// Snippets of <paramref name="query"/> (matches in [ ], as <see cref="Search"/> gives them) for the given
    /// documents, e.g. one page of ranked hits; documents that do not match are left out.
    /// </summary>
    IReadOnlyDictionary<long, string> Snippets(string query, IReadOnlyCollection<long> ids);

    /// <summary>Streams every stored document's raw bytes, in id order, for re-processing.</summary>
    IEnumerable<StoredRaw> ReadRaw();

    /// <summary>Replaces the analysis of already-stored documents (matched by <see cref="Document.Id"/>) in one transaction.</summary>
    void Replace(IReadOnlyList<Document> docs);

    /// <summary>
    /// Entities across the store: documents' entities with the same <see cref="Entity.Key"/> counted as one,
    /// most documents first. <paramref name="type"/> filters (PER, ORG, LOC, MISC).
    /// </summary>
    IReadOnlyList<EntitySummary> Entities(int limit = 100, int offset = 0, string? type = null);

    /// <summary>Every time the document was seen: path/URL and time.</summary>
    IReadOnlyList<Sighting> Sightings(long id);

    /// <summary>
    /// Quotes across the store (kept in an index written with each document's analysis), filtered by
    /// <paramref name="query"/>, in document id then quote order, one page at a time with the total that matched.
    /// </summary>
    QueryPage<QuoteHit> SearchQuotes(QuoteQuery query);

    /// <summary>
    /// Events across the store, filtered by <paramref name="query"/>, in date order (undated last), then document
    /// id and event order, one page at a time with the total that matched.
    /// </summary>
    QueryPage<EventHit> SearchEvents(EventQuery query);
}

/// <summary>One page of a store query and how many rows matched in all.</summary>
public sealed record QueryPage<T>(long Total, IReadOnlyList<T> Items);

/// <summary>
/// Which quotes to list. Every filter is optional (null lists all); they combine with AND.
/// <see cref="Speaker"/> matches, case- and accent-insensitively, whole words of the speaker as written
/// ("the official", "Wang Yi") or of the entity it resolved to ("Wang" finds "Wang Yi"), or equals the entity's key.
/// </summary>
public sealed record QuoteQuery
{
    public string? Speaker { get; init; }
    /// <summary>Whole words of the quoted text ("balloon", "civilian airship").</summary>
    public string? Text { get; init; }
    /// <summary>"direct", "mixed" or "reported".</summary>
    public string? Kind { get; init; }
    /// <summary>The cue lemma ("say", "according to").</summary>
    public string? Cue { get; init; }
    public long? DocId { get; init; }
    public int Limit { get; init; } = 50;
    public int Offset { get; init; }
}

/// <summary>
/// Which events to list. Every filter is optional; they combine with AND.
/// <see cref="Actor"/> and <see cref="Target"/> match whole words of the text or the resolved entity's name
/// (case- and accent-insensitive), the entity's key, or a CAMEO actor code by prefix ("CHN" finds CHN, CHNGOV, CHNMIL).
/// </summary>
public sealed record EventQuery
{
    public string? Actor { get; init; }
    public string? Target { get; init; }
    /// <summary>CAMEO event code or its prefix ("19" finds 190…196).</summary>
    public string? Cameo { get; init; }
    /// <summary>PLOVER category, case-insensitive ("ASSAULT").</summary>
    public string? Plover { get; init; }
    /// <summary>Events whose date (a day, month, week or year) overlaps [From, To]; undated events are left out when either is set.</summary>
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    /// <summary>True: only negated events; false: only events not negated; null: both.</summary>
    public bool? Negated { get; init; }
    /// <summary>True: only hypothetical events; false: only events reported as facts; null: both.</summary>
    public bool? Hypothetical { get; init; }
    public long? DocId { get; init; }
    public int Limit { get; init; } = 50;
    public int Offset { get; init; }
}

/// <summary>A stored quote with its document and the name and key of the speaker's entity (null when unresolved).</summary>
public sealed record QuoteHit(long DocId, int Index, string? Title, DateTimeOffset? Published, Quote Quote)
{
    public string? SpeakerName { get; init; }
    public string? SpeakerKey { get; init; }
    public string? ViaName { get; init; }
}

/// <summary>A stored event with its document, the text of its sentence, and the actor's and target's entity names and keys.</summary>
public sealed record EventHit(long DocId, int Index, string? Title, DateTimeOffset? Published, NewsEvent Event)
{
    public string? Sentence { get; init; }
    public string? ActorName { get; init; }
    public string? ActorKey { get; init; }
    public string? TargetName { get; init; }
    public string? TargetKey { get; init; }
}

public enum SaveStatus { New, Duplicate }

public sealed record SaveResult(long Id, SaveStatus Status);

public sealed record DocumentSummary(long Id, string? Title, string? Source, string? Publisher,
    DateTimeOffset? Published, string? Language, string ContentHash, DateTimeOffset FirstSeen)
{
    /// <summary>How the document came in (HTML page, text, feed item, JSON line, WARC record).</summary>
    public DocumentFormat Format { get; init; }

    /// <summary>True when the article check flagged it not an article (<see cref="Document.NotArticle"/>).</summary>
    public bool NotArticle { get; init; }
}

public sealed record SearchHit(long Id, string? Title, string Snippet, double Score);

/// <summary>The best hits of a query (no snippets) and how many documents matched in all.</summary>
public sealed record SearchRanking(long Total, IReadOnlyList<SearchHit> Hits)
{
    /// <summary>
    /// Matches ranked per query at most, in every store: when more match, the newest this many (highest ids) are ranked,
    /// so a common word costs the same at a million documents as at a thousand; the total still counts every match.
    /// </summary>
    public const int DefaultRankWindow = 2_000;
}

public sealed record StoredRaw(long Id, byte[] Raw, DocumentFormat Format, DocumentOrigin Origin);

/// <summary>Where a document was seen: <see cref="SeenAt"/> is the first time; the same place seen again counts, it adds no row.</summary>
public sealed record Sighting(string Path, string? Locator, string? Url, DateTimeOffset SeenAt)
{
    /// <summary>How many times this (document, path, locator, url) was ingested.</summary>
    public int Count { get; init; } = 1;

    /// <summary>The last time it was seen (equals <see cref="SeenAt"/> when seen once).</summary>
    public DateTimeOffset LastSeen { get; init; } = SeenAt;
}

public sealed record EntitySummary(string Key, string Name, string Type, string? Country, string? Role, int Documents, int Mentions);
