//! Which front-matter keys give an entry its dates, as JCC and other tools write them.
//!
//! JCC writes `date` (the diary day), `created` and `updated`. Joplin writes `created` and
//! `updated` in UTC; Obsidian's properties and many static-site generators write `date`,
//! `created` or `created_at`; exporters of Bear and Day One notes write `creation_date`
//! and `modification_date`. The first key present, in the order below, wins.

use chrono::{DateTime, NaiveDate, Utc};

use crate::dates;
use crate::frontmatter::Keys;

/// Keys that give the entry's day, most specific first.
pub(crate) const DAY_KEYS: [&str; 4] = ["date", "created", "created_at", "creation_date"];
/// Keys that give the moment the entry was first written.
const CREATED_KEYS: [&str; 3] = ["created", "created_at", "creation_date"];
/// Keys that give the moment it was last changed.
const UPDATED_KEYS: [&str; 5] = [
    "updated",
    "updated_at",
    "modified",
    "modified_at",
    "modification_date",
];

/// Where an entry's day came from when no front-matter key gave it.
pub(crate) const FROM_FILE_NAME: &str = "file name";

/// An entry's dates and where its day came from.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct EntryDates {
    pub date: Option<NaiveDate>,
    /// `Some(key)` (or [`FROM_FILE_NAME`]) when the entry got a day.
    pub date_from: Option<&'static str>,
    pub created_at: Option<DateTime<Utc>>,
    pub updated_at: Option<DateTime<Utc>>,
}

/// Reads the dates from `keys`. `jcc_file` files take their day only from `date` (a slug
/// that looks like a date is not the entry's day, and an undated entry stays undated);
/// other files fall back to a `YYYY-MM-DD` in `file_name`.
pub(crate) fn read(keys: &Keys, jcc_file: bool, file_name: &str) -> Result<EntryDates, String> {
    let mut out = EntryDates::default();
    let mut day_instant = None;
    let day_keys: &[&'static str] = if jcc_file { &DAY_KEYS[..1] } else { &DAY_KEYS };
    for &key in day_keys {
        if let Some(text) = non_empty(keys, key)? {
            let (day, instant) = dates::parse_date_field(key, &text)?;
            (out.date, out.date_from, day_instant) = (Some(day), Some(key), instant);
            break;
        }
    }
    let written_empty = day_keys.iter().any(|k| keys.has(k));
    if out.date.is_none() && !jcc_file && !written_empty {
        out.date = dates::date_in_name(file_name);
        out.date_from = out.date.map(|_| FROM_FILE_NAME);
    }
    out.created_at = match first(keys, &CREATED_KEYS)? {
        Some((key, text)) => Some(dates::parse_timestamp_field(key, &text)?),
        None => day_instant,
    };
    out.updated_at = match first(keys, &UPDATED_KEYS)? {
        Some((key, text)) => Some(dates::parse_timestamp_field(key, &text)?),
        None => None,
    };
    Ok(out)
}

fn non_empty(keys: &Keys, key: &str) -> Result<Option<String>, String> {
    Ok(keys.text(key)?.filter(|t| !t.trim().is_empty()))
}

fn first(
    keys: &Keys,
    candidates: &[&'static str],
) -> Result<Option<(&'static str, String)>, String> {
    for &key in candidates {
        if let Some(text) = non_empty(keys, key)? {
            return Ok(Some((key, text)));
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frontmatter::parse;

    fn dates_of(yaml: &str, jcc: bool, name: &str) -> EntryDates {
        read(&parse(yaml).unwrap().unwrap(), jcc, name).unwrap()
    }

    fn day(s: &str) -> Option<NaiveDate> {
        dates::parse_date(s)
    }

    #[test]
    fn the_first_day_key_wins_and_is_named() {
        let d = dates_of(
            "created: 2023-06-01T10:15\ndate: 2023-05-31\n",
            false,
            "x.md",
        );
        assert_eq!((d.date, d.date_from), (day("2023-05-31"), Some("date")));
        assert_eq!(
            dates::format_timestamp(&d.created_at.unwrap()),
            "2023-06-01T10:15:00Z"
        );
        let d = dates_of("creation_date: 2023-06-01 23:30:00 -0500\n", false, "x.md");
        assert_eq!(
            (d.date, d.date_from),
            (day("2023-06-01"), Some("creation_date"))
        );
        assert_eq!(
            dates::format_timestamp(&d.created_at.unwrap()),
            "2023-06-02T04:30:00Z"
        );
    }

    #[test]
    fn the_file_name_is_the_last_resort() {
        let d = dates_of("title: x\n", false, "2023-06-01 walk.md");
        assert_eq!(
            (d.date, d.date_from),
            (day("2023-06-01"), Some(FROM_FILE_NAME))
        );
        // A key written empty means "no date", not "look elsewhere".
        let d = dates_of("created:\n", false, "2023-06-01 walk.md");
        assert_eq!((d.date, d.date_from), (None, None));
        // JCC's own files: only `date` gives the day.
        let d = dates_of(
            "kind: day\ncreated: 2023-06-01T10:00:00Z\n",
            true,
            "0001-2023-06-05-x.md",
        );
        assert_eq!((d.date, d.date_from), (None, None));
        assert!(d.created_at.is_some());
    }

    #[test]
    fn updated_has_its_aliases_and_bad_values_name_their_key() {
        let d = dates_of("modification_date: 2023-06-02T08:00:00Z\n", false, "x.md");
        assert_eq!(
            dates::format_timestamp(&d.updated_at.unwrap()),
            "2023-06-02T08:00:00Z"
        );
        let k = parse("created_at: soon\n").unwrap().unwrap();
        let e = read(&k, false, "x.md").unwrap_err();
        assert!(e.starts_with("created_at \"soon\""), "{e}");
    }
}
