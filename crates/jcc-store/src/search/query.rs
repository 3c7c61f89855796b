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
//! before:2026-03-01  after:"3 days ago"  on:yesterday  on:2026-03   by diary date
//! is:starred  -is:starred
//! ```
//!
//! Operators are case-insensitive. A `key:value` that is not an operator is searched as
//! text, so `note: x` or `http://example.com` still find something. An unterminated quote
//! runs to the end of the input. Only a date filter whose date can't be read and an empty
//! `tag:`/`journal:` (or date) value are errors.
//!
//! Date values may be quoted (`after:"last monday"`) or written out unquoted
//! (`after:3 days ago`, `on:March 1, 2026`): the longest run of up to four following words
//! that reads as a date is taken, and anything after it is searched as usual.
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
    /// The words between double quotes, trimmed.
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
                    (Key::Is, _) if value.trim().eq_ignore_ascii_case("starred") => {
                        filters.starred = Some(!negated);
                    }
                    (Key::Before | Key::After | Key::On, false) => {
                        let (span, used) = date_value(key, value, quoted, &raws[i..], today)?;
                        i += used;
                        apply_date(filters, key, span);
                    }
                    // `-journal:`, `-before:`, `-is:other`...: not operators, so plain text.
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

/// Whether the `unicode61` tokenizer would find at least one token in `text`: ASCII letters
/// and digits, and beyond ASCII letters, numbers and private-use characters. This is an
/// approximation (Rust's Unicode tables are newer than SQLite's and count some marks and
/// symbols as alphabetic); a term it lets through that has no token for SQLite becomes an
/// empty phrase, which FTS5 accepts and treats as matching nothing.
fn has_token_char(text: &str) -> bool {
    text.chars().any(|c| {
        if c.is_ascii() {
            c.is_ascii_alphanumeric()
        } else {
            c.is_alphanumeric() || is_private_use(c)
        }
    })
}

fn is_private_use(c: char) -> bool {
    matches!(c, '\u{E000}'..='\u{F8FF}' | '\u{F0000}'..='\u{FFFFD}' | '\u{100000}'..='\u{10FFFD}')
}

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
/// front of any of them negates it; a lone `-` is just a word.
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
        if let Some(body) = rest.strip_prefix('"') {
            let (text, after) = quoted(body);
            out.push(Raw::Phrase { negated, text });
            rest = after;
        } else if let Some((key, key_len)) = operator(rest) {
            let after_colon = &rest[key_len + 1..];
            let (value, quoted_value, after) = match after_colon.strip_prefix('"') {
                Some(body) => {
                    let (text, after) = quoted(body);
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

/// The text up to the closing quote (or the end), and what follows the closing quote.
fn quoted(body: &str) -> (&str, &str) {
    match body.find('"') {
        Some(end) => (&body[..end], &body[end + 1..]),
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
        for input in ["", "   ", "\t\n", "-", " - -- ", "!!!", "\"\"", "\"  \"", "*"] {
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
        assert_eq!(
            query.fts_match().as_deref(),
            Some(r#""walk"* NOT "rain"*"#)
        );
        assert_eq!(q("walk***").terms, vec![prefix("walk")]);
        assert_eq!(q("wa*lk").terms, vec![word("wa*lk")]);
        assert_eq!(q("wa*lk").fts_match().as_deref(), Some(r#""wa*lk""#));
        assert!(q("* ** -*").terms.is_empty());
    }

    #[test]
    fn terms_without_searchable_characters_are_dropped() {
        let query = q(r#"walk - !!! -... "?!" ** -"--" “ ” 🙂 ‽"#);
        assert_eq!(query.terms, vec![word("walk")]);
        assert_eq!(query.fts_match().as_deref(), Some(r#""walk""#));
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
        assert_eq!(q("-journal:Dreams").terms, vec![not_word("journal:Dreams")]);
        assert_eq!(
            q("-before:2026-01-01").terms,
            vec![not_word("before:2026-01-01")]
        );
        assert_eq!(
            q(r#"-journal:"Morning pages""#).terms,
            vec![not_phrase("journal:Morning pages")]
        );
        assert_eq!(q("-is:happy").terms, vec![not_word("is:happy")]);
        assert_eq!(q("-journal:Dreams").filters, Filters::default());
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
        assert_eq!(err("before:"), QueryError::MissingValue { filter: "before" });
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
        let query = q(r#"tag:garden is:starred journal:Dreams after:2026-01-01 "first frost" -snow"#);
        assert_eq!(query.terms, vec![phrase("first frost"), not_word("snow")]);
        assert_eq!(
            query.filters,
            Filters {
                tags: vec!["garden".into()],
                excluded_tags: vec![],
                journals: vec!["Dreams".into()],
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
        assert_eq!(q(&input).fts_exclude_only().unwrap().matches(" OR ").count(), 499);
    }
}
