using System.Text.Json;
using Microsoft.Data.Sqlite;
using Storyline.Stories.Index;

namespace Storyline.Storage.Sqlite;

/// <summary>
/// The story index in the same SQLite file as the documents. Records (document signatures, story
/// centroids) are JSON; the lookups the engine makes per document (buckets, postings, frequencies)
/// are indexed tables, so the cost per document does not grow with the store.
/// Use <see cref="Batch"/> around many writes: one transaction instead of one per statement.
/// </summary>
public sealed class SqliteStoryIndexStore(SqliteDocumentStore documents) : IDocumentStoryIndex
{
    private readonly SqliteConnection _db = documents.Connection;
    private SqliteTransaction? _tx;

    private static readonly JsonSerializerOptions Json = new() { IncludeFields = false };

    /// <summary>Runs writes in one transaction (committed when disposed, unless one is already open).</summary>
    public IDisposable Batch()
    {
        if (_tx is not null) return new Scope(null);
        _tx = _db.BeginTransaction();
        return new Scope(this);
    }

    private sealed class Scope(SqliteStoryIndexStore? owner) : IDisposable
    {
        public void Dispose()
        {
            if (owner?._tx is null) return;
            owner._tx.Commit();
            owner._tx.Dispose();
            owner._tx = null;
        }
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
        foreach (var d in docs)
        {
            p[0].Value = d.Id; p[1].Value = d.Seq; p[2].Value = (object?)d.Url ?? DBNull.Value;
            p[3].Value = d.ContentHash; p[4].Value = d.StoryId; p[5].Value = JsonSerializer.Serialize(d, Json);
            c.ExecuteNonQuery();
        }
    }

    public DocRecord? GetDocument(long id)
    {
        using var c = Cmd("SELECT record FROM st_docs WHERE id=$id");
        c.Parameters.AddWithValue("$id", id);
        return c.ExecuteScalar() is string s ? JsonSerializer.Deserialize<DocRecord>(s, Json) : null;
    }

    public IReadOnlyList<DocRecord> GetDocuments(IReadOnlyCollection<long> ids)
    {
        var list = new List<DocRecord>(ids.Count);
        if (ids.Count == 0) return list;
        using var c = Cmd("SELECT record FROM st_docs WHERE id IN (SELECT value FROM json_each($ids))");
        c.Parameters.AddWithValue("$ids", JsonSerializer.Serialize(ids));
        using var r = c.ExecuteReader();
        while (r.Read()) list.Add(JsonSerializer.Deserialize<DocRecord>(r.GetString(0), Json)!);
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

    public long DocumentCount
    {
        get { using var c = Cmd("SELECT count(*) FROM st_docs"); return (long)c.ExecuteScalar()!; }
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

    private void AddKeys(string table, IReadOnlyList<(ulong Key, long DocId)> entries)
    {
        using var c = Cmd($"INSERT INTO {table} (key, doc_id) VALUES ($k, $d)");
        var p = Params(c, "$k", "$d");
        foreach (var (k, id) in entries) { p[0].Value = unchecked((long)k); p[1].Value = id; c.ExecuteNonQuery(); }
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
        using var c = Cmd("SELECT n FROM st_df WHERE key=$k");
        var pk = c.Parameters.Add("$k", SqliteType.Integer);
        for (int i = 0; i < keys.Count; i++)
        {
            pk.Value = unchecked((long)keys[i]);
            df[i] = c.ExecuteScalar() is long n ? (int)n : 0;
        }
    }

    public void AddDocumentFrequencies(IReadOnlyCollection<ulong> keys)
    {
        using var c = Cmd("INSERT INTO st_df (key, n) VALUES ($k, 1) ON CONFLICT(key) DO UPDATE SET n = n + 1");
        var pk = c.Parameters.Add("$k", SqliteType.Integer);
        foreach (var k in keys) { pk.Value = unchecked((long)k); c.ExecuteNonQuery(); }
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
