//! Daily writing reminders, one per journal: a local time and the days of the week it is
//! on. The app asks [`Store::take_due_reminders`] with the writer's local time; a reminder
//! is due once a day, from its time on, on its days, and not at all when the journal
//! already has an entry dated today.

use crate::dates::stored_day;
use crate::error::{Result, StoreError};
use crate::model::JournalId;
use crate::Store;
use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reminder {
    pub journal_id: JournalId,
    pub journal_title: String,
    /// Local time, `HH:MM`.
    pub at: String,
    /// ISO weekdays it is on: 1 Monday … 7 Sunday, ascending.
    pub weekdays: Vec<u8>,
    /// The local date it last fired.
    pub last_fired: Option<NaiveDate>,
}

/// `HH:MM` (or `H:MM`) as minutes after midnight.
pub fn parse_time(text: &str) -> Result<u16> {
    let invalid = || {
        StoreError::Invalid(format!(
            "can't read \"{}\" as a time of day; use HH:MM, e.g. 08:30 or 21:00",
            text.trim()
        ))
    };
    let (h, m) = text.trim().split_once(':').ok_or_else(invalid)?;
    // Hours in one or two digits, minutes in exactly two.
    let number = |s: &str, widths: std::ops::RangeInclusive<usize>, max: u16| {
        (widths.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u16>().ok())
            .flatten()
            .filter(|v| *v <= max)
    };
    match (number(h, 1..=2, 23), number(m, 2..=2, 59)) {
        (Some(h), Some(m)) => Ok(h * 60 + m),
        _ => Err(invalid()),
    }
}

/// Days of the week as writers name them: `daily`, `weekdays`, `weekends`, or a list such
/// as `mon,wed,fri` (full names too). ISO numbers, 1 Monday … 7 Sunday, ascending.
pub fn parse_weekdays(text: &str) -> Result<Vec<u8>> {
    let lowered = text.trim().to_lowercase();
    let mut days: Vec<u8> = match lowered.as_str() {
        "daily" | "every day" | "everyday" => (1..=7).collect(),
        "weekdays" => (1..=5).collect(),
        "weekends" => vec![6, 7],
        _ => lowered
            .split([',', ' '])
            .filter(|w| !w.is_empty())
            .map(|w| {
                Ok(match w {
                    "mon" | "monday" => 1,
                    "tue" | "tues" | "tuesday" => 2,
                    "wed" | "wednesday" => 3,
                    "thu" | "thur" | "thurs" | "thursday" => 4,
                    "fri" | "friday" => 5,
                    "sat" | "saturday" => 6,
                    "sun" | "sunday" => 7,
                    _ => {
                        return Err(StoreError::Invalid(format!(
                            "can't read \"{w}\" as a day of the week; use daily, weekdays, \
                             weekends or names such as mon,wed,fri"
                        )))
                    }
                })
            })
            .collect::<Result<_>>()?,
    };
    days.sort_unstable();
    days.dedup();
    if days.is_empty() {
        return Err(StoreError::Invalid(
            "choose at least one day of the week for the reminder".into(),
        ));
    }
    Ok(days)
}

fn mask(weekdays: &[u8]) -> Result<i64> {
    if weekdays.is_empty() {
        return Err(StoreError::Invalid(
            "choose at least one day of the week for the reminder".into(),
        ));
    }
    weekdays.iter().try_fold(0i64, |m, d| match d {
        1..=7 => Ok(m | 1 << (d - 1)),
        _ => Err(StoreError::Invalid(format!(
            "{d} is not a day of the week (1 is Monday, 7 Sunday)"
        ))),
    })
}

fn days(mask: i64) -> Vec<u8> {
    (1..=7u8).filter(|d| mask & (1 << (d - 1)) != 0).collect()
}

const SELECT: &str = "SELECT r.journal_id, j.title, r.minute, r.weekdays, r.last_fired
    FROM reminders r JOIN journals j ON j.id = r.journal_id";

fn from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Reminder> {
    let minute: i64 = row.get(2)?;
    let last: Option<String> = row.get(4)?;
    Ok(Reminder {
        journal_id: row.get(0)?,
        journal_title: row.get(1)?,
        at: format!("{:02}:{:02}", minute / 60, minute % 60),
        weekdays: days(row.get(3)?),
        last_fired: last.as_deref().and_then(stored_day),
    })
}

