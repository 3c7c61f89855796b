//! `jcc export --format pdf|epub` and `jcc author`: files a print service and an ebook
//! store accept, checked with poppler, qpdf and epubcheck (a loud skip without them,
//! a failure under `JCC_REQUIRE_PRINT_TOOLS=1`).

mod common;

use common::Jcc;
use std::path::Path;
use std::process::Command;

const GUIDED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../jcc-book/tests/fixtures/guided-30.json"
);

/// The standard output of a tool that must succeed.
fn tool(cmd: &str, args: &[&str]) -> String {
    let out = Command::new(cmd)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{cmd} did not run: {e}"));
    assert!(
        out.status.success(),
        "{cmd} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn pages(pdf: &Path) -> usize {
    let info = tool("pdfinfo", &[pdf.to_str().unwrap()]);
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no page count: {info}"))
}

#[test]
fn guided_journal_to_pdf_and_epub() {
    let jcc = Jcc::new();
    jcc.ok(&["import", GUIDED, "--journal", "Gratitude"]);
    let profile = jcc.json(&[
        "author",
        "set",
        "--name",
        "Maren Okafor",
        "--year",
        "2026",
        "--imprint",
        "Quiet Harbour Press",
    ]);
    assert_eq!(profile["name"], "Maren Okafor");
    assert!(jcc.ok(&["author", "show"]).contains("Quiet Harbour Press"));
    jcc.fails(&["author", "set", "--isbn", "12345"], 2);

    let pdf = jcc.path("gratitude.pdf");
    let out = jcc.json(&[
        "export",
        "Gratitude",
        "--format",
        "pdf",
        "--trim",
        "5x8",
        "--bleed",
        "-o",
        pdf.to_str().unwrap(),
    ]);
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let n = out["pages"].as_u64().unwrap() as usize;
    assert!(n.is_multiple_of(2) && n >= 24, "{n} pages");
    assert_eq!(out["entries"], 33);
    if jcc_testkit::pdf_tools() {
        assert_eq!(pages(&pdf), n);
        let info = tool("pdfinfo", &[pdf.to_str().unwrap()]);
        let size: Vec<f64> = info
            .lines()
            .find_map(|l| l.strip_prefix("Page size:"))
            .unwrap()
            .split_whitespace()
            .filter_map(|w| w.parse().ok())
            .collect();
        assert!(
            (size[0] - 369.0).abs() < 0.6 && (size[1] - 594.0).abs() < 0.6,
            "5x8 + bleed: {info}"
        );
        let text = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
        assert!(text.contains("Maren Okafor") && text.contains("Quiet Harbour Press"));
        tool("qpdf", &["--check", pdf.to_str().unwrap()]);
    }

    let epub = jcc.path("gratitude.epub");
    let text = jcc.ok(&[
        "export",
        "Gratitude",
        "--format",
        "epub",
        "-o",
        epub.to_str().unwrap(),
    ]);
    assert!(text.contains("Exported 33 entries"), "{text}");
    assert!(std::fs::read(&epub).unwrap().starts_with(b"PK"));
    if jcc_testkit::epubcheck() {
        let out = Command::new("java")
            .args(["-jar", jcc_testkit::EPUBCHECK_JAR, epub.to_str().unwrap()])
            .output()
            .unwrap();
        let all = String::from_utf8_lossy(&out.stdout).into_owned()
            + &String::from_utf8_lossy(&out.stderr);
        assert!(all.contains("0 fatals / 0 errors / 0 warnings"), "{all}");
    }
}

#[test]
fn diary_selection_and_bad_options() {
    let jcc = Jcc::new();
    jcc.ok(&["journal", "new", "Harbour"]);
    for (day, tag) in [
        ("2026-03-01", "walk"),
        ("2026-03-02", "work"),
        ("2026-04-10", "walk"),
    ] {
        jcc.ok(&[
            "entry",
            "add",
            "--journal",
            "Harbour",
            "--date",
            day,
            "--tag",
            tag,
            "--body",
            &format!("# {day}\n\nA *day* by the sea."),
        ]);
    }
    let pdf = jcc.path("march.pdf");
    let out = jcc.json(&[
        "export",
        "Harbour",
        "--format",
        "pdf",
        "--from",
        "2026-03-01",
        "--to",
        "2026-03-31",
        "--tag",
        "walk",
        "-o",
        pdf.to_str().unwrap(),
    ]);
    assert_eq!(out["entries"], 1);
    assert_eq!(out["pages"], 24, "padded to KDP's minimum");
    assert!(out["warnings"][0].as_str().unwrap().contains("Notes pages"));

    // Options that cannot work get exit code 2 and a sentence saying why.
    let err = jcc.fails(
        &[
            "export",
            "Harbour",
            "--format",
            "md",
            "--trim",
            "6x9",
            "-o",
            jcc.path("md").to_str().unwrap(),
        ],
        2,
    );
    assert!(err.contains("--trim is for --format pdf or epub"), "{err}");
    let err = jcc.fails(
        &[
            "export",
            "Harbour",
            "--format",
            "pdf",
            "--trim",
            "9x6",
            "-o",
            pdf.to_str().unwrap(),
        ],
        2,
    );
    assert!(err.contains("unknown trim size"), "{err}");
    let err = jcc.fails(
        &[
            "export",
            "Harbour",
            "--format",
            "pdf",
            "--line-spacing",
            "wide",
            "-o",
            pdf.to_str().unwrap(),
        ],
        2,
    );
    assert!(err.contains("not a length"), "{err}");
    jcc.fails(
        &[
            "export",
            "Harbour",
            "--format",
            "pdf",
            "--from",
            "2030-01-01",
            "-o",
            pdf.to_str().unwrap(),
        ],
        3,
    );
    let err = jcc.fails(
        &[
            "export",
            "Harbour",
            "--format",
            "epub",
            "-o",
            jcc.path("no/such/dir/x.epub").to_str().unwrap(),
        ],
        7,
    );
    assert!(err.contains("does not exist"), "{err}");
}
