using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Storyline.Core;
using Storyline.Core.Storage;

namespace Storyline.Storage.Sqlite;

/// <summary>
/// The embedded default store: one SQLite file in WAL mode, FTS5 for search, one transaction per batch.
/// A killed process loses at most the batch in flight; committed batches survive (WAL + synchronous=NORMAL).
/// </summary>
public sealed class SqliteDocumentStore : IDocumentStore
{
    private readonly SqliteConnection _db;

    public string Path { get; }

    /// <summary>The open connection, for other stores (stories) that keep their tables in the same file.</summary>
    public SqliteConnection Connection => _db;

    public SqliteDocumentStore(string path)
    {
        Path = path;
        var dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        _db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        try
        {
            _db.Open();
            Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000;");
            Migrate();
        }
        catch (SqliteException ex)
        {
            _db.Dispose();
            throw new StorylineException(ErrorCode.SL4001, $"cannot open database '{path}': {ex.Message}", ex);
        }
    }

    /// <summary>Applies the migrations the file has not seen yet, each in its own transaction.</summary>
    private void Migrate()
    {
        long version = (long)Scalar("PRAGMA user_version")!;
        for (int i = (int)version; i < SqliteMigrations.Steps.Length; i++)
        {
            using var tx = _db.BeginTransaction();
            Exec(SqliteMigrations.Steps[i], tx);
            Exec($"PRAGMA user_version = {i + 1}", tx);
            tx.Commit();
        }
    }

    public IReadOnlyList<SaveResult> SaveBatch(IReadOnlyList<Document> docs)
    {
        var results = new List<SaveResult>(docs.Count);
        using var tx = _db.BeginTransaction();
        using var find = Cmd("SELECT id FROM documents WHERE content_hash = $h", tx);
        var pHash = find.Parameters.Add("$h", SqliteType.Text);
        using var insert = Cmd("""
            INSERT INTO documents (content_hash, title, source, publisher, byline, published, language, url, text, analysis, raw, format, path, locator, first_seen, updated_at)
            VALUES ($hash, $title, $source, $publisher, $byline, $published, $language, $url, $text, $analysis, $raw, $format, $path, $locator, $seen, $seen)
            RETURNING id
            """, tx);
        using var sighting = Cmd("INSERT INTO sightings (doc_id, path, locator, url, seen_at) VALUES ($id, $path, $locator, $url, $seen)", tx);
        foreach (var d in docs)
        {
            if (string.IsNullOrEmpty(d.ContentHash)) d.ContentHash = ContentHash.Of(d.Text);
            pHash.Value = d.ContentHash;
            var existing = find.ExecuteScalar();
            SaveStatus status;
            if (existing is long id) status = SaveStatus.Duplicate;
            else
            {
                insert.Parameters.Clear();
                Bind(insert, d);
                insert.Parameters.AddWithValue("$hash", d.ContentHash);
                insert.Parameters.AddWithValue("$raw", d.RawBytes);
                insert.Parameters.AddWithValue("$format", (int)d.Format);
                insert.Parameters.AddWithValue("$path", d.Origin.Path);
                insert.Parameters.AddWithValue("$locator", (object?)d.Origin.Locator ?? DBNull.Value);
                insert.Parameters.AddWithValue("$seen", Iso(d.Origin.SeenAt));
                id = (long)insert.ExecuteScalar()!;
                status = SaveStatus.New;
                d.Id = id;
                SaveEntities(d, tx);
            }
            d.Id = id;
            sighting.Parameters.Clear();
            sighting.Parameters.AddWithValue("$id", id);
            sighting.Parameters.AddWithValue("$path", d.Origin.Path);
            sighting.Parameters.AddWithValue("$locator", (object?)d.Origin.Locator ?? DBNull.Value);
            sighting.Parameters.AddWithValue("$url", (object?)(d.Origin.Url ?? d.Metadata.Url?.Value) ?? DBNull.Value);
            sighting.Parameters.AddWithValue("$seen", Iso(d.Origin.SeenAt));
            sighting.ExecuteNonQuery();
            results.Add(new SaveResult(id, status));
        }
        tx.Commit();
        return results;
    }

    public void Replace(IReadOnlyList<Document> docs)
    {
        using var tx = _db.BeginTransaction();
        using var update = Cmd("""
            UPDATE documents SET title=$title, source=$source, publisher=$publisher, byline=$byline, published=$published,
                language=$language, url=$url, text=$text, analysis=$analysis, updated_at=$now,
                content_hash = CASE WHEN EXISTS (SELECT 1 FROM documents o WHERE o.content_hash=$hash AND o.id<>$id)
                                    THEN content_hash ELSE $hash END
            WHERE id=$id
            """, tx);
        foreach (var d in docs)
        {
            update.Parameters.Clear();
            Bind(update, d);
            update.Parameters.AddWithValue("$id", d.Id);
            update.Parameters.AddWithValue("$hash", string.IsNullOrEmpty(d.ContentHash) ? ContentHash.Of(d.Text) : d.ContentHash);
            update.Parameters.AddWithValue("$now", Iso(DateTimeOffset.UtcNow));
            update.ExecuteNonQuery();
            SaveEntities(d, tx);
        }
        tx.Commit();
    }

