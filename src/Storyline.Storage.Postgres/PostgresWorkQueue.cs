using Npgsql;
using NpgsqlTypes;
using Storyline.Core;
using Storyline.Core.Storage;

namespace Storyline.Storage.Postgres;

/// <summary>
/// A work queue of raw documents in the store's PostgreSQL database (table <c>work_queue</c>), shared by any number of
/// worker processes on any number of machines. Home-made on <c>FOR UPDATE SKIP LOCKED</c> (see README "Running at
/// scale" for why not a library):
/// <list type="bullet">
/// <item>a claim takes up to N items in one short statement, stamping each with a lease, a claim token and an attempt;</item>
/// <item>completion deletes the items the worker still holds and stores their documents in the same transaction, so a
/// document is stored exactly when its item leaves the queue (a worker that lost its lease stores nothing);</item>
/// <item>an item whose worker died is claimable again once its lease has run out; after <c>maxAttempts</c> claims it is
/// dead-lettered with the reason (a document that kills its worker cannot loop forever);</item>
/// <item>no transaction outlives a statement or a completion: the pipeline runs outside any transaction.</item>
/// </list>
/// Done items are deleted (no row per document kept forever); dead-lettered ones stay with their error.
/// </summary>
public sealed class PostgresWorkQueue
{
    /// <summary>Advisory lock id for the queue's schema creation (the store's migrations use 7316001).</summary>
    private const long SchemaLock = 7316003;