impl Store {
    /// Sets (or replaces) a journal's reminder: `minute` after local midnight, on the ISO
    /// `weekdays` (1 Monday … 7 Sunday).
    pub fn set_reminder(
        &mut self,
        journal: JournalId,
        minute: u16,
        weekdays: &[u8],
    ) -> Result<Reminder> {
        if minute >= 24 * 60 {
            return Err(StoreError::Invalid(format!(
                "{minute} minutes is past the end of the day"
            )));
        }
        let mask = mask(weekdays)?;
        let now = self.now();
        self.transaction(|s| {
            let j = s.journal(journal)?;
            if j.trashed_at.is_some() {
                return Err(StoreError::Invalid(format!(
                    "\"{}\" is in the trash; restore it to set a reminder",
                    j.title
                )));
            }
            s.conn
                .execute(
                    "INSERT INTO reminders (journal_id, minute, weekdays, created_at)
                     VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT (journal_id) DO UPDATE SET minute = excluded.minute,
                        weekdays = excluded.weekdays, last_fired = NULL",
                    params![journal, minute, mask, now],
                )
                .map_err(|e| s.map_err(e))?;
            s.reminder(journal)?
                .ok_or_else(|| StoreError::not_found(format!("the reminder of journal {journal}")))
        })
    }

    pub fn reminder(&self, journal: JournalId) -> Result<Option<Reminder>> {
        Ok(self
            .conn
            .prepare_cached(&format!("{SELECT} WHERE r.journal_id = ?1"))?
            .query_row([journal], from_row)
            .optional()?)
    }

