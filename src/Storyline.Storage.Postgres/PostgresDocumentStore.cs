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

    /// <summary>Opens the store, creating its tables in the (existing) database when missing.</summary>
    public PostgresDocumentStore(string connectionString) : this(connectionString, create: true) { }

    /// <summary>
    /// Opens the store. A database that does not exist is SL4005 (not found); a server that cannot be reached is SL4001.
    /// Without <paramref name="create"/>, a database without Storyline's tables is SL4005 too and nothing is created in it.
    /// </summary>
    public PostgresDocumentStore(string connectionString, bool create)
    {
        string cs;
        try { cs = connectionString.StartsWith("postgres", StringComparison.OrdinalIgnoreCase) ? FromUrl(connectionString) : connectionString; }
        catch (UriFormatException ex) { throw new StorylineException(ErrorCode.SL4001, $"not a valid PostgreSQL URL: {ex.Message}", ex); }
        string where;
        try
        {
            var b = new NpgsqlConnectionStringBuilder(cs);
            where = $"database '{b.Database ?? b.Username ?? "postgres"}' on {b.Host ?? "localhost"}:{b.Port}";
            _source = NpgsqlDataSource.Create(cs);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or FormatException)
        {
            throw new StorylineException(ErrorCode.SL4001, $"not a valid PostgreSQL connection string: {ex.Message}", ex);
        }
        try
        {
            Migrate(create, where);
        }
        catch (StorylineException)
        {
            _source.Dispose();
            throw;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            _source.Dispose();
            throw new StorylineException(ErrorCode.SL4005, $"PostgreSQL {where} does not exist (create it first, e.g. 'createdb NAME')", ex);
        }
        catch (Exception ex) when (ex is NpgsqlException or ArgumentException or InvalidOperationException or TimeoutException)
        {
            _source.Dispose();
            var why = ex is PostgresException pg ? pg.MessageText : ex.InnerException?.Message ?? ex.Message;
            throw new StorylineException(ErrorCode.SL4001, $"cannot open PostgreSQL {where}: {why}", ex);
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
        // One sighting per (document, path, locator, url) with a count and first/last seen; existing duplicate rows folded.
        """
        ALTER TABLE sightings ADD COLUMN IF NOT EXISTS count INTEGER NOT NULL DEFAULT 1;
        ALTER TABLE sightings ADD COLUMN IF NOT EXISTS last_seen TIMESTAMPTZ;
        WITH g AS (
            SELECT min(id) AS keep, count(*) AS n, min(seen_at) AS first, max(seen_at) AS last
            FROM sightings GROUP BY doc_id, path, coalesce(locator, ''), coalesce(url, ''))
        UPDATE sightings s SET count = g.n, seen_at = g.first, last_seen = g.last FROM g WHERE s.id = g.keep;
        DELETE FROM sightings s USING sightings o
        WHERE o.doc_id = s.doc_id AND o.path = s.path AND coalesce(o.locator, '') = coalesce(s.locator, '')
          AND coalesce(o.url, '') = coalesce(s.url, '') AND o.id < s.id;
        UPDATE sightings SET last_seen = seen_at WHERE last_seen IS NULL;
        ALTER TABLE sightings ALTER COLUMN last_seen SET NOT NULL;
        CREATE UNIQUE INDEX IF NOT EXISTS sightings_key ON sightings (doc_id, path, (coalesce(locator, '')), (coalesce(url, '')));
        """,
        // Quotes and events per document (the statement layer, issue 11), replaced with the analysis; analyses stored
        // before this step are indexed by the migration (see Migrate).
        """
        CREATE TABLE IF NOT EXISTS doc_quotes (
            doc_id          BIGINT NOT NULL REFERENCES documents(id),
            idx             INTEGER NOT NULL,
            text            TEXT NOT NULL,
            start_at        INTEGER NOT NULL,
            end_at          INTEGER NOT NULL,
            kind            TEXT NOT NULL,
            speaker         TEXT,
            speaker_start   INTEGER NOT NULL,
            speaker_end     INTEGER NOT NULL,
            speaker_entity  INTEGER NOT NULL,
            speaker_name    TEXT,
            speaker_key     TEXT,
            unnamed         INTEGER NOT NULL,
            via             TEXT,
            via_entity      INTEGER NOT NULL,
            via_name        TEXT,
            cue             TEXT,
            cue_start       INTEGER NOT NULL,
            cue_end         INTEGER NOT NULL,
            sentence        INTEGER NOT NULL,
            speaker_match   TEXT NOT NULL,
            text_match      TEXT NOT NULL,
            record          TEXT NOT NULL,
            PRIMARY KEY (doc_id, idx)
        );
        CREATE INDEX IF NOT EXISTS doc_quotes_speaker_key ON doc_quotes (speaker_key);
        CREATE TABLE IF NOT EXISTS doc_events (
            doc_id          BIGINT NOT NULL REFERENCES documents(id),
            idx             INTEGER NOT NULL,
            action          TEXT NOT NULL,
            start_at        INTEGER NOT NULL,
            end_at          INTEGER NOT NULL,
            sentence        INTEGER NOT NULL,
            sentence_text   TEXT,
            actor           TEXT,
            actor_entity    INTEGER NOT NULL,
            actor_name      TEXT,
            actor_key       TEXT,
            actor_code      TEXT,
            target          TEXT,
            target_entity   INTEGER NOT NULL,
            target_name     TEXT,
            target_key      TEXT,
            target_code     TEXT,
            cameo           TEXT,
            goldstein       DOUBLE PRECISION,
            plover          TEXT,
            date            TEXT,
            date_start      TEXT,
            date_end        TEXT,
            time_idx        INTEGER NOT NULL,
            place           TEXT,
            place_idx       INTEGER NOT NULL,
            negated         INTEGER NOT NULL,
            hypothetical    INTEGER NOT NULL,
            actor_match     TEXT NOT NULL,
            target_match    TEXT NOT NULL,
            record          TEXT NOT NULL,
            PRIMARY KEY (doc_id, idx)
        );
        CREATE INDEX IF NOT EXISTS doc_events_date ON doc_events (date_start);
        CREATE INDEX IF NOT EXISTS doc_events_actor_code ON doc_events (actor_code);
        CREATE INDEX IF NOT EXISTS doc_events_actor_key ON doc_events (actor_key);
        CREATE INDEX IF NOT EXISTS doc_events_cameo ON doc_events (cameo);
        """,
        // The story index's document count, kept up to date by its writes (a count(*) per batch grows with the index),
        // counted under the index lock so no worker adds documents between the count and the first tracked write; and a
        // version per story, raised by each write, so a worker can tell that a story it decoded earlier is unchanged.
        """
        SELECT pg_advisory_xact_lock(7316002);
        CREATE TABLE IF NOT EXISTS st_counts (name TEXT PRIMARY KEY, n BIGINT NOT NULL);
        INSERT INTO st_counts (name, n) SELECT 'docs', count(*) FROM st_docs ON CONFLICT (name) DO NOTHING;
        ALTER TABLE st_stories ADD COLUMN IF NOT EXISTS version BIGINT NOT NULL DEFAULT 0;
        """,
    ];

    /// <summary>The step (1-based) that created the quote and event index.</summary>
    private const int StatementIndexStep = 5;

    private void Migrate(bool create, string where)
    {
        using var conn = _source.OpenConnection();
        if (!create)
        {
            using var probe = new NpgsqlCommand("SELECT to_regclass('documents') IS NOT NULL", conn);
            if (probe.ExecuteScalar() is not true)
                throw new StorylineException(ErrorCode.SL4005,
                    $"no Storyline store in PostgreSQL {where} (nothing has been ingested there yet; 'storyline ingest PATH --db ...' creates it)");
        }
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
                if (i + 1 == StatementIndexStep) IndexStoredStatements(conn, tx);
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
        using var conn = _source.OpenConnection();
        using var tx = conn.BeginTransaction();
        var results = SaveBatch(docs, conn, tx);
        tx.Commit();
        return results;
    }

    /// <summary>
    /// Saves a batch inside the caller's transaction (the work queue completes its items in the same one, so a
    /// document is stored exactly when its queue item is done). The caller commits.
    /// </summary>
    internal static IReadOnlyList<SaveResult> SaveBatch(IReadOnlyList<Document> docs, NpgsqlConnection conn, NpgsqlTransaction tx)
    {
        var results = new List<SaveResult>(docs.Count);
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
            if (inserted is long newId) { id = newId; status = SaveStatus.New; d.Id = id; SaveEntities(d, conn, tx); SaveStatements(d, conn, tx); }
            else
            {
                using var find = new NpgsqlCommand("SELECT id FROM documents WHERE content_hash = @h", conn, tx);
                find.Parameters.AddWithValue("h", d.ContentHash);
                id = (long)find.ExecuteScalar()!;
                status = SaveStatus.Duplicate;
            }
            d.Id = id;
            using var sighting = new NpgsqlCommand("""
                INSERT INTO sightings (doc_id, path, locator, url, seen_at, last_seen, count) VALUES (@id, @path, @locator, @url, @seen, @seen, 1)
                ON CONFLICT (doc_id, path, (coalesce(locator, '')), (coalesce(url, '')))
                DO UPDATE SET count = sightings.count + 1, last_seen = greatest(sightings.last_seen, EXCLUDED.last_seen)
                """, conn, tx);
            sighting.Parameters.AddWithValue("id", id);
            sighting.Parameters.AddWithValue("path", d.Origin.Path);
            sighting.Parameters.AddWithValue("locator", (object?)d.Origin.Locator ?? DBNull.Value);
            sighting.Parameters.AddWithValue("url", (object?)(d.Origin.Url ?? d.Metadata.Url?.Value) ?? DBNull.Value);
            sighting.Parameters.AddWithValue("seen", d.Origin.SeenAt);
            sighting.ExecuteNonQuery();
            results.Add(new SaveResult(id, status));
        }
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
            SaveStatements(d, conn, tx);
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

    /// <summary>Replaces the document's rows in doc_quotes and doc_events (the cross-document statement index).</summary>
    private static void SaveStatements(Document d, NpgsqlConnection conn, NpgsqlTransaction tx)
    {
        using (var del = new NpgsqlCommand("DELETE FROM doc_quotes WHERE doc_id=@id; DELETE FROM doc_events WHERE doc_id=@id", conn, tx))
        {
            del.Parameters.AddWithValue("id", d.Id);
            del.ExecuteNonQuery();
        }
        InsertRows("doc_quotes", StatementIndex.QuoteColumns, StatementIndex.QuoteRows(d), conn, tx);
        InsertRows("doc_events", StatementIndex.EventColumns, StatementIndex.EventRows(d), conn, tx);
    }

    /// <summary>Inserts rows in one round trip per document (a batch of commands).</summary>
    private static void InsertRows(string table, string columns, IEnumerable<object?[]> rows, NpgsqlConnection conn, NpgsqlTransaction tx)
    {
        // A null needs its column's type: goldstein is the one nullable number, every other nullable column is text.
        var nullTypes = columns.Split(',').Select(c => c.Trim() == "goldstein" ? NpgsqlDbType.Double : NpgsqlDbType.Text).ToArray();
        using var batch = new NpgsqlBatch(conn, tx);
        foreach (var row in rows)
        {
            var c = new NpgsqlBatchCommand($"INSERT INTO {table} ({columns}) VALUES ({string.Join(", ", Enumerable.Range(1, row.Length).Select(i => "$" + i))})");
            for (int i = 0; i < row.Length; i++)
                c.Parameters.Add(row[i] is { } v ? new NpgsqlParameter { Value = v } : new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = nullTypes[i] });
            batch.BatchCommands.Add(c);
        }
        if (batch.BatchCommands.Count > 0) batch.ExecuteNonQuery();
    }

    /// <summary>Indexes the quotes and events of analyses stored before the index existed (run once, inside the migration).</summary>
    private static void IndexStoredStatements(NpgsqlConnection conn, NpgsqlTransaction tx)
    {
        var pending = new List<(long Id, string Analysis)>();
        using (var c = new NpgsqlCommand("""
            SELECT id, analysis::text FROM documents
            WHERE coalesce(jsonb_array_length(CASE WHEN jsonb_typeof(analysis->'Quotes') = 'array' THEN analysis->'Quotes' END), 0) > 0
               OR coalesce(jsonb_array_length(CASE WHEN jsonb_typeof(analysis->'Events') = 'array' THEN analysis->'Events' END), 0) > 0
            ORDER BY id
            """, conn, tx))
        using (var r = c.ExecuteReader())
            while (r.Read()) pending.Add((r.GetInt64(0), r.GetString(1)));
        foreach (var (id, analysis) in pending)
        {
            var d = new Document { Id = id, Origin = new DocumentOrigin("") };
            DocumentSnapshot.Restore(d, analysis);
            SaveStatements(d, conn, tx);
        }
    }

    public QueryPage<QuoteHit> SearchQuotes(QuoteQuery query)
    {
        var f = StatementIndex.QuoteFilter(query);
        var (limit, offset) = StatementIndex.Page(query.Limit, query.Offset);
        using var conn = _source.OpenConnection();
        long total;
        using (var c = new NpgsqlCommand($"SELECT count(*) FROM doc_quotes q {f.Where}", conn))
        {
            Bind(c, f);
            total = (long)c.ExecuteScalar()!;
        }
        var items = new List<QuoteHit>();
        if (limit > 0 && offset < total)
        {
            using var c = new NpgsqlCommand($"SELECT {StatementIndex.QuoteSelect} FROM doc_quotes q JOIN documents d ON d.id = q.doc_id {f.Where} {StatementIndex.QuoteOrder} LIMIT @limit OFFSET @offset", conn);
            Bind(c, f);
            c.Parameters.AddWithValue("limit", limit);
            c.Parameters.AddWithValue("offset", offset);
            using var r = c.ExecuteReader();
            while (r.Read()) items.Add(StatementIndex.ReadQuote(r, PublishedAt));
        }
        return new QueryPage<QuoteHit>(total, items);
    }

    public QueryPage<EventHit> SearchEvents(EventQuery query)
    {
        var f = StatementIndex.EventFilter(query);
        var (limit, offset) = StatementIndex.Page(query.Limit, query.Offset);
        using var conn = _source.OpenConnection();
        long total;
        using (var c = new NpgsqlCommand($"SELECT count(*) FROM doc_events e {f.Where}", conn))
        {
            Bind(c, f);
            total = (long)c.ExecuteScalar()!;
        }
        var items = new List<EventHit>();
        if (limit > 0 && offset < total)
        {
            using var c = new NpgsqlCommand($"SELECT {StatementIndex.EventSelect} FROM doc_events e JOIN documents d ON d.id = e.doc_id {f.Where} {StatementIndex.EventOrder} LIMIT @limit OFFSET @offset", conn);
            Bind(c, f);
            c.Parameters.AddWithValue("limit", limit);
            c.Parameters.AddWithValue("offset", offset);
            using var r = c.ExecuteReader();
            while (r.Read()) items.Add(StatementIndex.ReadEvent(r, PublishedAt));
        }
        return new QueryPage<EventHit>(total, items);
    }

    private static void Bind(NpgsqlCommand c, StatementIndex.Filter f)
    {
        foreach (var p in f.Parameters) c.Parameters.AddWithValue(p.Key, p.Value);
    }

    private static DateTimeOffset? PublishedAt(System.Data.Common.DbDataReader r, int i) => r.GetFieldValue<DateTimeOffset>(i);

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
        // The analysis is asked for the not-article flag only (a top-level key, set when the article check flagged it).
        using var c = _source.CreateCommand("""
            SELECT id, title, source, publisher, published, language, content_hash, first_seen, format, analysis ? 'NotArticle'
            FROM documents ORDER BY id LIMIT @l OFFSET @o
            """);
        c.Parameters.AddWithValue("l", limit);
        c.Parameters.AddWithValue("o", offset);
        using var r = c.ExecuteReader();
        var list = new List<DocumentSummary>();
        while (r.Read())
            list.Add(new DocumentSummary(r.GetInt64(0), Str(r, 1), Str(r, 2), Str(r, 3),
                r.IsDBNull(4) ? null : r.GetFieldValue<DateTimeOffset>(4), Str(r, 5), r.GetString(6), r.GetFieldValue<DateTimeOffset>(7))
            {
                Format = (DocumentFormat)r.GetInt32(8), NotArticle = r.GetBoolean(9),
            });
        return list;
    }

    public long Count()
    {
        using var c = _source.CreateCommand("SELECT count(*) FROM documents");
        return (long)c.ExecuteScalar()!;
    }

    public IReadOnlyList<SearchHit> Search(string query, int limit = 20)
    {
        var hits = Rank(query, limit, count: false).Hits; // the hits only: counting every match is O(matches)
        if (hits.Count == 0) return hits;
        var snippets = Snippets(query, [.. hits.Select(h => h.Id)]);
        return [.. hits.Select(h => h with { Snippet = snippets.GetValueOrDefault(h.Id, "") })];
    }

    /// <summary>
    /// Matches ranked per query at most: when more documents match, the newest <see cref="RankWindow"/> matches (the highest
    /// ids) are ranked, as in the SQLite store. ts_rank_cd reads every match's tsvector, so a common word over a million
    /// documents cost seconds per query. <see cref="SearchRanking.Total"/> still counts every match.
    /// </summary>
    public int RankWindow { get; init; } = DefaultRankWindow;

    /// <summary>The default <see cref="RankWindow"/>, the same in every store.</summary>
    public const int DefaultRankWindow = SearchRanking.DefaultRankWindow;

    public SearchRanking Rank(string query, int limit) => Rank(query, limit, count: true);

    /// <param name="count">Count every match for <see cref="SearchRanking.Total"/>; otherwise it is the number of hits.</param>
    private SearchRanking Rank(string query, int limit, bool count)
    {
        if (limit <= 0) return new SearchRanking(0, []);
        // websearch_to_tsquery accepts any user text (quotes, OR, -) without syntax errors. The window's matches are found
        // newest first, then ranked from their stored tsvectors.
        // No sequential scan for this query (one batch, one implicit transaction): the planner does not know that testing a
        // row's stored tsvector means reading it from TOAST, and picked a scan of the whole table for a word in a tenth of
        // the documents (O(documents) per query). Through an index the cost stays bounded by the window.
        using var batch = _source.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT set_config('enable_seqscan', 'off', true)"));
        var rank = new NpgsqlBatchCommand("""
            SELECT m.id, m.title, ts_rank_cd(m.search, q) AS score
            FROM websearch_to_tsquery('english', $1) q,
                 LATERAL (SELECT id, title, search FROM documents WHERE search @@ q ORDER BY id DESC LIMIT $2) m
            ORDER BY score DESC, m.id LIMIT $3
            """);
        rank.Parameters.AddWithValue(query);
        rank.Parameters.AddWithValue(Math.Max(RankWindow, limit));
        rank.Parameters.AddWithValue(limit);
        batch.BatchCommands.Add(rank);
        var hits = new List<SearchHit>();
        using (var r = batch.ExecuteReader())
        {
            r.NextResult();
            while (r.Read()) hits.Add(new SearchHit(r.GetInt64(0), Str(r, 1), "", r.GetFloat(2)));
        }
        long total = hits.Count;
        if (count && hits.Count == limit)
        {
            // Counted apart (only when the page is full): matches found through the GIN index, none ranked.
            using var n = _source.CreateCommand("SELECT count(*) FROM documents WHERE search @@ websearch_to_tsquery('english', @q)");
            n.Parameters.AddWithValue("q", query);
            total = (long)n.ExecuteScalar()!;
        }
        // Relative to the best hit (best = 1), like the SQLite store: comparable across stores and queries.
        double best = hits.Count > 0 ? hits.Max(h => h.Score) : 0;
        return new SearchRanking(total, best <= 0 ? hits : [.. hits.Select(h => h with { Score = Math.Round(h.Score / best, ScoreDigits) })]);
    }

    public IReadOnlyDictionary<long, string> Snippets(string query, IReadOnlyCollection<long> ids)
    {
        var found = new Dictionary<long, string>();
        if (ids.Count == 0) return found;
        // Headlines for the asked documents only: ts_headline re-parses the text, so it never runs over every match.
        using var c = _source.CreateCommand("""
            SELECT id, ts_headline('english', text, q, 'StartSel=[,StopSel=],MaxWords=24,MinWords=8')
            FROM documents, websearch_to_tsquery('english', @q) q
            WHERE id = ANY(@ids) AND search @@ q
            """);
        c.Parameters.AddWithValue("q", query);
        c.Parameters.AddWithValue("ids", ids.ToArray());
        using var r = c.ExecuteReader();
        while (r.Read()) found[r.GetInt64(0)] = r.GetString(1);
        return found;
    }

    /// <summary>Digits kept in a normalised search score.</summary>
    private const int ScoreDigits = 4;

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
        using var c = _source.CreateCommand("SELECT path, locator, url, seen_at, count, last_seen FROM sightings WHERE doc_id=@id ORDER BY id");
        c.Parameters.AddWithValue("id", id);
        using var r = c.ExecuteReader();
        var list = new List<Sighting>();
        while (r.Read())
            list.Add(new Sighting(r.GetString(0), Str(r, 1), Str(r, 2), r.GetFieldValue<DateTimeOffset>(3)) { Count = r.GetInt32(4), LastSeen = r.GetFieldValue<DateTimeOffset>(5) });
        return list;
    }

    public void Dispose() => _source.Dispose();

    private static string? Str(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
}
