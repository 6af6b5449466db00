using System.Text.Json;
using Microsoft.Data.Sqlite;
using Storyline.Stories.Index;

namespace Storyline.Storage.Sqlite;

/// <summary>
/// The story index in the same SQLite file as the documents. Records (document signatures, story
/// centroids) are JSON; the lookups the engine makes per document (buckets, postings, frequencies)
/// are indexed tables, so the cost per document does not grow with the store.
/// Use <see cref="Batch"/> around many writes: one transaction instead of one per statement.
/// Decoded document records are cached (the engine reads the same candidates again and again, and decoding their
/// JSON was a quarter of its time); the cache is dropped whenever another connection has committed to the file
/// (<c>PRAGMA data_version</c>), so a second process writing the same store is never served stale records.
/// </summary>
public sealed class SqliteStoryIndexStore(SqliteDocumentStore documents) : IDocumentStoryIndex
{
    private readonly SqliteConnection _db = documents.Connection;
    private SqliteTransaction? _tx;

    private static readonly JsonSerializerOptions Json = new() { IncludeFields = false };

    /// <summary>
    /// Decoded records, document frequencies and the document count; bounded, and cleared when another connection
    /// commits (see <see cref="Revalidate"/>). They live with the connection, not with this object: every index object over the same store shares
    /// them (data_version does not change for the connection's own commits, so per-object caches would miss each other's writes).
    /// </summary>
    private readonly SqliteStoryIndexCache _cache = documents.StoryIndexCache;
    /// <summary>
    /// Records kept decoded (~5 KB each, so ~100 MB at most): the recent documents new ones are compared with; beyond it
    /// the cache starts again (no LRU bookkeeping per read), which keeps memory flat however large the store grows.
    /// </summary>
    public const int DocCacheCapacity = 20_000;
    /// <summary>Frequencies kept in memory; beyond this many keys the cache starts again.</summary>
    public const int DfCacheCapacity = 2_000_000;

    /// <summary>Decoded records held now, shared by the store's index objects (at most <see cref="DocCacheCapacity"/>).</summary>
    public int CachedRecords => _cache.Docs.Count;

    /// <summary>Runs writes in one transaction (committed when disposed, unless one is already open).</summary>
    public IDisposable Batch()
    {
        if (_tx is not null) return new Scope(null);
        Revalidate();
        _tx = _db.BeginTransaction();
        return new Scope(this);
    }

    /// <summary>Rolls the open batch back and forgets what the caches took from it (it was never committed).</summary>
    public void Abandon()
    {
        if (_tx is null) return;
        try { _tx.Rollback(); }
        finally
        {
            ClearCaches();
            _tx.Dispose();
            _tx = null;
        }
    }

    /// <summary>One writer at a time holds a SQLite file: no other process shares the index while a batch runs.</summary>
    public bool SharedByProcesses => false;

    private sealed class Scope(SqliteStoryIndexStore? owner) : IDisposable
    {
        public void Dispose()
        {
            if (owner?._tx is null) return;
            try
            {
                owner.FlushDocumentFrequencies();
                owner._tx.Commit();
            }
            catch
            {
                // What the caches hold was never committed.
                owner.ClearCaches();
                throw;
            }
            finally
            {
                owner._tx.Dispose();
                owner._tx = null;
            }
        }
    }

    /// <summary>
    /// Drops the cache when another connection (another process, or another store on the same file) has committed
    /// since the last check. Inside a transaction nothing else can change what this connection reads, so it is
    /// checked when a batch starts and before each read outside one. Our own commits do not change data_version.
    /// </summary>
    private void Revalidate()
    {
        if (_tx is not null) return;
        using var c = _db.CreateCommand();
        c.CommandText = "PRAGMA data_version";
        long v = (long)c.ExecuteScalar()!;
        if (v != _cache.DataVersion) ClearCaches();
        _cache.DataVersion = v;
        if (_cache.Df.Count > DfCacheCapacity) _cache.Df.Clear();
    }

    private void ClearCaches()
    {
        _cache.Docs.Clear();
        _cache.Df.Clear();
        _cache.DfPending.Clear();
        _cache.DocCount = null;
    }

    private void Remember(DocRecord d)
    {
        if (_cache.Docs.Count >= DocCacheCapacity) _cache.Docs.Clear();
        // A copy: the engine sets StoryId and InferredPublished on records it reads, and only a put makes that real.
        _cache.Docs[d.Id] = d.Copy();
    }

    private SqliteCommand Cmd(string sql)
    {
        var c = _db.CreateCommand();
        c.CommandText = sql;
        c.Transaction = _tx;
        return c;
    }

