use super::CmdResult;
use crate::cli::{BookArgs, ExportFormat, ImportFormat};
use crate::output::Output;
use jcc_app::{App, BookFormat, ErrorCode, ExportInput, Format, ImportInput, ImportOutcome};
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
        if let Some(line) = dates_line(o) {
            s.push('\n');
            s.push_str(&line);
        }
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

/// Where the entries' days came from, for formats that can say it several ways: a writer
/// who sees "no entry had a date" knows before opening the book that something is off.
fn dates_line(o: &ImportOutcome) -> Option<String> {
    let total = o.dates_from.iter().map(|d| d.entries).sum::<usize>() + o.undated;
    if o.dates_from.is_empty() {
        return (o.format == Format::Markdown && total > 0).then(|| {
            "No entry had a date: none of the files has a date, created, created_at or \
             creation_date field in its front matter, or a YYYY-MM-DD in its name"
                .to_owned()
        });
    }
    let from: Vec<String> = o
        .dates_from
        .iter()
        .map(|d| match d.field.as_str() {
            "file name" => format!("the file name ({})", d.entries),
            field => format!("front matter `{field}` ({})", d.entries),
        })
        .collect();
    let mut line = format!("Dates from {}", from.join(", "));
    if o.undated > 0 {
        line.push_str(&format!("; {} entries have no date", o.undated));
    }
    Some(line)
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
