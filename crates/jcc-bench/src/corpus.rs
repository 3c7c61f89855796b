//! A deterministic diary: entries of about 200 words with titles, tags, stars and dates
//! over ten years, written out as JCC JSON and as a jrnl plain-text journal, plus the
//! probe words, phrases, tags and date ranges the benchmarks search for.

use crate::rng::{Rng, Zipf};
use crate::vocab::Vocabulary;
use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};
use jcc_formats::{PortableEntry, PortableJournal, PortableJournalMeta};
use serde::{Deserialize, Serialize};
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;

/// Mean body length in words; each entry is within ±[`WORDS_SPREAD`] of it.
pub const MEAN_WORDS: u64 = 200;
pub const WORDS_SPREAD: u64 = 50;
/// The diary covers these ten years.
pub const FIRST_DAY: (i32, u32, u32) = (2015, 1, 1);
pub const LAST_DAY: (i32, u32, u32) = (2024, 12, 31);
/// The journal the corpus is imported into.
pub const JOURNAL_TITLE: &str = "Bench diary";

/// One piece of an entry's body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece {
    Word(u32),
    Comma,
    /// End of a sentence: `.`, `!` or `?`.
    Stop(char),
    Paragraph,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenEntry {
    pub at: NaiveDateTime,
    pub title: Vec<u32>,
    pub body: Vec<Piece>,
    /// Indexes into [`Vocabulary::tags`], distinct.
    pub tags: Vec<usize>,
    pub starred: bool,
}

impl GenEntry {
    pub fn body_words(&self) -> impl Iterator<Item = u32> + '_ {
        self.body.iter().filter_map(|p| match p {
            Piece::Word(id) => Some(*id),
            _ => None,
        })
    }
}

/// A generated diary.
#[derive(Debug, Clone)]
pub struct Corpus {
    pub seed: u64,
    pub vocab: Vocabulary,
    /// In date order.
    pub entries: Vec<GenEntry>,
}

struct Generator<'a> {
    rng: Rng,
    vocab: &'a Vocabulary,
    common: Zipf,
    ranked: Zipf,
    tags: Zipf,
    days: u64,
    first: NaiveDate,
}

impl Generator<'_> {
    fn word(&mut self) -> u32 {
        if self.rng.chance(0.45) {
            self.vocab.common[self.common.sample(&mut self.rng)]
        } else {
            self.vocab.ranked[self.ranked.sample(&mut self.rng)]
        }
    }

    fn entry(&mut self) -> GenEntry {
        let day = self.first + Duration::days(self.rng.below(self.days) as i64);
        let minute = self.rng.between(6 * 60, 24 * 60 - 1);
        let time = NaiveTime::from_hms_opt((minute / 60) as u32, (minute % 60) as u32, 0)
            .expect("minute of the day is in range");

        let title_len = self.rng.between(3, 6);
        let mut title = Vec::new();
        // Titles lean on the diary words at the head of the vocabulary.
        title.push(self.vocab.ranked[self.ranked.sample(&mut self.rng) % 2_000]);
        while (title.len() as u64) < title_len {
            let w = self.word();
            title.push(w);
        }

        let target = self
            .rng
            .between(MEAN_WORDS - WORDS_SPREAD, MEAN_WORDS + WORDS_SPREAD);
        let mut body = Vec::new();
        let mut words = 0;
        let mut sentences_in_paragraph = 0;
        let mut paragraph_len = self.rng.between(3, 6);
        while words < target {
            if sentences_in_paragraph == paragraph_len {
                body.push(Piece::Paragraph);
                sentences_in_paragraph = 0;
                paragraph_len = self.rng.between(3, 6);
            }
            let len = self.rng.between(6, 20).min(target - words);
            // A stock phrase (at most three words) fits inside the sentence.
            let phrase_at = (len >= 4 && self.rng.chance(0.06)).then(|| self.rng.below(len - 3));
            let mut n = 0;
            while n < len {
                if phrase_at == Some(n) {
                    let phrase = self.rng.pick(&self.vocab.phrases).clone();
                    for id in phrase {
                        body.push(Piece::Word(id));
                        n += 1;
                    }
                    continue;
                }
                let w = self.word();
                body.push(Piece::Word(w));
                n += 1;
                if n > 2 && n + 2 < len && self.rng.chance(0.08) {
                    body.push(Piece::Comma);
                }
            }
            words += n;
            let r = self.rng.unit();
            body.push(Piece::Stop(if r < 0.9 {
                '.'
            } else if r < 0.95 {
                '!'
            } else {
                '?'
            }));
            sentences_in_paragraph += 1;
        }

        let tag_count = match self.rng.unit() {
            r if r < 0.10 => 0,
            r if r < 0.45 => 1,
            r if r < 0.75 => 2,
            r if r < 0.93 => 3,
            _ => 4,
        };
        let mut tags = Vec::new();
        while tags.len() < tag_count {
            let t = self.tags.sample(&mut self.rng);
            if !tags.contains(&t) {
                tags.push(t);
            }
        }
        GenEntry {
            at: day.and_time(time),
            title,
            body,
            tags,
            starred: self.rng.chance(0.05),
        }
    }
}

