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

-- Things changed since sync last looked, kept by triggers, so a sync reads only those
-- instead of the whole library. (Before the first sync everything is read anyway.)
CREATE TABLE sync_dirty (
    entity  TEXT PRIMARY KEY
) WITHOUT ROWID;

CREATE TRIGGER sync_dirty_entry_insert AFTER INSERT ON entries BEGIN
    INSERT OR IGNORE INTO sync_dirty (entity) VALUES ('entry/' || new.uuid);
END;
CREATE TRIGGER sync_dirty_entry_update AFTER UPDATE ON entries BEGIN
    INSERT OR IGNORE INTO sync_dirty (entity) VALUES ('entry/' || new.uuid);
END;
CREATE TRIGGER sync_dirty_entry_delete AFTER DELETE ON entries BEGIN
    INSERT OR IGNORE INTO sync_dirty (entity) VALUES ('entry/' || old.uuid);
END;
CREATE TRIGGER sync_dirty_tag_link AFTER INSERT ON entry_tags BEGIN
    INSERT OR IGNORE INTO sync_dirty (entity)
        SELECT 'entry/' || uuid FROM entries WHERE id = new.entry_id;
END;
CREATE TRIGGER sync_dirty_tag_unlink AFTER DELETE ON entry_tags BEGIN
    INSERT OR IGNORE INTO sync_dirty (entity)
        SELECT 'entry/' || uuid FROM entries WHERE id = old.entry_id;
END;
CREATE TRIGGER sync_dirty_tag_rename AFTER UPDATE OF name ON tags BEGIN
    INSERT OR IGNORE INTO sync_dirty (entity)
        SELECT 'entry/' || e.uuid FROM entry_tags et JOIN entries e ON e.id = et.entry_id
        WHERE et.tag_id = new.id;
END;
CREATE TRIGGER sync_dirty_attach AFTER INSERT ON attachments BEGIN
    INSERT OR IGNORE INTO sync_dirty (entity)
        SELECT 'entry/' || uuid FROM entries WHERE id = new.entry_id;
END;
CREATE TRIGGER sync_dirty_detach AFTER DELETE ON attachments BEGIN
    INSERT OR IGNORE INTO sync_dirty (entity)
        SELECT 'entry/' || uuid FROM entries WHERE id = old.entry_id;
END;
CREATE TRIGGER sync_dirty_journal_insert AFTER INSERT ON journals BEGIN
    INSERT OR IGNORE INTO sync_dirty (entity) VALUES ('journal/' || new.uuid);
END;
CREATE TRIGGER sync_dirty_journal_update AFTER UPDATE ON journals BEGIN
    INSERT OR IGNORE INTO sync_dirty (entity) VALUES ('journal/' || new.uuid);
END;
CREATE TRIGGER sync_dirty_journal_delete AFTER DELETE ON journals BEGIN
    INSERT OR IGNORE INTO sync_dirty (entity) VALUES ('journal/' || old.uuid);
END;
CREATE TRIGGER sync_dirty_template_insert AFTER INSERT ON templates WHEN new.builtin = 0 BEGIN
    INSERT OR IGNORE INTO sync_dirty (entity) VALUES ('template/' || lower(new.name));
END;
CREATE TRIGGER sync_dirty_template_update AFTER UPDATE ON templates WHEN new.builtin = 0 BEGIN
    INSERT OR IGNORE INTO sync_dirty (entity) VALUES ('template/' || lower(new.name));
    INSERT OR IGNORE INTO sync_dirty (entity) VALUES ('template/' || lower(old.name));
END;
CREATE TRIGGER sync_dirty_template_delete AFTER DELETE ON templates WHEN old.builtin = 0 BEGIN
    INSERT OR IGNORE INTO sync_dirty (entity) VALUES ('template/' || lower(old.name));
END;
CREATE TRIGGER sync_dirty_blob AFTER INSERT ON blobs BEGIN
    INSERT OR IGNORE INTO sync_dirty (entity) VALUES ('blob/' || new.hash);
END;
CREATE TRIGGER sync_dirty_profile_insert AFTER INSERT ON settings WHEN new.key = 'author_profile' BEGIN
    INSERT OR IGNORE INTO sync_dirty (entity) VALUES ('profile/author');
END;
CREATE TRIGGER sync_dirty_profile_update AFTER UPDATE ON settings WHEN new.key = 'author_profile' BEGIN
    INSERT OR IGNORE INTO sync_dirty (entity) VALUES ('profile/author');
END;
CREATE TRIGGER sync_dirty_profile_delete AFTER DELETE ON settings WHEN old.key = 'author_profile' BEGIN
    INSERT OR IGNORE INTO sync_dirty (entity) VALUES ('profile/author');
END;
