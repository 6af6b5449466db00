using Npgsql;
using NpgsqlTypes;
using Storyline.Core;
using Storyline.Core.Storage;

namespace Storyline.Storage.Postgres;

/// <summary>
/// The scale-out store on PostgreSQL: the same behaviour as the SQLite store (see the shared
/// contract tests), with a generated tsvector column + GIN index for search and one transaction per batch.
/// Concurrent writers are safe: a content hash is claimed with INSERT ... ON CONFLICT.
/// </summary>
public sealed class PostgresDocumentStore : IDocumentStore
{
    private readonly NpgsqlDataSource _source;

    public NpgsqlDataSource DataSource => _source;

    public PostgresDocumentStore(string connectionString)
    {
        var cs = connectionString.StartsWith("postgres", StringComparison.OrdinalIgnoreCase) ? FromUrl(connectionString) : connectionString;
        try
        {
            _source = NpgsqlDataSource.Create(cs);
            Migrate();
        }
        catch (Exception ex) when (ex is NpgsqlException or ArgumentException or InvalidOperationException)
        {
            throw new StorylineException(ErrorCode.SL4001, $"cannot open PostgreSQL store: {ex.Message}", ex);
        }
    }

    /// <summary>postgres://user:pass@host:port/db → Npgsql keyword form.</summary>
    private static string FromUrl(string url)
    {
        var u = new Uri(url);
        var b = new NpgsqlConnectionStringBuilder { Host = u.Host, Port = u.Port > 0 ? u.Port : 5432, Database = u.AbsolutePath.Trim('/') is { Length: > 0 } db ? db : "postgres" };
        if (u.UserInfo.Split(':') is { Length: >= 1 } ui && ui[0].Length > 0)
        {
            b.Username = Uri.UnescapeDataString(ui[0]);
            if (ui.Length > 1) b.Password = Uri.UnescapeDataString(ui[1]);
        }
        return b.ToString();
    }

    private static readonly string[] Steps =
    [
        """
        CREATE TABLE IF NOT EXISTS documents (
            id            BIGSERIAL PRIMARY KEY,
            content_hash  TEXT NOT NULL UNIQUE,
            title         TEXT,
            source        TEXT,
            publisher     TEXT,
            byline        TEXT,
            published     TIMESTAMPTZ,
            language      TEXT,
            url           TEXT,
            text          TEXT NOT NULL,
            analysis      JSONB NOT NULL,
            raw           BYTEA NOT NULL,
            format        INTEGER NOT NULL,
            path          TEXT NOT NULL,
            locator       TEXT,
            first_seen    TIMESTAMPTZ NOT NULL,
            updated_at    TIMESTAMPTZ NOT NULL,
            search        TSVECTOR GENERATED ALWAYS AS (
                setweight(to_tsvector('english', coalesce(title, '')), 'A') || setweight(to_tsvector('english', text), 'B')) STORED
        );
        CREATE INDEX IF NOT EXISTS documents_search ON documents USING GIN (search);
        CREATE INDEX IF NOT EXISTS documents_url ON documents (url);
        CREATE TABLE IF NOT EXISTS sightings (
            id       BIGSERIAL PRIMARY KEY,
            doc_id   BIGINT NOT NULL REFERENCES documents(id),
            path     TEXT NOT NULL,
            locator  TEXT,
            url      TEXT,
            seen_at  TIMESTAMPTZ NOT NULL
        );
        CREATE INDEX IF NOT EXISTS sightings_doc ON sightings (doc_id);
        """,
        """
        CREATE TABLE IF NOT EXISTS doc_entities (
            doc_id    BIGINT NOT NULL REFERENCES documents(id),
            key       TEXT NOT NULL,
            name      TEXT NOT NULL,
            type      TEXT NOT NULL,
            country   TEXT,
            role      TEXT,
            mentions  INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS doc_entities_key ON doc_entities (key);
        CREATE INDEX IF NOT EXISTS doc_entities_doc ON doc_entities (doc_id);
        """,
        // The story index (see PostgresStoryIndexStore): records are JSON text, lookups are indexed tables.
        """
        CREATE TABLE IF NOT EXISTS st_docs (
            id            BIGINT PRIMARY KEY,
            seq           BIGINT NOT NULL,
            url           TEXT,
            content_hash  TEXT NOT NULL,
            story_id      BIGINT NOT NULL,
            record        TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS st_docs_url ON st_docs (url);
        CREATE INDEX IF NOT EXISTS st_docs_hash ON st_docs (content_hash);
        CREATE TABLE IF NOT EXISTS st_buckets (key BIGINT NOT NULL, doc_id BIGINT NOT NULL);
        CREATE INDEX IF NOT EXISTS st_buckets_key ON st_buckets (key, doc_id DESC);
        CREATE TABLE IF NOT EXISTS st_postings (key BIGINT NOT NULL, doc_id BIGINT NOT NULL);
        CREATE INDEX IF NOT EXISTS st_postings_key ON st_postings (key, doc_id DESC);
        CREATE TABLE IF NOT EXISTS st_df (key BIGINT PRIMARY KEY, n INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS st_stories (
            id           BIGINT PRIMARY KEY,
            merged_into  BIGINT,
            last_seq     BIGINT NOT NULL,
            record       TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS st_stories_live ON st_stories (last_seq DESC) WHERE merged_into IS NULL;
        CREATE TABLE IF NOT EXISTS st_links (
            from_id  BIGINT NOT NULL,
            to_id    BIGINT NOT NULL,
            kind     INTEGER NOT NULL,
            score    DOUBLE PRECISION NOT NULL,
            detail   TEXT
        );
        CREATE INDEX IF NOT EXISTS st_links_from ON st_links (from_id);
        CREATE INDEX IF NOT EXISTS st_links_to ON st_links (to_id);
        CREATE SEQUENCE IF NOT EXISTS st_story_ids;
        """,
    ];

