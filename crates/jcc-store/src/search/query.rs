//! The search language writers type into the search box, and its translation to SQLite
//! FTS5.
//!
//! ```text
//! morning walk            both words (any order, any field)
//! "morning light"         the phrase
//! walk*                   words starting with "walk"
//! -rain  -"heavy rain"    leave out entries with the word or phrase
//! tag:garden  tag:"self care"  -tag:work      tags (all of them) / not this tag
//! journal:Dreams  journal:3   journal:"Morning pages"   in any of these journals
//! -journal:Work                                        not in this journal
//! before:2026-03-01  after:"3 days ago"  on:yesterday  on:2026-03   by diary date
//! is:starred  -is:starred
//! ```
//!
//! Operators are case-insensitive. A `key:value` that is not an operator is searched as
//! text, so `note: x` or `http://example.com` still find something. Typographic quotes
//! (“…”, „…“, «…») work like `"`; an unterminated quote runs to the end of the input.
//! Only a date that can't be read and an empty `tag:`/`journal:`/date value are errors.
//!
//! Date values may be quoted (`after:"last monday"`) or written out unquoted
//! (`after:3 days ago`, `on:March 1, 2026`): the longest run of the value and up to three
//! following words that reads as a date is taken, and what follows is searched as usual.
//!
//! Every term reaches FTS5 as a quoted string (`"walk"`, `"walk"*`), so nothing a writer
//! types (`AND`, `NEAR`, `title:`, `(`, `^`, quotes) can be read as FTS5 syntax.

use chrono::NaiveDate;

use crate::dates;

/// A parsed search: text to find and filters to apply.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// In the order typed. Terms with nothing searchable in them (`-`, `!!!`) are left out.
    pub terms: Vec<Term>,
    pub filters: Filters,
}

/// One piece of text to find (or, when `negated`, to leave out).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term {
    /// A bare word as typed; `prefix` when it ended in `*` (the `*` is not in `text`).
    Word {
        text: String,
        prefix: bool,
        negated: bool,
    },
    /// The text between quotes, trimmed.
    Phrase { text: String, negated: bool },
}

/// Everything in a query that is not text. All filters must hold (journals: any of them).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    /// Entries must carry every one of these (names as typed, trimmed; repeats removed
    /// ignoring ASCII case, as the `tags` table does).
    pub tags: Vec<String>,
    /// Entries must carry none of these.
    pub excluded_tags: Vec<String>,
    /// Entries must be in one of these journals: each is a title or a numeric id, as typed.
    pub journals: Vec<String>,
    /// Entries must be in none of these journals.
    pub excluded_journals: Vec<String>,
    /// Diary date strictly after this day.
    pub after: Option<NaiveDate>,
    /// Diary date strictly before this day.
    pub before: Option<NaiveDate>,
    /// `Some(true)`: starred only; `Some(false)`: unstarred only. The last `is:` wins.
    pub starred: Option<bool>,
}

/// A query that can't be searched as typed. The message names the filter and says what to
/// write instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    #[error(
        "{filter}: can't read \"{value}\" as a date; use YYYY-MM-DD, YYYY-MM (a whole month), \
         \"today\", \"yesterday\", \"N days ago\", \"last monday\" or \"mar 1\", \
         e.g. {filter}:2026-03-01"
    )]
    BadDate { filter: &'static str, value: String },

    #[error("{filter}: is missing its value; write it right after the colon, e.g. {}", example(.filter))]
    MissingValue { filter: &'static str },
}

fn example(filter: &str) -> &'static str {
    match filter {
        "tag" | "-tag" => "tag:garden or tag:\"self care\"",
        "journal" => "journal:Dreams or journal:\"Morning pages\"",
        "before" => "before:2026-03-01",
        "after" => "after:yesterday",
        _ => "on:2026-03-01 or on:2026-03",
    }
}

/// Reads a query typed by a writer. `today` is the writer's local date, for relative dates.
pub fn parse(input: &str, today: NaiveDate) -> Result<Query, QueryError> {
    let raws = lex(input);
    let mut query = Query::default();
    let mut i = 0;
    while i < raws.len() {
        let raw = raws[i];
        i += 1;
        match raw {
            Raw::Word { negated, text } => push_word(&mut query.terms, text, negated),
            Raw::Phrase { negated, text } => push_phrase(&mut query.terms, text, negated),
            Raw::Op {
                negated,
                key,
                value,
                quoted,
                whole,
            } => {
                let filters = &mut query.filters;
                match (key, negated) {
                    (Key::Tag, false) => add_name(&mut filters.tags, value, "tag", true)?,
                    (Key::Tag, true) => {
                        add_name(&mut filters.excluded_tags, value, "-tag", true)?;
                    }
                    (Key::Journal, false) => {
                        add_name(&mut filters.journals, value, "journal", false)?;
                    }
                    (Key::Journal, true) => {
                        add_name(&mut filters.excluded_journals, value, "-journal", false)?;
                    }
                    (Key::Is, _) if value.trim().eq_ignore_ascii_case("starred") => {
                        filters.starred = Some(!negated);
                    }
                    (Key::Before | Key::After | Key::On, false) => {
                        let (span, used) = date_value(key, value, quoted, &raws[i..], today)?;
                        i += used;
                        apply_date(filters, key, span);
                    }
                    // `-before:`, `-is:other`...: not operators, so plain text.
                    _ if quoted => push_phrase(
                        &mut query.terms,
                        &format!("{}:{}", key.name(), value),
                        negated,
                    ),
                    _ => push_word(&mut query.terms, whole, negated),
                }
            }
        }
    }
    Ok(query)
}

impl Query {
    /// The FTS5 `MATCH` expression for the positive terms, with the negated ones as `NOT`:
    /// `"walk" "morning light" NOT "rain"`, or `... NOT ("rain" OR "storm")` for several.
    /// `None` when there is no positive term (see [`Query::fts_exclude_only`]).
    pub fn fts_match(&self) -> Option<String> {
        let (positive, negative) = self.fts_strings();
        if positive.is_empty() {
            return None;
        }
        let mut expr = positive.join(" ");
        match negative.as_slice() {
            [] => {}
            [one] => {
                expr.push_str(" NOT ");
                expr.push_str(one);
            }
            // One NOT over an OR (which FTS5 flattens) rather than a chain of NOTs, each of
            // which would add a level to FTS5's expression tree (limited to 256).
            many => {
                expr.push_str(" NOT (");
                expr.push_str(&many.join(" OR "));
                expr.push(')');
            }
        }
        Some(expr)
    }

