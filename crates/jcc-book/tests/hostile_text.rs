//! Writer text that looks like Typst or HTML, huge paragraphs, right-to-left and CJK
//! scripts, emoji and broken images: the book is still made, valid, and shows the text
//! as text.

mod common;

use common::corpus::entry;
use common::tools;
use common::{diary_source, guided_source};
use jcc_book::{BookFormat, BookSettings, BookSource, FontSet, SourceImage};
use jcc_store::EntryKind;

const TYPST: &str = "#set page(width: 1cm) #panic(\"boom\") #read(\"/etc/passwd\") $x^2$ #{ 1 + 1 } ]] \\ @ref <label>";
const HTML: &str =
    "<script>alert('x')</script> <b>not bold</b> &amp; &nbsp; <![CDATA[ x ]]> --> \"quotes\"";
const RTL: &str = "שלום עולם, זהו יומן. مرحبا بالعالم، هذه مذكرات.";
const CJK: &str = "今日は海辺を散歩しました。天气很好，我们去了市场。오늘은 좋은 날이었다.";
const EMOJI: &str = "Feeling 😀🌊🎉 today, 👩‍👩‍👧 family time ❤️";

fn hostile_source() -> BookSource {
    let mut src = diary_source(4, 80);
    let huge_paragraph = "The sea keeps talking and I keep listening ".repeat(2500);
    let long_word = "x".repeat(3000);
    let bodies = [
        format!("{TYPST}\n\n{HTML}\n\n```\n{TYPST}\n</pre></code>\n```"),
        format!("{RTL}\n\n{CJK}\n\n{EMOJI}\n\n> {}deep quote", "> ".repeat(300)),
        format!("{huge_paragraph}\n\n{long_word}\n\nhttps://example.org/{}", "a/".repeat(400)),
        "![gone](nowhere.png)\n\n![broken](broken.png)\n\n[bad link](javascript:alert(1)) control\u{1}\u{7}chars \u{FFFF}".to_string(),
    ];
    for (e, body) in src.entries.iter_mut().zip(bodies) {
        e.body = body;
        e.title = format!("{TYPST} {HTML}");
        e.tags = vec!["<tag>".into(), "#hash".into(), RTL.into()];
    }
    src.images.push(SourceImage {
        entry_id: 4,
        filename: "broken.png".into(),
        mime: "image/png".into(),
        data: b"\x89PNG\r\n\x1a\nthis is not really a png".to_vec(),
    });
    src.author.name = format!("{HTML} {TYPST}");
    src.journal.title = format!("{TYPST} {CJK}");
    src
}

fn fonts() -> FontSet {
    // The app adds the machine's fonts for scripts Libertinus lacks; so does this test.
    FontSet::with_extra(jcc_book::system_fallback_fonts())
}

#[test]
fn hostile_text_makes_a_valid_pdf_showing_the_text() {
    let src = hostile_source();
    let out = jcc_book::export(
        BookFormat::Pdf,
        &src,
        &BookSettings::default(),
        &fonts(),
        &mut |_| {},
    )
    .expect("hostile text still makes a book");
    assert!(
        out.warnings.iter().any(|w| w.contains("nowhere.png")),
        "{:?}",
        out.warnings
    );
    assert!(
        out.warnings.iter().any(|w| w.contains("broken.png")),
        "{:?}",
        out.warnings
    );
    if !tools::have_pdf_tools() {
        return;
    }
    let dir = tools::artifacts("hostile");
    let path = dir.join("hostile.pdf");
    std::fs::write(&path, &out.bytes).expect("write");
    tools::qpdf_check(&path).expect("qpdf");
    let info = tools::pdfinfo(&path);
    assert!(
        (info.width_pt - 432.0).abs() < 0.6,
        "#set page in the text changed nothing"
    );
    assert!(tools::unembedded_fonts(&path).is_empty());
    let (_, text, _) = tools::run("pdftotext", &[tools::path_str(&path), "-"]);
    let flat = text.replace(['\u{200B}', '\n'], " ");
    for literal in [
        "#set page(width: 1cm)",
        "#panic(\"boom\")",
        "<script>alert('x')</script>",
        "Image not available",
    ] {
        let squashed: String = literal.split_whitespace().collect();
        let hay: String = flat.split_whitespace().collect();
        assert!(hay.contains(&squashed), "{literal:?} not shown as text");
    }
    assert!(text.contains("שלום"), "Hebrew is set");
    // With the machine's CJK and emoji fonts (CI installs them), those scripts are set
    // in them instead of empty boxes.
    let (_, fonts_used, _) = tools::run("pdffonts", &[tools::path_str(&path)]);
    for (file, family) in [
        (
            "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
            "WenQuanYi",
        ),
        // Colour emoji become a Type 3 font of bitmap glyphs (embedded like any other).
        (
            "/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf",
            "Type 3",
        ),
    ] {
        if std::path::Path::new(file).exists() {
            assert!(
                fonts_used.contains(family),
                "{family} not used: {fonts_used}"
            );
        }
    }
    tools::render_pages(&path, &dir, 1, 8);
}

#[test]
fn hostile_text_makes_a_valid_epub() {
    let src = hostile_source();
    let out = jcc_book::export(
        BookFormat::Epub,
        &src,
        &BookSettings::default(),
        &fonts(),
        &mut |_| {},
    )
    .expect("hostile text still makes an epub");
    assert!(!out.warnings.is_empty());
    if tools::have_epubcheck() {
        let dir = tools::artifacts("hostile-epub");
        let path = dir.join("hostile.epub");
        std::fs::write(&path, &out.bytes).expect("write");
        tools::epubcheck(&path);
    }
}

#[test]
fn hostile_guided_journal_exports_both_formats() {
    let mut src = guided_source();
    for e in src
        .entries
        .iter_mut()
        .filter(|e| e.kind == EntryKind::Day)
        .take(3)
    {
        e.prompt = format!("{TYPST} {HTML} {EMOJI}");
        e.writing_lines = 200;
    }
    src.entries
        .push(entry(99, EntryKind::Free, "", &format!("{CJK} {RTL}")));
    for format in [BookFormat::Pdf, BookFormat::Epub] {
        jcc_book::export(
            format,
            &src,
            &BookSettings::default(),
            &fonts(),
            &mut |_| {},
        )
        .unwrap_or_else(|e| panic!("{format:?}: {e}"));
    }
}
