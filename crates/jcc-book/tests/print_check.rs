//! The print check: PDFs of a 30-day guided journal and a 365-entry diary, at two trim
//! sizes with and without bleed, read back with poppler and qpdf the way a print
//! service reads them. Page images land in `target/test-artifacts/` for a person to see.

mod common;

use common::tools::{self, PrintExpect};
use common::{diary_source, guided_source};
use jcc_book::markdown::{fill_blanks, parse, plain_text};
use jcc_book::{BookFormat, BookOutput, BookSettings, BookSource, FontSet};
use jcc_store::EntryKind;

fn settings(trim: &str, bleed: bool) -> BookSettings {
    BookSettings {
        trim: trim.into(),
        bleed,
        ..Default::default()
    }
}

fn pdf(src: &BookSource, s: &BookSettings) -> BookOutput {
    let fonts = FontSet::bundled();
    let mut stages = Vec::new();
    let out = jcc_book::export(BookFormat::Pdf, src, s, &fonts, &mut |p| {
        stages.push(p.stage)
    })
    .expect("the book lays out");
    assert!(
        stages.contains(&jcc_book::Stage::Layout),
        "progress was reported"
    );
    out
}

fn lines(markdown: &str, blanks: bool) -> Vec<String> {
    let mut blocks = parse(markdown);
    if blanks {
        fill_blanks(&mut blocks, &["name", "benefit"]);
    }
    plain_text(&blocks).lines().map(str::to_string).collect()
}

/// The guided journal's text in reading order, and the headings that open right pages.
fn guided_expect(src: &BookSource) -> (Vec<String>, Vec<String>) {
    let mut paras = vec![src.journal.title.clone(), src.journal.subtitle.clone()];
    let mut openers = Vec::new();
    for e in &src.entries {
        let blanks = matches!(e.kind, EntryKind::Commitment | EntryKind::Certificate);
        match e.kind {
            EntryKind::Intro => {
                paras.extend(lines(&e.prompt, false));
                paras.push(e.title.clone());
            }
            EntryKind::Day => {
                let heading = format!("Day {}: {}", e.day.unwrap_or_default(), e.title);
                openers.push(heading.clone());
                paras.push(heading);
            }
            _ => paras.push(e.title.clone()),
        }
        paras.extend(lines(&e.body, blanks));
        paras.extend(
            lines(&e.prompt, false)
                .into_iter()
                .filter(|_| e.kind == EntryKind::Day),
        );
    }
    (paras, openers)
}

fn diary_expect(src: &BookSource) -> (Vec<String>, Vec<String>) {
    let mut paras = Vec::new();
    let mut openers = Vec::new();
    let mut month = String::new();
    for e in &src.entries {
        let m = e.date.expect("dated").format("%B %Y").to_string();
        if m != month {
            openers.push(m.clone());
            paras.push(m.clone());
            month = m;
        }
        paras.push(e.title.clone());
        paras.extend(lines(&e.body, false));
    }
    (paras, openers)
}

fn check(name: &str, src: &BookSource, s: &BookSettings, guided: bool, render_all: bool) {
    if !tools::have_pdf_tools() {
        return;
    }
    let out = pdf(src, s);
    let dir = tools::artifacts(name);
    let path = dir.join(format!("{name}.pdf"));
    std::fs::write(&path, &out.bytes).expect("write pdf");
    let (paras, openers) = if guided {
        guided_expect(src)
    } else {
        diary_expect(src)
    };
    let summary = tools::print_check(
        &path,
        &PrintExpect {
            settings: s,
            paragraphs: &paras,
            right_hand_openers: &openers,
        },
    );
    assert_eq!(Some(tools::pdfinfo(&path).pages), out.pages);
    let last = if render_all {
        out.pages.unwrap_or(1)
    } else {
        12
    };
    tools::render_pages(&path, &dir, 1, last);
    eprintln!(
        "{name}: {summary}, {} KB; pages in {}",
        out.bytes.len() / 1024,
        dir.display()
    );
}

#[test]
fn guided_6x9() {
    let src = guided_source();
    check("guided-6x9", &src, &settings("6x9", false), true, true);
}

#[test]
fn guided_6x9_bleed() {
    check(
        "guided-6x9-bleed",
        &guided_source(),
        &settings("6x9", true),
        true,
        false,
    );
}

#[test]
fn guided_5x8() {
    check(
        "guided-5x8",
        &guided_source(),
        &settings("5x8", false),
        true,
        false,
    );
}

#[test]
fn guided_5x8_bleed() {
    check(
        "guided-5x8-bleed",
        &guided_source(),
        &settings("5x8", true),
        true,
        false,
    );
}

fn diary() -> BookSource {
    let src = diary_source(365, 405);
    let words: i64 = src.entries.iter().map(|e| e.word_count).sum();
    assert!(
        (140_000..=160_000).contains(&words),
        "diary has {words} words"
    );
    src
}

#[test]
fn diary_6x9() {
    check("diary-6x9", &diary(), &settings("6x9", false), false, false);
}

#[test]
fn diary_6x9_bleed() {
    check(
        "diary-6x9-bleed",
        &diary(),
        &settings("6x9", true),
        false,
        false,
    );
}

#[test]
fn diary_5x8() {
    check("diary-5x8", &diary(), &settings("5x8", false), false, false);
}

#[test]
fn diary_5x8_bleed() {
    check(
        "diary-5x8-bleed",
        &diary(),
        &settings("5x8", true),
        false,
        false,
    );
}

#[test]
fn short_diary_is_padded_to_24_pages_with_notes() {
    let src = diary_source(3, 120);
    let out = pdf(&src, &BookSettings::default());
    assert_eq!(out.pages, Some(24));
    assert!(
        out.warnings.iter().any(|w| w.contains("Notes pages")),
        "{:?}",
        out.warnings
    );
}

#[test]
fn impossible_margins_are_a_clear_error() {
    let s = BookSettings {
        trim: "5x8".into(),
        outside_margin_in: 2.9,
        ..Default::default()
    };
    let err = jcc_book::export(
        BookFormat::Pdf,
        &guided_source(),
        &s,
        &FontSet::bundled(),
        &mut |_| {},
    )
    .unwrap_err();
    assert!(
        matches!(err, jcc_book::BookError::InvalidSettings(_)),
        "{err}"
    );
    assert!(err.to_string().contains("text area"), "{err}");
}
