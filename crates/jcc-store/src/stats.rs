//! Writing statistics: words per day and streaks.

use crate::dates::stored_day;
use crate::error::Result;
use crate::model::JournalId;
use crate::Store;
use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DayWords {
    pub date: NaiveDate,
    pub words: i64,
    pub entries: i64,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stats {
    pub entries: i64,
    pub words: i64,
    pub active_days: i64,
    /// Consecutive days with writing, ending today (or yesterday, while today is still open).
    pub current_streak: i64,
    pub longest_streak: i64,
    /// The last `days` days, oldest first, including days with no writing.
    pub per_day: Vec<DayWords>,
}

impl Store {
    pub fn stats(&self, journal: Option<JournalId>, today: NaiveDate, days: u32) -> Result<Stats> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT coalesce(e.entry_date, date(e.created_at / 1000, 'unixepoch')) AS on_day,
                    sum(e.word_count), count(*)
             FROM entries e JOIN journals j ON j.id = e.journal_id
             WHERE e.trashed_at IS NULL AND j.trashed_at IS NULL AND (?1 IS NULL OR e.journal_id = ?1)
             GROUP BY on_day ORDER BY on_day",
        )?;
        let rows: Vec<(String, i64, i64)> = stmt
            .query_map([journal], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let by_day: Vec<DayWords> = rows
            .into_iter()
            .filter_map(|(d, words, entries)| {
                stored_day(&d).map(|date| DayWords {
                    date,
                    words,
                    entries,
                })
            })
            .collect();
        let (current_streak, longest_streak) = streaks(&by_day, today);
        let start = today
            .checked_sub_days(Days::new(u64::from(days.saturating_sub(1))))
            .unwrap_or(today);
        let per_day = (0..days)
            .filter_map(|i| start.checked_add_days(Days::new(u64::from(i))))
            .map(|date| {
                by_day
                    .iter()
                    .find(|d| d.date == date)
                    .cloned()
                    .unwrap_or(DayWords {
                        date,
                        words: 0,
                        entries: 0,
                    })
            })
            .collect();
        Ok(Stats {
            entries: by_day.iter().map(|d| d.entries).sum(),
            words: by_day.iter().map(|d| d.words).sum(),
            active_days: by_day.len() as i64,
            current_streak,
            longest_streak,
            per_day,
        })
    }
}

/// `days` sorted ascending, one per date.
fn streaks(days: &[DayWords], today: NaiveDate) -> (i64, i64) {
    let mut longest = 0;
    let mut run = 0;
    let mut prev: Option<NaiveDate> = None;
    for d in days.iter().filter(|d| d.date <= today) {
        run = match prev {
            Some(p) if p.succ_opt() == Some(d.date) => run + 1,
            _ => 1,
        };
        longest = longest.max(run);
        prev = Some(d.date);
    }
    let yesterday = today.pred_opt();
    let current = match prev {
        Some(last) if last == today || Some(last) == yesterday => run,
        _ => 0,
    };
    (current, longest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{NewEntry, NewJournal};

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn streaks_and_words_per_day() {
        let mut s = Store::open_in_memory().unwrap();
        let j = s
            .create_journal(NewJournal {
                title: "J".into(),
                ..Default::default()
            })
            .unwrap();
        for (d, body) in [
            ("2026-03-01", "a b"),
            ("2026-03-02", "c"),
            ("2026-03-03", "d e f"),
            ("2026-03-06", "g"),
            ("2026-03-07", "h i"),
            ("2026-03-07", "j"),
        ] {
            s.add_entry(NewEntry {
                journal_id: j.id,
                date: Some(day(d)),
                body: body.into(),
                ..Default::default()
            })
            .unwrap();
        }
        let st = s.stats(None, day("2026-03-08"), 3).unwrap();
        assert_eq!((st.entries, st.words, st.active_days), (6, 10, 5));
        assert_eq!(st.longest_streak, 3);
        assert_eq!(st.current_streak, 2, "wrote yesterday and the day before");
        assert_eq!(
            st.per_day.iter().map(|d| d.words).collect::<Vec<_>>(),
            vec![1, 3, 0]
        );
        assert_eq!(
            s.stats(None, day("2026-03-10"), 1).unwrap().current_streak,
            0
        );
    }
}