    private void Migrate()
    {
        using var conn = _source.OpenConnection();
        using (var c = new NpgsqlCommand("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)", conn)) c.ExecuteNonQuery();
        // One migrator at a time across processes.
        using (var c = new NpgsqlCommand("SELECT pg_advisory_lock(7316001)", conn)) c.ExecuteNonQuery();
        try
        {
            int version;
            using (var c = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM schema_version", conn)) version = Convert.ToInt32(c.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            for (int i = version; i < Steps.Length; i++)
            {
                using var tx = conn.BeginTransaction();
                using (var c = new NpgsqlCommand(Steps[i], conn, tx)) c.ExecuteNonQuery();
                using (var c = new NpgsqlCommand("INSERT INTO schema_version VALUES ($1)", conn, tx)) { c.Parameters.AddWithValue(i + 1); c.ExecuteNonQuery(); }
                tx.Commit();
            }
        }
        finally
        {
            using var c = new NpgsqlCommand("SELECT pg_advisory_unlock(7316001)", conn);
            c.ExecuteNonQuery();
        }
    }

    public IReadOnlyList<SaveResult> SaveBatch(IReadOnlyList<Document> docs)
    {
        var results = new List<SaveResult>(docs.Count);
        using var conn = _source.OpenConnection();
        using var tx = conn.BeginTransaction();
        foreach (var d in docs)
        {
            if (string.IsNullOrEmpty(d.ContentHash)) d.ContentHash = ContentHash.Of(d.Text);
            using var insert = new NpgsqlCommand("""
                INSERT INTO documents (content_hash, title, source, publisher, byline, published, language, url, text, analysis, raw, format, path, locator, first_seen, updated_at)
                VALUES (@hash, @title, @source, @publisher, @byline, @published, @language, @url, @text, @analysis, @raw, @format, @path, @locator, @seen, @seen)
                ON CONFLICT (content_hash) DO NOTHING
                RETURNING id
                """, conn, tx);
            Bind(insert, d);
            insert.Parameters.AddWithValue("hash", d.ContentHash);
            insert.Parameters.AddWithValue("raw", d.RawBytes);
            insert.Parameters.AddWithValue("format", (int)d.Format);
            insert.Parameters.AddWithValue("path", d.Origin.Path);
            insert.Parameters.AddWithValue("locator", (object?)d.Origin.Locator ?? DBNull.Value);
            insert.Parameters.AddWithValue("seen", d.Origin.SeenAt);
            var inserted = insert.ExecuteScalar();
            long id;
            SaveStatus status;
            if (inserted is long newId) { id = newId; status = SaveStatus.New; d.Id = id; SaveEntities(d, conn, tx); }
            else
            {
                using var find = new NpgsqlCommand("SELECT id FROM documents WHERE content_hash = @h", conn, tx);
                find.Parameters.AddWithValue("h", d.ContentHash);
                id = (long)find.ExecuteScalar()!;
                status = SaveStatus.Duplicate;
            }
            d.Id = id;
            using var sighting = new NpgsqlCommand("INSERT INTO sightings (doc_id, path, locator, url, seen_at) VALUES (@id, @path, @locator, @url, @seen)", conn, tx);
            sighting.Parameters.AddWithValue("id", id);
            sighting.Parameters.AddWithValue("path", d.Origin.Path);
            sighting.Parameters.AddWithValue("locator", (object?)d.Origin.Locator ?? DBNull.Value);
            sighting.Parameters.AddWithValue("url", (object?)(d.Origin.Url ?? d.Metadata.Url?.Value) ?? DBNull.Value);
            sighting.Parameters.AddWithValue("seen", d.Origin.SeenAt);
            sighting.ExecuteNonQuery();
            results.Add(new SaveResult(id, status));
        }
        tx.Commit();
        return results;
    }

    private static void Bind(NpgsqlCommand c, Document d)
    {
        var m = d.Metadata;
        c.Parameters.AddWithValue("title", (object?)m.Title?.Value ?? DBNull.Value);
        c.Parameters.AddWithValue("source", (object?)m.Source?.Value ?? DBNull.Value);
        c.Parameters.AddWithValue("publisher", (object?)m.Publisher?.Value ?? DBNull.Value);
        c.Parameters.AddWithValue("byline", (object?)m.Byline?.Value ?? DBNull.Value);
        c.Parameters.AddWithValue("published", NpgsqlDbType.TimestampTz, m.Published is { } p ? p.Value.ToUniversalTime() : DBNull.Value);
        c.Parameters.AddWithValue("language", (object?)m.Language?.Value ?? DBNull.Value);
        c.Parameters.AddWithValue("url", (object?)(m.Url?.Value ?? d.Origin.Url) ?? DBNull.Value);
        c.Parameters.AddWithValue("text", d.Text);
        c.Parameters.AddWithValue("analysis", NpgsqlDbType.Jsonb, DocumentSnapshot.Serialize(d));
    }

    public void Replace(IReadOnlyList<Document> docs)
    {
        using var conn = _source.OpenConnection();
        using var tx = conn.BeginTransaction();
        foreach (var d in docs)
        {
            using var c = new NpgsqlCommand("""
                UPDATE documents SET title=@title, source=@source, publisher=@publisher, byline=@byline, published=@published,
                    language=@language, url=@url, text=@text, analysis=@analysis, updated_at=now(),
                    content_hash = CASE WHEN EXISTS (SELECT 1 FROM documents o WHERE o.content_hash=@hash AND o.id<>@id)
                                        THEN content_hash ELSE @hash END
                WHERE id=@id
                """, conn, tx);
            Bind(c, d);
            c.Parameters.AddWithValue("id", d.Id);
            c.Parameters.AddWithValue("hash", string.IsNullOrEmpty(d.ContentHash) ? ContentHash.Of(d.Text) : d.ContentHash);
            c.ExecuteNonQuery();
            SaveEntities(d, conn, tx);
        }
        tx.Commit();
    }

    private static void SaveEntities(Document d, NpgsqlConnection conn, NpgsqlTransaction tx)
    {
        using (var del = new NpgsqlCommand("DELETE FROM doc_entities WHERE doc_id=@id", conn, tx))
        {
            del.Parameters.AddWithValue("id", d.Id);
            del.ExecuteNonQuery();
        }
        foreach (var e in d.Entities)
        {
            using var ins = new NpgsqlCommand("INSERT INTO doc_entities (doc_id, key, name, type, country, role, mentions) VALUES (@id, @k, @n, @t, @c, @r, @m)", conn, tx);
            ins.Parameters.AddWithValue("id", d.Id);
            ins.Parameters.AddWithValue("k", e.StoreKey);
            ins.Parameters.AddWithValue("n", e.Name);
            ins.Parameters.AddWithValue("t", e.Type);
            ins.Parameters.AddWithValue("c", (object?)e.Country ?? DBNull.Value);
            ins.Parameters.AddWithValue("r", (object?)e.Role ?? DBNull.Value);
            ins.Parameters.AddWithValue("m", e.Mentions.Count);
            ins.ExecuteNonQuery();
        }
    }

    public IReadOnlyList<EntitySummary> Entities(int limit = 100, int offset = 0, string? type = null)
    {
        using var c = _source.CreateCommand("""
            SELECT key, (array_agg(name ORDER BY length(name) DESC))[1], min(type), max(country), max(role), count(DISTINCT doc_id)::int, sum(mentions)::int
            FROM doc_entities WHERE (@t::text IS NULL OR type = @t::text)
            GROUP BY key ORDER BY count(DISTINCT doc_id) DESC, sum(mentions) DESC, key LIMIT @l OFFSET @o
            """);
        c.Parameters.AddWithValue("t", (object?)type ?? DBNull.Value);
        c.Parameters.AddWithValue("l", limit);
        c.Parameters.AddWithValue("o", offset);
        using var r = c.ExecuteReader();
        var list = new List<EntitySummary>();
        while (r.Read())
            list.Add(new EntitySummary(r.GetString(0), r.GetString(1), r.GetString(2), Str(r, 3), Str(r, 4), r.GetInt32(5), r.GetInt32(6)));
        return list;
    }

    public Document? Get(long id)
    {
        using var c = _source.CreateCommand("SELECT raw, format, path, locator, url, first_seen, analysis::text, content_hash FROM documents WHERE id=@id");
        c.Parameters.AddWithValue("id", id);
        using var r = c.ExecuteReader();
        if (!r.Read()) return null;
        var doc = new Document
        {
            Id = id,
            Origin = new DocumentOrigin(r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4))
            { SeenAt = r.GetFieldValue<DateTimeOffset>(5) },
            RawBytes = r.GetFieldValue<byte[]>(0),
            Format = (DocumentFormat)r.GetInt32(1),
            ContentHash = r.GetString(7),
        };
        DocumentSnapshot.Restore(doc, r.GetString(6));
        return doc;
    }

