-- Schema 9: a journal's entries in reading order (position, then date; the rowid breaks
-- ties) straight from one index. With only (journal_id, position), every export and every
-- book sorted the rows again in a temp b-tree, copying each entry's text once more: a
-- tenth of a 10,000-entry JSON export's time.
DROP INDEX entries_by_journal_position;
CREATE INDEX entries_by_journal_position ON entries (journal_id, position, entry_date);
