//! `jcc entry purge`, `jcc journal purge`, `jcc trash empty`: deleting for good.

use super::CmdResult;
use crate::cli::{Confirm, TrashCmd};
use crate::output::{local_time, Output};
use jcc_app::store::PurgeOutcome;
use jcc_app::{App, AppError};
use std::io::{BufRead, IsTerminal, Write};
use std::process::ExitCode;

pub fn entry(app: &App, id: i64, confirm: Confirm, out: &Output) -> CmdResult {
    let e = app.entry_show(id)?.entry;
    let what = if e.title.is_empty() {
        format!("entry {id}")
    } else {
        format!("entry {id} \"{}\"", e.title)
    };
    ask(&format!("Delete {what} for good?"), &confirm, out)?;
    let outcome = app.entry_purge(id)?;
    report(&outcome, &format!("Deleted {what} for good"), out)
}

pub fn journal(app: &App, key: &str, confirm: Confirm, out: &Output) -> CmdResult {
    let j = app.journal_find(key)?;
    ask(
        &format!(
            "Delete journal \"{}\" and its {} entries for good?",
            j.title, j.entry_count
        ),
        &confirm,
        out,
    )?;
    let outcome = app.journal_purge(key)?;
    report(
        &outcome,
        &format!("Deleted journal \"{}\" for good", j.title),
        out,
    )
}

pub fn trash(app: &App, cmd: TrashCmd, out: &Output) -> CmdResult {
    let TrashCmd::Empty { confirm } = cmd;
    ask("Delete everything in the trash for good?", &confirm, out)?;
    let outcome = app.trash_empty()?;
    report(&outcome, "Emptied the trash", out)
}

/// Asks on a terminal; elsewhere (a script, a pipe) `--yes` must say it.
pub(crate) fn ask(question: &str, confirm: &Confirm, out: &Output) -> Result<(), AppError> {
    if confirm.yes {
        return Ok(());
    }
    let stdin = std::io::stdin();
    if !stdin.is_terminal() || out.json {
        return Err(AppError::invalid(format!(
            "{question} This can't be undone: add --yes to go ahead"
        )));
    }
    let mut stderr = std::io::stderr().lock();
    let _ = write!(stderr, "{question} This can't be undone. [y/N] ");
    let _ = stderr.flush();
    let mut answer = String::new();
    let _ = stdin.lock().read_line(&mut answer);
    if matches!(answer.trim(), "y" | "Y" | "yes" | "Yes") {
        Ok(())
    } else {
        Err(AppError::new(
            jcc_app::ErrorCode::Cancelled,
            "nothing was deleted",
        ))
    }
}

fn report(outcome: &PurgeOutcome, done: &str, out: &Output) -> CmdResult {
    out.print(outcome, |o| {
        let mut s = format!(
            "{done}: {} entries, {} journals, {} attached files removed; no copy is left in the library file.\n",
            o.entries, o.journals, o.files
        );
        if !o.log_emptied {
            s.push_str(
                "Another program (the window?) has the library open, so its write-ahead log may \
                 still hold the deleted text until that program closes.\n",
            );
        }
        if !o.backups_holding.is_empty() {
            s.push_str(&format!(
                "{} backups taken before still hold deleted text:\n",
                o.backups_holding.len()
            ));
            for b in &o.backups_holding {
                s.push_str(&format!(
                    "  {}  {}  {}\n",
                    local_time(b.taken_at),
                    super::backup::size(b.size_bytes),
                    b.path.display()
                ));
            }
            s.push_str("Remove them with: jcc backup prune --all-before-purge\n");
        }
        s
    });
    Ok(ExitCode::SUCCESS)
}
