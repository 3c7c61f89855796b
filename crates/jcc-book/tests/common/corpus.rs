//! The journals the tests print: a 30-day guided journal from a fixture file (no LLM)
//! and a generated diary of any length (deterministic).

use chrono::{Duration, NaiveDate};
use jcc_book::{AuthorProfile, BookSource, SourceImage};
use jcc_formats::PortableJournal;
use jcc_store::{Entry, EntryKind, Journal, JournalKind};

pub const GUIDED_FIXTURE: &str =
    concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/guided-30.json");

pub fn author() -> AuthorProfile {
    AuthorProfile {
        name: "Maren Okafor".into(),
        copyright_holder: "Maren Okafor".into(),
        year: Some(2026),
        isbn: "978-0-306-40615-7".into(),
        imprint: "Quiet Harbour Press".into(),
    }
}

fn journal(kind: JournalKind, title: &str, subtitle: &str, uuid: &str, entries: usize) -> Journal {
    Journal {
        id: 1,
        uuid: uuid.into(),
        kind,
        title: title.into(),
        subtitle: subtitle.into(),
        theme: String::new(),
        author_voice: String::new(),
        settings: serde_json::json!({}),
        created_at: 1_767_225_600_000,
        updated_at: 1_767_225_600_000,
        trashed_at: None,
        entry_count: entries as i64,
        word_count: 0,
    }
}

pub fn entry(id: i64, kind: EntryKind, title: &str, body: &str) -> Entry {
    Entry {
        id,
        uuid: format!("00000000-0000-4000-8000-{id:012}"),
        journal_id: 1,
        kind,
        position: id,
        date: None,
        day: None,
        title: title.into(),
        body: body.into(),
        prompt: String::new(),
        writing_lines: 0,
        starred: false,
        word_count: jcc_store::word_count(body),
        tags: Vec::new(),
        source_key: None,
        created_at: 0,
        updated_at: 0,
        trashed_at: None,
        version: 1,
        review_merge: false,
    }
}

/// The 30-day guided journal of `tests/fixtures/guided-30.json` (a jcc JSON export).
pub fn guided_source() -> BookSource {
    let text = std::fs::read_to_string(GUIDED_FIXTURE).expect("fixture readable");
    let portable: PortableJournal = serde_json::from_str(&text).expect("fixture is jcc JSON");
    let meta = &portable.journal;
    let mut j = journal(
        JournalKind::Guided,
        &meta.title,
        &meta.subtitle,
        meta.uuid.as_deref().unwrap_or_default(),
        portable.entries.len(),
    );
    j.settings = meta.settings.clone();
    let mut entries = Vec::new();
    let mut images = Vec::new();
    for (i, p) in portable.entries.iter().enumerate() {
        let id = i as i64 + 1;
        let mut e = entry(id, p.kind.parse().expect("kind"), &p.title, &p.body);
        e.position = p.position;
        e.day = p.day;
        e.date = p.date;
        e.prompt = p.prompt.clone();
        e.writing_lines = p.writing_lines;
        e.tags = p.tags.clone();
        for a in &p.attachments {
            images.push(SourceImage {
                entry_id: id,
                filename: a.filename.clone(),
                mime: a.mime.clone(),
                data: a.data.clone(),
            });
        }
        entries.push(e);
    }
    BookSource {
        journal: j,
        entries,
        images,
        author: author(),
    }
}

/// A small deterministic generator (xorshift), so runs and machines agree.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const WORDS: &[&str] = &[
    "morning", "light", "harbour", "walk", "coffee", "window", "rain", "letter", "garden", "train",
    "quiet", "river", "market", "bread", "friend", "evening", "book", "music", "kitchen", "street",
    "autumn", "winter", "bicycle", "bridge", "lamp", "table", "wind", "sea", "path", "hill",
    "notebook", "promise", "memory", "shadow", "voice", "laughter", "tired", "bright", "slow",
    "careful", "gentle", "sudden", "warm", "cold", "small", "remember", "noticed", "wondered",
    "decided", "carried", "waited", "listened", "wrote", "and", "the", "a", "of", "to", "in",
    "with", "after", "before", "because", "while", "I", "we", "she", "he", "they", "it", "was",
    "felt", "seemed", "became", "almost",
];
const TAGS: &[&str] = &[
    "walk", "work", "family", "sea", "reading", "health", "travel", "dream",
];
const TITLES: &[&str] = &[
    "A slow morning",
    "Rain on the harbour",
    "Letters",
    "The long walk home",
    "Market day",
    "Nothing much",
    "An evening with friends",
    "Small victories",
    "Tired but glad",
    "The bridge at dusk",
    "Garden notes",
    "Train thoughts",
];

fn sentence(rng: &mut Rng, min: usize, max: usize) -> String {
    let n = min + rng.below(max - min + 1);
    let mut words: Vec<String> = (0..n).map(|_| rng.pick(WORDS).to_string()).collect();
    if let Some(first) = words.first_mut() {
        let mut c = first.chars();
        if let Some(f) = c.next() {
            *first = f.to_uppercase().chain(c).collect();
        }
    }
    if n > 6 && rng.below(4) == 0 {
        let i = 2 + rng.below(n - 3);
        words[i] = format!("*{}*", words[i]);
    }
    if n > 8 && rng.below(6) == 0 {
        let i = 1 + rng.below(n - 2);
        words[i] = format!("**{}**", words[i]);
    }
    format!("{}.", words.join(" "))
}

fn paragraph(rng: &mut Rng, sentences: usize) -> String {
    (0..sentences)
        .map(|_| sentence(rng, 6, 18))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A body of about `words` words with paragraphs, and now and then a heading, a list
/// and a quote.
pub fn diary_body(rng: &mut Rng, words: usize) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut count = 0;
    while count < words {
        let roll = rng.below(12);
        let part = match roll {
            0 if !parts.is_empty() => format!("## {}", rng.pick(TITLES)),
            1 => (0..3)
                .map(|_| format!("- {}", sentence(rng, 4, 9)))
                .collect::<Vec<_>>()
                .join("\n"),
            2 => format!("> {}", sentence(rng, 8, 16)),
            _ => {
                let n = 3 + rng.below(4);
                paragraph(rng, n)
            }
        };
        count += part.split_whitespace().count();
        parts.push(part);
    }
    parts.join("\n\n")
}

/// A year-long diary: `entries` entries from 2025-01-01, about `words` words each.
pub fn diary_source(entries: usize, words: usize) -> BookSource {
    let mut rng = Rng::new(20_250_101);
    let start = NaiveDate::from_ymd_opt(2025, 1, 1).expect("valid date");
    let list = (0..entries)
        .map(|i| {
            let id = i as i64 + 1;
            let title = if rng.below(3) == 0 {
                ""
            } else {
                rng.pick(TITLES)
            };
            let mut e = entry(id, EntryKind::Free, title, &diary_body(&mut rng, words));
            e.date = Some(start + Duration::days(i as i64));
            e.tags = (0..rng.below(3))
                .map(|_| rng.pick(TAGS).to_string())
                .collect();
            e.tags.dedup();
            e
        })
        .collect::<Vec<_>>();
    BookSource {
        journal: journal(
            JournalKind::Diary,
            "A Year by the Harbour",
            "Diary, 2025",
            "0195f3a2-7c1e-7b3a-9d4e-2f1a0c9b8e78",
            entries,
        ),
        entries: list,
        images: Vec::new(),
        author: author(),
    }
}
