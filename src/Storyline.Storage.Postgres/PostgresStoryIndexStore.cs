using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Storyline.Stories.Index;

namespace Storyline.Storage.Postgres;

/// <summary>
/// The story index in the same PostgreSQL database as the documents (tables st_*, created by the
/// document store's migrations). It behaves like the SQLite index (the shared contract tests run the
/// same documents through both and through the in-memory reference), but each lookup the engine makes
/// per document is one round trip: keys go as arrays (unnest + LATERAL for the most recent documents per key).
/// One connection for the index's lifetime; a batch is one transaction holding an advisory lock, so two
/// ingest processes on one database update stories one batch at a time.
/// </summary>
public sealed class PostgresStoryIndexStore : IDocumentStoryIndex, IDisposable
{
    /// <summary>Advisory lock id serialising story-index batches across processes.</summary>
    private const long IndexLock = 7316002;

    private readonly NpgsqlConnection _conn;
    private NpgsqlTransaction? _tx;

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

    public IDisposable Batch()
    {
        if (_tx is not null) return new Scope(null);
        _tx = _conn.BeginTransaction();
        using (var c = Cmd("SELECT pg_advisory_xact_lock(@l)")) { c.Parameters.AddWithValue("l", IndexLock); c.ExecuteNonQuery(); }
        return new Scope(this);
    }

    private sealed class Scope(PostgresStoryIndexStore? owner) : IDisposable
    {
        public void Dispose()
        {
            if (owner?._tx is null) return;
            owner._tx.Commit();
            owner._tx.Dispose();
            owner._tx = null;
        }
    }

    private NpgsqlCommand Cmd(string sql) => new(sql, _conn, _tx);

    public string? DocumentText(long id)
    {
        using var c = Cmd("SELECT text FROM documents WHERE id = @id");
        c.Parameters.AddWithValue("id", id);
        return c.ExecuteScalar() as string;
    }

    public IReadOnlyList<long> MissingDocuments()
    {
        using var c = Cmd("SELECT d.id FROM documents d WHERE NOT EXISTS (SELECT 1 FROM st_docs s WHERE s.id = d.id) ORDER BY d.id");
        return ReadIds(c);
    }

    // ---- documents ----
    public void PutDocuments(IReadOnlyList<DocRecord> docs)
    {
        if (docs.Count == 0) return;
        using var c = Cmd("""
            INSERT INTO st_docs (id, seq, url, content_hash, story_id, record)
            SELECT * FROM unnest(@id, @seq, @url, @hash, @story, @rec)
            ON CONFLICT (id) DO UPDATE SET seq = EXCLUDED.seq, url = EXCLUDED.url, content_hash = EXCLUDED.content_hash,
                story_id = EXCLUDED.story_id, record = EXCLUDED.record
            """);
        c.Parameters.AddWithValue("id", docs.Select(d => d.Id).ToArray());
        c.Parameters.AddWithValue("seq", docs.Select(d => d.Seq).ToArray());
        c.Parameters.Add(new NpgsqlParameter("url", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = docs.Select(d => d.Url).ToArray() });
        c.Parameters.AddWithValue("hash", docs.Select(d => d.ContentHash).ToArray());
        c.Parameters.AddWithValue("story", docs.Select(d => d.StoryId).ToArray());
        c.Parameters.AddWithValue("rec", docs.Select(d => JsonSerializer.Serialize(d, Json)).ToArray());
        c.ExecuteNonQuery();
    }

    public DocRecord? GetDocument(long id)
    {
        using var c = Cmd("SELECT record FROM st_docs WHERE id = @id");
        c.Parameters.AddWithValue("id", id);
        return c.ExecuteScalar() is string s ? JsonSerializer.Deserialize<DocRecord>(s, Json) : null;
    }

    public IReadOnlyList<DocRecord> GetDocuments(IReadOnlyCollection<long> ids)
    {
        var list = new List<DocRecord>(ids.Count);
        if (ids.Count == 0) return list;
        using var c = Cmd("SELECT record FROM st_docs WHERE id = ANY(@ids)");
        c.Parameters.AddWithValue("ids", ids.ToArray());
        using var r = c.ExecuteReader();
        while (r.Read()) list.Add(JsonSerializer.Deserialize<DocRecord>(r.GetString(0), Json)!);
        return list;
    }

