//! Speed and size of the book export, for the README. Run in release:
//!
//! ```text
//! cargo run --release -p jcc-book --example bench
//! cargo run --release -p jcc-book --example bench -- --write-diary-json diary.json
//! ```
//!
//! Books: the 30-day guided journal fixture and a generated 365-entry diary of about
//! 150,000 words. Each figure is the median of several cold exports (Typst's cache is
//! emptied after every export, as in the app).

#[path = "../tests/common/mod.rs"]
mod common;

use common::{diary_source, guided_source};
use jcc_book::{BookFormat, BookSettings, BookSource, FontSet};
use std::time::{Duration, Instant};

fn median(mut xs: Vec<Duration>) -> Duration {
    xs.sort();
    xs[xs.len() / 2]
}

fn bench(
    label: &str,
    format: BookFormat,
    src: &BookSource,
    fonts: &FontSet,
    runs: usize,
    target: Duration,
) {
    let settings = BookSettings::default();
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..runs {
        let start = Instant::now();
        let out = jcc_book::export(format, src, &settings, fonts, &mut |_| {}).expect("export");
        times.push(start.elapsed());
        last = Some(out);
    }
    let out = last.expect("at least one run");
    let t = median(times);
    let pages = out
        .pages
        .map(|p| format!("{p} pages, "))
        .unwrap_or_default();
    println!(
        "{label:<34} {:>8.1} ms  {:>8.1} KB  {pages}target < {} ms: {}",
        t.as_secs_f64() * 1000.0,
        out.bytes.len() as f64 / 1024.0,
        target.as_millis(),
        if t < target { "ok" } else { "MISSED" }
    );
}

fn write_diary_json(path: &str, src: &BookSource) {
    use jcc_formats::{PortableEntry, PortableJournal, PortableJournalMeta};
    let entries = src
        .entries
        .iter()
        .map(|e| PortableEntry {
            source_key: format!("bench:{}", e.id),
            kind: "free".into(),
            position: e.position,
            date: e.date,
            title: e.title.clone(),
            body: e.body.clone(),
            tags: e.tags.clone(),
            ..Default::default()
        })
        .collect();
    let journal = PortableJournal::new(
        PortableJournalMeta {
            kind: "diary".into(),
            title: src.journal.title.clone(),
            subtitle: src.journal.subtitle.clone(),
            ..Default::default()
        },
        entries,
    );
    jcc_formats::write_json(&journal, std::path::Path::new(path)).expect("write diary JSON");
    eprintln!("wrote {path}");
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let guided = guided_source();
    let diary = diary_source(365, 405);
    if let Some(i) = args.iter().position(|a| a == "--write-diary-json") {
        write_diary_json(
            args.get(i + 1).expect("a path after --write-diary-json"),
            &diary,
        );
        return;
    }
    let words: i64 = diary.entries.iter().map(|e| e.word_count).sum();
    let fonts = FontSet::bundled();
    println!(
        "jcc-book export benchmark (median of cold runs; diary: {} entries, {words} words)",
        diary.entries.len()
    );
    let ms = Duration::from_millis;
    bench(
        "30-day guided journal -> PDF",
        BookFormat::Pdf,
        &guided,
        &fonts,
        7,
        ms(1000),
    );
    bench(
        "365-entry diary -> PDF",
        BookFormat::Pdf,
        &diary,
        &fonts,
        3,
        ms(5000),
    );
    bench(
        "30-day guided journal -> EPUB",
        BookFormat::Epub,
        &guided,
        &fonts,
        7,
        ms(500),
    );
    bench(
        "365-entry diary -> EPUB",
        BookFormat::Epub,
        &diary,
        &fonts,
        5,
        ms(500),
    );
}