    /// <summary>
    /// Fill factor of the queue table: free room on each page lets lease updates be HOT (no index change), and the
    /// low autovacuum thresholds keep the dead tuples of claims and deletes few.
    /// </summary>
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS work_queue (
            id           BIGSERIAL PRIMARY KEY,
            raw          BYTEA NOT NULL,
            format       INTEGER NOT NULL,
            path         TEXT NOT NULL,
            locator      TEXT,
            url          TEXT,
            seen_at      TIMESTAMPTZ NOT NULL,
            enqueued_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
            attempts     INTEGER NOT NULL DEFAULT 0,
            lease_until  TIMESTAMPTZ,
            claim        UUID,
            worker       TEXT,
            dead         BOOLEAN NOT NULL DEFAULT false,
            error        TEXT,
            code         TEXT
        ) WITH (fillfactor = 70, autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_threshold = 200,
                autovacuum_vacuum_insert_scale_factor = 0.05);
        CREATE INDEX IF NOT EXISTS work_queue_live ON work_queue (id) WHERE NOT dead;
        """;

    private readonly NpgsqlDataSource _source;

    /// <summary>Claims after which an item whose lease ran out each time is dead-lettered.</summary>
    public int MaxAttempts { get; init; } = 3;

    public PostgresWorkQueue(PostgresDocumentStore store)
    {
        _source = store.DataSource;
        using var conn = _source.OpenConnection();
        using var tx = conn.BeginTransaction();
        using (var c = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@l)", conn, tx)) { c.Parameters.AddWithValue("l", SchemaLock); c.ExecuteNonQuery(); }
        using (var c = new NpgsqlCommand(Schema, conn, tx)) c.ExecuteNonQuery();
        tx.Commit();
    }

    /// <summary>Adds raw documents to the queue in one transaction; returns their queue ids.</summary>
    public IReadOnlyList<long> Enqueue(IReadOnlyList<QueuedRaw> items)
    {
        if (items.Count == 0) return [];
        // One statement, one round trip; WITH ORDINALITY keeps the input order, so ids follow it.
        using var c = _source.CreateCommand("""
            INSERT INTO work_queue (raw, format, path, locator, url, seen_at)
            SELECT r, f, p, l, u, s FROM unnest(@raw, @format, @path, @locator, @url, @seen) WITH ORDINALITY AS t(r, f, p, l, u, s, o) ORDER BY o
            RETURNING id
            """);
        c.Parameters.Add(new NpgsqlParameter("raw", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = items.Select(i => i.Raw).ToArray() });
        c.Parameters.AddWithValue("format", items.Select(i => (int)i.Format).ToArray());
        c.Parameters.AddWithValue("path", items.Select(i => i.Origin.Path).ToArray());
        c.Parameters.Add(new NpgsqlParameter("locator", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = items.Select(i => i.Origin.Locator).ToArray() });
        c.Parameters.Add(new NpgsqlParameter("url", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = items.Select(i => i.Origin.Url).ToArray() });
        c.Parameters.AddWithValue("seen", items.Select(i => i.Origin.SeenAt).ToArray());
        var ids = new List<long>(items.Count);
        using var r = c.ExecuteReader();
        while (r.Read()) ids.Add(r.GetInt64(0));
        return ids;
    }

    /// <summary>
    /// Claims up to <paramref name="limit"/> items (oldest first) whose lease is free or ran out, for
    /// <paramref name="lease"/>. Items claimed <see cref="MaxAttempts"/> times already are dead-lettered instead
    /// (their worker died or hung each time) and not returned. One statement, no transaction held afterwards.
    /// </summary>
    public QueueClaim ClaimBatch(int limit, TimeSpan lease, string worker)
    {
        var token = Guid.NewGuid();
        using var c = _source.CreateCommand("""
            WITH c AS (
                SELECT id FROM work_queue
                WHERE NOT dead AND (lease_until IS NULL OR lease_until < clock_timestamp())
                ORDER BY id LIMIT @n FOR UPDATE SKIP LOCKED)
            UPDATE work_queue q SET
                dead        = q.attempts >= @max,
                error       = CASE WHEN q.attempts >= @max
                                   THEN 'claimed ' || q.attempts || ' times and never completed: its worker died or overran its lease each time (last: ' || coalesce(q.worker, '?') || ')'
                                   ELSE q.error END,
                code        = CASE WHEN q.attempts >= @max THEN @deadCode ELSE q.code END,
                attempts    = q.attempts + CASE WHEN q.attempts >= @max THEN 0 ELSE 1 END,
                lease_until = clock_timestamp() + make_interval(secs => @lease),
                claim       = @token,
                worker      = @worker
            FROM c WHERE q.id = c.id
            RETURNING q.id, q.dead, q.raw, q.format, q.path, q.locator, q.url, q.seen_at, q.attempts
            """);
        c.Parameters.AddWithValue("n", limit);
        c.Parameters.AddWithValue("max", MaxAttempts);
        c.Parameters.AddWithValue("lease", lease.TotalSeconds);
        c.Parameters.AddWithValue("token", token);
        c.Parameters.AddWithValue("worker", worker);
        c.Parameters.AddWithValue("deadCode", nameof(ErrorCode.SL4006));
        var items = new List<QueueItem>();
        int deadLettered = 0;
        using (var r = c.ExecuteReader())
            while (r.Read())
            {
                if (r.GetBoolean(1)) { deadLettered++; continue; }
                items.Add(new QueueItem(r.GetInt64(0), r.GetFieldValue<byte[]>(2), (DocumentFormat)r.GetInt32(3),
                    new DocumentOrigin(r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6))
                    { SeenAt = r.GetFieldValue<DateTimeOffset>(7) }, r.GetInt32(8)));
            }
        items.Sort((a, b) => a.Id.CompareTo(b.Id));
        return new QueueClaim(token, items, deadLettered);
    }

    /// <summary>Extends the lease of a claim's items still held (a heartbeat for a batch that runs long); returns how many.</summary>
    public int Renew(QueueClaim claim, TimeSpan lease)
    {
        using var c = _source.CreateCommand("UPDATE work_queue SET lease_until = clock_timestamp() + make_interval(secs => @lease) WHERE claim = @token AND NOT dead");
        c.Parameters.AddWithValue("lease", lease.TotalSeconds);
        c.Parameters.AddWithValue("token", claim.Token);
        return c.ExecuteNonQuery();
    }

    /// <summary>
    /// Completes a claim in one transaction: items still held by it leave the queue, the documents of those items are
    /// stored (<paramref name="documents"/>: item id → document), and <paramref name="failed"/> items are
    /// dead-lettered with their error (a pipeline failure is deterministic: retrying gives the same). Items the claim
    /// no longer holds (its lease ran out and another worker took them) are left alone and their documents not stored.
    /// </summary>
    public Completion Complete(QueueClaim claim, IReadOnlyDictionary<long, Document> documents, IReadOnlyDictionary<long, (ErrorCode Code, string Error)> failed)
    {
        using var conn = _source.OpenConnection();
        using var tx = conn.BeginTransaction();
        var held = new HashSet<long>();
        using (var c = new NpgsqlCommand("DELETE FROM work_queue WHERE claim = @token AND NOT dead AND id = ANY(@ids) RETURNING id", conn, tx))
        {
            c.Parameters.AddWithValue("token", claim.Token);
            c.Parameters.AddWithValue("ids", documents.Keys.ToArray());
            using var r = c.ExecuteReader();
            while (r.Read()) held.Add(r.GetInt64(0));
        }
        var ids = documents.Keys.Where(held.Contains).Order().ToList();
        var saved = PostgresDocumentStore.SaveBatch([.. ids.Select(i => documents[i])], conn, tx);
        int deadLettered = 0;
        if (failed.Count > 0)
        {
            using var c = new NpgsqlCommand("""
                UPDATE work_queue q SET dead = true, error = f.e, code = f.c, lease_until = NULL
                FROM unnest(@ids, @errors, @codes) AS f(i, e, c) WHERE q.id = f.i AND q.claim = @token AND NOT q.dead
                """, conn, tx);
            c.Parameters.AddWithValue("token", claim.Token);
            c.Parameters.AddWithValue("ids", failed.Keys.ToArray());
            c.Parameters.AddWithValue("errors", failed.Values.Select(v => v.Error).ToArray());
            c.Parameters.AddWithValue("codes", failed.Values.Select(v => v.Code.ToString()).ToArray());
            deadLettered = c.ExecuteNonQuery();
        }
        tx.Commit();
        var results = new Dictionary<long, SaveResult>();
        for (int k = 0; k < ids.Count; k++) results[ids[k]] = saved[k];
        return new Completion(results, documents.Count - ids.Count, deadLettered);
    }

    /// <summary>
    /// Gives items back after a failure that is not the documents' fault (e.g. the database went away): the lease
    /// ends now and the error is kept; an item that has used its attempts is dead-lettered with that error.
    /// </summary>
    public int Release(QueueClaim claim, IReadOnlyCollection<long> ids, string error)
    {
        using var c = _source.CreateCommand("""
            UPDATE work_queue SET lease_until = NULL, claim = NULL, error = @e,
                dead = attempts >= @max, code = CASE WHEN attempts >= @max THEN @code ELSE code END
            WHERE claim = @token AND NOT dead AND id = ANY(@ids)
            """);
        c.Parameters.AddWithValue("e", error);
        c.Parameters.AddWithValue("max", MaxAttempts);
        c.Parameters.AddWithValue("code", nameof(ErrorCode.SL4001));
        c.Parameters.AddWithValue("token", claim.Token);
        c.Parameters.AddWithValue("ids", ids.ToArray());
        return c.ExecuteNonQuery();
    }

    /// <summary>What is in the queue now, and the dead tuples of its table (from PostgreSQL's statistics).</summary>
    public QueueStatus Status(int deadLetterLimit = 20)
    {
        using var conn = _source.OpenConnection();
        using (var c = new NpgsqlCommand("SELECT pg_stat_clear_snapshot()", conn)) c.ExecuteNonQuery();
        long ready, leased, dead;
        double? oldest;
        using (var c = new NpgsqlCommand("""
            SELECT count(*) FILTER (WHERE NOT dead AND (lease_until IS NULL OR lease_until < clock_timestamp())),
                   count(*) FILTER (WHERE NOT dead AND lease_until >= clock_timestamp()),
                   count(*) FILTER (WHERE dead),
                   extract(epoch FROM clock_timestamp() - min(enqueued_at) FILTER (WHERE NOT dead))::float8
            FROM work_queue
            """, conn))
        using (var r = c.ExecuteReader())
        {
            r.Read();
            ready = r.GetInt64(0); leased = r.GetInt64(1); dead = r.GetInt64(2);
            oldest = r.IsDBNull(3) ? null : r.GetDouble(3);
        }
        long liveTuples = 0, deadTuples = 0, vacuums = 0;
        DateTimeOffset? lastVacuum = null;
        using (var c = new NpgsqlCommand("""
            SELECT n_live_tup, n_dead_tup, vacuum_count + autovacuum_count, greatest(last_vacuum, last_autovacuum)
            FROM pg_stat_user_tables WHERE relname = 'work_queue'
            """, conn))
        using (var r = c.ExecuteReader())
            if (r.Read())
            {
                liveTuples = r.GetInt64(0); deadTuples = r.GetInt64(1); vacuums = r.GetInt64(2);
                lastVacuum = r.IsDBNull(3) ? null : r.GetFieldValue<DateTimeOffset>(3);
            }
        long bytes;
        using (var c = new NpgsqlCommand("SELECT pg_total_relation_size('work_queue')", conn)) bytes = (long)c.ExecuteScalar()!;
        var letters = new List<DeadLetter>();
        using (var c = new NpgsqlCommand("SELECT id, path, locator, attempts, code, error FROM work_queue WHERE dead ORDER BY id LIMIT @l", conn))
        {
            c.Parameters.AddWithValue("l", deadLetterLimit);
            using var r = c.ExecuteReader();
            while (r.Read())
                letters.Add(new DeadLetter(r.GetInt64(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetInt32(3),
                    r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5)));
        }
        return new QueueStatus(ready, leased, dead, oldest, liveTuples, deadTuples, vacuums, lastVacuum, bytes, letters);
    }

    /// <summary>Items not yet done and not dead-lettered (ready or leased).</summary>
    public long Pending()
    {
        using var c = _source.CreateCommand("SELECT count(*) FROM work_queue WHERE NOT dead");
        return (long)c.ExecuteScalar()!;
    }

    /// <summary>Puts dead-lettered items back in the queue with fresh attempts (after the cause was fixed); returns how many.</summary>
    public int RetryDead()
    {
        using var c = _source.CreateCommand("UPDATE work_queue SET dead = false, attempts = 0, lease_until = NULL, claim = NULL WHERE dead");
        return c.ExecuteNonQuery();
    }
}

/// <summary>A raw document to queue: its bytes as read, how it came in and where from.</summary>
public sealed record QueuedRaw(byte[] Raw, DocumentFormat Format, DocumentOrigin Origin);

/// <summary>A claimed item: the raw document and which attempt this is (1 = first).</summary>
public sealed record QueueItem(long Id, byte[] Raw, DocumentFormat Format, DocumentOrigin Origin, int Attempt);

/// <summary>One claim: its token (which proves the items are still ours at completion), its items, and items it dead-lettered.</summary>
public sealed record QueueClaim(Guid Token, IReadOnlyList<QueueItem> Items, int DeadLettered);

/// <summary>Saved documents by item id; items whose lease was lost (not stored by this worker); items dead-lettered.</summary>
public sealed record Completion(IReadOnlyDictionary<long, SaveResult> Saved, int LostLease, int DeadLettered);

public sealed record DeadLetter(long Id, string Path, string? Locator, int Attempts, string? Code, string? Error);

/// <summary>The queue now: items ready, leased (in flight), dead-lettered; age of the oldest pending item; table health.</summary>
public sealed record QueueStatus(long Ready, long Leased, long Dead, double? OldestPendingSeconds,
    long LiveTuples, long DeadTuples, long Vacuums, DateTimeOffset? LastVacuum, long TableBytes, IReadOnlyList<DeadLetter> DeadLetters);