    public IReadOnlyList<long> DocumentsByUrl(string url) => IdsWhere("SELECT id FROM st_docs WHERE url = @v ORDER BY seq", url);
    public IReadOnlyList<long> DocumentsByContentHash(string contentHash) => IdsWhere("SELECT id FROM st_docs WHERE content_hash = @v ORDER BY seq", contentHash);

    private List<long> IdsWhere(string sql, string value)
    {
        using var c = Cmd(sql);
        c.Parameters.AddWithValue("v", value);
        return ReadIds(c);
    }

    private static List<long> ReadIds(NpgsqlCommand c)
    {
        using var r = c.ExecuteReader();
        var list = new List<long>();
        while (r.Read()) list.Add(r.GetInt64(0));
        return list;
    }

    public long DocumentCount
    {
        get { using var c = Cmd("SELECT count(*) FROM st_docs"); return (long)c.ExecuteScalar()!; }
    }

    // ---- near-duplicate and topical indexes ----
    public void AddBuckets(IReadOnlyList<(ulong Key, long DocId)> entries) => AddKeys("st_buckets", entries);
    public void AddPostings(IReadOnlyList<(ulong Key, long DocId)> entries) => AddKeys("st_postings", entries);

    private void AddKeys(string table, IReadOnlyList<(ulong Key, long DocId)> entries)
    {
        if (entries.Count == 0) return;
        using var c = Cmd($"INSERT INTO {table} (key, doc_id) SELECT * FROM unnest(@k, @d)");
        c.Parameters.AddWithValue("k", entries.Select(e => unchecked((long)e.Key)).ToArray());
        c.Parameters.AddWithValue("d", entries.Select(e => e.DocId).ToArray());
        c.ExecuteNonQuery();
    }

    public IReadOnlyCollection<long> QueryBuckets(IReadOnlyList<ulong> keys, int maxPerKey)
    {
        var result = new HashSet<long>();
        foreach (var id in Recent("st_buckets", keys, maxPerKey)) result.Add(id);
        return result;
    }

    public IReadOnlyDictionary<long, int> QueryPostings(IReadOnlyList<ulong> keys, int maxPerKey)
    {
        var hits = new Dictionary<long, int>();
        foreach (var id in Recent("st_postings", keys, maxPerKey)) hits[id] = hits.GetValueOrDefault(id) + 1;
        return hits;
    }

    /// <summary>The most recent documents per key (highest ids first), one row per (key, document).</summary>
    private List<long> Recent(string table, IReadOnlyList<ulong> keys, int maxPerKey)
    {
        var list = new List<long>();
        if (keys.Count == 0) return list;
        using var c = Cmd($"""
            SELECT d.doc_id FROM (SELECT DISTINCT unnest(@k) AS key) k
            CROSS JOIN LATERAL (SELECT doc_id FROM {table} t WHERE t.key = k.key ORDER BY doc_id DESC LIMIT @n) d
            """);
        c.Parameters.AddWithValue("k", keys.Select(k => unchecked((long)k)).ToArray());
        c.Parameters.AddWithValue("n", maxPerKey);
        return ReadIds(c);
    }

    public void GetDocumentFrequencies(IReadOnlyList<ulong> keys, Span<int> df)
    {
        df[..keys.Count].Clear();
        if (keys.Count == 0) return;
        using var c = Cmd("SELECT key, n FROM st_df WHERE key = ANY(@k)");
        c.Parameters.AddWithValue("k", keys.Select(k => unchecked((long)k)).ToArray());
        var found = new Dictionary<long, int>();
        using (var r = c.ExecuteReader())
            while (r.Read()) found[r.GetInt64(0)] = r.GetInt32(1);
        for (int i = 0; i < keys.Count; i++) df[i] = found.GetValueOrDefault(unchecked((long)keys[i]));
    }

    public void AddDocumentFrequencies(IReadOnlyCollection<ulong> keys)
    {
        if (keys.Count == 0) return;
        // Grouped first: one statement may not update the same row twice.
        using var c = Cmd("""
            INSERT INTO st_df (key, n) SELECT key, count(*) FROM unnest(@k) AS key GROUP BY key
            ON CONFLICT (key) DO UPDATE SET n = st_df.n + EXCLUDED.n
            """);
        c.Parameters.AddWithValue("k", keys.Select(k => unchecked((long)k)).ToArray());
        c.ExecuteNonQuery();
    }