    /// When there are negated terms but no positive ones, an FTS5 expression matching any
    /// excluded term (`"rain" OR "storm"`), for `rowid NOT IN (SELECT rowid ... MATCH ?)`.
    /// `None` otherwise.
    pub fn fts_exclude_only(&self) -> Option<String> {
        let (positive, negative) = self.fts_strings();
        if !positive.is_empty() || negative.is_empty() {
            return None;
        }
        Some(negative.join(" OR "))
    }

    /// True when there is neither text nor any filter.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty() && self.filters == Filters::default()
    }

    /// The terms as FTS5 strings: (positive, negated).
    fn fts_strings(&self) -> (Vec<String>, Vec<String>) {
        let mut positive = Vec::new();
        let mut negative = Vec::new();
        for term in &self.terms {
            let (text, prefix, negated) = match term {
                Term::Word {
                    text,
                    prefix,
                    negated,
                } => (text, *prefix, *negated),
                Term::Phrase { text, negated } => (text, false, *negated),
            };
            // parse() never builds these, but a Query can be built by hand.
            if !has_token_char(text) {
                continue;
            }
            let mut s = fts5_string(text);
            if prefix {
                s.push('*');
            }
            if negated {
                negative.push(s);
            } else {
                positive.push(s);
            }
        }
        (positive, negative)
    }
}

/// `text` as an FTS5 string: in double quotes, inner quotes doubled. FTS5 reads the
/// expression as a C string, so a NUL (a separator to the tokenizer anyway) becomes a space.
fn fts5_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\"\""),
            '\0' => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Whether SQLite's `unicode61` tokenizer finds at least one token in `text`. Terms without
/// one are left out: FTS5 would see an empty phrase, which matches nothing on its own.
fn has_token_char(text: &str) -> bool {
    text.chars().any(is_token_char)
}