impl Corpus {
    /// `entries` diary entries; the same `seed` always gives the same corpus.
    pub fn generate(entries: usize, seed: u64) -> Self {
        let vocab = Vocabulary::build();
        let first = ymd(FIRST_DAY);
        let days = (ymd(LAST_DAY) - first).num_days() as u64 + 1;
        let mut g = Generator {
            rng: Rng::new(seed),
            vocab: &vocab,
            common: Zipf::new(vocab.common.len(), 1.0),
            // The common words carry the very top of the frequency curve, so the content
            // vocabulary's head is flattened (no one noun in every sentence).
            ranked: Zipf::mandelbrot(vocab.ranked.len(), 1.0, 20.0),
            tags: Zipf::new(vocab.tags.len(), 0.9),
            days,
            first,
        };
        let mut list: Vec<GenEntry> = (0..entries).map(|_| g.entry()).collect();
        list.sort_by_key(|e| e.at);
        Self {
            seed,
            vocab,
            entries: list,
        }
    }

    pub fn title_text(&self, e: &GenEntry) -> String {
        let mut s = String::new();
        for (i, id) in e.title.iter().enumerate() {
            if i > 0 {
                s.push(' ');
            }
            push_word(&mut s, self.vocab.word(*id), i == 0);
        }
        s
    }

    /// The body as Markdown paragraphs (no tags in it: JCC keeps tags apart).
    pub fn body_text(&self, e: &GenEntry) -> String {
        let mut s = String::new();
        let mut capital = true;
        for p in &e.body {
            match p {
                Piece::Word(id) => {
                    if !s.is_empty() && !s.ends_with('\n') {
                        s.push(' ');
                    }
                    push_word(&mut s, self.vocab.word(*id), capital);
                    capital = false;
                }
                Piece::Comma => s.push(','),
                Piece::Stop(c) => {
                    s.push(*c);
                    capital = true;
                }
                Piece::Paragraph => s.push_str("\n\n"),
            }
        }
        s
    }

    pub fn tag_names(&self, e: &GenEntry) -> Vec<String> {
        e.tags.iter().map(|t| self.vocab.tags[*t].clone()).collect()
    }

