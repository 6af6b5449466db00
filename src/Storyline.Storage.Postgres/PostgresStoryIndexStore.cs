using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Storyline.Stories.Index;

namespace Storyline.Storage.Postgres;

/// <summary>Round trips and time of a <see cref="PostgresStoryIndexStore"/>, to see where a story update goes.</summary>
public sealed record StoryIndexStats(long RoundTrips, long Batches, long DocumentsPut, double DatabaseSeconds, double DecodeSeconds,
    double EncodeSeconds, long RecordsDecoded, long RecordsFromCache, long StoriesDecoded, long StoriesFromCache, double LockWaitSeconds);

/// <summary>
/// The story index in the same PostgreSQL database as the documents (tables st_*, created by the
/// document store's migrations). It behaves like the SQLite index (the shared contract tests run the
/// same documents through both and through the in-memory reference).
/// <para>
/// A batch (<see cref="Batch"/>) is one transaction holding an advisory lock, so processes on one database update stories
/// one batch at a time; the lock bounds how far workers scale, so a batch keeps its round trips few. Inside it writes are
/// deferred and sent in one round trip when the batch ends; reads see them (the batch's records and stories are cached, and
/// key lookups merge the pending entries into what the database returns, exactly as if they had been written). Lookups a
/// batch announces (<see cref="Prefetch"/>) are read for all its documents at once. The document count is a tracked
/// counter (st_counts), not a count(*); story ids are handed out from the sequence's value read under the lock.
/// </para>
/// <para>
/// Document records are immutable once stored except for their story id, so decoded records are kept across batches
/// (bounded) and later reads fetch only the story id column for them, not the record.
/// </para>
/// </summary>
public sealed class PostgresStoryIndexStore : IDocumentStoryIndex, IStoryIndexPrefetch, IDisposable
{
    /// <summary>Advisory lock id serialising story-index batches across processes.</summary>
    internal const long IndexLock = 7316002;

    /// <summary>
    /// Decoded records kept across batches by default; the cache starts again when it reaches this size. A record is ~2–5 KB
    /// decoded, so 20,000 (as the SQLite index keeps) hold the recent documents new ones are compared with in ≤ 100 MB;
    /// 100,000 let a long run's working set grow by ~0.3 GB more for few extra hits.
    /// </summary>
    public const int DefaultRecordCacheCapacity = 20_000;

    /// <summary>Decoded records kept across batches at most (default <see cref="DefaultRecordCacheCapacity"/>).</summary>
    public int RecordCacheCapacity { get; init; } = DefaultRecordCacheCapacity;

    /// <summary>Decoded records held now (at most <see cref="RecordCacheCapacity"/>).</summary>
    public int CachedRecords => _records.Count;

    /// <summary>Stories held across batches now (at most <see cref="StoryCacheCapacity"/>).</summary>
    public int CachedStories => _stories.Count;

    private readonly NpgsqlConnection _conn;
    private NpgsqlTransaction? _tx;
    private BatchState? _b;
    private readonly Dictionary<long, DocRecord> _records = [];

    /// <summary>Stories kept across batches with the version they were stored at; a batch takes one out while it may change it.</summary>
    private readonly Dictionary<long, (StoryRecord Story, long Version)> _stories = [];
    /// <summary>Stories kept across batches at most; the cache starts again beyond it.</summary>
    public const int StoryCacheCapacity = 4_000;

    private long _roundTrips, _batches, _docsPut, _recordsDecoded, _recordsCached, _storiesDecoded, _storiesCached;
    /// <summary>Seconds spent waiting for the index lock, timed by the server on both sides of the lock statement.</summary>
    private double _lockWaitSeconds;
    private long _dbTicks, _decodeTicks, _encodeTicks;

    private static readonly JsonSerializerOptions Json = new() { IncludeFields = false };

    public PostgresStoryIndexStore(PostgresDocumentStore documents)
    {
        _conn = documents.DataSource.OpenConnection();
    }

    public void Dispose()
    {
        _tx?.Dispose();
        _conn.Dispose();
    }

    /// <summary>Counters since the store opened.</summary>
    public StoryIndexStats Stats => new(_roundTrips, _batches, _docsPut, Seconds(_dbTicks), Seconds(_decodeTicks), Seconds(_encodeTicks),
        _recordsDecoded, _recordsCached, _storiesDecoded, _storiesCached, _lockWaitSeconds);

    private static double Seconds(long ticks) => (double)ticks / Stopwatch.Frequency;

