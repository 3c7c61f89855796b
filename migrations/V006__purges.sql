-- Journal Craft Crew, schema 6: what was deleted for good, by id only (never its text),
-- so the backup listing can say which backups still hold purged entries and journals.
-- Shipped migrations are never edited: add a new V###.

CREATE TABLE purged (
    uuid       TEXT    PRIMARY KEY,
    what       TEXT    NOT NULL CHECK (what IN ('entry', 'journal')),
    purged_at  INTEGER NOT NULL
) WITHOUT ROWID;
