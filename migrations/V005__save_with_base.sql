-- Journal Craft Crew, schema 5: saves carry the version they were based on.
-- Shipped migrations are never edited: add a new V###.

-- The version of an entry's text (title, body, prompt), counted up by every change; a
-- save names the version it started from, and a save from an older one is merged.
ALTER TABLE entries ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
-- The writer session (one window, one `jcc` run) that last changed the text: a writer's
-- autosaves coalesce into one revision only while no one else wrote in between.
ALTER TABLE entries ADD COLUMN writer TEXT NOT NULL DEFAULT '';
-- A merge kept both versions of a paragraph: the writer should look at it.
ALTER TABLE entries ADD COLUMN review_merge INTEGER NOT NULL DEFAULT 0 CHECK (review_merge IN (0, 1));

-- Revisions learn which version of the text they hold and who wrote it, and two more
-- origins: a merge, and (later) sync. SQLite cannot change a CHECK, so the table is
-- rebuilt; nothing else refers to it.
CREATE TABLE revisions_v5 (
    id          INTEGER PRIMARY KEY,
    entry_id    INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
    title       TEXT    NOT NULL,
    body        TEXT    NOT NULL,
    prompt      TEXT    NOT NULL,
    origin      TEXT    NOT NULL CHECK (origin IN ('writer', 'crew', 'import', 'restore', 'merge', 'sync')),
    created_at  INTEGER NOT NULL,
    -- The entry's version this text was; NULL for revisions kept before schema 5.
    version     INTEGER,
    writer      TEXT    NOT NULL DEFAULT ''
);
INSERT INTO revisions_v5 (id, entry_id, title, body, prompt, origin, created_at)
    SELECT id, entry_id, title, body, prompt, origin, created_at FROM revisions;
DROP TABLE revisions;
ALTER TABLE revisions_v5 RENAME TO revisions;
CREATE INDEX revisions_by_entry ON revisions (entry_id, created_at);
CREATE INDEX revisions_by_version ON revisions (entry_id, version) WHERE version IS NOT NULL;
