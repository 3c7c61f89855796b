//! The calendar and "On this day": the days of a month with writing, one day's entries,
//! and the entries from today's date in earlier years.
//!
//! "Today" is the writer's local date ([`App::today`]) unless a caller names a day, so the
//! window (which knows the zone the writer is in) and the CLI agree.

use crate::error::AppResult;
use crate::App;
use chrono::NaiveDate;
use jcc_store::{DayCount, Entry, JournalId, Store};

impl App {
    /// The days of a month with writing (entries and words per day), in one journal or all.
    pub fn calendar_month(
        &self,
        journal: Option<&str>,
        year: i32,
        month: u32,
    ) -> AppResult<Vec<DayCount>> {
        let store = self.store();
        let journal = journal_id(&store, journal)?;
        Ok(store.month_days(journal, year, month)?)
    }

    /// The entries written on `date`, in one journal or all.
    pub fn entries_on_day(&self, journal: Option<&str>, date: NaiveDate) -> AppResult<Vec<Entry>> {
        let store = self.store();
        let journal = journal_id(&store, journal)?;
        Ok(store.entries_on(journal, date)?)
    }

    /// Entries from `date`'s month and day (today's by default) in earlier years, the most
    /// recent first.
    pub fn on_this_day(
        &self,
        journal: Option<&str>,
        date: Option<NaiveDate>,
    ) -> AppResult<Vec<Entry>> {
        let store = self.store();
        let journal = journal_id(&store, journal)?;
        Ok(store.on_this_day(journal, date.unwrap_or_else(App::today))?)
    }
}

fn journal_id(store: &Store, key: Option<&str>) -> AppResult<Option<JournalId>> {
    Ok(match key {
        Some(key) => Some(store.find_journal(key)?.id),
        None => None,
    })
}

#[cfg(test)]
mod tests {
    use crate::{AddEntry, App};
    use chrono::NaiveDate;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_named_journal_must_exist() {
        let app = App::in_memory().unwrap();
        app.entry_add(AddEntry {
            journal: Some("Diary".into()),
            body: "a".into(),
            date: Some(d("2025-05-05")),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(
            app.on_this_day(Some("Diary"), Some(d("2026-05-05")))
                .unwrap()
                .len(),
            1
        );
        assert_eq!(app.calendar_month(None, 2025, 5).unwrap().len(), 1);
        assert_eq!(app.entries_on_day(None, d("2025-05-05")).unwrap().len(), 1);
        let err = app.on_this_day(Some("Nope"), None).unwrap_err();
        assert_eq!(err.code, crate::ErrorCode::NotFound);
    }
}
