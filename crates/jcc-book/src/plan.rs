//! The book's structure, shared by the PDF and the EPUB: which sections in which order,
//! each holding the writer's text as Markdown trees with image references resolved.

use crate::geometry::Geometry;
use crate::images::{ImageTable, Lookup};
use crate::labels::Labels;
use crate::markdown::{self, Block};
use crate::progress::{report, Progress, Stage};
use crate::settings::BookSettings;
use crate::source::BookSource;
use chrono::{Datelike, NaiveDate};
use jcc_store::{Entry, EntryKind, JournalKind};
use serde::Serialize;

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Serialize)]
pub struct Meta {
    pub title: String,
    pub subtitle: String,
    pub author: String,
    pub holder: String,
    pub year: i32,
    pub isbn: String,
    pub imprint: String,
    pub lang: String,
    pub kind: JournalKind,
    pub labels: Labels,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Section {
    /// A quote on the left page, the write-up on the right.
    Intro {
        title: String,
        quote: Vec<Block>,
        body: Vec<Block>,
    },
    /// Commitment text with name blanks, then signature and date lines.
    Commitment {
        title: String,
        body: Vec<Block>,
    },
    /// A prompt page (pre-writeup and prompt) and ruled writing pages.
    Day {
        heading: String,
        body: Vec<Block>,
        prompt: Vec<Block>,
        writing_pages: u32,
    },
    Certificate {
        title: String,
        body: Vec<Block>,
    },
    /// Any other entry of a guided journal.
    Chapter {
        title: String,
        body: Vec<Block>,
    },
    /// A diary's month (or its undated entries).
    Month {
        title: String,
        entries: Vec<DiaryEntry>,
    },
}

impl Section {
    pub fn title(&self) -> &str {
        match self {
            Section::Intro { title, .. }
            | Section::Commitment { title, .. }
            | Section::Certificate { title, .. }
            | Section::Chapter { title, .. }
            | Section::Month { title, .. } => title,
            Section::Day { heading, .. } => heading,
        }
    }
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Serialize)]
pub struct DiaryEntry {
    /// "Sunday, 1 March 2026", or empty for undated entries.
    pub date: String,
    pub title: String,
    pub tags: Vec<String>,
    pub starred: bool,
    pub body: Vec<Block>,
}

#[derive(Debug)]
pub struct Plan {
    pub meta: Meta,
    pub sections: Vec<Section>,
    pub images: ImageTable,
    pub cover: Option<usize>,
    pub warnings: Vec<String>,
}

/// Builds the plan; `cover_name` picks the cover image (an attachment's file name or
/// stem; `cover` by default).
pub fn build(
    src: &BookSource,
    settings: &BookSettings,
    progress: &mut dyn FnMut(&Progress),
) -> Plan {
    let mut warnings = Vec::new();
    let images = ImageTable::build(&src.images, &mut warnings);
    let cover = images.named("cover");
    let year = src.author.year.unwrap_or_else(|| {
        chrono::DateTime::from_timestamp_millis(src.journal.updated_at).map_or(2026, |t| t.year())
    });
    let author = clean_line(&src.author.name);
    let holder = match clean_line(&src.author.copyright_holder) {
        h if h.is_empty() => author.clone(),
        h => h,
    };
    let title = match clean_line(&src.journal.title) {
        t if t.is_empty() => "Journal".to_string(),
        t => t,
    };
    let meta = Meta {
        title,
        subtitle: clean_line(&src.journal.subtitle),
        author,
        holder,
        year,
        isbn: clean_line(&src.author.isbn),
        imprint: clean_line(&src.author.imprint),
        lang: settings.language.clone(),
        kind: src.journal.kind,
        labels: Labels::english(),
    };
    let lines_per_page =
        Geometry::new(settings, crate::kdp::MIN_PAGES).map_or(20, |g| g.lines_per_page);
    let mut ctx = Ctx {
        images: &images,
        cover,
        warnings: &mut warnings,
    };
    let total = src.entries.len();
    let sections = match src.journal.kind {
        JournalKind::Guided => guided(src, &meta.labels, lines_per_page, &mut ctx, progress),
        JournalKind::Diary => diary(src, &meta.labels, &mut ctx, progress),
    };
    report(progress, Stage::Prepare, total, total);
    Plan {
        meta,
        sections,
        images,
        cover,
        warnings,
    }
}