    /// <summary>Replaces the document's rows in doc_entities (the cross-document entity index).</summary>
    private void SaveEntities(Document d, SqliteTransaction tx)
    {
        using (var del = Cmd("DELETE FROM doc_entities WHERE doc_id=$id", tx))
        {
            del.Parameters.AddWithValue("$id", d.Id);
            del.ExecuteNonQuery();
        }
        if (d.Entities.Count == 0) return;
        using var ins = Cmd("INSERT INTO doc_entities (doc_id, key, name, type, country, role, mentions) VALUES ($id, $k, $n, $t, $c, $r, $m)", tx);
        var p = new[] { "$id", "$k", "$n", "$t", "$c", "$r", "$m" }.Select(n => ins.Parameters.Add(new SqliteParameter { ParameterName = n })).ToArray();
        foreach (var e in d.Entities)
        {
            p[0].Value = d.Id; p[1].Value = e.StoreKey; p[2].Value = e.Name; p[3].Value = e.Type;
            p[4].Value = (object?)e.Country ?? DBNull.Value; p[5].Value = (object?)e.Role ?? DBNull.Value; p[6].Value = e.Mentions.Count;
            ins.ExecuteNonQuery();
        }
    }

    public IReadOnlyList<EntitySummary> Entities(int limit = 100, int offset = 0, string? type = null)
    {
        // For each key: the longest name seen, any role, documents and mentions.
        using var c = Cmd("""
            SELECT key, name, max(length(name)), type, max(country), max(role), count(DISTINCT doc_id), sum(mentions)
            FROM doc_entities WHERE ($t IS NULL OR type = $t)
            GROUP BY key ORDER BY count(DISTINCT doc_id) DESC, sum(mentions) DESC, key LIMIT $l OFFSET $o
            """);
        c.Parameters.AddWithValue("$t", (object?)type ?? DBNull.Value);
        c.Parameters.AddWithValue("$l", limit);
        c.Parameters.AddWithValue("$o", offset);
        using var r = c.ExecuteReader();
        var list = new List<EntitySummary>();
        while (r.Read())
            list.Add(new EntitySummary(r.GetString(0), r.GetString(1), r.GetString(3), Str(r, 4), Str(r, 5), r.GetInt32(6), r.GetInt32(7)));
        return list;
    }

    private static void Bind(SqliteCommand c, Document d)
    {
        var m = d.Metadata;
        c.Parameters.AddWithValue("$title", (object?)m.Title?.Value ?? DBNull.Value);
        c.Parameters.AddWithValue("$source", (object?)m.Source?.Value ?? DBNull.Value);
        c.Parameters.AddWithValue("$publisher", (object?)m.Publisher?.Value ?? DBNull.Value);
        c.Parameters.AddWithValue("$byline", (object?)m.Byline?.Value ?? DBNull.Value);
        c.Parameters.AddWithValue("$published", m.Published is { } p ? Iso(p.Value) : DBNull.Value);
        c.Parameters.AddWithValue("$language", (object?)m.Language?.Value ?? DBNull.Value);
        c.Parameters.AddWithValue("$url", (object?)(m.Url?.Value ?? d.Origin.Url) ?? DBNull.Value);
        c.Parameters.AddWithValue("$text", d.Text);
        c.Parameters.AddWithValue("$analysis", DocumentSnapshot.Serialize(d));
    }

