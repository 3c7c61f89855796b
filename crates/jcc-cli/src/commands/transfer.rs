use super::CmdResult;
use crate::cli::{BookArgs, ExportFormat, ImportFormat};
use crate::output::Output;
use jcc_app::{App, BookFormat, ErrorCode, ExportInput, Format, ImportInput};
use std::path::PathBuf;
use std::process::ExitCode;

pub fn import(
    app: &App,
    path: PathBuf,
    journal: String,
    format: Option<ImportFormat>,
    partial: bool,
    out: &Output,
) -> CmdResult {
    let format = format.map(|f| match f {
        ImportFormat::Md => Format::Markdown,
        ImportFormat::Jrnl => Format::Jrnl,
        ImportFormat::Dayone => Format::DayOne,
        ImportFormat::Json => Format::Json,
    });
    let outcome = app.import(ImportInput {
        path,
        journal,
        format,
        partial,
    })?;
    out.print(&outcome, |o| {
        let mut s = format!(
            "Imported {} entries into \"{}\" ({} already there)",
            o.imported, o.journal_title, o.already_present
        );
        for p in &o.problems {
            s.push_str(&format!("\nskipped {}: {}", p.path.display(), p.reason));
        }
        s
    });
    // Some items were bad: the good ones are in, but scripts must know.
    if outcome.problems.is_empty() {
        Ok(ExitCode::SUCCESS)
    } else {
        Ok(ExitCode::from(ErrorCode::ImportFailed.exit_code() as u8))
    }
}

pub fn export(
    app: &App,
    journal: String,
    format: ExportFormat,
    dest: PathBuf,
    book: BookArgs,
    out: &Output,
) -> CmdResult {
    let format = match format {
        ExportFormat::Md => Format::Markdown,
        ExportFormat::Json => Format::Json,
        ExportFormat::Pdf => {
            return super::book::export(app, journal, BookFormat::Pdf, dest, book, out)
        }
        ExportFormat::Epub => {
            return super::book::export(app, journal, BookFormat::Epub, dest, book, out)
        }
    };
    super::book::reject_book_args(&book)?;
    let outcome = app.export(ExportInput {
        journal,
        format,
        out: dest,
    })?;
    out.print(&outcome, |o| {
        format!("Exported {} entries to {}", o.entries, o.out.display())
    });
    Ok(ExitCode::SUCCESS)
}