struct Ctx<'a> {
    images: &'a ImageTable,
    cover: Option<usize>,
    warnings: &'a mut Vec<String>,
}

impl Ctx<'_> {
    /// The entry's Markdown with its image references resolved, followed by attached
    /// images the text does not mention.
    fn body(&mut self, entry: &Entry, markdown: &str) -> Vec<Block> {
        let mut blocks = markdown::parse(markdown);
        let mut used = Vec::new();
        self.resolve(entry, &mut blocks, &mut used);
        for (name, slot) in self.images.of_entry(entry.id) {
            match slot {
                Some(i) if Some(i) == self.cover || used.contains(&i) => {}
                Some(i) => blocks.push(Block::Img {
                    alt: String::new(),
                    dest: name,
                    id: Some(i),
                }),
                None => {
                    if !used_name(&blocks, &name) {
                        blocks.push(Block::Img {
                            alt: name.clone(),
                            dest: name,
                            id: None,
                        })
                    }
                }
            }
        }
        blocks
    }

    fn resolve(&mut self, entry: &Entry, blocks: &mut [Block], used: &mut Vec<usize>) {
        for b in blocks {
            match b {
                Block::Img { dest, id, alt } => match self.images.lookup(entry.id, dest) {
                    Lookup::Found(i) => {
                        *id = Some(i);
                        used.push(i);
                    }
                    Lookup::Unreadable => {
                        // Already warned about when the table was built.
                        if alt.is_empty() {
                            *alt = dest.clone();
                        }
                    }
                    Lookup::Missing => {
                        self.warnings.push(format!(
                            "{}: image {:?} is not attached to the journal; a placeholder is printed",
                            describe(entry),
                            dest
                        ));
                        if alt.is_empty() {
                            *alt = dest.clone();
                        }
                    }
                },
                Block::Quote { c } => self.resolve(entry, c, used),
                Block::List { items, .. } => {
                    for item in items {
                        self.resolve(entry, item, used);
                    }
                }
                _ => {}
            }
        }
    }
}

fn used_name(blocks: &[Block], name: &str) -> bool {
    blocks
        .iter()
        .any(|b| matches!(b, Block::Img { dest, .. } if dest.ends_with(name)))
}

fn describe(entry: &Entry) -> String {
    match (entry.date, entry.day, entry.title.trim()) {
        (_, _, t) if !t.is_empty() => format!("entry {:?}", clean_line(t)),
        (Some(d), _, _) => format!("the entry of {d}"),
        (_, Some(day), _) => format!("day {day}"),
        _ => format!("entry {}", entry.id),
    }
}