    public Document? Get(long id)
    {
        using var c = Cmd("SELECT raw, format, path, locator, url, first_seen, analysis, content_hash FROM documents WHERE id=$id");
        c.Parameters.AddWithValue("$id", id);
        using var r = c.ExecuteReader();
        if (!r.Read()) return null;
        var doc = new Document
        {
            Id = id,
            Origin = new DocumentOrigin(r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4))
            { SeenAt = ParseIso(r.GetString(5)) },
            RawBytes = (byte[])r[0],
            Format = (DocumentFormat)r.GetInt32(1),
            ContentHash = r.GetString(7),
        };
        DocumentSnapshot.Restore(doc, r.GetString(6));
        return doc;
    }

    public IReadOnlyList<DocumentSummary> List(int limit = 100, int offset = 0)
    {
        using var c = Cmd("SELECT id, title, source, publisher, published, language, content_hash, first_seen FROM documents ORDER BY id LIMIT $l OFFSET $o");
        c.Parameters.AddWithValue("$l", limit);
        c.Parameters.AddWithValue("$o", offset);
        using var r = c.ExecuteReader();
        var list = new List<DocumentSummary>();
        while (r.Read())
            list.Add(new DocumentSummary(r.GetInt64(0), Str(r, 1), Str(r, 2), Str(r, 3),
                r.IsDBNull(4) ? null : ParseIso(r.GetString(4)), Str(r, 5), r.GetString(6), ParseIso(r.GetString(7))));
        return list;
    }

    public long Count() => (long)Scalar("SELECT count(*) FROM documents")!;

    public IReadOnlyList<SearchHit> Search(string query, int limit = 20)
    {
        var match = ToFtsQuery(query);
        if (match.Length == 0) return [];
        // bm25 is lower-is-better; title matches weigh more than body matches.
        using var c = Cmd("""
            SELECT d.id, d.title, snippet(documents_fts, 1, '[', ']', '…', 16), -bm25(documents_fts, 4.0, 1.0) AS score
            FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid
            WHERE documents_fts MATCH $q ORDER BY score DESC LIMIT $l
            """);
        c.Parameters.AddWithValue("$q", match);
        c.Parameters.AddWithValue("$l", limit);
        using var r = c.ExecuteReader();
        var hits = new List<SearchHit>();
        while (r.Read()) hits.Add(new SearchHit(r.GetInt64(0), Str(r, 1), r.GetString(2), r.GetDouble(3)));
        return hits;
    }

    /// <summary>
    /// Turns user text into a safe FTS5 query: each word becomes a quoted term (so operators and
    /// punctuation in the input cannot produce syntax errors); a "quoted phrase" stays a phrase;
    /// a trailing * keeps prefix search.
    /// </summary>
    internal static string ToFtsQuery(string query)
    {
        var parts = new List<string>();
        var phrases = query.Split('"');
        for (int i = 0; i < phrases.Length; i++)
        {
            if (i % 2 == 1)
            {
                var words = Words(phrases[i]);
                if (words.Count > 0) parts.Add("\"" + string.Join(' ', words) + "\"");
                continue;
            }
            foreach (var raw in phrases[i].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            {
                bool prefix = raw.EndsWith('*');
                foreach (var w in Words(raw)) parts.Add("\"" + w + "\"" + (prefix ? "*" : ""));
            }
        }
        return string.Join(' ', parts);
    }

    private static List<string> Words(string s)
    {
        var list = new List<string>();
        var sb = new StringBuilder();
        foreach (var ch in s)
        {
            if (char.IsLetterOrDigit(ch)) sb.Append(ch);
            else if (sb.Length > 0) { list.Add(sb.ToString()); sb.Clear(); }
        }
        if (sb.Length > 0) list.Add(sb.ToString());
        return list;
    }

    public IEnumerable<StoredRaw> ReadRaw()
    {
        // Page by id so the reader never holds more than one page, and writes (Replace) can interleave.
        long after = 0;
        const int Page = 256;
        while (true)
        {
            var page = new List<StoredRaw>(Page);
            using (var c = Cmd("SELECT id, raw, format, path, locator, url, first_seen FROM documents WHERE id > $a ORDER BY id LIMIT $l"))
            {
                c.Parameters.AddWithValue("$a", after);
                c.Parameters.AddWithValue("$l", Page);
                using var r = c.ExecuteReader();
                while (r.Read())
                    page.Add(new StoredRaw(r.GetInt64(0), (byte[])r[1], (DocumentFormat)r.GetInt32(2),
                        new DocumentOrigin(r.GetString(3), Str(r, 4), Str(r, 5)) { SeenAt = ParseIso(r.GetString(6)) }));
            }
            if (page.Count == 0) yield break;
            foreach (var p in page) yield return p;
            after = page[^1].Id;
        }
    }

    public IReadOnlyList<Sighting> Sightings(long id)
    {
        using var c = Cmd("SELECT path, locator, url, seen_at FROM sightings WHERE doc_id=$id ORDER BY rowid");
        c.Parameters.AddWithValue("$id", id);
        using var r = c.ExecuteReader();
        var list = new List<Sighting>();
        while (r.Read()) list.Add(new Sighting(r.GetString(0), Str(r, 1), Str(r, 2), ParseIso(r.GetString(3))));
        return list;
    }

    public void Dispose() => _db.Dispose();

    // ---- helpers ----
    internal SqliteCommand Cmd(string sql, SqliteTransaction? tx = null)
    {
        var c = _db.CreateCommand();
        c.CommandText = sql;
        c.Transaction = tx;
        return c;
    }

    private void Exec(string sql, SqliteTransaction? tx = null) { using var c = Cmd(sql, tx); c.ExecuteNonQuery(); }
    private object? Scalar(string sql) { using var c = Cmd(sql); return c.ExecuteScalar(); }
    private static string? Str(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
    internal static string Iso(DateTimeOffset t) => t.ToString("O", CultureInfo.InvariantCulture);
    internal static DateTimeOffset ParseIso(string s) => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
