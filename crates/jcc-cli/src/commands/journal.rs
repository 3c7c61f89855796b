use super::CmdResult;
use crate::cli::{JournalCmd, KindArg};
use crate::output::{local_time, Output};
use jcc_app::store::{Journal, JournalKind};
use jcc_app::{App, NewJournalInput};
use std::process::ExitCode;

pub fn run(app: &App, cmd: JournalCmd, out: &Output) -> CmdResult {
    match cmd {
        JournalCmd::New {
            title,
            kind,
            subtitle,
            theme,
            voice,
        } => {
            let j = app.journal_new(NewJournalInput {
                title,
                kind: Some(match kind {
                    KindArg::Diary => JournalKind::Diary,
                    KindArg::Guided => JournalKind::Guided,
                }),
                subtitle,
                theme,
                author_voice: voice,
            })?;
            out.print(&j, |j| format!("Created journal {} \"{}\"", j.id, j.title));
        }
        JournalCmd::List { trashed } => {
            let list = app.journal_list(trashed)?;
            out.print(&list, |l| table(l, out));
        }
        JournalCmd::Show { journal } => {
            let d = app.journal_show(&journal)?;
            out.print(&d, |d| {
                let j = &d.journal;
                let mut s = format!("{}\n", out.bold(&j.title));
                if !j.subtitle.is_empty() {
                    s.push_str(&format!("{}\n", j.subtitle));
                }
                s.push_str(&out.dim(&format!(
                    "id {} · {} · {} entries · {} words · updated {}\n",
                    j.id,
                    j.kind,
                    j.entry_count,
                    j.word_count,
                    local_time(j.updated_at)
                )));
                for e in &d.entries {
                    s.push_str(&super::entry::line(e, out));
                    s.push('\n');
                }
                s
            });
        }
        JournalCmd::Rename { journal, title } => {
            let j = app.journal_rename(&journal, &title)?;
            out.print(&j, |j| {
                format!("Renamed journal {} to \"{}\"", j.id, j.title)
            });
        }
        JournalCmd::Trash { journal } => {
            let j = app.journal_trash(&journal)?;
            out.print(&j, |j| {
                format!(
                    "Moved \"{}\" to the trash (undo: jcc journal restore {})",
                    j.title, j.id
                )
            });
        }
        JournalCmd::Purge { journal, confirm } => {
            return super::purge::journal(app, &journal, confirm, out)
        }
        JournalCmd::Restore { journal } => {
            let j = app.journal_restore(&journal)?;
            out.print(&j, |j| format!("Restored \"{}\"", j.title));
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn table(list: &[Journal], out: &Output) -> String {
    if list.is_empty() {
        return "No journals yet. Start one: jcc journal new \"Morning Pages\"".into();
    }
    let mut s = out.bold(&format!(
        "{:>4}  {:<7} {:>7} {:>8}  {}\n",
        "id", "kind", "entries", "words", "title"
    ));
    for j in list {
        s.push_str(&format!(
            "{:>4}  {:<7} {:>7} {:>8}  {}\n",
            j.id, j.kind, j.entry_count, j.word_count, j.title
        ));
    }
    s
}