    /// <summary>
    /// The clean text of a stored document, read inside the open batch: the engine asks for earlier texts while
    /// its batch transaction holds the shared connection, where the document store's own reads would be refused.
    /// </summary>
    public string? DocumentText(long id)
    {
        using var c = Cmd("SELECT text FROM documents WHERE id = $id");
        c.Parameters.AddWithValue("$id", id);
        return c.ExecuteScalar() as string;
    }

    // ---- documents ----
    public void PutDocuments(IReadOnlyList<DocRecord> docs)
    {
        using var c = Cmd("INSERT OR REPLACE INTO st_docs (id, seq, url, content_hash, story_id, record) VALUES ($id, $seq, $url, $hash, $story, $rec)");
        var p = Params(c, "$id", "$seq", "$url", "$hash", "$story", "$rec");
        using var exists = Cmd("SELECT count(*) FROM st_docs WHERE id=$id");
        var pe = exists.Parameters.Add("$id", SqliteType.Integer);
        foreach (var d in docs)
        {
            if (_cache.DocCount is not null && !_cache.Docs.ContainsKey(d.Id))
            {
                pe.Value = d.Id;
                if ((long)exists.ExecuteScalar()! == 0) _cache.DocCount++;
            }
            p[0].Value = d.Id; p[1].Value = d.Seq; p[2].Value = (object?)d.Url ?? DBNull.Value;
            p[3].Value = d.ContentHash; p[4].Value = d.StoryId; p[5].Value = JsonSerializer.Serialize(d, Json);
            c.ExecuteNonQuery();
            Remember(d);
        }
    }

    public DocRecord? GetDocument(long id)
    {
        Revalidate();
        if (_cache.Docs.TryGetValue(id, out var hit)) return hit.Copy();
        using var c = Cmd("SELECT record FROM st_docs WHERE id=$id");
        c.Parameters.AddWithValue("$id", id);
        if (c.ExecuteScalar() is not string s) return null;
        var d = JsonSerializer.Deserialize<DocRecord>(s, Json)!;
        Remember(d);
        return d;
    }

    public IReadOnlyList<DocRecord> GetDocuments(IReadOnlyCollection<long> ids)
    {
        var list = new List<DocRecord>(ids.Count);
        if (ids.Count == 0) return list;
        Revalidate();
        List<long>? missing = null;
        foreach (var id in ids)
        {
            if (_cache.Docs.TryGetValue(id, out var hit)) list.Add(hit.Copy());
            else (missing ??= []).Add(id);
        }
        if (missing is null) return list;
        using var c = Cmd("SELECT record FROM st_docs WHERE id IN (SELECT value FROM json_each($ids))");
        c.Parameters.AddWithValue("$ids", JsonArray(missing.Count, i => missing[i]));
        using var r = c.ExecuteReader();
        while (r.Read())
        {
            var d = JsonSerializer.Deserialize<DocRecord>(r.GetString(0), Json)!;
            Remember(d);
            list.Add(d);
        }
        return list;
    }

    public IReadOnlyList<long> DocumentsByUrl(string url) => Ids("SELECT id FROM st_docs WHERE url=$v ORDER BY seq", url);
    public IReadOnlyList<long> DocumentsByContentHash(string contentHash) => Ids("SELECT id FROM st_docs WHERE content_hash=$v ORDER BY seq", contentHash);

    private List<long> Ids(string sql, string value)
    {
        using var c = Cmd(sql);
        c.Parameters.AddWithValue("$v", value);
        using var r = c.ExecuteReader();
        var list = new List<long>();
        while (r.Read()) list.Add(r.GetInt64(0));
        return list;
    }

    /// <summary>Counted once (a full scan), then kept by our own puts; recounted when another connection has committed.</summary>
    public long DocumentCount
    {
        get
        {
            Revalidate();
            if (_cache.DocCount is { } n) return n;
            using var c = Cmd("SELECT count(*) FROM st_docs");
            return (_cache.DocCount = (long)c.ExecuteScalar()!).Value;
        }
    }

    /// <summary>Ids of stored documents the story index has not seen yet (e.g. after a crash between the two commits).</summary>
    public IReadOnlyList<long> MissingDocuments()
    {
        using var c = Cmd("SELECT id FROM documents WHERE id NOT IN (SELECT id FROM st_docs) ORDER BY id");
        using var r = c.ExecuteReader();
        var list = new List<long>();
        while (r.Read()) list.Add(r.GetInt64(0));
        return list;
    }

    // ---- near-duplicate and topical indexes ----
    public void AddBuckets(IReadOnlyList<(ulong Key, long DocId)> entries) => AddKeys("st_buckets", entries);
    public void AddPostings(IReadOnlyList<(ulong Key, long DocId)> entries) => AddKeys("st_postings", entries);

