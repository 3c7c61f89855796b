//! The checks a print service and an ebook store run, done with the same tools:
//! poppler (pdfinfo, pdffonts, pdftotext, pdftoppm), qpdf and epubcheck.

use jcc_book::geometry::Geometry;
use jcc_book::kdp;
use jcc_book::BookSettings;
use std::path::{Path, PathBuf};
use std::process::Command;

// Whether a tool is there (and what happens when it is not) is decided in one place for
// every test crate: jcc-testkit.
pub use jcc_testkit::{epubcheck as have_epubcheck, pdf_tools as have_pdf_tools, EPUBCHECK_JAR};

/// `target/test-artifacts/<name>`, created (never committed: `target/` is ignored).
pub fn artifacts(name: &str) -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    let dir = target.join("test-artifacts").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("artifact dir");
    dir
}

pub fn run(cmd: &str, args: &[&str]) -> (bool, String, String) {
    let out = Command::new(cmd)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{cmd} did not run: {e}"));
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

pub fn path_str(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

#[derive(Debug)]
pub struct PdfInfo {
    pub pages: usize,
    pub width_pt: f64,
    pub height_pt: f64,
}

pub fn pdfinfo(pdf: &Path) -> PdfInfo {
    let (ok, out, err) = run("pdfinfo", &[path_str(pdf)]);
    assert!(ok, "pdfinfo failed: {err}");
    let field = |name: &str| {
        out.lines()
            .find_map(|l| l.strip_prefix(name))
            .map(str::trim)
            .unwrap_or_else(|| panic!("pdfinfo has no {name}: {out}"))
            .to_string()
    };
    let pages = field("Pages:").parse().expect("page count");
    // "Page size:      432 x 648 pts"
    let size = field("Page size:");
    let nums: Vec<f64> = size
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    PdfInfo {
        pages,
        width_pt: nums[0],
        height_pt: nums[1],
    }
}

/// The TrimBox of page `page` as (x0, y0, x1, y1), if the PDF has one.
pub fn trim_box(pdf: &Path, page: usize) -> Option<[f64; 4]> {
    let p = page.to_string();
    let (_, out, _) = run("pdfinfo", &["-box", "-f", &p, "-l", &p, path_str(pdf)]);
    let line = out.lines().find(|l| l.contains("TrimBox:"))?;
    let (_, boxes) = line.split_once("TrimBox:")?;
    let nums: Vec<f64> = boxes
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    (nums.len() == 4).then(|| [nums[0], nums[1], nums[2], nums[3]])
}

/// Names of fonts that are not embedded (empty when all are).
pub fn unembedded_fonts(pdf: &Path) -> Vec<String> {
    let (ok, out, err) = run("pdffonts", &[path_str(pdf)]);
    assert!(ok, "pdffonts failed: {err}");
    let lines: Vec<&str> = out.lines().collect();
    let dashes = lines
        .iter()
        .position(|l| l.starts_with("---"))
        .expect("pdffonts table");
    let mut bad = Vec::new();
    let mut rows = 0;
    // Long font names push the columns right, so read from the end of each row:
    // ... emb sub uni object-number generation.
    for l in &lines[dashes + 1..] {
        rows += 1;
        let fields: Vec<&str> = l.split_whitespace().collect();
        if fields.len() < 6 || fields[fields.len() - 5] != "yes" {
            bad.push(l.to_string());
        }
    }
    assert!(rows > 0, "pdffonts lists no fonts");
    bad
}

pub fn qpdf_check(pdf: &Path) -> Result<(), String> {
    let (ok, out, err) = run("qpdf", &["--check", path_str(pdf)]);
    if ok && out.contains("No syntax or stream encoding errors") {
        Ok(())
    } else {
        Err(format!("{out}\n{err}"))
    }
}

#[derive(Debug, Clone)]
pub struct Word {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
    pub text: String,
}

#[derive(Debug)]
pub struct PageWords {
    pub width: f64,
    pub height: f64,
    pub words: Vec<Word>,
}

fn attr(tag: &str, name: &str) -> f64 {
    let key = format!("{name}=\"");
    let at = tag.find(&key).expect("attribute") + key.len();
    let end = tag[at..].find('"').expect("closing quote") + at;
    tag[at..end].parse().expect("number")
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Every word with its box, per page (`pdftotext -bbox-layout`).
pub fn words(pdf: &Path) -> Vec<PageWords> {
    let (ok, out, err) = run("pdftotext", &["-bbox-layout", path_str(pdf), "-"]);
    assert!(ok, "pdftotext -bbox-layout failed: {err}");
    let mut pages = Vec::new();
    for chunk in out.split("<page ").skip(1) {
        let head_end = chunk.find('>').expect("page tag");
        let head = &chunk[..head_end];
        let mut page = PageWords {
            width: attr(head, "width"),
            height: attr(head, "height"),
            words: Vec::new(),
        };
        for w in chunk.split("<word ").skip(1) {
            let tag_end = w.find('>').expect("word tag");
            let tag = &w[..tag_end];
            let text_end = w.find("</word>").expect("word end");
            page.words.push(Word {
                x0: attr(tag, "xMin"),
                y0: attr(tag, "yMin"),
                x1: attr(tag, "xMax"),
                y1: attr(tag, "yMax"),
                text: unescape(&w[tag_end + 1..text_end]),
            });
        }
        pages.push(page);
    }
    pages
}

/// Letters and digits only, lower case: compares text across hyphenation, ligatures,
/// smart quotes and line breaks.
pub fn normalize(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The body text of the book in reading order, without running heads and page numbers
/// (which sit in the top and bottom margins).
pub fn body_text(pages: &[PageWords], g: &Geometry) -> String {
    let pt = 72.0 / 25.4;
    let mut out = String::new();
    for p in pages {
        let top = (g.bleed_mm + g.top_mm) * pt;
        let bottom = p.height - (g.bleed_mm + g.bottom_mm) * pt;
        for w in &p.words {
            // By the word's middle: a big heading's ascenders reach above the text area.
            let middle = (w.y0 + w.y1) / 2.0;
            if middle >= top && middle <= bottom {
                out.push_str(&w.text);
                out.push(' ');
            }
        }
    }
    out
}

pub struct PrintExpect<'a> {
    pub settings: &'a BookSettings,
    /// Paragraphs that must appear, in this order.
    pub paragraphs: &'a [String],
    /// Headings that must open a right-hand page.
    pub right_hand_openers: &'a [String],
}

/// Checks a PDF the way a print service does; returns a one-line summary.
pub fn print_check(pdf: &Path, expect: &PrintExpect<'_>) -> String {
    let s = expect.settings;
    let info = pdfinfo(pdf);
    assert!(
        info.pages.is_multiple_of(2),
        "page count {} is odd",
        info.pages
    );
    assert!(
        (kdp::MIN_PAGES..=kdp::MAX_PAGES).contains(&info.pages),
        "page count {} outside 24-828",
        info.pages
    );
    let trim = s.trim_size().expect("trim");
    let bleed_in = if s.bleed { kdp::BLEED_IN } else { 0.0 };
    let want_w = (trim.width_in + bleed_in) * 72.0;
    let want_h = (trim.height_in + 2.0 * bleed_in) * 72.0;
    assert!(
        (info.width_pt - want_w).abs() < 0.6 && (info.height_pt - want_h).abs() < 0.6,
        "page size {} x {} pt, expected {want_w} x {want_h}",
        info.width_pt,
        info.height_pt
    );
    if s.bleed {
        let right = trim_box(pdf, 1).expect("TrimBox on a bleed PDF");
        let left = trim_box(pdf, 2).expect("TrimBox on a bleed PDF");
        assert!(
            right[0].abs() < 0.6,
            "right page trim starts at the binding: {right:?}"
        );
        assert!(
            (left[0] - 9.0).abs() < 0.6,
            "left page bleed is on the left: {left:?}"
        );
    }
    let bad = unembedded_fonts(pdf);
    assert!(bad.is_empty(), "fonts not embedded: {bad:?}");
    qpdf_check(pdf).expect("qpdf --check");

    let g = Geometry::new(s, info.pages).expect("geometry");
    let pages = words(pdf);
    assert_eq!(pages.len(), info.pages);
    let pt = 72.0 / 25.4;
    let bleed = g.bleed_mm * pt;
    // KDP measures the safe edge from the page edge: 0.25 in, or 0.375 in on a bleed
    // page (0.125 in of bleed plus the same 0.25 in).
    let min_edge = if s.bleed {
        kdp::MIN_OUTSIDE_BLEED_IN
    } else {
        kdp::MIN_OUTSIDE_IN
    } * 72.0;
    // Typst hangs punctuation (a final period or hyphen) slightly into the margin for
    // an optically straight edge: allow that, nothing more.
    let tol = 3.0;
    let mut hugs_gutter = 0;
    for (i, p) in pages.iter().enumerate() {
        let n = i + 1;
        let right_hand = !n.is_multiple_of(2);
        // Trim origin inside the media box: the bleed is on the outside edge.
        let x0 = if right_hand { 0.0 } else { bleed };
        let (left_m, right_m) = if right_hand {
            (g.inside_mm * pt, g.outside_mm * pt)
        } else {
            (g.outside_mm * pt, g.inside_mm * pt)
        };
        let (lo, hi) = (x0 + left_m - tol, x0 + g.trim_w_mm * pt - right_m + tol);
        for w in &p.words {
            assert!(
                w.x0 >= lo && w.x1 <= hi,
                "page {n}: {:?} at x {:.1}-{:.1} leaves the text area {lo:.1}-{hi:.1}",
                w.text,
                w.x0,
                w.x1
            );
            assert!(
                w.y0 >= min_edge - tol && w.y1 <= p.height - min_edge + tol,
                "page {n}: {:?} at y {:.1}-{:.1} is in the unsafe edge",
                w.text,
                w.y0,
                w.y1
            );
        }
        let gutter_side = if right_hand {
            p.words.iter().map(|w| w.x0).fold(f64::MAX, f64::min) - x0
        } else {
            x0 + g.trim_w_mm * pt - p.words.iter().map(|w| w.x1).fold(f64::MIN, f64::max)
        };
        if p.words.len() > 30 && (gutter_side - g.inside_mm * pt).abs() < 2.0 {
            hugs_gutter += 1;
        }
        // A page whose only text is a number is a blank page with a folio: not allowed.
        if p.words.len() == 1 && p.words[0].text.chars().all(|c| c.is_ascii_digit()) {
            panic!(
                "page {n} is blank but shows the page number {}",
                p.words[0].text
            );
        }
    }
    assert!(
        hugs_gutter > 0,
        "no page set its text against the (wider) inside margin"
    );

    // All the text, in order.
    let body = normalize(&body_text(&pages, &g));
    let mut at = 0;
    for para in expect.paragraphs {
        let needle = normalize(para);
        if needle.is_empty() {
            continue;
        }
        match body[at..].find(&needle) {
            Some(found) => at += found + needle.len(),
            None => {
                let prefix: String = needle.chars().take(60).collect();
                panic!(
                    "paragraph missing or out of order: {prefix}... (present anywhere: {})",
                    body.contains(&needle)
                )
            }
        }
    }
    for heading in expect.right_hand_openers {
        let first_words = normalize(heading);
        let page = pages.iter().position(|p| {
            let top: String = p.words.iter().take(12).map(|w| w.text.as_str()).collect();
            normalize(&top).starts_with(&first_words)
        });
        let page = page.unwrap_or_else(|| panic!("no page opens with {heading:?}"));
        assert!(
            page.is_multiple_of(2),
            "{heading:?} opens page {} (a left-hand page)",
            page + 1
        );
    }
    format!(
        "{} pages, {:.1} x {:.1} pt, gutter {:.3} in",
        info.pages,
        info.width_pt,
        info.height_pt,
        g.inside_mm / 25.4
    )
}

/// Page images for a person to look at.
pub fn render_pages(pdf: &Path, dir: &Path, first: usize, last: usize) {
    let prefix = dir.join("page");
    let (ok, _, err) = run(
        "pdftoppm",
        &[
            "-r",
            "60",
            "-png",
            "-f",
            &first.to_string(),
            "-l",
            &last.to_string(),
            path_str(pdf),
            path_str(&prefix),
        ],
    );
    assert!(ok, "pdftoppm failed: {err}");
}

/// epubcheck's verdict line, asserting 0 fatals, errors and warnings.
pub fn epubcheck(epub: &Path) -> String {
    let (_, out, err) = run("java", &["-jar", EPUBCHECK_JAR, path_str(epub)]);
    let all = format!("{out}\n{err}");
    let verdict = all
        .lines()
        .find(|l| l.starts_with("Messages:"))
        .unwrap_or("no verdict")
        .to_string();
    assert!(
        verdict.contains("0 fatals / 0 errors / 0 warnings"),
        "epubcheck on {}: {verdict}\n{all}",
        epub.display()
    );
    verdict
}
