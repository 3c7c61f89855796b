//! Day queries for the calendar and "On this day": how much was written on each day of a
//! month, the entries of one day, and the entries from today's month and day in earlier
//! years.
//!
//! Days are diary dates (`entry_date`), which are already the writer's local dates; the
//! caller passes "today" in the writer's time zone. Entries without a date (a guided
//! book's chapters) have no day and are not counted.

use crate::dates::stored_day;
use crate::entries::{from_row, SELECT};
use crate::error::{Result, StoreError};
use crate::model::{Entry, JournalId};
use crate::Store;
use chrono::{Datelike, NaiveDate};
use rusqlite::named_params;
use serde::{Deserialize, Serialize};

/// One day of a month that has writing on it.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayCount {
    pub date: NaiveDate,
    pub entries: i64,
    pub words: i64,
}

/// Live entries of live journals, optionally of one journal.
const LIVE: &str = "e.trashed_at IS NULL
    AND (:journal IS NULL OR e.journal_id = :journal)
    AND NOT EXISTS (SELECT 1 FROM journals j WHERE j.id = e.journal_id AND j.trashed_at IS NOT NULL)";

impl Store {
    /// The days of `year`-`month` with writing, in date order (days without are absent).
    pub fn month_days(
        &self,
        journal: Option<JournalId>,
        year: i32,
        month: u32,
    ) -> Result<Vec<DayCount>> {
        let (first, next) = crate::dates::month_span(year, month)
            .ok_or_else(|| StoreError::Invalid(format!("there is no month {year}-{month:02}")))?;
        let next = next.map_or_else(|| "9999-99-99".to_owned(), |d| d.to_string());
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT e.entry_date, count(*), sum(e.word_count) FROM entries e
             WHERE e.entry_date >= :first AND e.entry_date < :next AND {LIVE}
             GROUP BY e.entry_date ORDER BY e.entry_date"
        ))?;
        let rows = stmt.query_map(
            named_params! {":first": first.to_string(), ":next": next, ":journal": journal},
            |r| Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?)),
        )?;
        let mut days = Vec::new();
        for row in rows {
            let (date, entries, words) = row?;
            // A hand-edited date that isn't one is left out, not fatal.
            if let Some(date) = stored_day(&date) {
                days.push(DayCount {
                    date,
                    entries,
                    words,
                });
            }
        }
        Ok(days)
    }

    /// The live entries dated `date`, in the order they were written.
    pub fn entries_on(&self, journal: Option<JournalId>, date: NaiveDate) -> Result<Vec<Entry>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{SELECT} WHERE e.entry_date = :date AND {LIVE} ORDER BY e.created_at, e.id"
        ))?;
        let rows = stmt.query_map(
            named_params! {":date": date.to_string(), ":journal": journal},
            from_row,
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Entries from `today`'s month and day in earlier years, the most recent year first.
    /// On 28 February of a year without a 29th, entries of 29 February are included, so
    /// leap-day entries come back every year rather than one year in four.
    pub fn on_this_day(&self, journal: Option<JournalId>, today: NaiveDate) -> Result<Vec<Entry>> {
        let keys = month_day_keys(today);
        let mut stmt = self.conn.prepare_cached(&format!(
            "{SELECT} WHERE substr(e.entry_date, 6, 5) IN (:a, :b) AND e.entry_date < :year_start
               AND {LIVE}
             ORDER BY e.entry_date DESC, e.created_at, e.id"
        ))?;
        let year_start = format!("{:04}-01-01", today.year());
        let rows = stmt.query_map(
            named_params! {
                ":a": keys[0], ":b": keys[1], ":year_start": year_start, ":journal": journal,
            },
            from_row,
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// The `MM-DD` keys "on this day" matches for `today` (the same one twice when only one).
fn month_day_keys(today: NaiveDate) -> [String; 2] {
    let own = today.format("%m-%d").to_string();
    let leap_day_missing = today.month() == 2
        && today.day() == 28
        && NaiveDate::from_ymd_opt(today.year(), 2, 29).is_none();
    let other = if leap_day_missing {
        "02-29".to_owned()
    } else {
        own.clone()
    };
    [own, other]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{NewEntry, NewJournal};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn library(dates: &[(&str, &str)]) -> (Store, JournalId) {
        let mut s = Store::open_in_memory().unwrap();
        let j = s
            .create_journal(NewJournal {
                title: "Diary".into(),
                ..Default::default()
            })
            .unwrap();
        for (date, body) in dates {
            s.add_entry(NewEntry {
                journal_id: j.id,
                date: Some(d(date)),
                body: (*body).into(),
                ..Default::default()
            })
            .unwrap();
        }
        (s, j.id)
    }

    fn dates(entries: &[Entry]) -> Vec<String> {
        entries
            .iter()
            .map(|e| e.date.unwrap().to_string())
            .collect()
    }

    #[test]
    fn a_month_counts_entries_and_words_per_day() {
        let (s, j) = library(&[
            ("2026-02-28", "before"),
            ("2026-03-01", "one two"),
            ("2026-03-01", "three"),
            ("2026-03-31", "last day of march"),
            ("2026-04-01", "after"),
        ]);
        let days = s.month_days(Some(j), 2026, 3).unwrap();
        assert_eq!(
            days,
            vec![
                DayCount {
                    date: d("2026-03-01"),
                    entries: 2,
                    words: 3
                },
                DayCount {
                    date: d("2026-03-31"),
                    entries: 1,
                    words: 4
                },
            ]
        );
        assert_eq!(s.month_days(None, 2026, 3).unwrap(), days);
        assert!(s.month_days(Some(j), 2026, 5).unwrap().is_empty());
        let err = s.month_days(None, 2026, 13).unwrap_err();
        assert!(err.to_string().contains("2026-13"), "{err}");
    }

    #[test]
    fn trashed_entries_and_journals_do_not_count() {
        let (mut s, j) = library(&[("2026-03-01", "kept"), ("2026-03-01", "binned")]);
        let binned = s.entries_on(Some(j), d("2026-03-01")).unwrap()[1].id;
        s.trash_entry(binned).unwrap();
        assert_eq!(s.month_days(None, 2026, 3).unwrap()[0].entries, 1);
        assert_eq!(s.entries_on(None, d("2026-03-01")).unwrap().len(), 1);
        s.trash_journal(j).unwrap();
        assert!(s.month_days(None, 2026, 3).unwrap().is_empty());
        assert!(s.entries_on(None, d("2026-03-01")).unwrap().is_empty());
        assert!(s.on_this_day(None, d("2027-03-01")).unwrap().is_empty());
    }

    #[test]
    fn one_journal_or_all() {
        let (mut s, j) = library(&[("2026-03-01", "mine")]);
        let other = s
            .create_journal(NewJournal {
                title: "Other".into(),
                ..Default::default()
            })
            .unwrap();
        s.add_entry(NewEntry {
            journal_id: other.id,
            date: Some(d("2025-03-01")),
            body: "theirs".into(),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(s.entries_on(Some(other.id), d("2026-03-01")).unwrap(), []);
        assert_eq!(
            dates(&s.on_this_day(None, d("2027-03-01")).unwrap()),
            ["2026-03-01", "2025-03-01"]
        );
        assert_eq!(
            dates(&s.on_this_day(Some(j), d("2027-03-01")).unwrap()),
            ["2026-03-01"]
        );
    }

    #[test]
    fn on_this_day_is_earlier_years_only_newest_first() {
        let (s, _) = library(&[
            ("2019-07-14", "a"),
            ("2024-07-14", "b"),
            ("2026-07-14", "today itself"),
            ("2025-07-13", "the day before"),
            ("2025-07-15", "the day after"),
            ("2027-07-14", "a future year"),
        ]);
        assert_eq!(
            dates(&s.on_this_day(None, d("2026-07-14")).unwrap()),
            ["2024-07-14", "2019-07-14"]
        );
    }

    #[test]
    fn leap_day_entries_come_back_on_the_28th_in_common_years() {
        let (s, _) = library(&[
            ("2024-02-29", "leap"),
            ("2024-02-28", "eve"),
            ("2023-02-28", "common"),
            ("2024-03-01", "march"),
        ]);
        // 2025 has no 29 February: the 28th brings both back.
        assert_eq!(
            dates(&s.on_this_day(None, d("2025-02-28")).unwrap()),
            ["2024-02-29", "2024-02-28", "2023-02-28"]
        );
        // 2028 has one: the 28th is only the 28th, and the 29th finds 2024's.
        assert_eq!(
            dates(&s.on_this_day(None, d("2028-02-28")).unwrap()),
            ["2024-02-28", "2023-02-28"]
        );
        assert_eq!(
            dates(&s.on_this_day(None, d("2028-02-29")).unwrap()),
            ["2024-02-29"]
        );
        assert_eq!(
            dates(&s.on_this_day(None, d("2025-03-01")).unwrap()),
            ["2024-03-01"]
        );
    }

    #[test]
    fn the_month_day_lookup_uses_its_index() {
        let (s, _) = library(&[]);
        let plan: Vec<String> = s
            .conn
            .prepare(
                "EXPLAIN QUERY PLAN SELECT id FROM entries e
                 WHERE substr(e.entry_date, 6, 5) IN ('03-01', '03-01') AND e.entry_date < '2026-01-01'",
            )
            .unwrap()
            .query_map([], |r| r.get::<_, String>(3))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert!(
            plan.iter().any(|p| p.contains("entries_by_month_day")),
            "{plan:?}"
        );
    }
}
