-- Journal Craft Crew, schema 1. Shipped migrations are never edited: add a new V###.
-- Timestamps are Unix milliseconds (UTC); diary dates are ISO 'YYYY-MM-DD' in the writer's zone.

CREATE TABLE journals (
    id            INTEGER PRIMARY KEY,
    uuid          TEXT    NOT NULL UNIQUE,
    kind          TEXT    NOT NULL CHECK (kind IN ('guided', 'diary')),
    title         TEXT    NOT NULL CHECK (length(trim(title)) > 0),
    subtitle      TEXT    NOT NULL DEFAULT '',
    theme         TEXT    NOT NULL DEFAULT '',
    author_voice  TEXT    NOT NULL DEFAULT '',
    settings      TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid(settings)),
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    trashed_at    INTEGER
);

CREATE TABLE entries (
    id             INTEGER PRIMARY KEY,
    uuid           TEXT    NOT NULL UNIQUE,
    journal_id     INTEGER NOT NULL REFERENCES journals (id) ON DELETE CASCADE,
    kind           TEXT    NOT NULL CHECK (kind IN ('intro', 'commitment', 'day', 'certificate', 'free')),
    position       INTEGER NOT NULL DEFAULT 0,
    entry_date     TEXT,
    day            INTEGER,
    title          TEXT    NOT NULL DEFAULT '',
    body           TEXT    NOT NULL DEFAULT '',
    prompt         TEXT    NOT NULL DEFAULT '',
    writing_lines  INTEGER NOT NULL DEFAULT 0 CHECK (writing_lines >= 0),
    starred        INTEGER NOT NULL DEFAULT 0 CHECK (starred IN (0, 1)),
    word_count     INTEGER NOT NULL DEFAULT 0,
    -- Identity of the imported item this entry came from; makes re-imports idempotent.
    source_key     TEXT,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    trashed_at     INTEGER
);
CREATE INDEX entries_by_journal_position ON entries (journal_id, position);
CREATE INDEX entries_by_journal_date ON entries (journal_id, entry_date);
CREATE INDEX entries_by_date ON entries (entry_date);
CREATE UNIQUE INDEX entries_by_source ON entries (journal_id, source_key) WHERE source_key IS NOT NULL;

CREATE TABLE tags (
    id    INTEGER PRIMARY KEY,
    name  TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0)
);

CREATE TABLE entry_tags (
    entry_id  INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    tag_id    INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    PRIMARY KEY (entry_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX entry_tags_by_tag ON entry_tags (tag_id, entry_id);

-- Images and attachments are stored once by content hash (SHA-256, hex).
CREATE TABLE blobs (
    hash        TEXT    PRIMARY KEY,
    mime        TEXT    NOT NULL,
    size        INTEGER NOT NULL,
    data        BLOB    NOT NULL,
    created_at  INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE attachments (
    id          INTEGER PRIMARY KEY,
    entry_id    INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    blob_hash   TEXT    NOT NULL REFERENCES blobs (hash),
    filename    TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    UNIQUE (entry_id, blob_hash)
);
CREATE INDEX attachments_by_blob ON attachments (blob_hash);

-- The text an entry had before a change. Rapid autosaves coalesce into one revision.
CREATE TABLE revisions (
    id          INTEGER PRIMARY KEY,
    entry_id    INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    title       TEXT    NOT NULL,
    body        TEXT    NOT NULL,
    prompt      TEXT    NOT NULL,
    origin      TEXT    NOT NULL CHECK (origin IN ('writer', 'crew', 'import', 'restore')),
    created_at  INTEGER NOT NULL
);
CREATE INDEX revisions_by_entry ON revisions (entry_id, created_at);

CREATE TABLE templates (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
    category    TEXT    NOT NULL DEFAULT 'general',
    body        TEXT    NOT NULL,
    builtin     INTEGER NOT NULL DEFAULT 0,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);

CREATE TABLE prompts (
    id        INTEGER PRIMARY KEY,
    category  TEXT NOT NULL,
    text      TEXT NOT NULL UNIQUE
);

CREATE TABLE settings (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL CHECK (json_valid(value))
) WITHOUT ROWID;

-- Full-text index over entries, kept in step by triggers.
CREATE VIRTUAL TABLE entries_fts USING fts5 (
    title, body, prompt,
    content = 'entries', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
-- Rank title matches above body matches, and the prompt lowest.
INSERT INTO entries_fts (entries_fts, rank) VALUES ('rank', 'bm25(5.0, 1.0, 0.5)');

CREATE TRIGGER entries_fts_insert AFTER INSERT ON entries BEGIN
    INSERT INTO entries_fts (rowid, title, body, prompt) VALUES (new.id, new.title, new.body, new.prompt);
END;
CREATE TRIGGER entries_fts_delete AFTER DELETE ON entries BEGIN
    INSERT INTO entries_fts (entries_fts, rowid, title, body, prompt)
    VALUES ('delete', old.id, old.title, old.body, old.prompt);
END;
CREATE TRIGGER entries_fts_update AFTER UPDATE OF title, body, prompt ON entries BEGIN
    INSERT INTO entries_fts (entries_fts, rowid, title, body, prompt)
    VALUES ('delete', old.id, old.title, old.body, old.prompt);
    INSERT INTO entries_fts (rowid, title, body, prompt) VALUES (new.id, new.title, new.body, new.prompt);
END;
