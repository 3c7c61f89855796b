//! Speed of the calendar's and "On this day"'s queries on a library of 100,000 diary
//! entries in a file on disk (the README's figures):
//!
//! ```text
//! cargo bench -p jcc-store --bench day_queries [-- ENTRIES [RUNS]]
//! ```
//!
//! The entries are spread over 2015-2024 (about 27 a day, a heavy writer's worst case for
//! "On this day"); each query runs on days picked at random across the decade.

use chrono::{Datelike, Days, NaiveDate};
use jcc_store::{NewEntry, NewJournal, Store};
use std::time::{Duration, Instant};

const WORDS: &[&str] = &[
    "morning", "light", "harbour", "walked", "rain", "coffee", "letter", "garden", "quiet",
    "train", "mother", "wrote", "evening", "river", "bread", "tired", "laughed", "window",
    "winter", "music", "friend", "slept", "read", "road",
];

/// A tiny deterministic generator (xorshift), so every run measures the same library.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

fn main() {
    let mut args = std::env::args().skip(1).filter(|a| !a.starts_with("--"));
    let entries: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let runs: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(200);

    let dir = tempfile::tempdir().expect("a temp dir");
    let mut store = Store::open(&dir.path().join("library.sqlite3")).expect("a library");
    let journal = store
        .create_journal(NewJournal {
            title: "Diary".into(),
            ..Default::default()
        })
        .expect("a journal");
    let first = NaiveDate::from_ymd_opt(2015, 1, 1).expect("a date");
    let span = (NaiveDate::from_ymd_opt(2024, 12, 31).expect("a date") - first).num_days() as u64;
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let new: Vec<NewEntry> = (0..entries)
        .map(|_| {
            let words = 40 + rng.below(260);
            let body = (0..words)
                .map(|_| WORDS[rng.below(WORDS.len() as u64) as usize])
                .collect::<Vec<_>>()
                .join(" ");
            NewEntry {
                journal_id: journal.id,
                date: Some(first + Days::new(rng.below(span + 1))),
                body,
                ..Default::default()
            }
        })
        .collect();
    let filled = Instant::now();
    store.append_entries(new).expect("entries added");
    eprintln!("{entries} entries written in {:.1?}", filled.elapsed());

    let (mut month, mut day, mut otd) = (Vec::new(), Vec::new(), Vec::new());
    let mut found = 0;
    for _ in 0..runs {
        let d = first + Days::new(rng.below(span + 1));
        month.push(time(|| {
            store.month_days(None, d.year(), d.month()).expect("month")
        }));
        day.push(time(|| store.entries_on(None, d).expect("day")));
        // From the year after the diary ends, every year of it has that date.
        let today = d.with_year(2025).unwrap_or(d);
        let started = Instant::now();
        found += store.on_this_day(None, today).expect("on this day").len();
        otd.push(started.elapsed());
    }
    println!(
        "{entries} entries, {runs} runs each; On this day found {} entries on average\n",
        found / runs.max(1)
    );
    println!("| query | p50 ms | p95 ms | max ms |\n|---|---|---|---|");
    for (name, samples) in [
        ("calendar month (all journals)", &mut month),
        ("entries of one day", &mut day),
        ("On this day", &mut otd),
    ] {
        samples.sort();
        let at = |p: usize| ms(samples[(samples.len() * p / 100).min(samples.len() - 1)]);
        println!(
            "| {name} | {:.2} | {:.2} | {:.2} |",
            at(50),
            at(95),
            ms(*samples.last().expect("runs"))
        );
    }
}

fn time<T>(f: impl FnOnce() -> T) -> Duration {
    let started = Instant::now();
    std::hint::black_box(f());
    started.elapsed()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}
