namespace Storyline.Stories.Index;

/// <summary>How one document relates to an earlier one.</summary>
public enum LinkKind
{
    /// <summary>The same text (exact, or near: debris around it, a paragraph added or cut).</summary>
    Copy,
    /// <summary>The same facts, names, numbers and quotes in reworded sentences.</summary>
    Rewrite,
    /// <summary>A changed version of the same article (same URL, or same source publishing it again changed).</summary>
    Version,
}

/// <summary>A directed link: <see cref="From"/> (seen later) copies / rewrites / is a new version of <see cref="To"/>.</summary>
public sealed record DocLink(long From, long To, LinkKind Kind, double Score, string? Detail = null);

/// <summary>A date range estimated for a document without a publication date, with the evidence used.</summary>
public sealed record InferredDate(DateTimeOffset Earliest, DateTimeOffset Latest, IReadOnlyList<string> Evidence)
{
    public DateTimeOffset Midpoint => Earliest + (Latest - Earliest) / 2;
}

/// <summary>
/// The compact record the story engine keeps per document: enough to compare later documents with it
/// (signature, term sketch, names, numbers, quotes) without reading its text again.
/// </summary>
public sealed class DocRecord
{
    public long Id { get; init; }
    /// <summary>Arrival order in the engine (1, 2, ...), the tie-breaker when dates are missing.</summary>
    public long Seq { get; init; }
    public required uint[] Signature { get; init; }
    public int ShingleCount { get; init; }
    /// <summary>Top TF-IDF terms (hashed) with L2-normalised weights, heaviest first.</summary>
    public required ulong[] TermKeys { get; init; }
    public required float[] TermWeights { get; init; }
    /// <summary>Hashed capitalised names (full names and their words).</summary>
    public required ulong[] EntityKeys { get; init; }
    /// <summary>Normalised numbers mentioned.</summary>
    public required string[] Numbers { get; init; }
    /// <summary>Hashed quotations (lower-case words).</summary>
    public required ulong[] QuoteKeys { get; init; }
    public int SentenceCount { get; init; }
    public DateTimeOffset? Published { get; init; }
    public InferredDate? InferredPublished { get; set; }
    public DateTimeOffset SeenAt { get; init; }
    public string? Publisher { get; init; }
    public string? Source { get; init; }
    public string? Title { get; init; }
    public string? Url { get; init; }
    public string ContentHash { get; init; } = "";
    /// <summary>A publisher the text or title credits as the origin ("originally published by X", "- Reuters").</summary>
    public string? CreditedTo { get; init; }
    public long StoryId { get; set; }
    /// <summary>Hashed names in the document's lead (title, first sentence).</summary>
    public ulong[] LeadNameKeys { get; init; } = [];
    /// <summary>The latest plausible year the text mentions.</summary>
    public int? LatestYear { get; init; }
    /// <summary>The date the engine placed the document at (publication date, or a dateline when the options allow).</summary>
    public DateTimeOffset? When { get; init; }
    /// <summary>Unit embedding of the lead when the engine computed one (kept in memory only: stores that do not keep it give null).</summary>
    public float[]? LeadEmbedding { get; init; }

    /// <summary>A shallow copy (the arrays are never changed after a record is built; the settable fields are copied).</summary>
    public DocRecord Copy() => (DocRecord)MemberwiseClone();
}

/// <summary>One story: a real-world event and the documents that report it.</summary>
public sealed class StoryRecord
{
    public long Id { get; init; }
    /// <summary>Set when this story was merged into another; lookups follow it.</summary>
    public long? MergedInto { get; set; }
    public string Title { get; set; } = "";
    public List<long> Documents { get; init; } = [];
    /// <summary>Sum of member term vectors, truncated to the heaviest terms (the centroid up to scale).</summary>
    public Dictionary<ulong, float> Centroid { get; init; } = [];
    /// <summary>Name key → number of member documents mentioning it (truncated).</summary>
    public Dictionary<ulong, int> Entities { get; init; } = [];
    public HashSet<string> Sources { get; init; } = new(StringComparer.OrdinalIgnoreCase);
    /// <summary>Latest year mentioned by a member document → number of such documents.</summary>
    public Dictionary<int, int> Years { get; init; } = [];
    /// <summary>The most frequent names of the story (by member documents), most frequent first; kept small.</summary>
    public ulong[] TopEntities { get; set; } = [];
    /// <summary>Squared norm of the centroid per key space (word, name, number, quote), kept up to date with it.</summary>
    public double[] CentroidNorm2 { get; set; } = new double[4];
    public DateTimeOffset? FirstPublished { get; set; }
    public DateTimeOffset? LastPublished { get; set; }
    public DateTimeOffset FirstSeen { get; set; }
    public DateTimeOffset LastSeen { get; set; }
    public long LastSeq { get; set; }
}