/// A character that starts a token for `unicode61` (the tokenizer of `entries_fts`): ASCII
/// letters and digits, and any other character outside [`UNICODE61_SEPARATORS`].
fn is_token_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    let c = u32::from(c);
    UNICODE61_SEPARATORS
        .binary_search_by(|&(start, end)| {
            if end < c {
                std::cmp::Ordering::Less
            } else if start > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_err()
}

/// The non-ASCII code points `unicode61` treats as separators, as inclusive ranges, read off
/// the bundled SQLite (3.54): its tables come from Unicode 6.1, so they are neither Rust's
/// `is_alphanumeric` (marks such as U+0903 are separators; 🙂 U+1F642, unassigned in 6.1, is
/// a token) nor quite "categories L*, N*, Co".
/// `tests/query_props.rs` checks every code point against the linked SQLite; its ignored
/// test `print_unicode61_separators` regenerates this table.
#[rustfmt::skip]
const UNICODE61_SEPARATORS: &[(u32, u32)] = &[
    (0x0080, 0x00A9), (0x00AB, 0x00B1), (0x00B4, 0x00B4), (0x00B6, 0x00B8),
    (0x00BB, 0x00BB), (0x00BF, 0x00BF), (0x00D7, 0x00D7), (0x00F7, 0x00F7),
    (0x02C2, 0x02C5), (0x02D2, 0x02DF), (0x02E5, 0x02EB), (0x02ED, 0x02ED),
    (0x02EF, 0x036F), (0x0375, 0x0375), (0x037E, 0x037E), (0x0384, 0x0385),
    (0x0387, 0x0387), (0x03F6, 0x03F6), (0x0482, 0x0489), (0x055A, 0x055F),
    (0x0589, 0x058A), (0x058F, 0x058F), (0x0591, 0x05C7), (0x05F3, 0x05F4),
    (0x0600, 0x0604), (0x0606, 0x061B), (0x061E, 0x061F), (0x064B, 0x065F),
    (0x066A, 0x066D), (0x0670, 0x0670), (0x06D4, 0x06D4), (0x06D6, 0x06E4),
    (0x06E7, 0x06ED), (0x06FD, 0x06FE), (0x0700, 0x070D), (0x070F, 0x070F),
    (0x0711, 0x0711), (0x0730, 0x074A), (0x07A6, 0x07B0), (0x07EB, 0x07F3),
    (0x07F6, 0x07F9), (0x0816, 0x0819), (0x081B, 0x0823), (0x0825, 0x0827),
    (0x0829, 0x082D), (0x0830, 0x083E), (0x0859, 0x085B), (0x085E, 0x085E),
    (0x08E4, 0x08FE), (0x0900, 0x0903), (0x093A, 0x093C), (0x093E, 0x094F),
    (0x0951, 0x0957), (0x0962, 0x0965), (0x0970, 0x0970), (0x0981, 0x0983),
    (0x09BC, 0x09BC), (0x09BE, 0x09C4), (0x09C7, 0x09C8), (0x09CB, 0x09CD),
    (0x09D7, 0x09D7), (0x09E2, 0x09E3), (0x09F2, 0x09F3), (0x09FA, 0x09FB),
    (0x0A01, 0x0A03), (0x0A3C, 0x0A3C), (0x0A3E, 0x0A42), (0x0A47, 0x0A48),
    (0x0A4B, 0x0A4D), (0x0A51, 0x0A51), (0x0A70, 0x0A71), (0x0A75, 0x0A75),
    (0x0A81, 0x0A83), (0x0ABC, 0x0ABC), (0x0ABE, 0x0AC5), (0x0AC7, 0x0AC9),
    (0x0ACB, 0x0ACD), (0x0AE2, 0x0AE3), (0x0AF0, 0x0AF1), (0x0B01, 0x0B03),
    (0x0B3C, 0x0B3C), (0x0B3E, 0x0B44), (0x0B47, 0x0B48), (0x0B4B, 0x0B4D),
    (0x0B56, 0x0B57), (0x0B62, 0x0B63), (0x0B70, 0x0B70), (0x0B82, 0x0B82),
    (0x0BBE, 0x0BC2), (0x0BC6, 0x0BC8), (0x0BCA, 0x0BCD), (0x0BD7, 0x0BD7),
    (0x0BF3, 0x0BFA), (0x0C01, 0x0C03), (0x0C3E, 0x0C44), (0x0C46, 0x0C48),
    (0x0C4A, 0x0C4D), (0x0C55, 0x0C56), (0x0C62, 0x0C63), (0x0C7F, 0x0C7F),
    (0x0C82, 0x0C83), (0x0CBC, 0x0CBC), (0x0CBE, 0x0CC4), (0x0CC6, 0x0CC8),
    (0x0CCA, 0x0CCD), (0x0CD5, 0x0CD6), (0x0CE2, 0x0CE3), (0x0D02, 0x0D03),
    (0x0D3E, 0x0D44), (0x0D46, 0x0D48), (0x0D4A, 0x0D4D), (0x0D57, 0x0D57),
    (0x0D62, 0x0D63), (0x0D79, 0x0D79), (0x0D82, 0x0D83), (0x0DCA, 0x0DCA),
    (0x0DCF, 0x0DD4), (0x0DD6, 0x0DD6), (0x0DD8, 0x0DDF), (0x0DF2, 0x0DF4),
    (0x0E31, 0x0E31), (0x0E34, 0x0E3A), (0x0E3F, 0x0E3F), (0x0E47, 0x0E4F),
    (0x0E5A, 0x0E5B), (0x0EB1, 0x0EB1), (0x0EB4, 0x0EB9), (0x0EBB, 0x0EBC),
    (0x0EC8, 0x0ECD), (0x0F01, 0x0F1F), (0x0F34, 0x0F3F), (0x0F71, 0x0F87),
    (0x0F8D, 0x0F97), (0x0F99, 0x0FBC), (0x0FBE, 0x0FCC), (0x0FCE, 0x0FDA),
    (0x102B, 0x103E), (0x104A, 0x104F), (0x1056, 0x1059), (0x105E, 0x1060),
    (0x1062, 0x1064), (0x1067, 0x106D), (0x1071, 0x1074), (0x1082, 0x108D),
    (0x108F, 0x108F), (0x109A, 0x109F), (0x10FB, 0x10FB), (0x135D, 0x1368),
    (0x1390, 0x1399), (0x1400, 0x1400), (0x166D, 0x166E), (0x1680, 0x1680),
    (0x169B, 0x169C), (0x16EB, 0x16ED), (0x1712, 0x1714), (0x1732, 0x1736),
    (0x1752, 0x1753), (0x1772, 0x1773), (0x17B4, 0x17D6), (0x17D8, 0x17DB),
    (0x17DD, 0x17DD), (0x1800, 0x180E), (0x18A9, 0x18A9), (0x1920, 0x192B),
    (0x1930, 0x193B), (0x1940, 0x1940), (0x1944, 0x1945), (0x19B0, 0x19C0),
    (0x19C8, 0x19C9), (0x19DE, 0x19FF), (0x1A17, 0x1A1B), (0x1A1E, 0x1A1F),
    (0x1A55, 0x1A5E), (0x1A60, 0x1A7C), (0x1A7F, 0x1A7F), (0x1AA0, 0x1AA6),
    (0x1AA8, 0x1AAD), (0x1B00, 0x1B04), (0x1B34, 0x1B44), (0x1B5A, 0x1B7C),
    (0x1B80, 0x1B82), (0x1BA1, 0x1BAD), (0x1BE6, 0x1BF3), (0x1BFC, 0x1BFF),
    (0x1C24, 0x1C37), (0x1C3B, 0x1C3F), (0x1C7E, 0x1C7F), (0x1CC0, 0x1CC7),
    (0x1CD0, 0x1CE8), (0x1CED, 0x1CED), (0x1CF2, 0x1CF4), (0x1DC0, 0x1DE6),
    (0x1DFC, 0x1DFF), (0x1FBD, 0x1FBD), (0x1FBF, 0x1FC1), (0x1FCD, 0x1FCF),
    (0x1FDD, 0x1FDF), (0x1FED, 0x1FEF), (0x1FFD, 0x1FFE), (0x2000, 0x2064),
    (0x206A, 0x206F), (0x207A, 0x207E), (0x208A, 0x208E), (0x20A0, 0x20B9),
    (0x20D0, 0x20F0), (0x2100, 0x2101), (0x2103, 0x2106), (0x2108, 0x2109),
    (0x2114, 0x2114), (0x2116, 0x2118), (0x211E, 0x2123), (0x2125, 0x2125),
    (0x2127, 0x2127), (0x2129, 0x2129), (0x212E, 0x212E), (0x213A, 0x213B),
    (0x2140, 0x2144), (0x214A, 0x214D), (0x214F, 0x214F), (0x2190, 0x23F3),
    (0x2400, 0x2426), (0x2440, 0x244A), (0x249C, 0x24E9), (0x2500, 0x26FF),
    (0x2701, 0x2775), (0x2794, 0x2B4C), (0x2B50, 0x2B59), (0x2CE5, 0x2CEA),
    (0x2CEF, 0x2CF1), (0x2CF9, 0x2CFC), (0x2CFE, 0x2CFF), (0x2D70, 0x2D70),
    (0x2D7F, 0x2D7F), (0x2DE0, 0x2E2E), (0x2E30, 0x2E3B), (0x2E80, 0x2E99),
    (0x2E9B, 0x2EF3), (0x2F00, 0x2FD5), (0x2FF0, 0x2FFB), (0x3000, 0x3004),
    (0x3008, 0x3020), (0x302A, 0x3030), (0x3036, 0x3037), (0x303D, 0x303F),
    (0x3099, 0x309C), (0x30A0, 0x30A0), (0x30FB, 0x30FB), (0x3190, 0x3191),
    (0x3196, 0x319F), (0x31C0, 0x31E3), (0x3200, 0x321E), (0x322A, 0x3247),
    (0x3250, 0x3250), (0x3260, 0x327F), (0x328A, 0x32B0), (0x32C0, 0x32FE),
    (0x3300, 0x33FF), (0x4DC0, 0x4DFF), (0xA490, 0xA4C6), (0xA4FE, 0xA4FF),
    (0xA60D, 0xA60F), (0xA66F, 0xA67E), (0xA69F, 0xA69F), (0xA6F0, 0xA6F7),
    (0xA700, 0xA716), (0xA720, 0xA721), (0xA789, 0xA78A), (0xA802, 0xA802),
    (0xA806, 0xA806), (0xA80B, 0xA80B), (0xA823, 0xA82B), (0xA836, 0xA839),
    (0xA874, 0xA877), (0xA880, 0xA881), (0xA8B4, 0xA8C4), (0xA8CE, 0xA8CF),
    (0xA8E0, 0xA8F1), (0xA8F8, 0xA8FA), (0xA926, 0xA92F), (0xA947, 0xA953),
    (0xA95F, 0xA95F), (0xA980, 0xA983), (0xA9B3, 0xA9CD), (0xA9DE, 0xA9DF),
    (0xAA29, 0xAA36), (0xAA43, 0xAA43), (0xAA4C, 0xAA4D), (0xAA5C, 0xAA5F),
    (0xAA77, 0xAA79), (0xAA7B, 0xAA7B), (0xAAB0, 0xAAB0), (0xAAB2, 0xAAB4),
    (0xAAB7, 0xAAB8), (0xAABE, 0xAABF), (0xAAC1, 0xAAC1), (0xAADE, 0xAADF),
    (0xAAEB, 0xAAF1), (0xAAF5, 0xAAF6), (0xABE3, 0xABED), (0xFB1E, 0xFB1E),
    (0xFB29, 0xFB29), (0xFBB2, 0xFBC1), (0xFD3E, 0xFD3F), (0xFDFC, 0xFDFD),
    (0xFE00, 0xFE19), (0xFE20, 0xFE26), (0xFE30, 0xFE52), (0xFE54, 0xFE66),
    (0xFE68, 0xFE6B), (0xFEFF, 0xFEFF), (0xFF01, 0xFF0F), (0xFF1A, 0xFF20),
    (0xFF3B, 0xFF40), (0xFF5B, 0xFF65), (0xFFE0, 0xFFE6), (0xFFE8, 0xFFEE),
    (0xFFF9, 0xFFFF), (0x10100, 0x10102), (0x10137, 0x1013F), (0x10179, 0x10189),
    (0x10190, 0x1019B), (0x101D0, 0x101FD), (0x1039F, 0x1039F), (0x103D0, 0x103D0),
    (0x10857, 0x10857), (0x1091F, 0x1091F), (0x1093F, 0x1093F), (0x10A01, 0x10A03),
    (0x10A05, 0x10A06), (0x10A0C, 0x10A0F), (0x10A38, 0x10A3A), (0x10A3F, 0x10A3F),
    (0x10A50, 0x10A58), (0x10A7F, 0x10A7F), (0x10B39, 0x10B3F), (0x11000, 0x11002),
    (0x11038, 0x1104D), (0x11080, 0x11082), (0x110B0, 0x110C1), (0x11100, 0x11102),
    (0x11127, 0x11134), (0x11140, 0x11143), (0x11180, 0x11182), (0x111B3, 0x111C0),
    (0x111C5, 0x111C8), (0x116AB, 0x116B7), (0x12470, 0x12473), (0x16F51, 0x16F7E),
    (0x16F8F, 0x16F92), (0x1D000, 0x1D0F5), (0x1D100, 0x1D126), (0x1D129, 0x1D1DD),
    (0x1D200, 0x1D245), (0x1D300, 0x1D356), (0x1D6C1, 0x1D6C1), (0x1D6DB, 0x1D6DB),
    (0x1D6FB, 0x1D6FB), (0x1D715, 0x1D715), (0x1D735, 0x1D735), (0x1D74F, 0x1D74F),
    (0x1D76F, 0x1D76F), (0x1D789, 0x1D789), (0x1D7A9, 0x1D7A9), (0x1D7C3, 0x1D7C3),
    (0x1EEF0, 0x1EEF1), (0x1F000, 0x1F02B), (0x1F030, 0x1F093), (0x1F0A0, 0x1F0AE),
    (0x1F0B1, 0x1F0BE), (0x1F0C1, 0x1F0CF), (0x1F0D1, 0x1F0DF), (0x1F110, 0x1F12E),
    (0x1F130, 0x1F16B), (0x1F170, 0x1F19A), (0x1F1E6, 0x1F202), (0x1F210, 0x1F23A),
    (0x1F240, 0x1F248), (0x1F250, 0x1F251), (0x1F300, 0x1F320), (0x1F330, 0x1F335),
    (0x1F337, 0x1F37C), (0x1F380, 0x1F393), (0x1F3A0, 0x1F3C4), (0x1F3C6, 0x1F3CA),
    (0x1F3E0, 0x1F3F0), (0x1F400, 0x1F43E), (0x1F440, 0x1F440), (0x1F442, 0x1F4F7),
    (0x1F4F9, 0x1F4FC), (0x1F500, 0x1F53D), (0x1F540, 0x1F543), (0x1F550, 0x1F567),
    (0x1F5FB, 0x1F640), (0x1F645, 0x1F64F), (0x1F680, 0x1F6C5), (0x1F700, 0x1F773),
    (0xE0001, 0xE0001), (0xE0020, 0xE007F), (0xE0100, 0xE01EF),
];

fn push_word(terms: &mut Vec<Term>, text: &str, negated: bool) {
    let stem = text.trim_end_matches('*');
    if has_token_char(stem) {
        terms.push(Term::Word {
            text: stem.to_owned(),
            prefix: stem.len() < text.len(),
            negated,
        });
    }
}

fn push_phrase(terms: &mut Vec<Term>, text: &str, negated: bool) {
    let text = text.trim();
    if has_token_char(text) {
        terms.push(Term::Phrase {
            text: text.to_owned(),
            negated,
        });
    }
}

/// Adds a tag or journal name, refusing an empty one and skipping repeats.
fn add_name(
    names: &mut Vec<String>,
    value: &str,
    filter: &'static str,
    ignore_ascii_case: bool,
) -> Result<(), QueryError> {
    let name = value.trim();
    if name.is_empty() {
        return Err(QueryError::MissingValue { filter });
    }
    let seen = names.iter().any(|n| {
        if ignore_ascii_case {
            n.eq_ignore_ascii_case(name)
        } else {
            n == name
        }
    });
    if !seen {
        names.push(name.to_owned());
    }
    Ok(())
}

/// A date filter's value: a day, or a whole month (its first day and the next month's).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Span {
    Day(NaiveDate),
    Month(NaiveDate, Option<NaiveDate>),
}

