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
    ];
}
