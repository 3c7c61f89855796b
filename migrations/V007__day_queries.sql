-- Schema 7: "On this day" finds entries by month and day across years. Diary dates are
-- 'YYYY-MM-DD', so the month and day are the five characters from the sixth; indexing that
-- expression keeps the lookup a seek on a library of 100,000 entries, not a scan.
-- (Calendar months are ranges of entry_date, already served by entries_by_date.)
CREATE INDEX entries_by_month_day ON entries (substr(entry_date, 6, 5), entry_date);

-- A daily writing reminder per journal: the local time (minutes after midnight), the days
-- of the week it is on (bit 0 Monday … bit 6 Sunday) and the local date it last fired, so
-- it fires once a day however often the app looks.
CREATE TABLE reminders (
    journal_id  INTEGER PRIMARY KEY REFERENCES journals (id) ON DELETE CASCADE,
    minute      INTEGER NOT NULL CHECK (minute BETWEEN 0 AND 1439),
    weekdays    INTEGER NOT NULL CHECK (weekdays BETWEEN 1 AND 127),
    last_fired  TEXT,
    created_at  INTEGER NOT NULL
);
