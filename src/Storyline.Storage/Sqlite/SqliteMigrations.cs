namespace Storyline.Storage.Sqlite;

/// <summary>
/// Ordered schema migrations; the database records the last one applied in PRAGMA user_version.
/// Append new steps, never edit a shipped one.
/// </summary>
internal static class SqliteMigrations
{
    public static readonly string[] Steps =
    [
        // 1: documents, sightings, full-text index
        """
        CREATE TABLE documents (
            id            INTEGER PRIMARY KEY,
            content_hash  TEXT NOT NULL UNIQUE,
            title         TEXT,
            source        TEXT,
            publisher     TEXT,
            byline        TEXT,
            published     TEXT,
            language      TEXT,
            url           TEXT,
            text          TEXT NOT NULL,
            analysis      TEXT NOT NULL,
            raw           BLOB NOT NULL,
            format        INTEGER NOT NULL,
            path          TEXT NOT NULL,
            locator       TEXT,
            first_seen    TEXT NOT NULL,
            updated_at    TEXT NOT NULL
        );
        CREATE INDEX documents_url ON documents(url);
        CREATE INDEX documents_published ON documents(published);
        CREATE TABLE sightings (
            doc_id   INTEGER NOT NULL REFERENCES documents(id),
            path     TEXT NOT NULL,
            locator  TEXT,
            url      TEXT,
            seen_at  TEXT NOT NULL
        );
        CREATE INDEX sightings_doc ON sightings(doc_id);
        CREATE VIRTUAL TABLE documents_fts USING fts5(
            title, text, content='documents', content_rowid='id',
            tokenize='porter unicode61 remove_diacritics 2');
        CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN
            INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
        END;
        CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN
            INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
        END;
        CREATE TRIGGER documents_au AFTER UPDATE OF title, text ON documents BEGIN
            INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
            INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
        END;
        """,
        // 2: entities per document, so the store can list entities across documents without reading every analysis
        """
        CREATE TABLE doc_entities (
            doc_id    INTEGER NOT NULL REFERENCES documents(id),
            key       TEXT NOT NULL,
            name      TEXT NOT NULL,
            type      TEXT NOT NULL,
            country   TEXT,
            role      TEXT,
            mentions  INTEGER NOT NULL
        );
        CREATE INDEX doc_entities_key ON doc_entities(key);
        CREATE INDEX doc_entities_doc ON doc_entities(doc_id);
        INSERT INTO doc_entities (doc_id, key, name, type, country, role, mentions)
        SELECT d.id,
               coalesce(json_extract(x.value, '$.Key'), lower(json_extract(x.value, '$.Name')) || '|' || json_extract(x.value, '$.Type') || '|' || coalesce(json_extract(x.value, '$.Country'), '')),
               json_extract(x.value, '$.Name'), json_extract(x.value, '$.Type'), json_extract(x.value, '$.Country'),
               json_extract(x.value, '$.Role'), coalesce(json_array_length(x.value, '$.Mentions'), 0)
        FROM documents d, json_each(d.analysis, '$.Entities') x;
        """,
        // 3: the story index (copies, rewrites, versions, stories); keys are 64-bit hashes stored as signed integers
        """
        CREATE TABLE st_docs (
            id            INTEGER PRIMARY KEY,
            seq           INTEGER NOT NULL,
            url           TEXT,
            content_hash  TEXT NOT NULL,
            story_id      INTEGER NOT NULL,
            record        TEXT NOT NULL
        );
        CREATE INDEX st_docs_url ON st_docs(url);
        CREATE INDEX st_docs_hash ON st_docs(content_hash);
        CREATE TABLE st_buckets (key INTEGER NOT NULL, doc_id INTEGER NOT NULL);
        CREATE INDEX st_buckets_key ON st_buckets(key, doc_id);
        CREATE TABLE st_postings (key INTEGER NOT NULL, doc_id INTEGER NOT NULL);
        CREATE INDEX st_postings_key ON st_postings(key, doc_id);
        CREATE TABLE st_df (key INTEGER PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE st_stories (
            id           INTEGER PRIMARY KEY,
            merged_into  INTEGER,
            last_seq     INTEGER NOT NULL,
            record       TEXT NOT NULL
        );
        CREATE INDEX st_stories_live ON st_stories(merged_into, last_seq);
        CREATE TABLE st_links (
            from_id  INTEGER NOT NULL,
            to_id    INTEGER NOT NULL,
            kind     INTEGER NOT NULL,
            score    REAL NOT NULL,
            detail   TEXT
        );
        CREATE INDEX st_links_from ON st_links(from_id);
        CREATE INDEX st_links_to ON st_links(to_id);
        CREATE TABLE st_meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
        """,
        // 4: one sighting per (document, path, locator, url) with a count and first/last seen; existing duplicate rows folded
        """
        CREATE TABLE sightings_folded (
            doc_id     INTEGER NOT NULL REFERENCES documents(id),
            path       TEXT NOT NULL,
            locator    TEXT,
            url        TEXT,
            seen_at    TEXT NOT NULL,
            last_seen  TEXT NOT NULL,
            count      INTEGER NOT NULL DEFAULT 1
        );
        INSERT INTO sightings_folded (doc_id, path, locator, url, seen_at, last_seen, count)
        SELECT doc_id, path, min(locator), min(url), min(seen_at), max(seen_at), count(*)
        FROM sightings GROUP BY doc_id, path, ifnull(locator, ''), ifnull(url, '') ORDER BY min(rowid);
        DROP TABLE sightings;
        ALTER TABLE sightings_folded RENAME TO sightings;
        CREATE INDEX sightings_doc ON sightings(doc_id);
        CREATE UNIQUE INDEX sightings_key ON sightings(doc_id, path, ifnull(locator, ''), ifnull(url, ''));
        """,
        // 5: quotes and events per document (the statement layer, issue 11), queryable across the store; one row per
        // (document, index), replaced with the analysis. Analyses stored before this step are indexed by it (see Migrate).
        // IF NOT EXISTS: a store set back to an earlier version (tests do) replays the step harmlessly.
        """
        CREATE TABLE IF NOT EXISTS doc_quotes (
            doc_id          INTEGER NOT NULL REFERENCES documents(id),
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
        CREATE INDEX IF NOT EXISTS doc_quotes_speaker_key ON doc_quotes(speaker_key);
        CREATE TABLE IF NOT EXISTS doc_events (
            doc_id          INTEGER NOT NULL REFERENCES documents(id),
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
            goldstein       REAL,
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
        CREATE INDEX IF NOT EXISTS doc_events_date ON doc_events(date_start);
        CREATE INDEX IF NOT EXISTS doc_events_actor_code ON doc_events(actor_code);
        CREATE INDEX IF NOT EXISTS doc_events_actor_key ON doc_events(actor_key);
        CREATE INDEX IF NOT EXISTS doc_events_cameo ON doc_events(cameo);
        """,
    ];

    /// <summary>The step that created the quote and event index; stores migrated past it index their stored analyses once.</summary>
    public const int StatementIndexStep = 5;
}