    /// <summary>What one open batch has read and not yet written.</summary>
    private sealed class BatchState
    {
        /// <summary>Records by id as the batch sees them (null: known not stored).</summary>
        public readonly Dictionary<long, DocRecord?> Docs = [];
        /// <summary>Ids known to be stored in the database (not only in this batch).</summary>
        public readonly HashSet<long> Stored = [];
        public readonly Dictionary<long, DocRecord> PendingDocs = [];
        public readonly Dictionary<long, StoryRecord?> Stories = [];
        public readonly Dictionary<long, StoryRecord> PendingStories = [];
        public readonly Dictionary<ulong, List<long>> PendingBuckets = [], PendingPostings = [];
        public readonly List<(ulong Key, long DocId)> BucketRows = [], PostingRows = [];
        public readonly Dictionary<ulong, int> PendingDf = [];
        public readonly List<DocLink> PendingLinks = [];
        public long DocCount;
        /// <summary>Whether the batch's opening statements (lock, count, story ids) have run.</summary>
        public bool Started;
        public long LastStoryId, FirstStoryId, StartStoryId;
        /// <summary>Versions of the batch's stories as the database holds them (after its flushes); missing: unknown.</summary>
        public readonly Dictionary<long, long> StoryVersion = [];
        /// <summary>Current versions of stories as key lookups of this batch returned them (checks the cross-batch story cache).</summary>
        public readonly Dictionary<long, long> StoryVersionNow = [];
        // Database state read ahead (Prefetch): valid until pending writes are flushed mid-batch.
        public readonly Dictionary<string, List<(long Id, long Seq)>> ByHash = new(StringComparer.Ordinal), ByUrl = new(StringComparer.Ordinal);
        public readonly Dictionary<ulong, List<long>> Buckets = [];
        public int BucketLimit;
        public readonly Dictionary<ulong, int> Df = [];
        public readonly List<DocRecord> Committed = [];
        /// <summary>Story ids of stored documents as the database gave them with key lookups (records cached across batches need no read then).</summary>
        public readonly Dictionary<long, long> StoryIdOf = [];

        public void ForgetReadAhead() { ByHash.Clear(); ByUrl.Clear(); Buckets.Clear(); Df.Clear(); BucketLimit = 0; }
    }

    public IDisposable Batch()
    {
        if (_tx is not null) return new Scope(null);
        // The lock is taken with the batch's first statement (its read-ahead, usually): one round trip for both.
        _tx = _conn.BeginTransaction();
        _b = new BatchState();
        _batches++;
        return new Scope(this);
    }

    /// <summary>
    /// The statements that open a batch, each giving one row: the index lock between two server clock readings (the lock is
    /// taken inside the batch's first round trip, so only the server can tell how long it waited); asynchronous commit (a story-index commit lost
    /// in a database crash is caught up from the stored documents, so the batch does not wait for the disk under the lock);
    /// the tracked document count; the last story id handed out.
    /// </summary>
    private static IEnumerable<NpgsqlBatchCommand> StartCommands()
    {
        yield return new NpgsqlBatchCommand("SELECT clock_timestamp()");
        var lk = new NpgsqlBatchCommand("SELECT pg_advisory_xact_lock($1)");
        lk.Parameters.AddWithValue(IndexLock);
        yield return lk;
        yield return new NpgsqlBatchCommand("SELECT clock_timestamp()");
        yield return new NpgsqlBatchCommand("SELECT set_config('synchronous_commit', 'off', true)");
        yield return new NpgsqlBatchCommand("SELECT coalesce((SELECT n FROM st_counts WHERE name = 'docs'), (SELECT count(*) FROM st_docs))");
        yield return new NpgsqlBatchCommand("SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM st_story_ids");
    }

    /// <summary>Reads the rows of <see cref="StartCommands"/> and leaves the reader on the next statement's result.</summary>
    private void ReadStart(NpgsqlDataReader r, BatchState b)
    {
        r.Read(); var before = r.GetDateTime(0); r.NextResult();
        r.Read(); r.NextResult();
        r.Read(); _lockWaitSeconds += (r.GetDateTime(0) - before).TotalSeconds; r.NextResult();
        r.Read(); r.NextResult();
        r.Read(); b.DocCount += r.GetInt64(0); r.NextResult(); // += : documents put before the first statement
        r.Read(); b.LastStoryId = b.FirstStoryId = b.StartStoryId = r.GetInt64(0); r.NextResult();
        b.Started = true;
    }

    /// <summary>Opens the batch in the database (lock, count, story ids) if no statement has yet.</summary>
    private void EnsureStarted()
    {
        if (_b is not { Started: false } b) return;
        using var batch = new NpgsqlBatch(_conn, _tx);
        foreach (var c in StartCommands()) batch.BatchCommands.Add(c);
        long t0 = Stopwatch.GetTimestamp();
        using (var r = batch.ExecuteReader()) ReadStart(r, b);
        Db(t0);
    }

    private sealed class Scope(PostgresStoryIndexStore? owner) : IDisposable
    {
        public void Dispose() => owner?.EndBatch();
    }

    private void EndBatch()
    {
        if (_tx is null) return;
        try
        {
            Flush();
            _tx.Commit();
            // committed records are stored as they are now: keep them for later batches
            foreach (var d in _b!.Committed) Remember(d);
            foreach (var (id, st) in _b.Stories)
                if (st is not null && _b.StoryVersion.TryGetValue(id, out long v))
                {
                    if (_stories.Count >= StoryCacheCapacity) _stories.Clear();
                    _stories[id] = (st, v);
                }
        }
        finally
        {
            _tx.Dispose();
            _tx = null;
            _b = null;
        }
    }

