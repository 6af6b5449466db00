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
    private static readonly string[] EntityParameters = ["$id", "$k", "$n", "$t", "$c", "$r", "$m"];

    private readonly SqliteConnection _db;

    public string Path { get; }

    /// <summary>The open connection, for other stores (stories) that keep their tables in the same file.</summary>
    public SqliteConnection Connection => _db;

    /// <summary>The story index's decoded records and counts for this connection (see <see cref="SqliteStoryIndexStore"/>).</summary>
    internal SqliteStoryIndexCache StoryIndexCache { get; } = new();

    /// <summary>Opens the store at <paramref name="path"/>, creating the file (and its folder) when missing.</summary>
    public SqliteDocumentStore(string path) : this(path, create: true) { }

    /// <summary>
    /// Opens the store at <paramref name="path"/>. Without <paramref name="create"/> a missing file is SL4005 and
    /// nothing is created (no folder, no empty database).
    /// </summary>
    public SqliteDocumentStore(string path, bool create)
    {
        Path = path;
        if (create)
        {
            var dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        }
        else if (!File.Exists(path))
            throw new StorylineException(ErrorCode.SL4005,
                $"no store at '{path}' (nothing has been ingested there yet; 'storyline ingest PATH --db {path}' creates it)");
        _db = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path, Pooling = false,
            Mode = create ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite,
        }.ToString());
        try
        {
            _db.Open();
            // A 64 MB page cache (SQLite's default is 2 MB): the story index's key tables are read and extended at
            // random places for every document, and with the small cache each of those became a read from the OS.
            Exec("PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000; PRAGMA cache_size=-65536;");
            // A new file gets its schema in rollback-journal mode, so ~200 KB of table pages never pass through the WAL
            // (the WAL then holds only documents, which is what a watcher of its size, like the kill test, expects).
            bool fresh = (long)Scalar("PRAGMA user_version")! == 0;
            if (fresh) Migrate();
            // Entering WAL needs a moment without readers; the pragma answers the mode it is in rather than waiting.
            var mode = Scalar("PRAGMA journal_mode=WAL") as string;
            for (int i = 0; mode != "wal" && i < 100; i++) { Thread.Sleep(20); mode = Scalar("PRAGMA journal_mode=WAL") as string; }
            Exec("PRAGMA synchronous=NORMAL;");
            if (!fresh) Migrate();
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
            if (i + 1 == SqliteMigrations.StatementIndexStep) IndexStoredStatements(tx);
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
        using var sighting = Cmd("""
            INSERT INTO sightings (doc_id, path, locator, url, seen_at, last_seen, count) VALUES ($id, $path, $locator, $url, $seen, $seen, 1)
            ON CONFLICT (doc_id, path, ifnull(locator, ''), ifnull(url, ''))
            DO UPDATE SET count = count + 1, last_seen = max(last_seen, excluded.last_seen)
            """, tx);
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
                SaveStatements(d, tx);
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
            SaveStatements(d, tx);
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
        var p = EntityParameters.Select(n => ins.Parameters.Add(new SqliteParameter { ParameterName = n })).ToArray();
        foreach (var e in d.Entities)
        {
            p[0].Value = d.Id; p[1].Value = e.StoreKey; p[2].Value = e.Name; p[3].Value = e.Type;
            p[4].Value = (object?)e.Country ?? DBNull.Value; p[5].Value = (object?)e.Role ?? DBNull.Value; p[6].Value = e.Mentions.Count;
            ins.ExecuteNonQuery();
        }
    }

    /// <summary>Replaces the document's rows in doc_quotes and doc_events (the cross-document statement index).</summary>
    private void SaveStatements(Document d, SqliteTransaction tx)
    {
        using (var del = Cmd("DELETE FROM doc_quotes WHERE doc_id=$id; DELETE FROM doc_events WHERE doc_id=$id", tx))
        {
            del.Parameters.AddWithValue("$id", d.Id);
            del.ExecuteNonQuery();
        }
        InsertRows("doc_quotes", StatementIndex.QuoteColumns, StatementIndex.QuoteRows(d), tx);
        InsertRows("doc_events", StatementIndex.EventColumns, StatementIndex.EventRows(d), tx);
    }

    private void InsertRows(string table, string columns, IEnumerable<object?[]> rows, SqliteTransaction tx)
    {
        SqliteCommand? ins = null;
        SqliteParameter[] p = [];
        try
        {
            foreach (var row in rows)
            {
                if (ins is null)
                {
                    ins = Cmd($"INSERT INTO {table} ({columns}) VALUES ({string.Join(", ", Enumerable.Range(0, row.Length).Select(i => "$c" + i))})", tx);
                    p = [.. Enumerable.Range(0, row.Length).Select(i => ins.Parameters.Add(new SqliteParameter { ParameterName = "$c" + i }))];
                }
                for (int i = 0; i < row.Length; i++) p[i].Value = row[i] ?? DBNull.Value;
                ins.ExecuteNonQuery();
            }
        }
        finally { ins?.Dispose(); }
    }

    /// <summary>Indexes the quotes and events of analyses stored before the index existed (run once, inside the migration).</summary>
    private void IndexStoredStatements(SqliteTransaction tx)
    {
        var pending = new List<(long Id, string Analysis)>();
        using (var c = Cmd("""
            SELECT id, analysis FROM documents
            WHERE coalesce(json_array_length(analysis, '$.Quotes'), 0) > 0 OR coalesce(json_array_length(analysis, '$.Events'), 0) > 0
            ORDER BY id
            """, tx))
        using (var r = c.ExecuteReader())
            while (r.Read()) pending.Add((r.GetInt64(0), r.GetString(1)));
        foreach (var (id, analysis) in pending)
        {
            var d = new Document { Id = id, Origin = new DocumentOrigin("") };
            DocumentSnapshot.Restore(d, analysis);
            SaveStatements(d, tx);
        }
    }

    public QueryPage<QuoteHit> SearchQuotes(QuoteQuery query)
    {
        var f = StatementIndex.QuoteFilter(query);
        var (limit, offset) = StatementIndex.Page(query.Limit, query.Offset);
        long total;
        using (var c = Cmd($"SELECT count(*) FROM doc_quotes q {f.Where}"))
        {
            Bind(c, f);
            total = (long)c.ExecuteScalar()!;
        }
        var items = new List<QuoteHit>();
        if (limit > 0 && offset < total)
        {
            using var c = Cmd($"SELECT {StatementIndex.QuoteSelect} FROM doc_quotes q JOIN documents d ON d.id = q.doc_id {f.Where} {StatementIndex.QuoteOrder} LIMIT $limit OFFSET $offset");
            Bind(c, f);
            c.Parameters.AddWithValue("$limit", limit);
            c.Parameters.AddWithValue("$offset", offset);
            using var r = c.ExecuteReader();
            while (r.Read()) items.Add(StatementIndex.ReadQuote(r, PublishedAt));
        }
        return new QueryPage<QuoteHit>(total, items);
    }

    public QueryPage<EventHit> SearchEvents(EventQuery query)
    {
        var f = StatementIndex.EventFilter(query);
        var (limit, offset) = StatementIndex.Page(query.Limit, query.Offset);
        long total;
        using (var c = Cmd($"SELECT count(*) FROM doc_events e {f.Where}"))
        {
            Bind(c, f);
            total = (long)c.ExecuteScalar()!;
        }
        var items = new List<EventHit>();
        if (limit > 0 && offset < total)
        {
            using var c = Cmd($"SELECT {StatementIndex.EventSelect} FROM doc_events e JOIN documents d ON d.id = e.doc_id {f.Where} {StatementIndex.EventOrder} LIMIT $limit OFFSET $offset");
            Bind(c, f);
            c.Parameters.AddWithValue("$limit", limit);
            c.Parameters.AddWithValue("$offset", offset);
            using var r = c.ExecuteReader();
            while (r.Read()) items.Add(StatementIndex.ReadEvent(r, PublishedAt));
        }
        return new QueryPage<EventHit>(total, items);
    }

    private static void Bind(SqliteCommand c, StatementIndex.Filter f)
    {
        foreach (var p in f.Parameters) c.Parameters.AddWithValue("@" + p.Key, p.Value);
    }

    private static DateTimeOffset? PublishedAt(System.Data.Common.DbDataReader r, int i) => ParseIso(r.GetString(i));

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
        // The analysis is read for the not-article flag only (a top-level key, set when the article check flagged it).
        using var c = Cmd("""
            SELECT id, title, source, publisher, published, language, content_hash, first_seen, format,
                   json_extract(analysis, '$.NotArticle') IS NOT NULL
            FROM documents ORDER BY id LIMIT $l OFFSET $o
            """);
        c.Parameters.AddWithValue("$l", limit);
        c.Parameters.AddWithValue("$o", offset);
        using var r = c.ExecuteReader();
        var list = new List<DocumentSummary>();
        while (r.Read())
            list.Add(new DocumentSummary(r.GetInt64(0), Str(r, 1), Str(r, 2), Str(r, 3),
                r.IsDBNull(4) ? null : ParseIso(r.GetString(4)), Str(r, 5), r.GetString(6), ParseIso(r.GetString(7)))
            {
                Format = (DocumentFormat)r.GetInt32(8), NotArticle = r.GetInt64(9) != 0,
            });
        return list;
    }

    public long Count() => (long)Scalar("SELECT count(*) FROM documents")!;

    public IReadOnlyList<SearchHit> Search(string query, int limit = 20)
    {
        var hits = Rank(query, limit, count: false).Hits; // the hits only: counting every match is O(matches)
        if (hits.Count == 0) return hits;
        var snippets = Snippets(query, [.. hits.Select(h => h.Id)]);
        return [.. hits.Select(h => h with { Snippet = snippets.GetValueOrDefault(h.Id, "") })];
    }

    /// <summary>
    /// Matches ranked per query at most: when more documents match, the newest <see cref="RankWindow"/> matches (the
    /// highest ids) are ranked. BM25 scores every match it is given, so a common word over a million documents cost seconds
    /// per query; its weight in most documents is near zero anyway, and in news the recent reports are the ones wanted.
    /// <see cref="SearchRanking.Total"/> still counts every match.
    /// </summary>
    public int RankWindow { get; init; } = DefaultRankWindow;

    /// <summary>The default <see cref="RankWindow"/>, the same in every store.</summary>
    public const int DefaultRankWindow = SearchRanking.DefaultRankWindow;

    public SearchRanking Rank(string query, int limit) => Rank(query, limit, count: true);

    /// <param name="count">Count every match for <see cref="SearchRanking.Total"/>; otherwise it is the number of hits.</param>
    private SearchRanking Rank(string query, int limit, bool count)
    {
        var match = ToFtsQuery(query);
        if (match.Length == 0 || limit <= 0) return new SearchRanking(0, []);
        // The window's oldest match when more match than it holds: FTS5 walks the matches newest first and stops there.
        long from = 0;
        using (var w = Cmd("SELECT rowid FROM documents_fts WHERE documents_fts MATCH $q ORDER BY rowid DESC LIMIT 1 OFFSET $w"))
        {
            w.Parameters.AddWithValue("$q", match);
            w.Parameters.AddWithValue("$w", Math.Max(RankWindow, limit) - 1);
            if (w.ExecuteScalar() is long cut) from = cut;
        }
        // Rank first (bm25 needs no text), then read titles for the kept hits only. bm25 is lower-is-better;
        // title matches weigh more than body matches.
        using var c = Cmd("""
            SELECT r.id, d.title, r.score FROM (
                SELECT rowid AS id, -bm25(documents_fts, 4.0, 1.0) AS score FROM documents_fts
                WHERE documents_fts MATCH $q AND rowid >= $from ORDER BY score DESC, rowid LIMIT $l) r
            JOIN documents d ON d.id = r.id
            ORDER BY r.score DESC, r.id
            """);
        c.Parameters.AddWithValue("$q", match);
        c.Parameters.AddWithValue("$l", limit);
        c.Parameters.AddWithValue("$from", from);
        var hits = new List<SearchHit>();
        using (var r = c.ExecuteReader())
            while (r.Read()) hits.Add(new SearchHit(r.GetInt64(0), Str(r, 1), "", r.GetDouble(2)));
        long total = hits.Count;
        if (count && hits.Count == limit)
        {
            // Counting matches reads the index only (no scores, no text).
            using var n = Cmd("SELECT count(*) FROM documents_fts WHERE documents_fts MATCH $q");
            n.Parameters.AddWithValue("$q", match);
            total = (long)n.ExecuteScalar()!;
        }
        return new SearchRanking(total, Normalise(hits));
    }

    public IReadOnlyDictionary<long, string> Snippets(string query, IReadOnlyCollection<long> ids)
    {
        var match = ToFtsQuery(query);
        var found = new Dictionary<long, string>();
        if (match.Length == 0 || ids.Count == 0) return found;
        // One FTS lookup per id (rowid = ? with MATCH): the cost grows with the ids asked for, not with the matches.
        using var c = Cmd("""
            SELECT rowid, snippet(documents_fts, 1, '[', ']', '…', 16) FROM documents_fts
            WHERE documents_fts MATCH $q AND rowid IN (SELECT value FROM json_each($ids))
            """);
        c.Parameters.AddWithValue("$q", match);
        c.Parameters.AddWithValue("$ids", "[" + string.Join(',', ids.Select(i => i.ToString(CultureInfo.InvariantCulture))) + "]");
        using var r = c.ExecuteReader();
        while (r.Read()) found[r.GetInt64(0)] = r.GetString(1);
        return found;
    }

    /// <summary>
    /// Scores relative to the best hit of the query (best = 1): FTS5's BM25 clamps the weight of a word found in
    /// more than half the documents to 1e-6, so raw values in a small store all print as 0.00.
    /// </summary>
    internal static IReadOnlyList<SearchHit> Normalise(List<SearchHit> hits)
    {
        double best = hits.Count > 0 ? hits.Max(h => h.Score) : 0;
        if (best <= 0) return hits;
        return [.. hits.Select(h => h with { Score = Math.Round(h.Score / best, ScoreDigits) })];
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

    /// <summary>Digits kept in a normalised search score (stable output, no float noise).</summary>
    private const int ScoreDigits = 4;

    public IReadOnlyList<Sighting> Sightings(long id)
    {
        using var c = Cmd("SELECT path, locator, url, seen_at, count, last_seen FROM sightings WHERE doc_id=$id ORDER BY rowid");
        c.Parameters.AddWithValue("$id", id);
        using var r = c.ExecuteReader();
        var list = new List<Sighting>();
        while (r.Read())
            list.Add(new Sighting(r.GetString(0), Str(r, 1), Str(r, 2), ParseIso(r.GetString(3))) { Count = r.GetInt32(4), LastSeen = ParseIso(r.GetString(5)) });
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
