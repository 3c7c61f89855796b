//! `jcc export --format pdf|epub` and its progress line.

use super::CmdResult;
use crate::cli::BookArgs;
use crate::input;
use crate::output::Output;
use jcc_app::{
    App, AppError, BookExportInput, BookFormat, BookProgress, BookStage, SettingsOverride,
};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Books shorter than this finish too fast for a progress line to help.
const LONG_BOOK_ENTRIES: usize = 50;

pub fn export(
    app: &App,
    journal: String,
    format: BookFormat,
    dest: PathBuf,
    book: BookArgs,
    out: &Output,
) -> CmdResult {
    let input = BookExportInput {
        journal,
        format,
        out: dest,
        settings: SettingsOverride {
            trim: book.trim,
            bleed: book.bleed.then_some(true),
            line_spacing: book.line_spacing,
        },
        from: input::date(book.from.as_deref())?,
        to: input::date(book.to.as_deref())?,
        tag: book.tag,
    };
    let mut reporter = Reporter::new(!out.json);
    let outcome = app.export_book(input, &mut |p| reporter.report(p))?;
    reporter.finish();
    out.print(&outcome, |o| {
        let mut s = match o.pages {
            Some(pages) => format!(
                "Exported {} entries to {} ({pages} pages, {} KB)",
                o.entries,
                o.out.display(),
                o.bytes / 1024
            ),
            None => format!(
                "Exported {} entries to {} ({} KB)",
                o.entries,
                o.out.display(),
                o.bytes / 1024
            ),
        };
        for w in &o.warnings {
            s.push_str(&format!("\nwarning: {w}"));
        }
        s
    });
    Ok(ExitCode::SUCCESS)
}

/// Markdown and JSON exports copy the whole journal; book options make no sense there.
pub fn reject_book_args(book: &BookArgs) -> Result<(), AppError> {
    let given = [
        ("--trim", book.trim.is_some()),
        ("--bleed", book.bleed),
        ("--line-spacing", book.line_spacing.is_some()),
        ("--from", book.from.is_some()),
        ("--to", book.to.is_some()),
        ("--tag", book.tag.is_some()),
    ];
    match given.iter().find(|(_, set)| *set) {
        Some((flag, _)) => Err(AppError::invalid(format!(
            "{flag} is for --format pdf or epub; md and json export the whole journal"
        ))),
        None => Ok(()),
    }
}

/// Progress on stderr for long books: one updating line on a terminal, a line per
/// stage otherwise.
struct Reporter {
    enabled: bool,
    long: Option<bool>,
    tty: bool,
    last: Option<(BookStage, usize)>,
    dirty: bool,
}

impl Reporter {
    fn new(enabled: bool) -> Self {
        Self {
            enabled,
            long: None,
            tty: std::io::stderr().is_terminal(),
            last: None,
            dirty: false,
        }
    }

    fn report(&mut self, p: &BookProgress) {
        if !self.enabled {
            return;
        }
        let long = *self
            .long
            .get_or_insert(p.stage == BookStage::Prepare && p.total >= LONG_BOOK_ENTRIES);
        if !long {
            return;
        }
        let text = match p.stage {
            BookStage::Prepare => format!("Reading entries {}/{}", p.done, p.total),
            BookStage::Layout => format!("Laying out pages (pass {})", p.done),
            BookStage::WritePdf => "Writing the PDF".to_string(),
            BookStage::WriteEpub => format!("Writing sections {}/{}", p.done, p.total),
        };
        let mut err = std::io::stderr().lock();
        if self.tty {
            let _ = write!(err, "\r\x1b[2K{text}");
            let _ = err.flush();
            self.dirty = true;
        } else {
            // Without a terminal, only stage changes and layout passes get a line.
            let key = (
                p.stage,
                if p.stage == BookStage::Layout {
                    p.done
                } else {
                    0
                },
            );
            if self.last != Some(key) {
                let _ = writeln!(err, "{text}");
                self.last = Some(key);
            }
        }
    }

    fn finish(&mut self) {
        if self.dirty {
            let _ = write!(std::io::stderr(), "\r\x1b[2K");
        }
    }
}