/// Reads a date filter's value. An unquoted value may go on over the following plain words
/// (`after:3 days ago`): the longest run that reads as a date wins. Returns the span and
/// how many following tokens it used.
fn date_value(
    key: Key,
    value: &str,
    quoted: bool,
    following: &[Raw<'_>],
    today: NaiveDate,
) -> Result<(Span, usize), QueryError> {
    let filter = key.name();
    if value.trim().is_empty() {
        return Err(QueryError::MissingValue { filter });
    }
    let extra: Vec<&str> = if quoted {
        Vec::new()
    } else {
        following
            .iter()
            .take(MAX_EXTRA_DATE_WORDS)
            .map_while(|raw| match *raw {
                Raw::Word {
                    negated: false,
                    text,
                } => Some(text),
                _ => None,
            })
            .collect()
    };
    for used in (0..=extra.len()).rev() {
        let mut candidate = value.to_owned();
        for word in &extra[..used] {
            candidate.push(' ');
            candidate.push_str(word);
        }
        if let Some(span) = read_span(&candidate, today) {
            return Ok((span, used));
        }
    }
    Err(QueryError::BadDate {
        filter,
        value: value.trim().to_owned(),
    })
}

/// `March 1, 2026` is the longest date form: a value and three more words.
const MAX_EXTRA_DATE_WORDS: usize = 3;

fn read_span(text: &str, today: NaiveDate) -> Option<Span> {
    if let Some((year, month)) = dates::parse_month(text) {
        let (first, next) = dates::month_span(year, month)?;
        return Some(Span::Month(first, next));
    }
    dates::parse_day(text, today).ok().map(Span::Day)
}

/// Narrows the date range; several date filters all hold (the range may end up empty).
fn apply_date(filters: &mut Filters, key: Key, span: Span) {
    let (after, before) = match (key, span) {
        // after:DAY is strictly after it; after:MONTH starts at the month's first day.
        (Key::After, Span::Day(day)) => (Some(day), None),
        (Key::After, Span::Month(first, _)) => (first.pred_opt(), None),
        // before:DAY and before:MONTH are strictly before the day / the month's first day.
        (Key::Before, Span::Day(day)) => (None, Some(day)),
        (Key::Before, Span::Month(first, _)) => (None, Some(first)),
        // on: brackets the day or month; `None` where the calendar itself ends.
        (_, Span::Day(day)) => (day.pred_opt(), day.succ_opt()),
        (_, Span::Month(first, next)) => (first.pred_opt(), next),
    };
    if let Some(after) = after {
        filters.after = Some(filters.after.map_or(after, |a| a.max(after)));
    }
    if let Some(before) = before {
        filters.before = Some(filters.before.map_or(before, |b| b.min(before)));
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Key {
    Tag,
    Journal,
    Before,
    After,
    On,
    Is,
}

impl Key {
    const ALL: [Key; 6] = [
        Key::Tag,
        Key::Journal,
        Key::Before,
        Key::After,
        Key::On,
        Key::Is,
    ];

    fn name(self) -> &'static str {
        match self {
            Key::Tag => "tag",
            Key::Journal => "journal",
            Key::Before => "before",
            Key::After => "after",
            Key::On => "on",
            Key::Is => "is",
        }
    }
}

/// A token of the query before it is interpreted.
#[derive(Debug, Clone, Copy)]
enum Raw<'a> {
    Word {
        negated: bool,
        text: &'a str,
    },
    Phrase {
        negated: bool,
        text: &'a str,
    },
    Op {
        negated: bool,
        key: Key,
        /// After the colon, without the quotes if `quoted`.
        value: &'a str,
        quoted: bool,
        /// The whole token as typed, without a leading `-`.
        whole: &'a str,
    },
}

/// Splits the input into words, quoted phrases and `key:value` operators. A `-` directly in
/// front of any of them negates it; a lone `-` is just a word. A quote inside a word is part
/// of the word (`5"`, `don”t`); only one at the start of a token opens a phrase.
fn lex(input: &str) -> Vec<Raw<'_>> {
    let mut out = Vec::new();
    let mut rest = input;
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            return out;
        }
        let mut negated = false;
        if let Some(after_minus) = rest.strip_prefix('-') {
            if after_minus.starts_with(|c: char| !c.is_whitespace()) {
                negated = true;
                rest = after_minus;
            }
        }
        if let Some((open, body)) = open_quote(rest) {
            let (text, after) = quoted(open, body);
            out.push(Raw::Phrase { negated, text });
            rest = after;
        } else if let Some((key, key_len)) = operator(rest) {
            let after_colon = &rest[key_len + 1..];
            let (value, quoted_value, after) = match open_quote(after_colon) {
                Some((open, body)) => {
                    let (text, after) = quoted(open, body);
                    (text, true, after)
                }
                None => {
                    let (text, after) = bare(after_colon);
                    (text, false, after)
                }
            };
            let whole = &rest[..rest.len() - after.len()];
            out.push(Raw::Op {
                negated,
                key,
                value,
                quoted: quoted_value,
                whole,
            });
            rest = after;
        } else {
            let (text, after) = bare(rest);
            out.push(Raw::Word { negated, text });
            rest = after;
        }
    }
}

