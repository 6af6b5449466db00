using Storyline.Core;
using Storyline.Core.Storage;
using Storyline.Storage.Postgres;
using Storyline.Storage.Sqlite;
using Storyline.Stories.Engine;
using Storyline.Stories.Index;

namespace Storyline.Engine;

/// <summary>
/// Keeps the story index of a document store up to date: every newly stored document is checked for
/// copies, rewrites and versions and joins a story, incrementally. Documents the index missed (a crash
/// between the document commit and the index commit) are caught up on the next run.
/// </summary>
public sealed class StoryService : IDisposable
{
    private readonly IDocumentStore _documents;
    private readonly IDocumentStoryIndex _index;

    public StoryEngine Engine { get; }

    /// <summary>Wall seconds spent so far analysing texts, waiting for the index (its lock), and updating it.</summary>
    public (double Analyse, double Wait, double Update) Times => (_analyse, _wait, _update);

    private double _analyse, _wait, _update;
    private long _indexed;

    /// <summary>Documents indexed so far (by <see cref="Index"/>).</summary>
    public long Indexed => _indexed;

    /// <summary>Round trips and time of the PostgreSQL story index (null for SQLite).</summary>
    public StoryIndexStats? PostgresStats => (_index as PostgresStoryIndexStore)?.Stats;

    /// <summary>Round trips and seconds per operation of the PostgreSQL story index (null for SQLite).</summary>
    public IReadOnlyDictionary<string, (long RoundTrips, double Seconds)>? PostgresRoundTrips => (_index as PostgresStoryIndexStore)?.ByOperation;

    private StoryService(IDocumentStore documents, IDocumentStoryIndex index)
    {
        _documents = documents;
        _index = index;
        // the story detail reads stored documents (sentences, times, statements) for its summary, timeline and claims
        Engine = new StoryEngine(index, index.DocumentText) { DocumentLoader = documents.Get };
    }

    /// <summary>The story service of a store, or an error naming what is missing.</summary>
    public static StoryService For(IDocumentStore store) => store switch
    {
        SqliteDocumentStore sqlite => new StoryService(store, new SqliteStoryIndexStore(sqlite)),
        PostgresDocumentStore postgres => new StoryService(store, new PostgresStoryIndexStore(postgres)),
        _ => throw new StorylineException(ErrorCode.SL4001, $"no story index for a {store.GetType().Name}"),
    };

    /// <summary>Closes the index's own connection (the PostgreSQL index holds one).</summary>
    public void Dispose() => (_index as IDisposable)?.Dispose();

    /// <summary>True when the store can keep stories (used to skip indexing quietly where it cannot).</summary>
    public static bool Supported(IDocumentStore store) => store is SqliteDocumentStore or PostgresDocumentStore;

    /// <summary>
    /// Adds newly stored documents (ids set, in arrival order) to the index in one transaction. Documents flagged
    /// not an article are left out: junk never joins (or seeds) a story.
    /// </summary>
    public IReadOnlyList<IngestResult> Index(IReadOnlyList<Document> stored)
    {
        stored = [.. stored.Where(d => d.NotArticle is null)];
        if (stored.Count == 0) return [];
        // A shared index (PostgreSQL, many workers) is locked for the whole batch: analyse the texts before taking
        // the lock, so workers analyse side by side and queue only for the store updates.
        long t0 = System.Diagnostics.Stopwatch.GetTimestamp();
        var analysed = _index.SharedByProcesses ? Engine.Analyse(stored) : null;
        _analyse += System.Diagnostics.Stopwatch.GetElapsedTime(t0).TotalSeconds;
        t0 = System.Diagnostics.Stopwatch.GetTimestamp();
        var batch = _index.Batch();
        _wait += System.Diagnostics.Stopwatch.GetElapsedTime(t0).TotalSeconds;
        t0 = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            // Inside the batch (which holds the index lock on PostgreSQL): leave out documents another process indexed
            // meanwhile (two workers catching up the same crash), so no document joins a story twice.
            if (analysed is not null) Engine.Prefetch(analysed); // the lock, this check and the batch's lookups in one round trip
            var known = _index.GetDocuments([.. stored.Select(d => d.Id)]).Select(r => r.Id).ToHashSet();
            IReadOnlyList<IngestResult> results;
            if (analysed is not null) results = Engine.AddAnalysed([.. analysed.Where(a => !known.Contains(a.Id))]);
            else
            {
                if (known.Count > 0) stored = [.. stored.Where(d => !known.Contains(d.Id))];
                results = stored.Count == 0 ? [] : Engine.AddBatch(stored);
            }
            _indexed += results.Count;
            return results;
        }
        catch
        {
            // a batch that failed part way is not committed (its documents are caught up later)
            _index.Abandon();
            throw;
        }
        finally
        {
            batch.Dispose();
            _update += System.Diagnostics.Stopwatch.GetElapsedTime(t0).TotalSeconds;
        }
    }

    /// <summary>
    /// Indexes stored documents the index has not seen; returns how many. Documents flagged not an article are
    /// never indexed, so they stay "missing" for the index and are skipped here each time.
    /// </summary>
    public int CatchUp(int batchSize = 128)
    {
        int n = 0;
        foreach (var ids in _index.MissingDocuments().Chunk(batchSize))
        {
            var docs = ids.Select(_documents.Get).Where(d => d is not null && d.NotArticle is null).Select(d => d!).ToList();
            n += Index(docs).Count; // what this call indexed (another process may have taken some meanwhile)
        }
        return n;
    }
}
