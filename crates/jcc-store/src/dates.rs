//! Diary dates as writers type them: `2026-03-01`, `today`, `3 days ago`, `last monday`,
//! `mar 1`, `March 1, 2026`, and whole months such as `2026-03`.
//!
//! Everything is relative to a `today` the caller passes in (the writer's local date), so
//! results are deterministic in tests. Nothing here panics, whatever the input or `today`.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

/// A date a writer typed that none of the accepted forms reads.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "can't read \"{input}\" as a date; use YYYY-MM-DD, \"today\", \"yesterday\" or \"N days ago\""
)]
pub struct DateError {
    /// What the writer typed, trimmed.
    pub input: String,
}

/// How many years back a month and day without a year may reach (enough for 29 February).
const YEARLESS_LOOKBACK: i32 = 8;

/// Reads a single day.
///
/// Accepted, case-insensitive, surrounding whitespace ignored:
/// - `2026-03-01`, `2026/03/01`, `2026.3.1` (four-digit year first);
/// - `today`, `yesterday`, `tomorrow`;
/// - `3 days ago`, `2 weeks ago`, `a month ago`, `1 year ago` (singular or plural);
/// - `last monday`, `monday`, `mon`: the most recent such weekday before today (never today);
/// - `mar 1`, `March 1st`, `1 march`, `1st of March`, each optionally followed by a year
///   (`March 1, 2026`, `1 mar 2026`). Without a year: the most recent 1 March up to and
///   including today.
pub fn parse_day(input: &str, today: NaiveDate) -> Result<NaiveDate, DateError> {
    let lowered = input.trim().to_lowercase();
    let words = words(&lowered);
    day_from_words(&words, today).ok_or_else(|| DateError {
        input: input.trim().to_owned(),
    })
}

/// Reads a whole month: `2026-03`, `2026/03`, `March 2026`, `mar 2026`. Returns
/// `(year, month)` with `month` in `1..=12`.
pub fn parse_month(input: &str) -> Option<(i32, u32)> {
    let lowered = input.trim().to_lowercase();
    match words(&lowered).as_slice() {
        [single] => {
            let mut parts = single.split(['-', '/', '.']);
            let year = year(parts.next()?)?;
            let month = digits(parts.next()?, 1, 2)?;
            if parts.next().is_some() {
                return None;
            }
            valid_month(year, month)
        }
        [name, y] => valid_month(year(y)?, month_name(name)?),
        _ => None,
    }
}

/// The first day of a month and the first day of the month after it (`None` only past the
/// end of the calendar chrono can represent).
pub(crate) fn month_span(year: i32, month: u32) -> Option<(NaiveDate, Option<NaiveDate>)> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    Some((first, first.checked_add_months(Months::new(1))))
}

fn valid_month(year: i32, month: u32) -> Option<(i32, u32)> {
    NaiveDate::from_ymd_opt(year, month, 1).map(|_| (year, month))
}

/// Splits on whitespace and commas (so `March 1, 2026` and `march 1,2026` read alike).
fn words(lowered: &str) -> Vec<&str> {
    lowered
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect()
}

fn day_from_words(words: &[&str], today: NaiveDate) -> Option<NaiveDate> {
    match *words {
        ["today"] => Some(today),
        ["yesterday"] => today.pred_opt(),
        ["tomorrow"] => today.succ_opt(),
        [single] => iso_day(single).or_else(|| last_weekday(single, today)),
        ["last", day] => last_weekday(day, today),
        [count, unit, "ago"] => ago(count, unit, today),
        // "1 march", "1st of march", "march 1"
        [a, b] => month_day(a, b).and_then(|(m, d)| yearless(m, d, today)),
        [d, "of", m] => month_day(d, m).and_then(|(m, d)| yearless(m, d, today)),
        [a, b, y] => month_day(a, b).and_then(|(m, d)| NaiveDate::from_ymd_opt(year(y)?, m, d)),
        [d, "of", m, y] => {
            month_day(d, m).and_then(|(m, d)| NaiveDate::from_ymd_opt(year(y)?, m, d))
        }
        _ => None,
    }
}