    /// <summary>One statement per document (its keys as one JSON array): per-row statements were most of the cost.</summary>
    private void AddKeys(string table, IReadOnlyList<(ulong Key, long DocId)> entries)
    {
        if (entries.Count == 0) return;
        using var c = Cmd($"INSERT INTO {table} (key, doc_id) SELECT value, $d FROM json_each($k)");
        var pk = c.Parameters.Add("$k", SqliteType.Text);
        var pd = c.Parameters.Add("$d", SqliteType.Integer);
        // Entries come grouped by document; each run of one document id is one statement.
        for (int start = 0; start < entries.Count;)
        {
            long doc = entries[start].DocId;
            int end = start;
            while (end < entries.Count && entries[end].DocId == doc) end++;
            int from = start;
            pk.Value = JsonArray(end - start, i => unchecked((long)entries[from + i].Key));
            pd.Value = doc;
            c.ExecuteNonQuery();
            start = end;
        }
    }

    /// <summary>A JSON array of integers, written without the serializer (these lists are long and hot).</summary>
    private static string JsonArray(int count, Func<int, long> at)
    {
        var sb = new System.Text.StringBuilder(count * 21 + 2).Append('[');
        for (int i = 0; i < count; i++)
        {
            if (i > 0) sb.Append(',');
            sb.Append(at(i).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return sb.Append(']').ToString();
    }

    public IReadOnlyCollection<long> QueryBuckets(IReadOnlyList<ulong> keys, int maxPerKey)
    {
        var result = new HashSet<long>();
        foreach (var (id, _) in Recent("st_buckets", keys, maxPerKey)) result.Add(id);
        return result;
    }

    public IReadOnlyDictionary<long, int> QueryPostings(IReadOnlyList<ulong> keys, int maxPerKey)
    {
        var hits = new Dictionary<long, int>();
        foreach (var (id, _) in Recent("st_postings", keys, maxPerKey)) hits[id] = hits.GetValueOrDefault(id) + 1;
        return hits;
    }

    /// <summary>The most recent documents per key (highest ids first), like the in-memory ring lists.</summary>
    private IEnumerable<(long Id, long Key)> Recent(string table, IReadOnlyList<ulong> keys, int maxPerKey)
    {
        using var c = Cmd($"SELECT doc_id FROM {table} WHERE key=$k ORDER BY doc_id DESC LIMIT $n");
        var pk = c.Parameters.Add("$k", SqliteType.Integer);
        c.Parameters.AddWithValue("$n", maxPerKey);
        var list = new List<(long, long)>();
        foreach (var k in keys.Distinct())
        {
            pk.Value = unchecked((long)k);
            using var r = c.ExecuteReader();
            while (r.Read()) list.Add((r.GetInt64(0), unchecked((long)k)));
        }
        return list;
    }

    public void GetDocumentFrequencies(IReadOnlyList<ulong> keys, Span<int> df)
    {
        Revalidate();
        LoadDocumentFrequencies(keys);
        for (int i = 0; i < keys.Count; i++) df[i] = _cache.Df[unchecked((long)keys[i])];
    }

    /// <summary>Brings the frequencies of <paramref name="keys"/> into the cache: one query for those it lacks.</summary>
    private void LoadDocumentFrequencies(IReadOnlyList<ulong> keys)
    {
        List<long>? missing = null;
        foreach (var k in keys)
        {
            long key = unchecked((long)k);
            if (!_cache.Df.ContainsKey(key)) { (missing ??= []).Add(key); _cache.Df[key] = 0; }
        }
        if (missing is null) return;
        using var c = Cmd("SELECT key, n FROM st_df WHERE key IN (SELECT value FROM json_each($k))");
        c.Parameters.AddWithValue("$k", JsonArray(missing.Count, i => missing[i]));
        using var r = c.ExecuteReader();
        while (r.Read()) _cache.Df[r.GetInt64(0)] = (int)r.GetInt64(1);
    }

    public void AddDocumentFrequencies(IReadOnlyCollection<ulong> keys)
    {
        if (keys.Count == 0) return;
        Revalidate();
        LoadDocumentFrequencies(keys as IReadOnlyList<ulong> ?? [.. keys]);
        foreach (var k in keys)
        {
            long key = unchecked((long)k);
            _cache.Df[key]++;
            _cache.DfPending[key] = _cache.DfPending.GetValueOrDefault(key) + 1;
        }
        if (_tx is null) FlushDocumentFrequencies(); // outside a batch every write is its own commit
    }

    /// <summary>Writes the pending increments: one statement, key and count pairs as one JSON array.</summary>
    private void FlushDocumentFrequencies()
    {
        if (_cache.DfPending.Count == 0) return;
        // "WHERE true" lets SQLite parse the upsert after a SELECT.
        using var c = Cmd("""
            INSERT INTO st_df (key, n) SELECT value ->> 0, value ->> 1 FROM json_each($p) WHERE true
            ON CONFLICT(key) DO UPDATE SET n = n + excluded.n
            """);
        var sb = new System.Text.StringBuilder(_cache.DfPending.Count * 32).Append('[');
        bool first = true;
        // Sorted: the same batch always writes the same way (and neighbouring keys share B-tree pages).
        foreach (var (key, n) in _cache.DfPending.OrderBy(e => e.Key))
        {
            if (!first) sb.Append(',');
            first = false;
            sb.Append('[').Append(key.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(',')
              .Append(n.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(']');
        }
        c.Parameters.AddWithValue("$p", sb.Append(']').ToString());
        c.ExecuteNonQuery();
        _cache.DfPending.Clear();
    }

    // ---- stories ----
    public long NewStoryId()
    {
        using var c = Cmd("""
            INSERT INTO st_meta (name, value) VALUES ('next_story', 1)
            ON CONFLICT(name) DO UPDATE SET value = value + 1 RETURNING value
            """);
        return (long)c.ExecuteScalar()!;
    }

    public StoryRecord? GetStory(long id)
    {
        using var c = Cmd("SELECT record FROM st_stories WHERE id=$id");
        c.Parameters.AddWithValue("$id", id);
        return c.ExecuteScalar() is string s ? JsonSerializer.Deserialize<StoryRecord>(s, Json) : null;
    }

    public void PutStories(IReadOnlyList<StoryRecord> stories)
    {
        using var c = Cmd("INSERT OR REPLACE INTO st_stories (id, merged_into, last_seq, record) VALUES ($id, $m, $seq, $rec)");
        var p = Params(c, "$id", "$m", "$seq", "$rec");
        foreach (var s in stories)
        {
            p[0].Value = s.Id; p[1].Value = (object?)s.MergedInto ?? DBNull.Value; p[2].Value = s.LastSeq;
            p[3].Value = JsonSerializer.Serialize(s, Json);
            c.ExecuteNonQuery();
        }
    }

    public IReadOnlyList<StoryRecord> ListStories(int limit, int offset)
    {
        using var c = Cmd("SELECT record FROM st_stories WHERE merged_into IS NULL ORDER BY last_seq DESC, id LIMIT $l OFFSET $o");
        c.Parameters.AddWithValue("$l", limit);
        c.Parameters.AddWithValue("$o", offset);
        using var r = c.ExecuteReader();
        var list = new List<StoryRecord>();
        while (r.Read()) list.Add(JsonSerializer.Deserialize<StoryRecord>(r.GetString(0), Json)!);
        return list;
    }

    // ---- links ----
    public void AddLinks(IReadOnlyList<DocLink> links)
    {
        using var c = Cmd("INSERT INTO st_links (from_id, to_id, kind, score, detail) VALUES ($f, $t, $k, $s, $d)");
        var p = Params(c, "$f", "$t", "$k", "$s", "$d");
        foreach (var l in links)
        {
            p[0].Value = l.From; p[1].Value = l.To; p[2].Value = (int)l.Kind; p[3].Value = l.Score; p[4].Value = (object?)l.Detail ?? DBNull.Value;
            c.ExecuteNonQuery();
        }
    }

    public IReadOnlyList<DocLink> LinksOf(long docId)
    {
        using var c = Cmd("SELECT from_id, to_id, kind, score, detail FROM st_links WHERE from_id=$id UNION ALL SELECT from_id, to_id, kind, score, detail FROM st_links WHERE to_id=$id AND from_id<>$id");
        c.Parameters.AddWithValue("$id", docId);
        using var r = c.ExecuteReader();
        var list = new List<DocLink>();
        while (r.Read()) list.Add(new DocLink(r.GetInt64(0), r.GetInt64(1), (LinkKind)r.GetInt32(2), r.GetDouble(3), r.IsDBNull(4) ? null : r.GetString(4)));
        return list;
    }

    private static SqliteParameter[] Params(SqliteCommand c, params string[] names) =>
        [.. names.Select(n => c.Parameters.Add(new SqliteParameter { ParameterName = n }))];
}

/// <summary>What <see cref="SqliteStoryIndexStore"/> keeps decoded, shared by every index object over one connection.</summary>
internal sealed class SqliteStoryIndexCache
{
    /// <summary>Decoded records by id.</summary>
    public Dictionary<long, DocRecord> Docs { get; } = [];
    /// <summary>The connection's PRAGMA data_version when the caches were last checked.</summary>
    public long DataVersion { get; set; } = -1;
    /// <summary>Document frequencies as they will be once the open batch commits; keys not read yet are absent.</summary>
    public Dictionary<long, int> Df { get; } = [];
    /// <summary>Increments not written yet: flushed as one statement when the batch commits.</summary>
    public Dictionary<long, int> DfPending { get; } = [];
    /// <summary>Rows in st_docs, known after the first count and kept up to date by puts.</summary>
    public long? DocCount { get; set; }
}
