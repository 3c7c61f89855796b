//! Date and time parsing shared by the importers, and the one way timestamps are written.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, SecondsFormat, Utc};

/// The instant as RFC 3339 in UTC with as many fraction digits as needed, so that reading
/// it back gives the same instant to the nanosecond.
pub(crate) fn format_timestamp(t: &DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

/// `YYYY-MM-DD`.
pub(crate) fn parse_date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()
}

/// A front-matter `date`: `YYYY-MM-DD`, or a date and time with or without an offset.
///
/// The date is the calendar date as written (the writer's own day, even when an offset
/// follows); the instant is returned only when the text pins it down with an offset.
pub(crate) fn parse_date_field(s: &str) -> Result<(NaiveDate, Option<DateTime<Utc>>), String> {
    let s = s.trim();
    let bad = || {
        format!("date {s:?} is not a date; write it as YYYY-MM-DD (optionally followed by a time)")
    };
    let date = s.get(..10).and_then(parse_date).ok_or_else(bad)?;
    let rest = s.get(10..).unwrap_or("");
    if rest.trim().is_empty() {
        return Ok((date, None));
    }
    if !rest.starts_with(['T', 't', ' ']) {
        return Err(bad());
    }
    match parse_datetime(s) {
        Some(Stamp::Exact(t)) => Ok((date, Some(t))),
        Some(Stamp::Naive(_)) => Ok((date, None)),
        None => Err(bad()),
    }
}

/// A front-matter `created`/`updated` timestamp; one without an offset is taken as UTC.
pub(crate) fn parse_timestamp_field(key: &str, s: &str) -> Result<DateTime<Utc>, String> {
    match parse_datetime(s.trim()) {
        Some(Stamp::Exact(t)) => Ok(t),
        Some(Stamp::Naive(n)) => Ok(n.and_utc()),
        None => Err(format!(
            "{key} {s:?} is not a date and time; write it like 2024-01-31T18:30:00Z"
        )),
    }
}

enum Stamp {
    Exact(DateTime<Utc>),
    Naive(NaiveDateTime),
}

fn parse_datetime(s: &str) -> Option<Stamp> {
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(Stamp::Exact(t.with_timezone(&Utc)));
    }
    // Jekyll and Hugo style: "2024-01-02 10:00:00 +0200".
    for fmt in [
        "%Y-%m-%d %H:%M:%S %z",
        "%Y-%m-%d %H:%M %z",
        "%Y-%m-%dT%H:%M:%S%z",
    ] {
        if let Ok(t) = DateTime::parse_from_str(s, fmt) {
            return Some(Stamp::Exact(t.with_timezone(&Utc)));
        }
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(n) = NaiveDateTime::parse_from_str(s, fmt) {
            return Some(Stamp::Naive(n));
        }
    }
    None
}

/// `HH:MM` or `HH:MM:SS`.
pub(crate) fn parse_time(s: &str) -> Option<NaiveTime> {
    let s = s.trim();
    NaiveTime::parse_from_str(s, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(s, "%H:%M:%S"))
        .ok()
}

/// The first valid `YYYY-MM-DD` (or `YYYY_MM_DD`) in a file name, not glued to other digits.
pub(crate) fn date_in_name(name: &str) -> Option<NaiveDate> {
    let b = name.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    for start in 0..b.len() {
        if start > 0 && digit(start - 1) {
            continue;
        }
        let sep = match b.get(start + 4) {
            Some(&c @ (b'-' | b'_')) => c,
            _ => continue,
        };
        let shape = (0..4).all(|i| digit(start + i))
            && digit(start + 5)
            && digit(start + 6)
            && b.get(start + 7) == Some(&sep)
            && digit(start + 8)
            && digit(start + 9)
            && !digit(start + 10);
        if !shape {
            continue;
        }
        let text = name.get(start..start + 10)?.replace('_', "-");
        if let Some(d) = parse_date(&text) {
            return Some(d);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        parse_date(s).unwrap()
    }

    #[test]
    fn date_field_accepts_dates_and_datetimes() {
        assert_eq!(
            parse_date_field("2024-03-05").unwrap(),
            (d("2024-03-05"), None)
        );
        let (day, t) = parse_date_field("2024-03-05T23:30:00-05:00").unwrap();
        assert_eq!(
            day,
            d("2024-03-05"),
            "the writer's own date, not the UTC one"
        );
        assert_eq!(format_timestamp(&t.unwrap()), "2024-03-06T04:30:00Z");
        let (day, t) = parse_date_field("2024-03-05 10:00:00 +0200").unwrap();
        assert_eq!((day, t.is_some()), (d("2024-03-05"), true));
        assert_eq!(
            parse_date_field("2024-03-05 10:00").unwrap(),
            (d("2024-03-05"), None)
        );
        assert!(parse_date_field("2024-02-30").is_err());
        assert!(parse_date_field("yesterday").is_err());
        assert!(parse_date_field("2024-03-05x").is_err());
        assert!(parse_date_field("2024-03-05 at noon").is_err());
        assert!(parse_date_field("").is_err());
    }

    #[test]
    fn dates_are_found_in_file_names() {
        assert_eq!(date_in_name("2024-01-31 trip.md"), Some(d("2024-01-31")));
        assert_eq!(
            date_in_name("0003-2024-01-31-trip.md"),
            Some(d("2024-01-31"))
        );
        assert_eq!(
            date_in_name("2013_06_03_a-beautiful-day.md"),
            Some(d("2013-06-03"))
        );
        assert_eq!(date_in_name("12024-01-31.md"), None);
        assert_eq!(date_in_name("2024-13-01.md"), None);
        assert_eq!(date_in_name("notes.md"), None);
        assert_eq!(date_in_name("2024-01"), None);
    }

    #[test]
    fn timestamps_round_trip_to_the_nanosecond() {
        let t = DateTime::parse_from_rfc3339("2024-01-02T03:04:05.123456789Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(
            parse_timestamp_field("created", &format_timestamp(&t)).unwrap(),
            t
        );
        assert!(parse_timestamp_field("created", "soon").is_err());
    }
}