    public IReadOnlyList<DocumentSummary> List(int limit = 100, int offset = 0)
    {
        using var c = _source.CreateCommand("SELECT id, title, source, publisher, published, language, content_hash, first_seen FROM documents ORDER BY id LIMIT @l OFFSET @o");
        c.Parameters.AddWithValue("l", limit);
        c.Parameters.AddWithValue("o", offset);
        using var r = c.ExecuteReader();
        var list = new List<DocumentSummary>();
        while (r.Read())
            list.Add(new DocumentSummary(r.GetInt64(0), Str(r, 1), Str(r, 2), Str(r, 3),
                r.IsDBNull(4) ? null : r.GetFieldValue<DateTimeOffset>(4), Str(r, 5), r.GetString(6), r.GetFieldValue<DateTimeOffset>(7)));
        return list;
    }

    public long Count()
    {
        using var c = _source.CreateCommand("SELECT count(*) FROM documents");
        return (long)c.ExecuteScalar()!;
    }

    public IReadOnlyList<SearchHit> Search(string query, int limit = 20)
    {
        // websearch_to_tsquery accepts any user text (quotes, OR, -) without syntax errors.
        using var c = _source.CreateCommand("""
            SELECT id, title, ts_headline('english', text, q, 'StartSel=[,StopSel=],MaxWords=24,MinWords=8'), ts_rank_cd(search, q) AS score
            FROM documents, websearch_to_tsquery('english', @q) q
            WHERE search @@ q ORDER BY score DESC, id LIMIT @l
            """);
        c.Parameters.AddWithValue("q", query);
        c.Parameters.AddWithValue("l", limit);
        using var r = c.ExecuteReader();
        var hits = new List<SearchHit>();
        while (r.Read()) hits.Add(new SearchHit(r.GetInt64(0), Str(r, 1), r.GetString(2), r.GetFloat(3)));
        return hits;
    }