fn guided(
    src: &BookSource,
    labels: &Labels,
    lines_per_page: u32,
    ctx: &mut Ctx<'_>,
    progress: &mut dyn FnMut(&Progress),
) -> Vec<Section> {
    let mut sections = Vec::new();
    let mut day_index = 0;
    for (n, e) in src.entries.iter().enumerate() {
        report(progress, Stage::Prepare, n, src.entries.len());
        let title = clean_line(&e.title);
        let or = |t: &str, default: &str| {
            if t.is_empty() {
                default.to_string()
            } else {
                t.to_string()
            }
        };
        match e.kind {
            EntryKind::Intro => {
                let mut body = ctx.body(e, &e.body);
                let quote = if e.prompt.trim().is_empty() {
                    leading_quote(&mut body)
                } else {
                    markdown::parse(&e.prompt)
                };
                sections.push(Section::Intro {
                    title: or(&title, &src.journal.title),
                    quote,
                    body,
                });
            }
            EntryKind::Commitment => {
                let mut body = ctx.body(e, &e.body);
                markdown::fill_blanks(&mut body, &["name"]);
                sections.push(Section::Commitment {
                    title: or(&title, &labels.commitment),
                    body,
                });
            }
            EntryKind::Day => {
                day_index += 1;
                let day = e.day.unwrap_or(day_index);
                let label = format!("{} {day}", labels.day);
                let heading = if title.is_empty() {
                    label
                } else {
                    format!("{label}: {title}")
                };
                // Rounded: a request for 25 lines where 23 fit is one page, not two.
                let lines = e.writing_lines.max(0) as f64;
                let pages = (lines / f64::from(lines_per_page.max(1)))
                    .round()
                    .clamp(1.0, 10.0);
                sections.push(Section::Day {
                    heading,
                    body: ctx.body(e, &e.body),
                    prompt: markdown::parse(&e.prompt),
                    writing_pages: pages as u32,
                });
            }
            EntryKind::Certificate => {
                let mut body = ctx.body(e, &e.body);
                markdown::fill_blanks(&mut body, &["name", "benefit"]);
                sections.push(Section::Certificate {
                    title: or(&title, &labels.certificate),
                    body,
                });
            }
            EntryKind::Free => {
                let title = match (title.is_empty(), e.date) {
                    (false, _) => title,
                    (true, Some(d)) => long_date(d),
                    (true, None) => labels.notes.clone(),
                };
                sections.push(Section::Chapter {
                    title,
                    body: ctx.body(e, &e.body),
                });
            }
        }
    }
    sections
}

/// A diary: entries by date, one section per month, undated entries last.
fn diary(
    src: &BookSource,
    labels: &Labels,
    ctx: &mut Ctx<'_>,
    progress: &mut dyn FnMut(&Progress),
) -> Vec<Section> {
    let mut order: Vec<&Entry> = src.entries.iter().collect();
    // Stable: entries of one day keep their book order.
    order.sort_by_key(|e| (e.date.is_none(), e.date));
    let mut sections: Vec<Section> = Vec::new();
    // (year and month or None for undated, title, entries) of the month being filled.
    type Month = (Option<(i32, u32)>, String, Vec<DiaryEntry>);
    let mut current: Option<Month> = None;
    for (n, e) in order.into_iter().enumerate() {
        report(progress, Stage::Prepare, n, src.entries.len());
        let month = e.date.map(|d| (d.year(), d.month()));
        if current.as_ref().map(|c| c.0) != Some(month) {
            if let Some((_, title, entries)) = current.take() {
                sections.push(Section::Month { title, entries });
            }
            let title = match e.date {
                Some(d) => d.format("%B %Y").to_string(),
                None => labels.undated.clone(),
            };
            current = Some((month, title, Vec::new()));
        }
        let entry = DiaryEntry {
            date: e.date.map(long_date).unwrap_or_default(),
            title: clean_line(&e.title),
            tags: e.tags.iter().map(|t| clean_line(t)).collect(),
            starred: e.starred,
            body: ctx.body(e, &e.body),
        };
        if let Some(c) = current.as_mut() {
            c.2.push(entry);
        }
    }
    if let Some((_, title, entries)) = current {
        sections.push(Section::Month { title, entries });
    }
    sections
}

/// Takes a leading block quote out of an intro's body (the spread's left page).
fn leading_quote(body: &mut Vec<Block>) -> Vec<Block> {
    match body.first() {
        Some(Block::Quote { .. }) => match body.remove(0) {
            Block::Quote { c } => c,
            _ => Vec::new(),
        },
        _ => Vec::new(),
    }
}

pub fn long_date(d: NaiveDate) -> String {
    d.format("%A, %-d %B %Y").to_string()
}

/// One line of plain text: control characters dropped, whitespace collapsed.
pub fn clean_line(text: &str) -> String {
    markdown::clean(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
