-- Journal Craft Crew, schema 4: maintained journal totals and an indexed entry day.
-- Shipped migrations are never edited: add a new V###.

-- A journal's live (not trashed) entries and their words, kept in step by the triggers
-- below instead of being totalled by scanning entries on every read.
ALTER TABLE journals ADD COLUMN entry_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE journals ADD COLUMN word_count INTEGER NOT NULL DEFAULT 0;

UPDATE journals SET
    entry_count = (SELECT count(*) FROM entries e
                   WHERE e.journal_id = journals.id AND e.trashed_at IS NULL),
    word_count = (SELECT coalesce(sum(e.word_count), 0) FROM entries e
                  WHERE e.journal_id = journals.id AND e.trashed_at IS NULL);

CREATE TRIGGER entries_totals_insert AFTER INSERT ON entries
WHEN new.trashed_at IS NULL BEGIN
    UPDATE journals SET entry_count = entry_count + 1, word_count = word_count + new.word_count
    WHERE id = new.journal_id;
END;

CREATE TRIGGER entries_totals_delete AFTER DELETE ON entries
WHEN old.trashed_at IS NULL BEGIN
    UPDATE journals SET entry_count = entry_count - 1, word_count = word_count - old.word_count
    WHERE id = old.journal_id;
END;

-- Trash, restore, a move between journals, or a change of words.
CREATE TRIGGER entries_totals_update AFTER UPDATE OF journal_id, word_count, trashed_at ON entries
WHEN old.journal_id IS NOT new.journal_id
  OR old.word_count IS NOT new.word_count
  OR (old.trashed_at IS NULL) IS NOT (new.trashed_at IS NULL)
BEGIN
    UPDATE journals SET entry_count = entry_count - 1, word_count = word_count - old.word_count
    WHERE id = old.journal_id AND old.trashed_at IS NULL;
    UPDATE journals SET entry_count = entry_count + 1, word_count = word_count + new.word_count
    WHERE id = new.journal_id AND new.trashed_at IS NULL;
END;

-- The day an entry belongs to: its diary date, else the day it was written (UTC). Search
-- filters and orders by it; the index makes tag + date searches read only the days asked
-- for, newest first, without touching the entries' text. `id` is in the index so its
-- order is (day_key, id), the order search results without words are listed in.
ALTER TABLE entries ADD COLUMN day_key TEXT
    GENERATED ALWAYS AS (coalesce(entry_date, date(created_at / 1000, 'unixepoch'))) VIRTUAL;
CREATE INDEX entries_by_day ON entries (day_key, id, trashed_at, journal_id);