    /// Every reminder of a journal that is not in the trash, by time of day.
    pub fn reminders(&self) -> Result<Vec<Reminder>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{SELECT} WHERE j.trashed_at IS NULL ORDER BY r.minute, j.title"
        ))?;
        let rows = stmt.query_map([], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Removes a journal's reminder; false when it had none.
    pub fn remove_reminder(&mut self, journal: JournalId) -> Result<bool> {
        self.transaction(|s| {
            let n = s
                .conn
                .execute("DELETE FROM reminders WHERE journal_id = ?1", [journal])
                .map_err(|e| s.map_err(e))?;
            Ok(n > 0)
        })
    }

    /// The reminders due at local time `now`, each marked as fired today so it is not due
    /// again until tomorrow. Due: today is one of its days, its time has come, it has not
    /// fired today, and its journal (not in the trash) has no entry dated today.
    pub fn take_due_reminders(&mut self, now: NaiveDateTime) -> Result<Vec<Reminder>> {
        let today = now.date();
        let bit = 1i64 << today.weekday().num_days_from_monday();
        let minute = i64::from(now.hour() * 60 + now.minute());
        self.transaction(|s| {
            let due: Vec<Reminder> = {
                let mut stmt = s.conn.prepare_cached(&format!(
                    "{SELECT} WHERE j.trashed_at IS NULL AND r.weekdays & ?1 != 0
                       AND r.minute <= ?2 AND (r.last_fired IS NULL OR r.last_fired < ?3)
                       AND NOT EXISTS (SELECT 1 FROM entries e WHERE e.journal_id = r.journal_id
                             AND e.entry_date = ?3 AND e.trashed_at IS NULL)
                     ORDER BY r.minute, j.title"
                ))?;
                let rows = stmt.query_map(params![bit, minute, today.to_string()], from_row)?;
                rows.collect::<rusqlite::Result<_>>()?
            };
            for r in &due {
                s.conn
                    .execute(
                        "UPDATE reminders SET last_fired = ?2 WHERE journal_id = ?1",
                        params![r.journal_id, today.to_string()],
                    )
                    .map_err(|e| s.map_err(e))?;
            }
            Ok(due
                .into_iter()
                .map(|r| Reminder {
                    last_fired: Some(today),
                    ..r
                })
                .collect())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{NewEntry, NewJournal};

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    fn store() -> (Store, JournalId) {
        let mut s = Store::open_in_memory().unwrap();
        let j = s
            .create_journal(NewJournal {
                title: "Diary".into(),
                ..Default::default()
            })
            .unwrap();
        (s, j.id)
    }

    #[test]
    fn times_read_as_writers_type_them() {
        assert_eq!(parse_time("08:30").unwrap(), 510);
        assert_eq!(parse_time(" 8:05 ").unwrap(), 485);
        assert_eq!(parse_time("23:59").unwrap(), 1439);
        assert_eq!(parse_time("0:00").unwrap(), 0);
        for bad in [
            "24:00", "8", "8:5", "08:60", "8h30", "", "-1:00", "08:30:00", "a:bc",
        ] {
            let err = parse_time(bad).unwrap_err().to_string();
            assert!(err.contains("use HH:MM"), "{bad}: {err}");
        }
    }

    #[test]
    fn days_read_as_writers_name_them() {
        assert_eq!(parse_weekdays("daily").unwrap(), [1, 2, 3, 4, 5, 6, 7]);
        assert_eq!(parse_weekdays("Weekdays").unwrap(), [1, 2, 3, 4, 5]);
        assert_eq!(parse_weekdays("weekends").unwrap(), [6, 7]);
        assert_eq!(parse_weekdays("fri, Mon,wednesday mon").unwrap(), [1, 3, 5]);
        let err = parse_weekdays("mon,funday").unwrap_err().to_string();
        assert!(
            err.contains("\"funday\"") && err.contains("mon,wed,fri"),
            "{err}"
        );
        assert!(parse_weekdays(" , ").is_err());
    }

    #[test]
    fn set_list_replace_remove() {
        let (mut s, j) = store();
        let r = s.set_reminder(j, 8 * 60 + 30, &[1, 3, 5]).unwrap();
        assert_eq!(
            (r.at.as_str(), r.weekdays.clone()),
            ("08:30", vec![1, 3, 5])
        );
        assert_eq!(r.journal_title, "Diary");
        let r = s.set_reminder(j, 21 * 60, &[7, 6, 6]).unwrap();
        assert_eq!((r.at.as_str(), r.weekdays), ("21:00", vec![6, 7]));
        assert_eq!(s.reminders().unwrap().len(), 1);
        assert!(s.remove_reminder(j).unwrap());
        assert!(!s.remove_reminder(j).unwrap());
        assert!(s.reminders().unwrap().is_empty());
    }

    #[test]
    fn bad_reminders_are_refused_with_what_to_do() {
        let (mut s, j) = store();
        let err = s.set_reminder(j, 600, &[]).unwrap_err().to_string();
        assert!(err.contains("at least one day"), "{err}");
        let err = s.set_reminder(j, 600, &[8]).unwrap_err().to_string();
        assert!(err.contains("1 is Monday"), "{err}");
        assert!(s.set_reminder(j, 1440, &[1]).is_err());
        assert!(s.set_reminder(999, 600, &[1]).is_err());
        s.trash_journal(j).unwrap();
        let err = s.set_reminder(j, 600, &[1]).unwrap_err().to_string();
        assert!(err.contains("restore it"), "{err}");
    }

    #[test]
    fn due_once_a_day_from_its_time_on_its_days() {
        let (mut s, j) = store();
        // Weekdays only, at 08:30. 2026-03-06 is a Friday.
        s.set_reminder(j, 510, &[1, 2, 3, 4, 5]).unwrap();
        assert!(s
            .take_due_reminders(at("2026-03-06 08:29"))
            .unwrap()
            .is_empty());
        let due = s.take_due_reminders(at("2026-03-06 08:30")).unwrap();
        assert_eq!(due.len(), 1);
        assert_eq!(due[0].last_fired, NaiveDate::from_ymd_opt(2026, 3, 6));
        assert!(
            s.take_due_reminders(at("2026-03-06 08:31"))
                .unwrap()
                .is_empty(),
            "once a day"
        );
        assert!(
            s.take_due_reminders(at("2026-03-07 09:00"))
                .unwrap()
                .is_empty(),
            "not on Saturday"
        );
        // Opened late on Monday: still due that day.
        assert_eq!(
            s.take_due_reminders(at("2026-03-09 20:00")).unwrap().len(),
            1
        );
    }

    #[test]
    fn no_reminder_once_todays_entry_is_written() {
        let (mut s, j) = store();
        s.set_reminder(j, 510, &[1, 2, 3, 4, 5, 6, 7]).unwrap();
        s.add_entry(NewEntry {
            journal_id: j,
            date: NaiveDate::from_ymd_opt(2026, 3, 6),
            body: "Already wrote".into(),
            ..Default::default()
        })
        .unwrap();
        assert!(s
            .take_due_reminders(at("2026-03-06 09:00"))
            .unwrap()
            .is_empty());
        assert_eq!(
            s.take_due_reminders(at("2026-03-07 09:00")).unwrap().len(),
            1
        );
    }

    #[test]
    fn a_trashed_journal_reminds_no_one() {
        let (mut s, j) = store();
        s.set_reminder(j, 0, &[1, 2, 3, 4, 5, 6, 7]).unwrap();
        s.trash_journal(j).unwrap();
        assert!(s
            .take_due_reminders(at("2026-03-06 09:00"))
            .unwrap()
            .is_empty());
        assert!(s.reminders().unwrap().is_empty());
    }
}
