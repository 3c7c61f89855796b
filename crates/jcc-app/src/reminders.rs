//! Daily writing reminders: set, list and remove one per journal, and the ones due now
//! (the desktop app asks every minute, with the writer's local time, and shows each as a
//! notification that opens a new entry in its journal).

use crate::error::AppResult;
use crate::App;
use chrono::NaiveDateTime;
use jcc_store::reminders::{parse_time, parse_weekdays};
use jcc_store::Reminder;
use serde::{Deserialize, Serialize};

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SetReminder {
    /// Journal title, id or uuid.
    pub journal: String,
    /// Local time, `HH:MM`.
    pub at: String,
    /// `daily`, `weekdays`, `weekends` or names such as `mon,wed,fri`.
    pub days: String,
}

impl App {
    /// Sets (or replaces) a journal's daily reminder.
    pub fn reminder_set(&self, input: SetReminder) -> AppResult<Reminder> {
        let minute = parse_time(&input.at)?;
        let days = parse_weekdays(&input.days)?;
        let mut store = self.store();
        let journal = store.find_journal(&input.journal)?.id;
        let reminder = store.set_reminder(journal, minute, &days)?;
        tracing::info!(journal, at = %reminder.at, "reminder set");
        Ok(reminder)
    }

    /// Every reminder, by time of day.
    pub fn reminder_list(&self) -> AppResult<Vec<Reminder>> {
        Ok(self.store().reminders()?)
    }

    /// Removes a journal's reminder; false when it had none.
    pub fn reminder_remove(&self, journal: &str) -> AppResult<bool> {
        let mut store = self.store();
        let journal = store.find_journal(journal)?.id;
        Ok(store.remove_reminder(journal)?)
    }

    /// The reminders due at the writer's local time `now`, each then marked as fired today.
    pub fn reminders_take_due(&self, now: NaiveDateTime) -> AppResult<Vec<Reminder>> {
        Ok(self.store().take_due_reminders(now)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ErrorCode, NewJournalInput};

    fn app() -> App {
        let app = App::in_memory().unwrap();
        app.journal_new(NewJournalInput {
            title: "Diary".into(),
            kind: None,
            subtitle: String::new(),
            theme: String::new(),
            author_voice: String::new(),
        })
        .unwrap();
        app
    }

    fn set(app: &App, at: &str, days: &str) -> AppResult<Reminder> {
        app.reminder_set(SetReminder {
            journal: "Diary".into(),
            at: at.into(),
            days: days.into(),
        })
    }

    #[test]
    fn set_list_remove_by_journal_name() {
        let app = app();
        let r = set(&app, "7:45", "weekdays").unwrap();
        assert_eq!((r.at.as_str(), r.weekdays), ("07:45", vec![1, 2, 3, 4, 5]));
        assert_eq!(app.reminder_list().unwrap().len(), 1);
        assert!(app.reminder_remove("Diary").unwrap());
        assert!(app.reminder_list().unwrap().is_empty());
    }

    #[test]
    fn bad_input_is_an_invalid_input_error_that_says_what_to_do() {
        let app = app();
        let err = set(&app, "quarter past", "daily").unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidInput);
        assert!(err.message.contains("HH:MM"), "{}", err.message);
        let err = set(&app, "08:00", "someday").unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidInput);
        let err = app.reminder_remove("Nowhere").unwrap_err();
        assert_eq!(err.code, ErrorCode::NotFound);
    }
}
