//! Date and time parsing shared by the importers, and the one way timestamps are written.

use chrono::{
    DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, SecondsFormat, TimeZone, Utc,
};

/// The instant as RFC 3339 in UTC with as many fraction digits as needed, so that reading
/// it back gives the same instant to the nanosecond.
pub(crate) fn format_timestamp(t: &DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

/// `YYYY-MM-DD`.
pub(crate) fn parse_date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()
}

/// A front-matter date: `YYYY-MM-DD`, or a date and time with or without a zone (see
/// [`parse_datetime`] for the forms).
///
/// The date is the calendar date as written (the writer's own day, even when an offset
/// follows); the instant is returned only when the text pins it down with a zone.
pub(crate) fn parse_date_field(
    key: &str,
    s: &str,
) -> Result<(NaiveDate, Option<DateTime<Utc>>), String> {
    let s = s.trim();
    let bad = || {
        format!("{key} {s:?} is not a date; write it as YYYY-MM-DD (optionally followed by a time)")
    };
    let date = s.get(..10).and_then(parse_date).ok_or_else(bad)?;
    if s.get(10..).unwrap_or("").trim().is_empty() {
        return Ok((date, None));
    }
    match parse_datetime(s) {
        Some(Stamp::Exact(t)) => Ok((date, Some(t))),
        Some(Stamp::Naive(_)) => Ok((date, None)),
        None => Err(bad()),
    }
}

/// A front-matter `created`/`updated` timestamp. One without a zone is taken as UTC; a
/// date alone is midnight UTC of that day.
pub(crate) fn parse_timestamp_field(key: &str, s: &str) -> Result<DateTime<Utc>, String> {
    let s = s.trim();
    if s.len() == 10 {
        if let Some(d) = parse_date(s) {
            return Ok(d.and_time(NaiveTime::MIN).and_utc());
        }
    }
    match parse_datetime(s) {
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

/// `YYYY-MM-DD`, then `T` or a space, then `HH:MM`, `HH:MM:SS` or `HH:MM:SS.fff`, then
/// optionally (after an optional space) a zone: `Z`, `UTC`, `GMT`, `+02:00`, `+0200` or
/// `+02`. Covers RFC 3339, Joplin's `2024-01-02 10:00:00.000Z`, Obsidian's
/// `2024-01-02T10:00`, and Jekyll's and Hugo's `2024-01-02 10:00:00 +0200`.
fn parse_datetime(s: &str) -> Option<Stamp> {
    let date = parse_date(s.get(..10)?)?;
    let rest = s.get(10..)?.strip_prefix(['T', 't', ' '])?;
    let end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == ':' || c == '.'))
        .unwrap_or(rest.len());
    let (clock, zone) = (rest.get(..end)?, rest.get(end..)?.trim());
    let time = NaiveTime::parse_from_str(clock, "%H:%M:%S%.f")
        .or_else(|_| NaiveTime::parse_from_str(clock, "%H:%M"))
        .ok()?;
    let naive = date.and_time(time);
    if zone.is_empty() {
        return Some(Stamp::Naive(naive));
    }
    let offset = FixedOffset::east_opt(zone_seconds(zone)?)?;
    let t = offset.from_local_datetime(&naive).single()?;
    Some(Stamp::Exact(t.with_timezone(&Utc)))
}

/// Seconds east of UTC for `Z`/`UTC`/`GMT`, `+HH:MM`, `+HHMM` or `+HH`.
fn zone_seconds(zone: &str) -> Option<i32> {
    if ["z", "utc", "gmt"]
        .iter()
        .any(|u| zone.eq_ignore_ascii_case(u))
    {
        return Some(0);
    }
    let sign = match zone.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let digits = zone.get(1..)?;
    let (h, m) = match (digits.len(), digits.split_once(':')) {
        (5, Some((h, m))) => (h, m),
        (4, None) => (digits.get(..2)?, digits.get(2..)?),
        (2, None) => (digits, "00"),
        _ => return None,
    };
    if !(h.len() == 2 && m.len() == 2 && h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit())) {
        return None;
    }
    let (h, m): (i32, i32) = (h.parse().ok()?, m.parse().ok()?);
    (h <= 23 && m <= 59).then_some(sign * (h * 3600 + m * 60))
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
            parse_date_field("date", "2024-03-05").unwrap(),
            (d("2024-03-05"), None)
        );
        let (day, t) = parse_date_field("date", "2024-03-05T23:30:00-05:00").unwrap();
        assert_eq!(
            day,
            d("2024-03-05"),
            "the writer's own date, not the UTC one"
        );
        assert_eq!(format_timestamp(&t.unwrap()), "2024-03-06T04:30:00Z");
        let (day, t) = parse_date_field("date", "2024-03-05 10:00:00 +0200").unwrap();
        assert_eq!((day, t.is_some()), (d("2024-03-05"), true));
        assert_eq!(
            parse_date_field("date", "2024-03-05 10:00").unwrap(),
            (d("2024-03-05"), None)
        );
        assert!(parse_date_field("date", "2024-02-30").is_err());
        assert!(parse_date_field("date", "yesterday").is_err());
        assert!(parse_date_field("date", "2024-03-05x").is_err());
        assert!(parse_date_field("date", "2024-03-05 at noon").is_err());
        assert!(parse_date_field("date", "").is_err());
    }

    #[test]
    fn other_tools_date_times_are_read() {
        let utc = |s: &str| format_timestamp(&parse_timestamp_field("created", s).unwrap());
        // Joplin (UTC, a space for the T, with and without seconds and milliseconds).
        assert_eq!(utc("2023-06-01 10:15:00.000Z"), "2023-06-01T10:15:00Z");
        assert_eq!(utc("1970-01-01 00:00Z"), "1970-01-01T00:00:00Z");
        // Obsidian (local time without a zone: taken as UTC) and a date alone.
        assert_eq!(utc("2023-06-01T10:15"), "2023-06-01T10:15:00Z");
        assert_eq!(utc("2023-06-01"), "2023-06-01T00:00:00Z");
        // Zones in every common spelling.
        assert_eq!(utc("2023-06-01T10:15:00+02:00"), "2023-06-01T08:15:00Z");
        assert_eq!(utc("2023-06-01 10:15:00 +0200"), "2023-06-01T08:15:00Z");
        assert_eq!(utc("2023-06-01 10:15:00 -05"), "2023-06-01T15:15:00Z");
        assert_eq!(utc("2023-06-01 10:15 UTC"), "2023-06-01T10:15:00Z");
        assert_eq!(utc("2023-06-01t10:15:00.5z"), "2023-06-01T10:15:00.500Z");
        for bad in [
            "2023-06-01 10:15 +2",
            "2023-06-01 10:15 CEST",
            "2023-06-01 25:00",
            "2023-06-01 10:15 +24:00",
            "June 1st",
        ] {
            let e = parse_timestamp_field("created", bad).unwrap_err();
            assert!(
                e.contains("created") && e.contains("2024-01-31T18:30:00Z"),
                "{e}"
            );
        }
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