    /// The whole diary in the interchange model, for `jcc_formats::write_json`.
    pub fn portable(&self) -> PortableJournal {
        let entries = self
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| PortableEntry {
                source_key: format!("bench:{}:{i}", self.seed),
                uuid: None,
                kind: "free".to_owned(),
                position: i as i64,
                date: Some(e.at.date()),
                title: self.title_text(e),
                body: self.body_text(e),
                starred: e.starred,
                tags: self.tag_names(e),
                created_at: Some(e.at.and_utc()),
                updated_at: Some(e.at.and_utc()),
                ..PortableEntry::default()
            })
            .collect();
        PortableJournal::new(
            PortableJournalMeta {
                title: JOURNAL_TITLE.to_owned(),
                subtitle: format!("generated by jcc-bench, seed {}", self.seed),
                ..PortableJournalMeta::default()
            },
            entries,
        )
    }

    /// One entry in jrnl's journal-file format: `[YYYY-MM-DD HH:MM] Title` (with ` *` when
    /// starred), the body, the tags as `@tag` on a last line, and a blank line after.
    pub fn write_jrnl_entry(&self, e: &GenEntry, out: &mut String) {
        let _ = write!(
            out,
            "[{}] {}",
            e.at.format("%Y-%m-%d %H:%M"),
            self.title_text(e)
        );
        if e.starred {
            out.push_str(" *");
        }
        out.push('\n');
        out.push_str(&self.body_text(e));
        if !e.tags.is_empty() {
            out.push_str("\n\n");
            let tags: Vec<String> = self.tag_names(e).iter().map(|t| format!("@{t}")).collect();
            out.push_str(&tags.join(" "));
        }
        out.push_str("\n\n");
    }

    #[cfg(test)]
    pub fn jrnl_text(&self) -> String {
        let mut out = String::new();
        for e in &self.entries {
            self.write_jrnl_entry(e, &mut out);
        }
        out
    }

    /// Writes `corpus.json`, `jrnl.txt` and `words.json` into `dir`.
    pub fn write_all(&self, dir: &Path) -> anyhow::Result<Probes> {
        std::fs::create_dir_all(dir)?;
        jcc_formats::write_json(&self.portable(), &dir.join("corpus.json"))?;
        let mut jrnl = std::io::BufWriter::new(std::fs::File::create(dir.join("jrnl.txt"))?);
        let mut chunk = String::new();
        for e in &self.entries {
            chunk.clear();
            self.write_jrnl_entry(e, &mut chunk);
            jrnl.write_all(chunk.as_bytes())?;
        }
        jrnl.into_inner().map_err(|e| e.into_error())?.sync_all()?;
        let probes = self.probes();
        std::fs::write(
            dir.join("words.json"),
            serde_json::to_string_pretty(&probes)? + "\n",
        )?;
        Ok(probes)
    }

    /// For each word id, in how many entries it occurs (title or body).
    fn document_frequency(&self) -> Vec<usize> {
        let mut df = vec![0usize; self.vocab.words.len()];
        let mut last = vec![usize::MAX; self.vocab.words.len()];
        for (i, e) in self.entries.iter().enumerate() {
            for id in e.title.iter().copied().chain(e.body_words()) {
                let id = id as usize;
                if last[id] != i {
                    last[id] = i;
                    df[id] += 1;
                }
            }
        }
        df
    }

    /// Entries in which `phrase` occurs as adjacent words within the title or the body
    /// (what an FTS5 phrase query matches: punctuation between the words doesn't count).
    pub fn phrase_frequency(&self, phrase: &[u32]) -> usize {
        let has = |words: &[u32]| words.windows(phrase.len()).any(|w| w == phrase);
        self.entries
            .iter()
            .filter(|e| {
                let body: Vec<u32> = e.body_words().collect();
                has(&e.title) || has(&body)
            })
            .count()
    }

    /// The words, phrases, tags and date ranges the benchmarks search for, chosen from
    /// what really occurs: mid-frequency words (about 1% of entries), phrases and tags
    /// close to 1% and 5%, and whole calendar years.
    pub fn probes(&self) -> Probes {
        const EACH: usize = 8;
        let n = self.entries.len();
        let df = self.document_frequency();

        // Words: no part of another word or a tag, so that a substring search (jrnl's
        // -contains) and a word search (jcc) find exactly the same entries.
        let in_phrase: std::collections::HashSet<u32> =
            self.vocab.phrases.iter().flatten().copied().collect();
        let target = (n as f64 * 0.01).max(2.0);
        let mut candidates: Vec<u32> = self
            .vocab
            .ranked
            .iter()
            .copied()
            .filter(|id| df[*id as usize] > 0 && !in_phrase.contains(id))
            .filter(|id| self.vocab.word(*id).len() >= 5)
            .collect();
        candidates.sort_by(|a, b| {
            let da = (df[*a as usize] as f64 - target).abs();
            let db = (df[*b as usize] as f64 - target).abs();
            da.total_cmp(&db).then(a.cmp(b))
        });
        let mut words = Vec::new();
        for id in candidates {
            let w = self.vocab.word(id);
            let inside_another = self
                .vocab
                .words
                .iter()
                .chain(self.vocab.tags.iter())
                .any(|other| other != w && other.contains(w));
            if !inside_another {
                words.push(Probe {
                    text: w.to_owned(),
                    entries: df[id as usize],
                });
                if words.len() == EACH {
                    break;
                }
            }
        }

        let mut phrases: Vec<Probe> = self
            .vocab
            .phrases
            .iter()
            .map(|p| Probe {
                text: p
                    .iter()
                    .map(|id| self.vocab.word(*id))
                    .collect::<Vec<_>>()
                    .join(" "),
                entries: self.phrase_frequency(p),
            })
            .filter(|p| p.entries > 0)
            .collect();
        closest_first(&mut phrases, target);
        phrases.truncate(EACH);

        let mut tag_df = vec![0usize; self.vocab.tags.len()];
        for e in &self.entries {
            for t in &e.tags {
                tag_df[*t] += 1;
            }
        }
        let mut tags: Vec<Probe> = self
            .vocab
            .tags
            .iter()
            .zip(&tag_df)
            .filter(|(_, c)| **c > 0)
            .map(|(t, c)| Probe {
                text: t.clone(),
                entries: *c,
            })
            .collect();
        closest_first(&mut tags, (n as f64 * 0.05).max(2.0));
        tags.truncate(EACH);

        // Whole years, 2020 first; `after`/`before` are exclusive, as in the query language.
        let mut ranges: Vec<RangeProbe> = [2020, 2017, 2022, 2016, 2019, 2023, 2018, 2021]
            .into_iter()
            .map(|year| {
                let after = NaiveDate::from_ymd_opt(year - 1, 12, 31).expect("valid date");
                let before = NaiveDate::from_ymd_opt(year + 1, 1, 1).expect("valid date");
                let entries = self
                    .entries
                    .iter()
                    .filter(|e| e.at.date() > after && e.at.date() < before)
                    .count();
                RangeProbe {
                    after,
                    before,
                    entries,
                }
            })
            .collect();
        ranges.truncate(EACH);

        Probes {
            seed: self.seed,
            entries: n,
            journal: JOURNAL_TITLE.to_owned(),
            word: words.first().map(|p| p.text.clone()).unwrap_or_default(),
            phrase: phrases.first().map(|p| p.text.clone()).unwrap_or_default(),
            tag: tags.first().map(|p| p.text.clone()).unwrap_or_default(),
            after: ranges[0].after,
            before: ranges[0].before,
            words,
            phrases,
            tags,
            ranges,
        }
    }
}

