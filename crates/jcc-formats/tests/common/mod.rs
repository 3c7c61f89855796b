//! Fixtures shared by the integration tests.
#![allow(dead_code)] // each test binary uses a different part

use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};
use jcc_formats::{PortableAttachment, PortableEntry, PortableJournal, PortableJournalMeta};

pub fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

pub fn instant(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

/// Writes `bytes` to `root/rel`, creating folders.
pub fn put(root: &Path, rel: &str, bytes: impl AsRef<[u8]>) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

/// A tiny but real PNG (1x1, red).
pub const PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x90, 0x77, 0x53,
    0xde, 0x00, 0x00, 0x00, 0x0c, 0x49, 0x44, 0x41, 0x54, 0x08, 0xd7, 0x63, 0xf8, 0xcf, 0xc0, 0x00,
    0x00, 0x03, 0x01, 0x01, 0x00, 0x18, 0xdd, 0x8d, 0xb0, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e,
    0x44, 0xae, 0x42, 0x60, 0x82,
];

/// A guided journal that exercises every field and the awkward cases of the writers:
/// YAML-looking titles, `---` in bodies, an empty title, a date-like title without a date,
/// shared and oddly named attachments, nanosecond timestamps, positions with gaps.
pub fn sample_journal() -> PortableJournal {
    let meta = PortableJournalMeta {
        uuid: Some("0190c5d2-1111-7000-8000-000000000001".into()),
        kind: "guided".into(),
        title: "Thirty Days: Kinder to Myself".into(),
        subtitle: "A journal in \"thirty\" steps".into(),
        theme: "sea-glass".into(),
        author_voice: "warm, plain".into(),
        settings: serde_json::json!({"font": "Literata", "margins": {"top": 20, "inner": 1.5}, "dark": false, "tags": ["a", "b"]}),
    };
    let pdf = b"%PDF-1.4\n% not really a PDF\n".to_vec();
    let entries = vec![
        PortableEntry {
            source_key: "jcc:e-intro".into(),
            uuid: Some("e-intro".into()),
            kind: "intro".into(),
            position: 0,
            title: "Welcome: read me first".into(),
            body: "This journal is yours.\n\n---\n\nA rule above, and `code: yes` here.\n".into(),
            created_at: Some(instant("2024-01-01T08:00:00Z")),
            updated_at: Some(instant("2024-01-01T08:00:00.123456789Z")),
            ..PortableEntry::default()
        },
        PortableEntry {
            source_key: "jcc:e-commit".into(),
            uuid: Some("e-commit".into()),
            kind: "commitment".into(),
            position: 5,
            title: String::new(),
            body: "I, the writer, promise: ten minutes a day.".into(),
            prompt: "What will you promise yourself?".into(),
            writing_lines: 6,
            ..PortableEntry::default()
        },
        PortableEntry {
            source_key: "jcc:e-day1".into(),
            uuid: Some("e-day1".into()),
            kind: "day".into(),
            position: 10,
            date: Some(date("2024-01-02")),
            day: Some(1),
            title: "Day 1 — \"yes\": no, #1".into(),
            body: "# Not the title\n\n- a list\n- with: colons\n\n![photo](photo.png)".into(),
            prompt: "Name three small kindnesses.\nThen one more.".into(),
            writing_lines: 12,
            starred: true,
            tags: vec!["kindness".into(), "day one".into(), "work: late".into()],
            created_at: Some(instant("2024-01-02T07:30:00Z")),
            updated_at: Some(instant("2024-01-02T21:15:42Z")),
            attachments: vec![
                PortableAttachment {
                    filename: "photo.png".into(),
                    mime: "image/png".into(),
                    data: PNG.to_vec(),
                },
                PortableAttachment {
                    filename: "Scan: page 1?.pdf".into(),
                    mime: "application/pdf".into(),
                    data: pdf,
                },
            ],
        },
        PortableEntry {
            source_key: "jcc:e-day2".into(),
            uuid: Some("e-day2".into()),
            kind: "day".into(),
            position: 11,
            date: Some(date("2024-01-03")),
            day: Some(2),
            title: "null".into(),
            body: String::new(),
            tags: vec!["kindness".into()],
            attachments: vec![PortableAttachment {
                filename: "photo.png".into(),
                mime: "image/png".into(),
                data: PNG.to_vec(),
            }],
            ..PortableEntry::default()
        },
        PortableEntry {
            source_key: "jcc:e-free".into(),
            uuid: Some("e-free".into()),
            kind: "free".into(),
            position: 12,
            title: "2024-02-02 is not my date".into(),
            body: "\n\nStarts with blank lines and ends with one.\n".into(),
            attachments: vec![PortableAttachment {
                filename: "notes".into(),
                mime: "text/x-custom".into(),
                data: b"no extension, custom type".to_vec(),
            }],
            ..PortableEntry::default()
        },
        PortableEntry {
            source_key: "jcc:e-cert".into(),
            uuid: Some("e-cert".into()),
            kind: "certificate".into(),
            position: 20,
            title: "Certificate of Completion".into(),
            body: "Well done.".into(),
            ..PortableEntry::default()
        },
    ];
    PortableJournal::new(meta, entries)
}

/// What a user compares after a round trip: everything but the source key and the exact
/// position numbers (order is compared separately).
#[derive(Debug, PartialEq)]
pub struct Seen {
    pub uuid: Option<String>,
    pub kind: String,
    pub date: Option<NaiveDate>,
    pub day: Option<i64>,
    pub title: String,
    pub body: String,
    pub prompt: String,
    pub writing_lines: i64,
    pub starred: bool,
    pub tags: Vec<String>,
    pub created_at: Option<DateTime<Utc>>,
    pub updated_at: Option<DateTime<Utc>>,
    pub attachments: Vec<(String, String, Vec<u8>)>,
}

pub fn seen(e: &PortableEntry) -> Seen {
    Seen {
        uuid: e.uuid.clone(),
        kind: e.kind.clone(),
        date: e.date,
        day: e.day,
        title: e.title.clone(),
        body: e.body.clone(),
        prompt: e.prompt.clone(),
        writing_lines: e.writing_lines,
        starred: e.starred,
        tags: e.tags.clone(),
        created_at: e.created_at,
        updated_at: e.updated_at,
        attachments: e
            .attachments
            .iter()
            .map(|a| (a.filename.clone(), a.mime.clone(), a.data.clone()))
            .collect(),
    }
}

/// Entries in position order, as the user sees them.
pub fn in_order(entries: &[PortableEntry]) -> Vec<Seen> {
    let mut v: Vec<&PortableEntry> = entries.iter().collect();
    v.sort_by_key(|e| e.position);
    v.into_iter().map(seen).collect()
}