/// A date as the library stores it, `YYYY-MM-DD`, read by [`iso_day`] rather than chrono's
/// general format parser (one per row of every listing, search and export); any other
/// shape, such as a hand-edited one, goes to that parser as before.
pub(crate) fn stored_day(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    if b.len() == 10 && b.get(4) == Some(&b'-') && b.get(7) == Some(&b'-') {
        return iso_day(text);
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

/// `YYYY-MM-DD` with `-`, `/` or `.` between the parts (the same one throughout).
fn iso_day(word: &str) -> Option<NaiveDate> {
    let sep = word.chars().find(|c| matches!(c, '-' | '/' | '.'))?;
    let mut parts = word.split(sep);
    let year = year(parts.next()?)?;
    let month = digits(parts.next()?, 1, 2)?;
    let day = digits(parts.next()?, 1, 2)?;
    if parts.next().is_some() {
        return None;
    }
    NaiveDate::from_ymd_opt(year, month, day)
}

/// `N days ago`, `N weeks ago`, `N months ago`, `N years ago`; `a`/`an`/`one` for 1.
fn ago(count: &str, unit: &str, today: NaiveDate) -> Option<NaiveDate> {
    let n: u32 = match count {
        "a" | "an" | "one" => 1,
        _ => digits(count, 1, 9)?,
    };
    match unit {
        "day" | "days" => today.checked_sub_days(Days::new(u64::from(n))),
        "week" | "weeks" => today.checked_sub_days(Days::new(u64::from(n) * 7)),
        "month" | "months" => today.checked_sub_months(Months::new(n)),
        "year" | "years" => today.checked_sub_months(Months::new(n.checked_mul(12)?)),
        _ => None,
    }
}

/// The most recent `day` strictly before `today`.
fn last_weekday(day: &str, today: NaiveDate) -> Option<NaiveDate> {
    let target = weekday(day)?;
    let back = (today.weekday().num_days_from_monday() + 7 - target.num_days_from_monday()) % 7;
    let back = if back == 0 { 7 } else { back };
    today.checked_sub_days(Days::new(u64::from(back)))
}

/// `(month, day)` from a month name and a day number in either order.
fn month_day(a: &str, b: &str) -> Option<(u32, u32)> {
    if let (Some(m), Some(d)) = (month_name(a), day_of_month(b)) {
        return Some((m, d));
    }
    Some((month_name(b)?, day_of_month(a)?))
}

/// The most recent `month`/`day` up to and including `today`.
fn yearless(month: u32, day: u32, today: NaiveDate) -> Option<NaiveDate> {
    let this_year = today.year();
    (0..=YEARLESS_LOOKBACK)
        .filter_map(|back| NaiveDate::from_ymd_opt(this_year.checked_sub(back)?, month, day))
        .find(|date| *date <= today)
}

fn weekday(word: &str) -> Option<Weekday> {
    Some(match word {
        "monday" | "mon" => Weekday::Mon,
        "tuesday" | "tue" | "tues" => Weekday::Tue,
        "wednesday" | "wed" => Weekday::Wed,
        "thursday" | "thu" | "thur" | "thurs" => Weekday::Thu,
        "friday" | "fri" => Weekday::Fri,
        "saturday" | "sat" => Weekday::Sat,
        "sunday" | "sun" => Weekday::Sun,
        _ => return None,
    })
}

fn month_name(word: &str) -> Option<u32> {
    let word = word.strip_suffix('.').unwrap_or(word);
    Some(match word {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sep" | "sept" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    })
}

/// `1` to `31`, optionally `1st`, `2nd`, `3rd`, `4th`.
fn day_of_month(word: &str) -> Option<u32> {
    let number = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|suffix| word.strip_suffix(suffix))
        .unwrap_or(word);
    digits(number, 1, 2).filter(|d| (1..=31).contains(d))
}

/// A four-digit year.
fn year(word: &str) -> Option<i32> {
    digits(word, 4, 4).and_then(|y| i32::try_from(y).ok())
}

/// An unsigned number written with `min..=max` ASCII digits (at most 9, so it fits a u32).
fn digits(word: &str, min: usize, max: usize) -> Option<u32> {
    let ok = (min..=max.min(9)).contains(&word.len()) && word.bytes().all(|b| b.is_ascii_digit());
    if ok {
        word.parse().ok()
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// A Wednesday.
    fn today() -> NaiveDate {
        d(2026, 3, 11)
    }

    fn day(input: &str) -> Option<NaiveDate> {
        parse_day(input, today()).ok()
    }

    #[test]
    fn iso_forms() {
        assert_eq!(day("2026-03-01"), Some(d(2026, 3, 1)));
        assert_eq!(day("2026/03/01"), Some(d(2026, 3, 1)));
        assert_eq!(day("2026.3.1"), Some(d(2026, 3, 1)));
        assert_eq!(day("  2024-02-29 "), Some(d(2024, 2, 29)));
        assert_eq!(day("1999-12-31"), Some(d(1999, 12, 31)));
    }

    #[test]
    fn iso_rejects_impossible_or_mixed() {
        for bad in [
            "2026-02-30",
            "2025-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-03-00",
            "2026-03/01",
            "26-03-01",
            "2026-03-01-02",
            "2026--03",
            "2026-003-01",
            "+2026-03-01",
            "2026-03-01x",
            "01/03/2026",
        ] {
            assert_eq!(day(bad), None, "{bad}");
        }
    }

    #[test]
    fn words_for_nearby_days() {
        assert_eq!(day("today"), Some(today()));
        assert_eq!(day("Yesterday"), Some(d(2026, 3, 10)));
        assert_eq!(day("TOMORROW"), Some(d(2026, 3, 12)));
        assert_eq!(day(" \ttoday\n"), Some(today()));
    }

    #[test]
    fn n_units_ago() {
        assert_eq!(day("3 days ago"), Some(d(2026, 3, 8)));
        assert_eq!(day("1 day ago"), Some(d(2026, 3, 10)));
        assert_eq!(day("0 days ago"), Some(today()));
        assert_eq!(day("2 weeks ago"), Some(d(2026, 2, 25)));
        assert_eq!(day("a week ago"), Some(d(2026, 3, 4)));
        assert_eq!(day("one month ago"), Some(d(2026, 2, 11)));
        assert_eq!(day("13 months ago"), Some(d(2025, 2, 11)));
        assert_eq!(day("2 years ago"), Some(d(2024, 3, 11)));
        assert_eq!(day("3  Days   AGO"), Some(d(2026, 3, 8)));
        // Month arithmetic clamps to the end of a shorter month.
        assert_eq!(
            parse_day("1 month ago", d(2026, 3, 31)).ok(),
            Some(d(2026, 2, 28))
        );
        for bad in [
            "3 days",
            "days ago",
            "-3 days ago",
            "3 fortnights ago",
            "1234567890 days ago",
            "999999999 years ago",
            "3.5 days ago",
        ] {
            assert_eq!(day(bad), None, "{bad}");
        }
    }

    #[test]
    fn weekdays_are_the_most_recent_past_one_never_today() {
        // today() is a Wednesday.
        assert_eq!(day("last monday"), Some(d(2026, 3, 9)));
        assert_eq!(day("monday"), Some(d(2026, 3, 9)));
        assert_eq!(day("Mon"), Some(d(2026, 3, 9)));
        assert_eq!(day("last tuesday"), Some(d(2026, 3, 10)));
        assert_eq!(day("wednesday"), Some(d(2026, 3, 4)));
        assert_eq!(day("last Wed"), Some(d(2026, 3, 4)));
        assert_eq!(day("thursday"), Some(d(2026, 3, 5)));
        assert_eq!(day("thurs"), Some(d(2026, 3, 5)));
        assert_eq!(day("sun"), Some(d(2026, 3, 8)));
        assert_eq!(day("last someday"), None);
        assert_eq!(day("next monday"), None);
    }

    #[test]
    fn month_and_day_without_year_is_the_latest_one_not_in_the_future() {
        assert_eq!(day("mar 1"), Some(d(2026, 3, 1)));
        assert_eq!(day("March 1"), Some(d(2026, 3, 1)));
        assert_eq!(day("1 march"), Some(d(2026, 3, 1)));
        assert_eq!(day("1st of March"), Some(d(2026, 3, 1)));
        assert_eq!(day("Mar. 11"), Some(today()), "today itself counts");
        assert_eq!(
            day("march 12"),
            Some(d(2025, 3, 12)),
            "tomorrow is last year's"
        );
        assert_eq!(day("dec 25"), Some(d(2025, 12, 25)));
        assert_eq!(day("feb 29"), Some(d(2024, 2, 29)), "leap day reaches back");
        assert_eq!(
            parse_day("feb 29", d(2024, 2, 28)).ok(),
            Some(d(2020, 2, 29))
        );
        assert_eq!(day("feb 30"), None);
        assert_eq!(day("march 32"), None);
        assert_eq!(day("march 0"), None);
        assert_eq!(day("march"), None);
    }

    #[test]
    fn month_and_day_with_year() {
        assert_eq!(day("March 1, 2026"), Some(d(2026, 3, 1)));
        assert_eq!(
            day("march 1 2027"),
            Some(d(2027, 3, 1)),
            "an explicit year may be ahead"
        );
        assert_eq!(day("1 Mar 2020"), Some(d(2020, 3, 1)));
        assert_eq!(day("1st of march, 2020"), Some(d(2020, 3, 1)));
        assert_eq!(day("sept 30,2019"), Some(d(2019, 9, 30)));
        assert_eq!(day("feb 29 2025"), None);
        assert_eq!(day("march 1 26"), None);
    }

    #[test]
    fn rejects_other_text() {
        for bad in [
            "",
            "   ",
            "soon",
            "2026",
            "march 2026",
            "1",
            "today today",
            "last",
            "ago",
        ] {
            assert_eq!(day(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn error_message_names_the_input_and_the_accepted_forms() {
        let err = parse_day("  someday ", today()).unwrap_err();
        assert_eq!(err.input, "someday");
        assert_eq!(
            err.to_string(),
            "can't read \"someday\" as a date; use YYYY-MM-DD, \"today\", \"yesterday\" or \"N days ago\""
        );
    }

    #[test]
    fn the_edges_of_the_calendar_are_errors_not_panics() {
        let (min, max) = (NaiveDate::MIN, NaiveDate::MAX);
        assert!(parse_day("yesterday", min).is_err());
        assert!(parse_day("tomorrow", max).is_err());
        assert!(parse_day("monday", min).is_err());
        assert!(parse_day("999999999 days ago", min).is_err());
        assert!(parse_day("999999999 weeks ago", today()).is_err());
        assert!(parse_day("99999999 years ago", today()).is_err());
        assert!(parse_day("mar 1", min).is_err());
        assert!(parse_day("mar 1", max).is_ok());
        assert_eq!(parse_day("today", max).ok(), Some(max));
    }

    #[test]
    fn months() {
        assert_eq!(parse_month("2026-03"), Some((2026, 3)));
        assert_eq!(parse_month(" 2026/3 "), Some((2026, 3)));
        assert_eq!(parse_month("2026.12"), Some((2026, 12)));
        assert_eq!(parse_month("March 2026"), Some((2026, 3)));
        assert_eq!(parse_month("sep, 2025"), Some((2025, 9)));
        for bad in [
            "2026-13",
            "2026-00",
            "2026-03-01",
            "2026",
            "26-03",
            "march",
            "march 26",
            "2026 march",
            "",
            "2026-",
            "-03",
        ] {
            assert_eq!(parse_month(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn month_spans() {
        assert_eq!(
            month_span(2026, 3),
            Some((d(2026, 3, 1), Some(d(2026, 4, 1))))
        );
        assert_eq!(
            month_span(2026, 12),
            Some((d(2026, 12, 1), Some(d(2027, 1, 1))))
        );
        assert_eq!(month_span(2026, 13), None);
        let last = NaiveDate::MAX;
        assert_eq!(
            month_span(last.year(), last.month()).map(|(_, next)| next),
            Some(None)
        );
    }
}