fn closest_first(list: &mut [Probe], target: f64) {
    list.sort_by(|a, b| {
        let da = (a.entries as f64 - target).abs();
        let db = (b.entries as f64 - target).abs();
        da.total_cmp(&db).then_with(|| a.text.cmp(&b.text))
    });
}

fn ymd((y, m, d): (i32, u32, u32)) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid constant date")
}

fn push_word(s: &mut String, word: &str, capital: bool) {
    if word == "i" {
        s.push('I');
    } else if capital {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            s.extend(first.to_uppercase());
            s.push_str(chars.as_str());
        }
    } else {
        s.push_str(word);
    }
}

/// What the benchmarks search for (`words.json`). `entries` is how many entries contain
/// the probe (whole word, case-insensitive, title or body; for words also as a substring).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Probes {
    pub seed: u64,
    pub entries: usize,
    pub journal: String,
    /// The first of each list, for a single-probe comparison.
    pub word: String,
    pub phrase: String,
    pub tag: String,
    pub after: NaiveDate,
    pub before: NaiveDate,
    pub words: Vec<Probe>,
    pub phrases: Vec<Probe>,
    pub tags: Vec<Probe>,
    pub ranges: Vec<RangeProbe>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Probe {
    pub text: String,
    pub entries: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RangeProbe {
    pub after: NaiveDate,
    pub before: NaiveDate,
    pub entries: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tiny reader of jrnl's journal-file format, as jrnl itself splits it: a line
    /// starting `[date time] ` begins an entry; the rest of that line is the title (a
    /// trailing `*` stars it); tags are `@word`s anywhere in the text.
    #[derive(Debug, PartialEq)]
    struct JrnlEntry {
        at: String,
        title: String,
        body: String,
        starred: bool,
        tags: Vec<String>,
    }

    fn parse_jrnl(text: &str) -> Vec<JrnlEntry> {
        let mut out: Vec<JrnlEntry> = Vec::new();
        for line in text.lines() {
            let header = line
                .strip_prefix('[')
                .and_then(|rest| rest.split_once("] "))
                .filter(|(date, _)| NaiveDateTime::parse_from_str(date, "%Y-%m-%d %H:%M").is_ok());
            if let Some((date, title)) = header {
                let starred = title.trim_end().ends_with('*');
                out.push(JrnlEntry {
                    at: date.to_owned(),
                    title: title.trim_end_matches(['*', ' ']).to_owned(),
                    body: String::new(),
                    starred,
                    tags: Vec::new(),
                });
            } else {
                let e = out.last_mut().expect("text before the first entry");
                e.body.push_str(line);
                e.body.push('\n');
                for word in line.split_whitespace() {
                    if let Some(tag) = word.strip_prefix('@') {
                        e.tags.push(tag.to_lowercase());
                    }
                }
            }
        }
        out
    }

    #[test]
    fn the_same_seed_makes_the_same_corpus() {
        let a = Corpus::generate(200, 42);
        let b = Corpus::generate(200, 42);
        let c = Corpus::generate(200, 43);
        assert_eq!(a.entries, b.entries);
        assert_eq!(a.jrnl_text(), b.jrnl_text());
        assert_eq!(a.probes(), b.probes());
        assert_ne!(a.entries, c.entries);
    }

    #[test]
    fn entries_are_about_two_hundred_words_with_short_titles() {
        let c = Corpus::generate(500, 1);
        let mut total = 0;
        for e in &c.entries {
            let body = jcc_store::word_count(&c.body_text(e));
            assert!((150..=250).contains(&body), "body of {body} words");
            total += body;
            let title = jcc_store::word_count(&c.title_text(e));
            assert!((3..=6).contains(&title), "title of {title} words");
            assert!(e.tags.len() <= 4);
        }
        let mean = total as f64 / 500.0;
        assert!((190.0..=210.0).contains(&mean), "mean {mean}");
        let starred = c.entries.iter().filter(|e| e.starred).count();
        assert!((5..=60).contains(&starred), "{starred} starred");
        let tagged = c.entries.iter().filter(|e| !e.tags.is_empty()).count();
        assert!(tagged > 400, "{tagged} tagged");
    }

    #[test]
    fn dates_spread_over_ten_years_in_order() {
        let c = Corpus::generate(2_000, 5);
        assert!(c.entries.windows(2).all(|w| w[0].at <= w[1].at));
        let years: std::collections::BTreeSet<i32> = c
            .entries
            .iter()
            .map(|e| chrono::Datelike::year(&e.at))
            .collect();
        assert_eq!(
            years.into_iter().collect::<Vec<_>>(),
            (2015..=2024).collect::<Vec<_>>()
        );
    }

    #[test]
    fn jrnl_text_reads_back_as_the_same_entries() {
        let c = Corpus::generate(300, 9);
        let parsed = parse_jrnl(&c.jrnl_text());
        assert_eq!(parsed.len(), c.entries.len());
        for (p, e) in parsed.iter().zip(&c.entries) {
            assert_eq!(p.at, e.at.format("%Y-%m-%d %H:%M").to_string());
            assert_eq!(p.title, c.title_text(e));
            assert_eq!(p.starred, e.starred);
            let mut want = c.tag_names(e);
            let mut got = p.tags.clone();
            want.sort();
            got.sort();
            assert_eq!(got, want);
            assert!(p.body.starts_with(&c.body_text(e)));
        }
    }

    #[test]
    fn probes_really_occur_as_counted() {
        let c = Corpus::generate(1_000, 3);
        let p = c.probes();
        assert_eq!(p.words.len(), 8);
        assert!(!p.phrases.is_empty() && !p.tags.is_empty());
        let texts: Vec<String> = c
            .entries
            .iter()
            .map(|e| format!("{}\n{}", c.title_text(e), c.body_text(e)).to_lowercase())
            .collect();
        for w in &p.words {
            // Counted by whole words and found by substring alike.
            let by_substring = texts.iter().filter(|t| t.contains(&w.text)).count();
            assert_eq!(by_substring, w.entries, "word {}", w.text);
            assert!(w.entries > 0);
        }
        for ph in &p.phrases {
            assert!(ph.entries > 0);
            let plain = texts.iter().filter(|t| t.contains(&ph.text)).count();
            assert!(plain > 0, "phrase {}", ph.text);
        }
        let tag = &p.tags[0];
        let tagged = c
            .entries
            .iter()
            .filter(|e| c.tag_names(e).contains(&tag.text))
            .count();
        assert_eq!(tagged, tag.entries);
        assert!(p.ranges[0].entries > 50);
        assert_eq!(
            (p.after.to_string(), p.before.to_string()),
            ("2019-12-31".into(), "2021-01-01".into())
        );
    }

    #[test]
    fn corpus_json_imports_into_jcc_with_every_entry() {
        let dir = tempfile::tempdir().unwrap();
        let c = Corpus::generate(150, 11);
        let probes = c.write_all(dir.path()).unwrap();
        let app = jcc_app::App::in_memory().unwrap();
        let outcome = app
            .import(jcc_app::ImportInput {
                path: dir.path().join("corpus.json"),
                journal: JOURNAL_TITLE.into(),
                format: Some(jcc_app::Format::Json),
                partial: false,
            })
            .unwrap();
        assert_eq!(outcome.imported, 150);
        assert!(outcome.problems.is_empty());
        let hits = app
            .search(jcc_app::SearchInput {
                query: probes.word.clone(),
                limit: 0,
                offset: 0,
            })
            .unwrap()
            .hits;
        assert_eq!(hits.len(), probes.words[0].entries);
        let words: Probes =
            serde_json::from_slice(&std::fs::read(dir.path().join("words.json")).unwrap()).unwrap();
        assert_eq!(words, probes);
    }
}
