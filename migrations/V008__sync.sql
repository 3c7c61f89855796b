-- Journal Craft Crew, schema 8: sync with other devices (crates/jcc-sync).
-- Shipped migrations are never edited: add a new V###.

-- Every revision this device made or received: an immutable snapshot of one synced thing
-- (`entity`: "journal/<uuid>", "entry/<uuid>", "template/<name>", "blob/<sha256>",
-- "profile/author"), with its parents. Plaintext here: the library is the writer's own file;
-- only the server's copy is encrypted.
CREATE TABLE sync_revisions (
    rev_id      TEXT    PRIMARY KEY,
    entity      TEXT    NOT NULL,
    parents     TEXT    NOT NULL CHECK (json_valid(parents)),
    hlc         INTEGER NOT NULL,
    device      TEXT    NOT NULL,
    kind        TEXT    NOT NULL CHECK (kind IN ('put', 'delete', 'merge')),
    -- The thing's fields as JSON (NULL for a delete).
    record      TEXT    CHECK (record IS NULL OR json_valid(record)),
    -- Paragraphs a merge kept in both versions.
    conflicts   INTEGER NOT NULL DEFAULT 0,
    -- The outbox: 0 until the server acknowledged it.
    pushed      INTEGER NOT NULL DEFAULT 0 CHECK (pushed IN (0, 1)),
    created_at  INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX sync_revisions_by_entity ON sync_revisions (entity);
CREATE INDEX sync_outbox ON sync_revisions (created_at) WHERE pushed = 0;

-- What the library shows for each synced thing: the revision it was last made from (or
-- sent as), and the digest of its fields then; a different digest now is a local change.
CREATE TABLE sync_applied (
    entity  TEXT PRIMARY KEY,
    rev_id  TEXT NOT NULL,
    digest  TEXT NOT NULL
) WITHOUT ROWID;

-- Journals kept on this device only (by uuid).
CREATE TABLE sync_excluded (
    journal_uuid  TEXT PRIMARY KEY
) WITHOUT ROWID;

-- Small facts: device id, the server, the pull cursor, the hybrid logical clock.
CREATE TABLE sync_state (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
) WITHOUT ROWID;