    // ---- stories ----
    public long NewStoryId()
    {
        using var c = Cmd("SELECT nextval('st_story_ids')");
        return (long)c.ExecuteScalar()!;
    }

    public StoryRecord? GetStory(long id)
    {
        using var c = Cmd("SELECT record FROM st_stories WHERE id = @id");
        c.Parameters.AddWithValue("id", id);
        return c.ExecuteScalar() is string s ? JsonSerializer.Deserialize<StoryRecord>(s, Json) : null;
    }

    public IReadOnlyList<StoryRecord> GetStories(IReadOnlyCollection<long> ids)
    {
        if (ids.Count == 0) return [];
        using var c = Cmd("SELECT record FROM st_stories WHERE id = ANY(@ids)");
        c.Parameters.AddWithValue("ids", ids.ToArray());
        using var r = c.ExecuteReader();
        var list = new List<StoryRecord>(ids.Count);
        while (r.Read()) list.Add(JsonSerializer.Deserialize<StoryRecord>(r.GetString(0), Json)!);
        return list;
    }

    public void PutStories(IReadOnlyList<StoryRecord> stories)
    {
        if (stories.Count == 0) return;
        using var c = Cmd("""
            INSERT INTO st_stories (id, merged_into, last_seq, record) SELECT * FROM unnest(@id, @m, @seq, @rec)
            ON CONFLICT (id) DO UPDATE SET merged_into = EXCLUDED.merged_into, last_seq = EXCLUDED.last_seq, record = EXCLUDED.record
            """);
        c.Parameters.AddWithValue("id", stories.Select(s => s.Id).ToArray());
        c.Parameters.Add(new NpgsqlParameter("m", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = stories.Select(s => s.MergedInto).ToArray() });
        c.Parameters.AddWithValue("seq", stories.Select(s => s.LastSeq).ToArray());
        c.Parameters.AddWithValue("rec", stories.Select(s => JsonSerializer.Serialize(s, Json)).ToArray());
        c.ExecuteNonQuery();
    }

    public IReadOnlyList<StoryRecord> ListStories(int limit, int offset)
    {
        using var c = Cmd("SELECT record FROM st_stories WHERE merged_into IS NULL ORDER BY last_seq DESC, id LIMIT @l OFFSET @o");
        c.Parameters.AddWithValue("l", limit);
        c.Parameters.AddWithValue("o", offset);
        using var r = c.ExecuteReader();
        var list = new List<StoryRecord>();
        while (r.Read()) list.Add(JsonSerializer.Deserialize<StoryRecord>(r.GetString(0), Json)!);
        return list;
    }

    // ---- links ----
    public void AddLinks(IReadOnlyList<DocLink> links)
    {
        if (links.Count == 0) return;
        using var c = Cmd("INSERT INTO st_links (from_id, to_id, kind, score, detail) SELECT * FROM unnest(@f, @t, @k, @s, @d)");
        c.Parameters.AddWithValue("f", links.Select(l => l.From).ToArray());
        c.Parameters.AddWithValue("t", links.Select(l => l.To).ToArray());
        c.Parameters.AddWithValue("k", links.Select(l => (int)l.Kind).ToArray());
        c.Parameters.AddWithValue("s", links.Select(l => l.Score).ToArray());
        c.Parameters.Add(new NpgsqlParameter("d", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = links.Select(l => l.Detail).ToArray() });
        c.ExecuteNonQuery();
    }

    public IReadOnlyList<DocLink> LinksOf(long docId)
    {
        using var c = Cmd("""
            SELECT from_id, to_id, kind, score, detail FROM st_links WHERE from_id = @id
            UNION ALL SELECT from_id, to_id, kind, score, detail FROM st_links WHERE to_id = @id AND from_id <> @id
            """);
        c.Parameters.AddWithValue("id", docId);
        using var r = c.ExecuteReader();
        var list = new List<DocLink>();
        while (r.Read()) list.Add(new DocLink(r.GetInt64(0), r.GetInt64(1), (LinkKind)r.GetInt32(2), r.GetDouble(3), r.IsDBNull(4) ? null : r.GetString(4)));
        return list;
    }
}
