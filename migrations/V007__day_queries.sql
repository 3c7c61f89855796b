-- Schema 7: "On this day" finds entries by month and day across years. Diary dates are
-- 'YYYY-MM-DD', so the month and day are the five characters from the sixth; indexing that
-- expression keeps the lookup a seek on a library of 100,000 entries, not a scan.
-- (Calendar months are ranges of entry_date, already served by entries_by_date.)
CREATE INDEX entries_by_month_day ON entries (substr(entry_date, 6, 5), entry_date);