/// The opening quote `s` starts with, if any, and what follows it. Besides `"`, the
/// typographic quotes that keyboards and autocorrect produce: “…”, „…“, «…», »…«.
fn open_quote(s: &str) -> Option<(char, &str)> {
    let open = s
        .chars()
        .next()
        .filter(|c| matches!(c, '"' | '“' | '”' | '„' | '«' | '»'))?;
    Some((open, &s[open.len_utf8()..]))
}

/// The text up to the quote closing `open` (or the end), and what follows that quote.
fn quoted(open: char, body: &str) -> (&str, &str) {
    let closes = |c: char| match open {
        '"' => c == '"',
        '«' => matches!(c, '»' | '"'),
        '»' => matches!(c, '«' | '"'),
        _ => matches!(c, '”' | '“' | '"'),
    };
    match body.find(closes) {
        Some(end) => {
            let close_len = body[end..].chars().next().map_or(0, char::len_utf8);
            (&body[..end], &body[end + close_len..])
        }
        None => (body, ""),
    }
}

/// The text up to the next whitespace, and the rest.
fn bare(s: &str) -> (&str, &str) {
    let end = s.find(char::is_whitespace).unwrap_or(s.len());
    s.split_at(end)
}

/// A known operator name (any case) directly followed by `:`, and the name's length.
fn operator(s: &str) -> Option<(Key, usize)> {
    let len = s.find(|c: char| !c.is_ascii_alphabetic())?;
    if !s[len..].starts_with(':') {
        return None;
    }
    let name = &s[..len];
    Key::ALL
        .into_iter()
        .find(|key| key.name().eq_ignore_ascii_case(name))
        .map(|key| (key, len))
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

    fn q(input: &str) -> Query {
        parse(input, today()).unwrap_or_else(|e| panic!("{input:?}: {e}"))
    }

    fn err(input: &str) -> QueryError {
        parse(input, today()).expect_err(input)
    }

    fn word(text: &str) -> Term {
        Term::Word {
            text: text.into(),
            prefix: false,
            negated: false,
        }
    }

    fn not_word(text: &str) -> Term {
        Term::Word {
            text: text.into(),
            prefix: false,
            negated: true,
        }
    }

    fn prefix(text: &str) -> Term {
        Term::Word {
            text: text.into(),
            prefix: true,
            negated: false,
        }
    }

    fn phrase(text: &str) -> Term {
        Term::Phrase {
            text: text.into(),
            negated: false,
        }
    }

    fn not_phrase(text: &str) -> Term {
        Term::Phrase {
            text: text.into(),
            negated: true,
        }
    }

    fn filters(input: &str) -> Filters {
        q(input).filters
    }

    #[test]
    fn empty_and_blank_queries_are_empty() {
        for input in [
            "", "   ", "\t\n", "-", " - -- ", "!!!", "\"\"", "\"  \"", "*",
        ] {
            let query = q(input);
            assert!(query.is_empty(), "{input:?}: {query:?}");
            assert_eq!(query.fts_match(), None);
            assert_eq!(query.fts_exclude_only(), None);
        }
    }

    #[test]
    fn words_in_order() {
        let query = q("  morning   walk ");
        assert_eq!(query.terms, vec![word("morning"), word("walk")]);
        assert_eq!(query.filters, Filters::default());
        assert!(!query.is_empty());
        assert_eq!(query.fts_match().as_deref(), Some(r#""morning" "walk""#));
        assert_eq!(query.fts_exclude_only(), None);
    }

    #[test]
    fn phrases() {
        let query = q(r#"walk "morning light""#);
        assert_eq!(query.terms, vec![word("walk"), phrase("morning light")]);
        assert_eq!(
            query.fts_match().as_deref(),
            Some(r#""walk" "morning light""#)
        );
        assert_eq!(q(r#""  spaced out  ""#).terms, vec![phrase("spaced out")]);
        // A phrase ends at its closing quote even without a space after it.
        assert_eq!(q(r#""a b"c"#).terms, vec![phrase("a b"), word("c")]);
    }

    #[test]
    fn an_unterminated_quote_runs_to_the_end() {
        assert_eq!(
            q(r#"walk "morning light"#).terms,
            vec![word("walk"), phrase("morning light")]
        );
        assert_eq!(q(r#"-"rain tag:x"#).terms, vec![not_phrase("rain tag:x")]);
        assert_eq!(q(r#"tag:"self care"#).filters.tags, vec!["self care"]);
    }

    #[test]
    fn a_quote_inside_a_word_is_part_of_it() {
        let query = q(r#"5" screen"#);
        assert_eq!(query.terms, vec![word("5\""), word("screen")]);
        assert_eq!(query.fts_match().as_deref(), Some(r#""5""" "screen""#));
    }

    #[test]
    fn exclusions() {
        let query = q(r#"walk -rain -"heavy storm""#);
        assert_eq!(
            query.terms,
            vec![word("walk"), not_word("rain"), not_phrase("heavy storm")]
        );
        assert_eq!(
            query.fts_match().as_deref(),
            Some(r#""walk" NOT ("rain" OR "heavy storm")"#)
        );
        assert_eq!(
            q("walk -rain").fts_match().as_deref(),
            Some(r#""walk" NOT "rain""#)
        );
        // Negated terms are gathered after the positive ones whatever the typed order.
        assert_eq!(
            q(r#"-rain walk "morning light""#).fts_match().as_deref(),
            Some(r#""walk" "morning light" NOT "rain""#)
        );
    }

    #[test]
    fn only_exclusions_give_an_exclude_expression() {
        let query = q("-rain -storm*");
        assert_eq!(query.fts_match(), None);
        assert_eq!(
            query.fts_exclude_only().as_deref(),
            Some(r#""rain" OR "storm"*"#)
        );
        assert!(!query.is_empty());
    }

    #[test]
    fn a_dash_that_is_not_in_front_of_a_word_does_not_negate() {
        assert_eq!(q("walk - rain").terms, vec![word("walk"), word("rain")]);
        assert_eq!(q("well-being").terms, vec![word("well-being")]);
        assert_eq!(q("--x").terms, vec![not_word("-x")]);
        assert_eq!(
            q("well-being").fts_match().as_deref(),
            Some(r#""well-being""#)
        );
    }

    #[test]
    fn prefixes() {
        let query = q("walk* -rain*");
        assert_eq!(
            query.terms,
            vec![
                prefix("walk"),
                Term::Word {
                    text: "rain".into(),
                    prefix: true,
                    negated: true
                }
            ]
        );
        assert_eq!(query.fts_match().as_deref(), Some(r#""walk"* NOT "rain"*"#));
        assert_eq!(q("walk***").terms, vec![prefix("walk")]);
        assert_eq!(q("wa*lk").terms, vec![word("wa*lk")]);
        assert_eq!(q("wa*lk").fts_match().as_deref(), Some(r#""wa*lk""#));
        assert!(q("* ** -*").terms.is_empty());
    }

    #[test]
    fn terms_without_searchable_characters_are_dropped() {
        let query = q(r#"walk - !!! -... "?!" ** -"--" — … ¿ 、。 😀 -§"#);
        assert_eq!(query.terms, vec![word("walk")]);
        assert_eq!(query.fts_match().as_deref(), Some(r#""walk""#));
        // What unicode61 indexes is kept, even where Rust and Unicode disagree with it.
        assert_eq!(q("🙂").terms, vec![word("🙂")]);
        assert_eq!(q("ª").terms, vec![word("ª")]);
        assert!(
            q("\u{903}").terms.is_empty(),
            "a spacing mark is a separator to SQLite"
        );
        assert!(q("\u{301}").terms.is_empty());
    }

    #[test]
    fn separator_table_is_sorted_and_disjoint() {
        assert!(UNICODE61_SEPARATORS
            .iter()
            .all(|(a, b)| a <= b && *a >= 0x80));
        assert!(UNICODE61_SEPARATORS.windows(2).all(|w| w[0].1 + 1 < w[1].0));
        assert!(!is_token_char('\u{80}'));
        assert!(!is_token_char('\u{E01EF}'));
        assert!(is_token_char('\u{10FFFF}'));
        assert!(is_token_char('é'));
        assert!(!is_token_char('_'));
    }

    #[test]
    fn typographic_quotes_make_phrases() {
        let expected = vec![phrase("morning light"), word("walk")];
        assert_eq!(q("“morning light” walk").terms, expected);
        assert_eq!(q("„morning light“ walk").terms, expected);
        assert_eq!(q("«morning light» walk").terms, expected);
        assert_eq!(q("« morning light » walk").terms, expected);
        assert_eq!(q("»morning light« walk").terms, expected);
        assert_eq!(q("”morning light” walk").terms, expected);
        assert_eq!(q("-“heavy rain”").terms, vec![not_phrase("heavy rain")]);
        assert_eq!(filters("tag:“self care”").tags, vec!["self care"]);
        // A straight quote is only closed by a straight quote.
        assert_eq!(
            q(r#""say “hi” now" x"#).terms,
            vec![phrase("say “hi” now"), word("x")]
        );
        // Inside a word a quote is just part of it.
        assert_eq!(q("don”t").terms, vec![word("don”t")]);
    }

    #[test]
    fn fts5_syntax_typed_by_a_writer_stays_text() {
        let query = q(r#"cats AND dogs OR NOT NEAR(a b) title:x ^start col:"x" a+b {title}"#);
        assert_eq!(
            query.fts_match().as_deref(),
            Some(
                r#""cats" "AND" "dogs" "OR" "NOT" "NEAR(a" "b)" "title:x" "^start" "col:""x""" "a+b" "{title}""#
            )
        );
        assert_eq!(
            q(r#"say "he said ""hi""#).terms,
            vec![word("say"), phrase("he said"), phrase("hi")]
        );
        assert_eq!(
            q(r#"it's can't"#).fts_match().as_deref(),
            Some(r#""it's" "can't""#)
        );
    }

    #[test]
    fn nul_never_reaches_fts5() {
        let query = q("a\0b \0");
        assert_eq!(query.terms, vec![word("a\0b")]);
        assert_eq!(query.fts_match().as_deref(), Some(r#""a b""#));
    }

    #[test]
    fn unicode_words() {
        let query = q("café Ärger 日記 ١٢٣ naïve");
        assert_eq!(query.terms.len(), 5);
        assert_eq!(
            query.fts_match().as_deref(),
            Some(r#""café" "Ärger" "日記" "١٢٣" "naïve""#)
        );
        // Private-use characters are token characters to unicode61.
        assert_eq!(q("\u{E000}").terms.len(), 1);
    }

    #[test]
    fn tags() {
        let f = filters(r#"tag:garden TAG:"self care" -tag:work Tag:Garden tag:" x ""#);
        assert_eq!(f.tags, vec!["garden", "self care", "x"]);
        assert_eq!(f.excluded_tags, vec!["work"]);
        assert_eq!(filters("tag:a:b").tags, vec!["a:b"]);
        assert_eq!(filters("tag:été tag:Été").tags, vec!["été", "Été"]);
        let query = q("tag:garden");
        assert!(query.terms.is_empty());
        assert!(!query.is_empty());
        assert_eq!(query.fts_match(), None);
        assert_eq!(query.fts_exclude_only(), None);
    }

    #[test]
    fn empty_tag_or_journal_is_an_error() {
        for input in ["tag:", "tag: garden", "tag:\"\"", "tag:\"  \"", "walk tag:"] {
            assert_eq!(
                err(input),
                QueryError::MissingValue { filter: "tag" },
                "{input:?}"
            );
        }
        assert_eq!(err("-tag:"), QueryError::MissingValue { filter: "-tag" });
        assert_eq!(
            err("journal:"),
            QueryError::MissingValue { filter: "journal" }
        );
        assert_eq!(
            err("tag:").to_string(),
            "tag: is missing its value; write it right after the colon, e.g. tag:garden or tag:\"self care\""
        );
        assert!(err("journal:\"\"").to_string().starts_with("journal: "));
    }

    #[test]
    fn journals_are_any_of() {
        let f = filters(r#"journal:Dreams JOURNAL:3 journal:"Morning pages" journal:Dreams"#);
        assert_eq!(f.journals, vec!["Dreams", "3", "Morning pages"]);
    }

    #[test]
    fn starred() {
        assert_eq!(filters("is:starred").starred, Some(true));
        assert_eq!(filters("IS:Starred").starred, Some(true));
        assert_eq!(filters("is:\"starred\"").starred, Some(true));
        assert_eq!(filters("-is:starred").starred, Some(false));
        assert_eq!(filters("is:starred -is:starred").starred, Some(false));
        assert_eq!(filters("walk").starred, None);
        // Any other is: value is text.
        let query = q("is:happy");
        assert_eq!(query.terms, vec![word("is:happy")]);
        assert_eq!(query.filters.starred, None);
    }

    #[test]
    fn unknown_keys_are_text() {
        assert_eq!(q("note: x").terms, vec![word("note:"), word("x")]);
        assert_eq!(q("note:x").terms, vec![word("note:x")]);
        assert_eq!(
            q("http://example.com").terms,
            vec![word("http://example.com")]
        );
        assert_eq!(q("10:30").terms, vec![word("10:30")]);
        assert_eq!(q("tags:x").terms, vec![word("tags:x")]);
        assert_eq!(q("-note:x").terms, vec![not_word("note:x")]);
        assert_eq!(
            q("note:x").fts_match().as_deref(),
            Some(r#""note:x""#),
            "quoted, so FTS5 never sees a column filter"
        );
    }

    #[test]
    fn negated_operators_without_a_meaning_are_text() {
        assert_eq!(
            q("-before:2026-01-01").terms,
            vec![not_word("before:2026-01-01")]
        );
        assert_eq!(q("-is:happy").terms, vec![not_word("is:happy")]);
    }

    #[test]
    fn excluded_journals_are_a_filter() {
        let parsed = q(r#"-journal:Dreams -journal:"Morning pages""#);
        assert!(parsed.terms.is_empty());
        assert_eq!(
            parsed.filters.excluded_journals,
            vec!["Dreams", "Morning pages"]
        );
    }

    #[test]
    fn before_and_after_are_exclusive_days() {
        let f = filters("after:2026-03-01 before:2026-03-10");
        assert_eq!(f.after, Some(d(2026, 3, 1)));
        assert_eq!(f.before, Some(d(2026, 3, 10)));
        let f = filters("AFTER:yesterday Before:tomorrow");
        assert_eq!(f.after, Some(d(2026, 3, 10)));
        assert_eq!(f.before, Some(d(2026, 3, 12)));
    }

    #[test]
    fn on_a_day_brackets_it() {
        let f = filters("on:2026-03-01");
        assert_eq!(f.after, Some(d(2026, 2, 28)));
        assert_eq!(f.before, Some(d(2026, 3, 2)));
        let f = filters("on:today");
        assert_eq!(f.after, Some(d(2026, 3, 10)));
        assert_eq!(f.before, Some(d(2026, 3, 12)));
    }

    #[test]
    fn months() {
        let f = filters("on:2026-03");
        assert_eq!(f.after, Some(d(2026, 2, 28)));
        assert_eq!(f.before, Some(d(2026, 4, 1)));
        let f = filters("on:2024-02");
        assert_eq!(f.after, Some(d(2024, 1, 31)));
        assert_eq!(f.before, Some(d(2024, 3, 1)));
        let f = filters("on:2025-12");
        assert_eq!(f.before, Some(d(2026, 1, 1)));
        // after:MONTH means from its first day; before:MONTH means before its first day.
        assert_eq!(filters("after:2026-03").after, Some(d(2026, 2, 28)));
        assert_eq!(filters("before:2026-03").before, Some(d(2026, 3, 1)));
        assert_eq!(filters("after:2026-03").before, None);
        assert_eq!(filters("before:2026-03").after, None);
        let f = filters("on:\"march 2026\"");
        assert_eq!(f.after, Some(d(2026, 2, 28)));
        assert_eq!(f.before, Some(d(2026, 4, 1)));
    }

    #[test]
    fn several_date_filters_narrow_the_range() {
        let f = filters("after:2026-01-01 after:2026-02-01 before:2026-03-01 before:2026-06-01");
        assert_eq!(f.after, Some(d(2026, 2, 1)));
        assert_eq!(f.before, Some(d(2026, 3, 1)));
        let f = filters("on:2026-03 after:2026-03-05");
        assert_eq!(f.after, Some(d(2026, 3, 5)));
        assert_eq!(f.before, Some(d(2026, 4, 1)));
        // An impossible range is not an error: it just finds nothing.
        let f = filters("before:2026-01-01 after:2026-02-01");
        assert_eq!(f.after, Some(d(2026, 2, 1)));
        assert_eq!(f.before, Some(d(2026, 1, 1)));
    }

    #[test]
    fn quoted_and_unquoted_multi_word_dates() {
        assert_eq!(filters(r#"after:"3 days ago""#).after, Some(d(2026, 3, 8)));
        let query = q("after:3 days ago walk");
        assert_eq!(query.filters.after, Some(d(2026, 3, 8)));
        assert_eq!(query.terms, vec![word("walk")]);
        let query = q("on:March 1, 2026 garden");
        assert_eq!(query.filters.after, Some(d(2026, 2, 28)));
        assert_eq!(query.terms, vec![word("garden")]);
        let query = q("before:last monday rain");
        assert_eq!(query.filters.before, Some(d(2026, 3, 9)));
        assert_eq!(query.terms, vec![word("rain")]);
        let query = q("on:mar 1 walk");
        assert_eq!(query.filters.before, Some(d(2026, 3, 2)));
        assert_eq!(query.terms, vec![word("walk")]);
        let query = q("on:march 2026 walk");
        assert_eq!(query.filters.before, Some(d(2026, 4, 1)));
        assert_eq!(query.terms, vec![word("walk")]);
        // A single word that is already a date does not swallow what follows.
        let query = q("on:yesterday 3 days ago");
        assert_eq!(query.filters.after, Some(d(2026, 3, 9)));
        assert_eq!(query.terms, vec![word("3"), word("days"), word("ago")]);
        // Only plain words join a date: not operators, quotes or exclusions.
        assert_eq!(
            err("after:3 -days ago"),
            QueryError::BadDate {
                filter: "after",
                value: "3".into()
            }
        );
        let query = q("on:monday tag:x");
        assert_eq!(query.filters.before, Some(d(2026, 3, 10)));
        assert_eq!(query.filters.tags, vec!["x"]);
    }

    #[test]
    fn a_bad_date_is_an_error_naming_the_filter() {
        assert_eq!(
            err("walk before:someday"),
            QueryError::BadDate {
                filter: "before",
                value: "someday".into()
            }
        );
        assert_eq!(
            err("on:2026-02-30"),
            QueryError::BadDate {
                filter: "on",
                value: "2026-02-30".into()
            }
        );
        assert_eq!(
            err(r#"after:"next week""#),
            QueryError::BadDate {
                filter: "after",
                value: "next week".into()
            }
        );
        let message = err("before:soon").to_string();
        assert!(message.starts_with("before: can't read \"soon\" as a date; use YYYY-MM-DD"));
        assert!(message.contains("YYYY-MM"));
        assert!(message.contains("\"yesterday\""));
        assert!(message.contains("\"N days ago\""));
        assert!(message.ends_with("e.g. before:2026-03-01"));
    }

    #[test]
    fn an_empty_date_is_an_error() {
        assert_eq!(
            err("before:"),
            QueryError::MissingValue { filter: "before" }
        );
        assert_eq!(
            err("after: walk"),
            QueryError::MissingValue { filter: "after" }
        );
        assert_eq!(err("on:\"\""), QueryError::MissingValue { filter: "on" });
        assert!(err("on:").to_string().contains("on:2026-03-01"));
    }

    #[test]
    fn dates_at_the_ends_of_the_calendar_do_not_panic() {
        let f = parse("on:today", NaiveDate::MIN).unwrap().filters;
        assert_eq!(f.after, None);
        assert_eq!(f.before, NaiveDate::MIN.succ_opt());
        let f = parse("on:today after:today", NaiveDate::MAX)
            .unwrap()
            .filters;
        assert_eq!(f.after, Some(NaiveDate::MAX));
        assert_eq!(f.before, None);
        assert!(parse("on:tomorrow", NaiveDate::MAX).is_err());
    }

    #[test]
    fn filters_only_and_mixed() {
        let query =
            q(r#"tag:garden is:starred journal:Dreams after:2026-01-01 "first frost" -snow"#);
        assert_eq!(query.terms, vec![phrase("first frost"), not_word("snow")]);
        assert_eq!(
            query.filters,
            Filters {
                tags: vec!["garden".into()],
                excluded_tags: vec![],
                journals: vec!["Dreams".into()],
                excluded_journals: vec![],
                after: Some(d(2026, 1, 1)),
                before: None,
                starred: Some(true),
            }
        );
        assert_eq!(
            query.fts_match().as_deref(),
            Some(r#""first frost" NOT "snow""#)
        );
    }

    #[test]
    fn hand_built_terms_without_tokens_are_skipped() {
        let query = Query {
            terms: vec![word("!!"), not_word("..."), word("ok")],
            filters: Filters::default(),
        };
        assert_eq!(query.fts_match().as_deref(), Some(r#""ok""#));
    }

    #[test]
    fn many_exclusions_stay_one_not() {
        let input: String = (0..500).map(|i| format!("-w{i} ")).collect();
        let query = q(&format!("walk {input}"));
        let expr = query.fts_match().unwrap();
        assert_eq!(expr.matches(" NOT ").count(), 1);
        assert_eq!(
            q(&input)
                .fts_exclude_only()
                .unwrap()
                .matches(" OR ")
                .count(),
            499
        );
    }
}