    public IEnumerable<StoredRaw> ReadRaw()
    {
        long after = 0;
        const int Page = 256;
        while (true)
        {
            var page = new List<StoredRaw>(Page);
            using (var c = _source.CreateCommand("SELECT id, raw, format, path, locator, url, first_seen FROM documents WHERE id > @a ORDER BY id LIMIT @l"))
            {
                c.Parameters.AddWithValue("a", after);
                c.Parameters.AddWithValue("l", Page);
                using var r = c.ExecuteReader();
                while (r.Read())
                    page.Add(new StoredRaw(r.GetInt64(0), r.GetFieldValue<byte[]>(1), (DocumentFormat)r.GetInt32(2),
                        new DocumentOrigin(r.GetString(3), Str(r, 4), Str(r, 5)) { SeenAt = r.GetFieldValue<DateTimeOffset>(6) }));
            }
            if (page.Count == 0) yield break;
            foreach (var p in page) yield return p;
            after = page[^1].Id;
        }
    }

    public IReadOnlyList<Sighting> Sightings(long id)
    {
        using var c = _source.CreateCommand("SELECT path, locator, url, seen_at FROM sightings WHERE doc_id=@id ORDER BY id");
        c.Parameters.AddWithValue("id", id);
        using var r = c.ExecuteReader();
        var list = new List<Sighting>();
        while (r.Read()) list.Add(new Sighting(r.GetString(0), Str(r, 1), Str(r, 2), r.GetFieldValue<DateTimeOffset>(3)));
        return list;
    }

    public void Dispose() => _source.Dispose();

    private static string? Str(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
}
