//! EPUB 3 of both journals through epubcheck (0 errors, 0 warnings), and the structure
//! an ebook store expects: mimetype first and stored, nav, cover, fonts, one file per
//! section.

mod common;

use common::tools;
use common::{diary_source, guided_source};
use jcc_book::{BookFormat, BookSettings, BookSource, FontSet};
use std::io::Read;

fn epub(src: &BookSource) -> Vec<u8> {
    jcc_book::export(
        BookFormat::Epub,
        src,
        &BookSettings::default(),
        &FontSet::bundled(),
        &mut |_| {},
    )
    .expect("epub")
    .bytes
}

fn names(bytes: &[u8]) -> Vec<String> {
    let zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    zip.file_names().map(str::to_string).collect()
}

fn read(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut s = String::new();
    zip.by_name(name)
        .expect(name)
        .read_to_string(&mut s)
        .expect("utf-8");
    s
}

#[test]
fn guided_epub_passes_epubcheck() {
    let bytes = epub(&guided_source());
    // mimetype first and uncompressed, as the OCF spec requires.
    assert_eq!(&bytes[30..38], b"mimetype");
    assert_eq!(&bytes[38..58], b"application/epub+zip");
    let files = names(&bytes);
    let sections = files
        .iter()
        .filter(|n| n.starts_with("OEBPS/s") && n.ends_with(".xhtml"))
        .count();
    assert_eq!(
        sections, 33,
        "intro, commitment, 30 days, certificate: {files:?}"
    );
    for needed in [
        "OEBPS/nav.xhtml",
        "OEBPS/style.css",
        "OEBPS/fonts/LibertinusSerif-Regular.otf",
    ] {
        assert!(files.iter().any(|f| f == needed), "{needed} in {files:?}");
    }
    let opf = read(&bytes, "OEBPS/content.opf");
    assert!(opf.contains("properties=\"cover-image\""));
    assert!(opf.contains("urn:uuid:0195f3a2-7c1e-7b3a-9d4e-2f1a0c9b8e77"));
    assert!(opf.contains("<dc:language>en</dc:language>"));
    assert!(opf.contains("urn:isbn:9780306406157"));
    // Markdown came through as structure: emphasis, lists, quotes, links, images.
    let all: String = files
        .iter()
        .filter(|f| f.ends_with(".xhtml"))
        .map(|f| read(&bytes, f))
        .collect();
    for needle in [
        "<em>",
        "<strong>",
        "<ol>",
        "<ul>",
        "<blockquote>",
        "<a href=\"https://greatergood",
        "<img src=\"images/img",
        "Write your answer in your notebook.",
    ] {
        assert!(all.contains(needle), "{needle} missing");
    }
    if tools::have_epubcheck() {
        let dir = tools::artifacts("guided-epub");
        let path = dir.join("guided.epub");
        std::fs::write(&path, &bytes).expect("write");
        eprintln!("guided EPUB: {}", tools::epubcheck(&path));
    }
}

#[test]
fn diary_epub_passes_epubcheck() {
    let bytes = epub(&diary_source(365, 405));
    let files = names(&bytes);
    let sections = files
        .iter()
        .filter(|n| n.starts_with("OEBPS/s") && n.ends_with(".xhtml"))
        .count();
    assert_eq!(sections, 12, "one file per month");
    let nav = read(&bytes, "OEBPS/nav.xhtml");
    assert_eq!(
        nav.matches("#e").count(),
        365,
        "every entry in the navigation"
    );
    // No cover image attached: a typographic SVG cover stands in.
    assert!(files.iter().any(|f| f == "OEBPS/images/cover.svg"));
    if tools::have_epubcheck() {
        let dir = tools::artifacts("diary-epub");
        let path = dir.join("diary.epub");
        std::fs::write(&path, &bytes).expect("write");
        eprintln!("diary EPUB: {}", tools::epubcheck(&path));
    }
}