/// <summary>
/// The state the story engine persists. Small and batch-friendly so that an SQLite or PostgreSQL
/// implementation is a handful of tables: documents, lsh_buckets(key, doc), postings(key, doc),
/// df(key, n), stories, story_docs, links. <see cref="InMemoryStoryIndexStore"/> serves eval, bench and tests.
/// </summary>
public interface IStoryIndexStore
{
    // ---- documents ----
    /// <summary>Inserts or replaces document records.</summary>
    void PutDocuments(IReadOnlyList<DocRecord> docs);
    DocRecord? GetDocument(long id);
    /// <summary>Records of the given ids that exist, in any order.</summary>
    IReadOnlyList<DocRecord> GetDocuments(IReadOnlyCollection<long> ids);
    /// <summary>Ids of documents stored with this URL, oldest first.</summary>
    IReadOnlyList<long> DocumentsByUrl(string url);
    /// <summary>Ids of documents stored with this content hash, oldest first.</summary>
    IReadOnlyList<long> DocumentsByContentHash(string contentHash);
    long DocumentCount { get; }

    // ---- near-duplicate index ----
    /// <summary>Adds LSH band keys of documents.</summary>
    void AddBuckets(IReadOnlyList<(ulong Key, long DocId)> entries);
    /// <summary>Documents sharing at least one band key; at most <paramref name="maxPerKey"/> most recent per key.</summary>
    IReadOnlyCollection<long> QueryBuckets(IReadOnlyList<ulong> keys, int maxPerKey);

    // ---- topical index ----
    /// <summary>Adds postings (term, name, number or quote key → document).</summary>
    void AddPostings(IReadOnlyList<(ulong Key, long DocId)> entries);
    /// <summary>Documents sharing keys with the query, with the number of keys shared; at most <paramref name="maxPerKey"/> most recent per key.</summary>
    IReadOnlyDictionary<long, int> QueryPostings(IReadOnlyList<ulong> keys, int maxPerKey);
    /// <summary>Document frequencies of keys (0 when unseen).</summary>
    void GetDocumentFrequencies(IReadOnlyList<ulong> keys, Span<int> df);
    /// <summary>Counts one more document for each key.</summary>
    void AddDocumentFrequencies(IReadOnlyCollection<ulong> keys);

    // ---- stories ----
    long NewStoryId();
    StoryRecord? GetStory(long id);
    /// <summary>Stories of the given ids that exist, in any order (one round trip where the store is remote).</summary>
    IReadOnlyList<StoryRecord> GetStories(IReadOnlyCollection<long> ids) => [.. ids.Select(GetStory).OfType<StoryRecord>()];
    void PutStories(IReadOnlyList<StoryRecord> stories);
    /// <summary>Live (not merged) stories, most recently updated first.</summary>
    IReadOnlyList<StoryRecord> ListStories(int limit, int offset);

    // ---- links ----
    void AddLinks(IReadOnlyList<DocLink> links);
    /// <summary>Links from or to a document.</summary>
    IReadOnlyList<DocLink> LinksOf(long docId);
    /// <summary>Links from or to any of the documents, each link once (one round trip where the store is remote).</summary>
    IReadOnlyList<DocLink> LinksOf(IReadOnlyCollection<long> docIds)
    {
        var seen = new HashSet<DocLink>();
        var list = new List<DocLink>();
        foreach (var id in docIds)
            foreach (var l in LinksOf(id))
                if (seen.Add(l)) list.Add(l);
        return list;
    }
}

/// <summary>Gives the clean text of a stored document (the document store's job, not the index's).</summary>
public delegate string? TextSource(long docId);

/// <summary>
/// A store that answers a batch's per-document lookups faster when told them up front (a remote store: one round trip
/// for the whole batch instead of one per document and lookup). Results must stay exactly those of the plain lookups.
/// </summary>
public interface IStoryIndexPrefetch
{
    /// <summary>
    /// Reads ahead what the open batch will ask: whether <paramref name="documents"/> are indexed (<see cref="IStoryIndexStore.GetDocuments"/>),
    /// <see cref="IStoryIndexStore.DocumentsByContentHash"/>, <see cref="IStoryIndexStore.DocumentsByUrl"/>,
    /// <see cref="IStoryIndexStore.QueryBuckets"/> (with <paramref name="maxPerBucket"/>) and <see cref="IStoryIndexStore.GetDocumentFrequencies"/>.
    /// </summary>
    void Prefetch(IReadOnlyCollection<long> documents, IReadOnlyCollection<string> contentHashes, IReadOnlyCollection<string> urls,
        IReadOnlyCollection<ulong> bandKeys, int maxPerBucket, IReadOnlyCollection<ulong> termKeys);
}