    /// <summary>
    /// Rolls the open batch back (nothing of it is written; its documents stay unindexed until caught up). For a batch that
    /// failed part way: committing it would store half of a document's entries.
    /// </summary>
    public void Abandon()
    {
        // nothing to forget: the caches hold committed rows only (a batch's own writes join them when it commits)
        if (_tx is null) return;
        try { _tx.Rollback(); }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException) { /* the connection may be gone: nothing was committed */ }
        finally
        {
            _tx.Dispose();
            _tx = null;
            _b = null;
        }
    }

    /// <summary>Workers on many machines share this index; a batch holds the advisory lock they all take.</summary>
    public bool SharedByProcesses => true;

    private void Remember(DocRecord d)
    {
        if (_records.Count >= RecordCacheCapacity) _records.Clear();
        _records[d.Id] = d;
    }

    private NpgsqlCommand Cmd(string sql)
    {
        EnsureStarted();
        return new(sql, _conn, _tx);
    }

    /// <summary>Round trips and wall seconds per store operation (the public method that made them).</summary>
    public IReadOnlyDictionary<string, (long RoundTrips, double Seconds)> ByOperation =>
        _byOp.ToDictionary(kv => kv.Key, kv => (kv.Value.N, Seconds(kv.Value.Ticks)));

    private readonly Dictionary<string, (long N, long Ticks)> _byOp = new(StringComparer.Ordinal);

    private void Db(long start, [CallerMemberName] string op = "")
    {
        long ticks = Stopwatch.GetTimestamp() - start;
        _roundTrips++;
        _dbTicks += ticks;
        var (n, t) = _byOp.GetValueOrDefault(op);
        _byOp[op] = (n + 1, t + ticks);
    }

    private object? Scalar(NpgsqlCommand c, [CallerMemberName] string op = "") { long t0 = Stopwatch.GetTimestamp(); var v = c.ExecuteScalar(); Db(t0, op); return v; }

    /// <summary>Sends the batch's deferred writes in one round trip (inside its transaction).</summary>
    private void Flush()
    {
        var b = _b;
        if (b is null) return;
        using var batch = new NpgsqlBatch(_conn, _tx);
        if (b.PendingDocs.Count > 0)
        {
            var docs = b.PendingDocs.Values.ToList();
            batch.BatchCommands.Add(PutDocumentsCommand(docs));
            b.Committed.AddRange(docs);
            b.PendingDocs.Clear();
        }
        if (b.PendingStories.Count > 0)
        {
            foreach (var id in b.PendingStories.Keys)
            {
                if (b.StoryVersion.TryGetValue(id, out long v)) b.StoryVersion[id] = v + 1;
                else if (id > b.StartStoryId) b.StoryVersion[id] = 1; // created by this batch: inserted now
            }
            batch.BatchCommands.Add(PutStoriesCommand([.. b.PendingStories.Values]));
            b.PendingStories.Clear();
        }
        if (b.BucketRows.Count > 0) { batch.BatchCommands.Add(AddKeysCommand("st_buckets", b.BucketRows)); b.BucketRows.Clear(); b.PendingBuckets.Clear(); }
        if (b.PostingRows.Count > 0) { batch.BatchCommands.Add(AddKeysCommand("st_postings", b.PostingRows)); b.PostingRows.Clear(); b.PendingPostings.Clear(); }
        if (b.PendingDf.Count > 0)
        {
            batch.BatchCommands.Add(AddDfCommand([.. b.PendingDf.Keys], [.. b.PendingDf.Values]));
            b.PendingDf.Clear();
        }
        if (b.PendingLinks.Count > 0) { batch.BatchCommands.Add(AddLinksCommand(b.PendingLinks)); b.PendingLinks.Clear(); }
        if (b.LastStoryId != b.FirstStoryId)
        {
            var c = new NpgsqlBatchCommand("SELECT setval('st_story_ids', $1, true)");
            c.Parameters.AddWithValue(b.LastStoryId);
            batch.BatchCommands.Add(c);
            b.FirstStoryId = b.LastStoryId;
        }
        if (batch.BatchCommands.Count == 0) return;
        EnsureStarted(); // writes only under the lock
        b.ForgetReadAhead(); // the database now holds what the overlays held
        long t0 = Stopwatch.GetTimestamp();
        batch.ExecuteNonQuery();
        Db(t0);
    }

    public string? DocumentText(long id)
    {
        using var c = Cmd("SELECT text FROM documents WHERE id = @id");
        c.Parameters.AddWithValue("id", id);
        return Scalar(c) as string;
    }

    public IReadOnlyList<long> MissingDocuments()
    {
        Flush();
        using var c = Cmd("SELECT d.id FROM documents d WHERE NOT EXISTS (SELECT 1 FROM st_docs s WHERE s.id = d.id) ORDER BY d.id");
        return ReadIds(c);
    }

    // ---- documents ----
    public void PutDocuments(IReadOnlyList<DocRecord> docs)
    {
        if (docs.Count == 0) return;
        if (_b is not { } b)
        {
            using var direct = new NpgsqlBatch(_conn);
            direct.BatchCommands.Add(PutDocumentsCommand(docs));
            long t0 = Stopwatch.GetTimestamp();
            direct.ExecuteNonQuery();
            Db(t0);
            foreach (var d in docs) Remember(d);
            return;
        }
        // which of them are new to the index (the count the engine's IDF and sequence use)
        var unknown = docs.Where(d => !b.Stored.Contains(d.Id) && !b.PendingDocs.ContainsKey(d.Id)
                                      && !(b.Docs.TryGetValue(d.Id, out var r) && r is null)).Select(d => d.Id).Distinct().ToArray();
        if (unknown.Length > 0)
        {
            using var c = Cmd("SELECT id FROM st_docs WHERE id = ANY(@ids)");
            c.Parameters.AddWithValue("ids", unknown);
            foreach (var id in ReadIds(c)) b.Stored.Add(id);
        }
        foreach (var d in docs)
        {
            if (!b.Stored.Contains(d.Id) && !b.PendingDocs.ContainsKey(d.Id)) b.DocCount++;
            b.PendingDocs[d.Id] = d;
            b.Docs[d.Id] = d;
        }
        _docsPut += docs.Count;
    }

    /// <summary>Upserts records and adds the new ones to the tracked document count, in one statement.</summary>
    private NpgsqlBatchCommand PutDocumentsCommand(IReadOnlyList<DocRecord> docs)
    {
        var c = new NpgsqlBatchCommand("""
            WITH put AS (
                INSERT INTO st_docs (id, seq, url, content_hash, story_id, record)
                SELECT * FROM unnest($1, $2, $3, $4, $5, $6)
                ON CONFLICT (id) DO UPDATE SET seq = EXCLUDED.seq, url = EXCLUDED.url, content_hash = EXCLUDED.content_hash,
                    story_id = EXCLUDED.story_id, record = EXCLUDED.record
                RETURNING (xmax = 0) AS fresh)
            UPDATE st_counts SET n = n + (SELECT count(*) FROM put WHERE fresh) WHERE name = 'docs'
            """);
        c.Parameters.AddWithValue(docs.Select(d => d.Id).ToArray());
        c.Parameters.AddWithValue(docs.Select(d => d.Seq).ToArray());
        c.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = docs.Select(d => d.Url).ToArray() });
        c.Parameters.AddWithValue(docs.Select(d => d.ContentHash).ToArray());
        c.Parameters.AddWithValue(docs.Select(d => d.StoryId).ToArray());
        long t0 = Stopwatch.GetTimestamp();
        var recs = docs.Select(d => JsonSerializer.Serialize(d, Json)).ToArray();
        _encodeTicks += Stopwatch.GetTimestamp() - t0;
        c.Parameters.AddWithValue(recs);
        return c;
    }

    public DocRecord? GetDocument(long id) => GetDocuments([id]) is [var d] ? d : null;

    public IReadOnlyList<DocRecord> GetDocuments(IReadOnlyCollection<long> ids)
    {
        var list = new List<DocRecord>(ids.Count);
        if (ids.Count == 0) return list;
        var need = new List<long>();
        if (_b is { } b)
        {
            var seen = new HashSet<long>();
            foreach (var id in ids)
            {
                if (!seen.Add(id)) continue;
                if (b.Docs.TryGetValue(id, out var d)) { if (d is not null) list.Add(d); }
                else need.Add(id);
            }
            // records decoded in an earlier batch whose current story id a key lookup of this batch returned: no read
            need.RemoveAll(id =>
            {
                if (!_records.TryGetValue(id, out var d) || !b.StoryIdOf.TryGetValue(id, out long story)) return false;
                d.StoryId = story;
                b.Docs[id] = d; b.Stored.Add(id); list.Add(d);
                _recordsCached++;
                return true;
            });
            if (need.Count == 0) return list;
            var found = Fetch(need);
            foreach (var d in found) { b.Docs[d.Id] = d; b.Stored.Add(d.Id); list.Add(d); }
            if (found.Count < need.Count)
                foreach (var id in need) b.Docs.TryAdd(id, null);
            return list;
        }
        return Fetch([.. ids.Distinct()]);
    }

    /// <summary>
    /// Records from the database; those decoded before only get their story id refreshed (the rest of a record never
    /// changes once stored), so the record column is sent and decoded only for records not seen yet.
    /// </summary>
    private List<DocRecord> Fetch(List<long> ids)
    {
        // Held aside before the read: decoding the others may restart the cache (Remember) half way through the rows, and a
        // record asked without its column must still be found then.
        var have = new Dictionary<long, DocRecord>();
        foreach (var id in ids)
            if (_records.TryGetValue(id, out var known)) have[id] = known;
        using var c = Cmd("SELECT id, story_id, CASE WHEN id = ANY(@have) THEN NULL ELSE record END FROM st_docs WHERE id = ANY(@ids)");
        c.Parameters.AddWithValue("have", have.Keys.ToArray());
        c.Parameters.AddWithValue("ids", ids.ToArray());
        var list = new List<DocRecord>(ids.Count);
        long t0 = Stopwatch.GetTimestamp(), decode = 0;
        using (var r = c.ExecuteReader())
            while (r.Read())
            {
                long id = r.GetInt64(0), story = r.GetInt64(1);
                if (!r.IsDBNull(2))
                {
                    long t1 = Stopwatch.GetTimestamp();
                    var d = JsonSerializer.Deserialize<DocRecord>(r.GetString(2), Json)!;
                    decode += Stopwatch.GetTimestamp() - t1;
                    _recordsDecoded++;
                    Remember(d);
                    list.Add(d);
                }
                else if (have.TryGetValue(id, out var d))
                {
                    d.StoryId = story;
                    _recordsCached++;
                    list.Add(d);
                }
            }
        Db(t0 + decode);
        _decodeTicks += decode;
        return list;
    }

    public IReadOnlyList<long> DocumentsByUrl(string url) => DocumentsBy(url, byUrl: true);
    public IReadOnlyList<long> DocumentsByContentHash(string contentHash) => DocumentsBy(contentHash, byUrl: false);

    /// <summary>Ids of documents with a URL or content hash, oldest first, the batch's pending records included.</summary>
    private List<long> DocumentsBy(string value, bool byUrl)
    {
        if (_b is not { } b)
        {
            using var c = Cmd(byUrl ? "SELECT id FROM st_docs WHERE url = @v ORDER BY seq" : "SELECT id FROM st_docs WHERE content_hash = @v ORDER BY seq");
            c.Parameters.AddWithValue("v", value);
            return ReadIds(c);
        }
        var cache = byUrl ? b.ByUrl : b.ByHash;
        if (!cache.TryGetValue(value, out var rows))
        {
            using var c = Cmd(byUrl ? "SELECT id, seq FROM st_docs WHERE url = @v" : "SELECT id, seq FROM st_docs WHERE content_hash = @v");
            c.Parameters.AddWithValue("v", value);
            rows = ReadPairs(c);
            cache[value] = rows;
        }
        var all = new Dictionary<long, long>();
        foreach (var (id, seq) in rows) all[id] = seq;
        foreach (var d in b.PendingDocs.Values)
        {
            bool match = string.Equals(byUrl ? d.Url : d.ContentHash, value, StringComparison.Ordinal);
            if (match) all[d.Id] = d.Seq;
            else all.Remove(d.Id); // changed in this batch
        }
        return [.. all.OrderBy(kv => kv.Value).ThenBy(kv => kv.Key).Select(kv => kv.Key)];
    }

    private List<long> ReadIds(NpgsqlCommand c, [CallerMemberName] string op = "")
    {
        long t0 = Stopwatch.GetTimestamp();
        var list = new List<long>();
        using (var r = c.ExecuteReader())
            while (r.Read()) list.Add(r.GetInt64(0));
        Db(t0, op);
        return list;
    }

    private List<(long, long)> ReadPairs(NpgsqlCommand c, [CallerMemberName] string op = "")
    {
        long t0 = Stopwatch.GetTimestamp();
        var list = new List<(long, long)>();
        using (var r = c.ExecuteReader())
            while (r.Read()) list.Add((r.GetInt64(0), r.GetInt64(1)));
        Db(t0, op);
        return list;
    }

    public long DocumentCount
    {
        get
        {
            if (_b is { } b) { EnsureStarted(); return b.DocCount; }
            using var c = Cmd("SELECT coalesce((SELECT n FROM st_counts WHERE name = 'docs'), (SELECT count(*) FROM st_docs))");
            return (long)Scalar(c)!;
        }
    }

    // ---- read-ahead ----
    public void Prefetch(IReadOnlyCollection<long> documents, IReadOnlyCollection<string> contentHashes, IReadOnlyCollection<string> urls,
        IReadOnlyCollection<ulong> bandKeys, int maxPerBucket, IReadOnlyCollection<ulong> termKeys)
    {
        if (_b is not { } b) return;
        var ids = documents.Where(id => !b.Docs.ContainsKey(id) && !b.StoryIdOf.ContainsKey(id)).Distinct().ToArray();
        var hashes = contentHashes.Where(h => !b.ByHash.ContainsKey(h)).Distinct(StringComparer.Ordinal).ToArray();
        var us = urls.Where(u => !b.ByUrl.ContainsKey(u)).Distinct(StringComparer.Ordinal).ToArray();
        bool bucketsOk = b.BucketLimit == 0 || b.BucketLimit == maxPerBucket;
        var bands = bucketsOk ? bandKeys.Where(k => !b.Buckets.ContainsKey(k)).Distinct().Select(k => unchecked((long)k)).ToArray() : [];
        var terms = termKeys.Where(k => !b.Df.ContainsKey(k)).Distinct().Select(k => unchecked((long)k)).ToArray();
        if (ids.Length + hashes.Length + us.Length + bands.Length + terms.Length == 0) return;
        using var batch = new NpgsqlBatch(_conn, _tx);
        bool start = !b.Started;
        if (start) foreach (var sc in StartCommands()) batch.BatchCommands.Add(sc);
        var q0 = new NpgsqlBatchCommand("SELECT id, story_id FROM st_docs WHERE id = ANY($1)");
        q0.Parameters.AddWithValue(ids);
        batch.BatchCommands.Add(q0);
        var q1 = new NpgsqlBatchCommand("SELECT content_hash, id, seq, story_id FROM st_docs WHERE content_hash = ANY($1)");
        q1.Parameters.AddWithValue(hashes);
        var q2 = new NpgsqlBatchCommand("SELECT url, id, seq, story_id FROM st_docs WHERE url = ANY($1)");
        q2.Parameters.AddWithValue(us);
        var q3 = new NpgsqlBatchCommand("""
            SELECT k.key, d.doc_id, s.story_id, st.version FROM (SELECT DISTINCT unnest($1) AS key) k
            CROSS JOIN LATERAL (SELECT doc_id FROM st_buckets t WHERE t.key = k.key ORDER BY doc_id DESC LIMIT $2) d
            LEFT JOIN st_docs s ON s.id = d.doc_id LEFT JOIN st_stories st ON st.id = s.story_id
            """);
        q3.Parameters.AddWithValue(bands);
        q3.Parameters.AddWithValue(maxPerBucket);
        var q4 = new NpgsqlBatchCommand("SELECT key, n FROM st_df WHERE key = ANY($1)");
        q4.Parameters.AddWithValue(terms);
        batch.BatchCommands.Add(q1); batch.BatchCommands.Add(q2); batch.BatchCommands.Add(q3); batch.BatchCommands.Add(q4);
        foreach (var h in hashes) b.ByHash[h] = [];
        foreach (var u in us) b.ByUrl[u] = [];
        if (bands.Length > 0) b.BucketLimit = maxPerBucket;
        foreach (var k in bands) b.Buckets[unchecked((ulong)k)] = [];
        foreach (var k in terms) b.Df[unchecked((ulong)k)] = 0;
        long t0 = Stopwatch.GetTimestamp();
        using (var r = batch.ExecuteReader())
        {
            if (start) ReadStart(r, b);
            var found = new HashSet<long>();
            while (r.Read()) { found.Add(r.GetInt64(0)); b.StoryIdOf[r.GetInt64(0)] = r.GetInt64(1); b.Stored.Add(r.GetInt64(0)); }
            foreach (var id in ids) if (!found.Contains(id)) b.Docs[id] = null; // not indexed yet
            r.NextResult();
            while (r.Read()) { b.ByHash[r.GetString(0)].Add((r.GetInt64(1), r.GetInt64(2))); b.StoryIdOf[r.GetInt64(1)] = r.GetInt64(3); }
            r.NextResult();
            while (r.Read()) { b.ByUrl[r.GetString(0)].Add((r.GetInt64(1), r.GetInt64(2))); b.StoryIdOf[r.GetInt64(1)] = r.GetInt64(3); }
            r.NextResult();
            while (r.Read())
            {
                b.Buckets[unchecked((ulong)r.GetInt64(0))].Add(r.GetInt64(1));
                if (!r.IsDBNull(2)) b.StoryIdOf[r.GetInt64(1)] = r.GetInt64(2);
                if (!r.IsDBNull(3)) b.StoryVersionNow[r.GetInt64(2)] = r.GetInt64(3);
            }
            r.NextResult();
            while (r.Read()) b.Df[unchecked((ulong)r.GetInt64(0))] = r.GetInt32(1);
        }
        Db(t0);
    }

    // ---- near-duplicate and topical indexes ----
    public void AddBuckets(IReadOnlyList<(ulong Key, long DocId)> entries) => AddKeys(entries, buckets: true);
    public void AddPostings(IReadOnlyList<(ulong Key, long DocId)> entries) => AddKeys(entries, buckets: false);

    private void AddKeys(IReadOnlyList<(ulong Key, long DocId)> entries, bool buckets)
    {
        if (entries.Count == 0) return;
        string table = buckets ? "st_buckets" : "st_postings";
        if (_b is not { } b)
        {
            using var direct = new NpgsqlBatch(_conn);
            direct.BatchCommands.Add(AddKeysCommand(table, entries));
            long t0 = Stopwatch.GetTimestamp();
            direct.ExecuteNonQuery();
            Db(t0);
            return;
        }
        var pending = buckets ? b.PendingBuckets : b.PendingPostings;
        (buckets ? b.BucketRows : b.PostingRows).AddRange(entries);
        foreach (var (k, id) in entries)
        {
            if (!pending.TryGetValue(k, out var l)) pending[k] = l = [];
            l.Add(id);
        }
    }

    private static NpgsqlBatchCommand AddKeysCommand(string table, IReadOnlyList<(ulong Key, long DocId)> entries)
    {
        var c = new NpgsqlBatchCommand($"INSERT INTO {table} (key, doc_id) SELECT * FROM unnest($1, $2)");
        c.Parameters.AddWithValue(entries.Select(e => unchecked((long)e.Key)).ToArray());
        c.Parameters.AddWithValue(entries.Select(e => e.DocId).ToArray());
        return c;
    }

    public IReadOnlyCollection<long> QueryBuckets(IReadOnlyList<ulong> keys, int maxPerKey)
    {
        var result = new HashSet<long>();
        foreach (var (_, ids) in Recent(keys, maxPerKey, buckets: true)) foreach (var id in ids) result.Add(id);
        return result;
    }

    public IReadOnlyDictionary<long, int> QueryPostings(IReadOnlyList<ulong> keys, int maxPerKey)
    {
        var hits = new Dictionary<long, int>();
        foreach (var (_, ids) in Recent(keys, maxPerKey, buckets: false)) foreach (var id in ids) hits[id] = hits.GetValueOrDefault(id) + 1;
        return hits;
    }

    /// <summary>
    /// The most recent documents per distinct key (highest ids first, at most <paramref name="maxPerKey"/>): the database's,
    /// merged with the batch's pending entries, which gives what the database would answer had they been written.
    /// </summary>
    private Dictionary<ulong, List<long>> Recent(IReadOnlyList<ulong> keys, int maxPerKey, bool buckets)
    {
        var result = new Dictionary<ulong, List<long>>();
        if (keys.Count == 0) return result;
        var b = _b;
        var ask = new List<long>();
        foreach (var k in keys)
        {
            if (result.ContainsKey(k)) continue;
            if (b is not null && buckets && b.BucketLimit == maxPerKey && b.Buckets.TryGetValue(k, out var known)) result[k] = [.. known];
            else { result[k] = []; ask.Add(unchecked((long)k)); }
        }
        if (ask.Count > 0)
        {
            using var c = Cmd($"""
                SELECT k.key, d.doc_id, s.story_id, st.version FROM (SELECT DISTINCT unnest(@k) AS key) k
                CROSS JOIN LATERAL (SELECT doc_id FROM {(buckets ? "st_buckets" : "st_postings")} t WHERE t.key = k.key ORDER BY doc_id DESC LIMIT @n) d
                LEFT JOIN st_docs s ON s.id = d.doc_id LEFT JOIN st_stories st ON st.id = s.story_id
                """);
            c.Parameters.AddWithValue("k", ask.ToArray());
            c.Parameters.AddWithValue("n", maxPerKey);
            long t0 = Stopwatch.GetTimestamp();
            using (var r = c.ExecuteReader())
                while (r.Read())
                {
                    long id = r.GetInt64(1);
                    result[unchecked((ulong)r.GetInt64(0))].Add(id);
                    if (b is not null && !r.IsDBNull(2)) b.StoryIdOf[id] = r.GetInt64(2);
                    if (b is not null && !r.IsDBNull(3)) b.StoryVersionNow[r.GetInt64(2)] = r.GetInt64(3);
                }
            Db(t0, buckets ? nameof(QueryBuckets) : nameof(QueryPostings));
        }
        if (b is not null)
        {
            var pending = buckets ? b.PendingBuckets : b.PendingPostings;
            if (pending.Count > 0)
                foreach (var (k, list) in result)
                {
                    if (!pending.TryGetValue(k, out var more)) continue;
                    list.AddRange(more);
                    list.Sort((x, y) => y.CompareTo(x));
                    if (list.Count > maxPerKey) list.RemoveRange(maxPerKey, list.Count - maxPerKey);
                }
        }
        return result;
    }

    public void GetDocumentFrequencies(IReadOnlyList<ulong> keys, Span<int> df)
    {
        df[..keys.Count].Clear();
        if (keys.Count == 0) return;
        var b = _b;
        var ask = new List<long>();
        for (int i = 0; i < keys.Count; i++)
            if (b is null || !b.Df.ContainsKey(keys[i])) ask.Add(unchecked((long)keys[i]));
        var found = new Dictionary<long, int>();
        if (ask.Count > 0)
        {
            using var c = Cmd("SELECT key, n FROM st_df WHERE key = ANY(@k)");
            c.Parameters.AddWithValue("k", ask.ToArray());
            long t0 = Stopwatch.GetTimestamp();
            using (var r = c.ExecuteReader())
                while (r.Read()) found[r.GetInt64(0)] = r.GetInt32(1);
            Db(t0);
        }
        for (int i = 0; i < keys.Count; i++)
        {
            if (b is not null && b.Df.TryGetValue(keys[i], out int n)) df[i] = n;
            else df[i] = found.GetValueOrDefault(unchecked((long)keys[i]));
            if (b is not null) df[i] += b.PendingDf.GetValueOrDefault(keys[i]);
        }
    }

    public void AddDocumentFrequencies(IReadOnlyCollection<ulong> keys)
    {
        if (keys.Count == 0) return;
        if (_b is { } b)
        {
            foreach (var k in keys) b.PendingDf[k] = b.PendingDf.GetValueOrDefault(k) + 1;
            return;
        }
        var counts = new Dictionary<ulong, int>();
        foreach (var k in keys) counts[k] = counts.GetValueOrDefault(k) + 1;
        using var direct = new NpgsqlBatch(_conn);
        direct.BatchCommands.Add(AddDfCommand([.. counts.Keys], [.. counts.Values]));
        long t0 = Stopwatch.GetTimestamp();
        direct.ExecuteNonQuery();
        Db(t0);
    }

    private static NpgsqlBatchCommand AddDfCommand(ulong[] keys, int[] counts)
    {
        var c = new NpgsqlBatchCommand("""
            INSERT INTO st_df (key, n) SELECT * FROM unnest($1, $2)
            ON CONFLICT (key) DO UPDATE SET n = st_df.n + EXCLUDED.n
            """);
        c.Parameters.AddWithValue(keys.Select(k => unchecked((long)k)).ToArray());
        c.Parameters.AddWithValue(counts);
        return c;
    }

    // ---- stories ----
    public long NewStoryId()
    {
        // Under the index lock every story id comes from this batch's holder: count on from the value read at its start.
        if (_b is { } b) { EnsureStarted(); return ++b.LastStoryId; }
        using var c = Cmd("SELECT nextval('st_story_ids')");
        return (long)Scalar(c)!;
    }

    public StoryRecord? GetStory(long id) => GetStories([id]) is [var s] ? s : null;

    public IReadOnlyList<StoryRecord> GetStories(IReadOnlyCollection<long> ids)
    {
        if (ids.Count == 0) return [];
        var list = new List<StoryRecord>(ids.Count);
        var need = new List<long>();
        var b = _b;
        foreach (var id in ids.Distinct())
        {
            if (b is not null && b.Stories.TryGetValue(id, out var s)) { if (s is not null) list.Add(s); }
            else if (b is not null && b.StoryVersionNow.TryGetValue(id, out long now) && _stories.TryGetValue(id, out var kept) && kept.Version == now)
            {
                // unchanged since an earlier batch stored or read it: the batch takes it over (and gives it back on commit)
                _stories.Remove(id);
                b.Stories[id] = kept.Story;
                b.StoryVersion[id] = now;
                _storiesCached++;
                list.Add(kept.Story);
            }
            else need.Add(id);
        }
        if (need.Count == 0) return list;
        using var c = Cmd("SELECT record, version FROM st_stories WHERE id = ANY(@ids)");
        c.Parameters.AddWithValue("ids", need.ToArray());
        var found = ReadStories(c);
        if (b is not null)
        {
            foreach (var id in need) { b.Stories[id] = null; _stories.Remove(id); }
            foreach (var (st, v) in found) { b.Stories[st.Id] = st; b.StoryVersion[st.Id] = v; }
        }
        foreach (var (st, _) in found) list.Add(st);
        return list;
    }

    /// <summary>Stories (and their versions, when the query's second column gives them).</summary>
    private List<(StoryRecord Story, long Version)> ReadStories(NpgsqlCommand c, [CallerMemberName] string op = "")
    {
        var list = new List<(StoryRecord, long)>();
        long t0 = Stopwatch.GetTimestamp(), decode = 0;
        using (var r = c.ExecuteReader())
            while (r.Read())
            {
                long t1 = Stopwatch.GetTimestamp();
                list.Add((JsonSerializer.Deserialize<StoryRecord>(r.GetString(0), Json)!, r.FieldCount > 1 ? r.GetInt64(1) : 0));
                decode += Stopwatch.GetTimestamp() - t1;
                _storiesDecoded++;
            }
        Db(t0 + decode, op);
        _decodeTicks += decode;
        return list;
    }

    public void PutStories(IReadOnlyList<StoryRecord> stories)
    {
        if (stories.Count == 0) return;
        if (_b is { } b)
        {
            foreach (var s in stories) { b.PendingStories[s.Id] = s; b.Stories[s.Id] = s; }
            return;
        }
        foreach (var st in stories) _stories.Remove(st.Id);
        using var direct = new NpgsqlBatch(_conn);
        direct.BatchCommands.Add(PutStoriesCommand(stories));
        long t0 = Stopwatch.GetTimestamp();
        direct.ExecuteNonQuery();
        Db(t0);
    }

    private NpgsqlBatchCommand PutStoriesCommand(IReadOnlyList<StoryRecord> stories)
    {
        var c = new NpgsqlBatchCommand("""
            INSERT INTO st_stories (id, merged_into, last_seq, record, version) SELECT u.*, 1 FROM unnest($1, $2, $3, $4) u
            ON CONFLICT (id) DO UPDATE SET merged_into = EXCLUDED.merged_into, last_seq = EXCLUDED.last_seq, record = EXCLUDED.record,
                version = st_stories.version + 1
            """);
        c.Parameters.AddWithValue(stories.Select(s => s.Id).ToArray());
        c.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint, Value = stories.Select(s => s.MergedInto).ToArray() });
        c.Parameters.AddWithValue(stories.Select(s => s.LastSeq).ToArray());
        long t0 = Stopwatch.GetTimestamp();
        var recs = stories.Select(s => JsonSerializer.Serialize(s, Json)).ToArray();
        _encodeTicks += Stopwatch.GetTimestamp() - t0;
        c.Parameters.AddWithValue(recs);
        return c;
    }

    public IReadOnlyList<StoryRecord> ListStories(int limit, int offset)
    {
        Flush();
        using var c = Cmd("SELECT record FROM st_stories WHERE merged_into IS NULL ORDER BY last_seq DESC, id LIMIT @l OFFSET @o");
        c.Parameters.AddWithValue("l", limit);
        c.Parameters.AddWithValue("o", offset);
        return [.. ReadStories(c).Select(x => x.Story)];
    }

    // ---- links ----
    public void AddLinks(IReadOnlyList<DocLink> links)
    {
        if (links.Count == 0) return;
        if (_b is { } b) { b.PendingLinks.AddRange(links); return; }
        using var direct = new NpgsqlBatch(_conn);
        direct.BatchCommands.Add(AddLinksCommand(links));
        long t0 = Stopwatch.GetTimestamp();
        direct.ExecuteNonQuery();
        Db(t0);
    }

    private static NpgsqlBatchCommand AddLinksCommand(IReadOnlyList<DocLink> links)
    {
        var c = new NpgsqlBatchCommand("INSERT INTO st_links (from_id, to_id, kind, score, detail) SELECT * FROM unnest($1, $2, $3, $4, $5)");
        c.Parameters.AddWithValue(links.Select(l => l.From).ToArray());
        c.Parameters.AddWithValue(links.Select(l => l.To).ToArray());
        c.Parameters.AddWithValue(links.Select(l => (int)l.Kind).ToArray());
        c.Parameters.AddWithValue(links.Select(l => l.Score).ToArray());
        c.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = links.Select(l => l.Detail).ToArray() });
        return c;
    }

    public IReadOnlyList<DocLink> LinksOf(long docId)
    {
        using var c = Cmd("""
            SELECT from_id, to_id, kind, score, detail FROM st_links WHERE from_id = @id
            UNION ALL SELECT from_id, to_id, kind, score, detail FROM st_links WHERE to_id = @id AND from_id <> @id
            """);
        c.Parameters.AddWithValue("id", docId);
        var list = ReadLinks(c);
        if (_b is { } b)
            foreach (var l in b.PendingLinks)
                if (l.From == docId || l.To == docId) list.Add(l);
        return list;
    }

    public IReadOnlyList<DocLink> LinksOf(IReadOnlyCollection<long> docIds)
    {
        if (docIds.Count == 0) return [];
        using var c = Cmd("SELECT from_id, to_id, kind, score, detail FROM st_links WHERE from_id = ANY(@ids) OR to_id = ANY(@ids)");
        c.Parameters.AddWithValue("ids", docIds.ToArray());
        var list = ReadLinks(c);
        if (_b is { } b)
        {
            var set = docIds as IReadOnlySet<long> ?? docIds.ToHashSet();
            foreach (var l in b.PendingLinks)
                if (set.Contains(l.From) || set.Contains(l.To)) list.Add(l);
        }
        return list;
    }

    private List<DocLink> ReadLinks(NpgsqlCommand c, [CallerMemberName] string op = "")
    {
        long t0 = Stopwatch.GetTimestamp();
        var list = new List<DocLink>();
        using (var r = c.ExecuteReader())
            while (r.Read()) list.Add(new DocLink(r.GetInt64(0), r.GetInt64(1), (LinkKind)r.GetInt32(2), r.GetDouble(3), r.IsDBNull(4) ? null : r.GetString(4)));
        Db(t0, op);
        return list;
    }
}
