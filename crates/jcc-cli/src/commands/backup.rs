//! `jcc backup list|prune`.

use super::CmdResult;
use crate::cli::BackupCmd;
use crate::output::{local_time, Output};
use jcc_app::{App, AppError, BackupPrune};
use std::process::ExitCode;

pub fn run(app: &App, cmd: BackupCmd, out: &Output) -> CmdResult {
    match cmd {
        BackupCmd::List => {
            let list = app.backup_list()?;
            out.print(&list, |l| {
                if l.is_empty() {
                    return "No backups yet (one is taken every day the library is open).".into();
                }
                let mut s = String::new();
                for b in l {
                    s.push_str(&format!(
                        "{}  {:>9}  {:<13} {}{}\n",
                        local_time(b.taken_at),
                        size(b.size_bytes),
                        b.reason,
                        b.path.display(),
                        if b.holds_purged > 0 {
                            format!("  (still holds {} deleted items)", b.holds_purged)
                        } else {
                            String::new()
                        }
                    ));
                }
                if l.iter().any(|b| b.holds_purged > 0) {
                    s.push_str("Remove the ones holding deleted text with: jcc backup prune --all-before-purge\n");
                }
                s
            });
        }
        BackupCmd::Prune {
            before,
            all_before_purge,
            confirm,
        } => {
            let before = before.as_deref().map(start_of_day).transpose()?;
            let what = match (before, all_before_purge) {
                (Some(_), true) => "backups taken before that date and those holding deleted text",
                (Some(_), false) => "the backups taken before that date",
                _ => "every backup that still holds deleted text",
            };
            super::purge::ask(&format!("Remove {what}?"), &confirm, out)?;
            let removed = app.backup_prune(BackupPrune {
                before,
                holding_purged: all_before_purge,
            })?;
            out.print(&removed, |r| {
                let mut s = format!("Removed {} backups\n", r.len());
                for b in r {
                    s.push_str(&format!("  {}\n", b.path.display()));
                }
                s
            });
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Midnight at the start of a date in the writer's time zone, as ms since the epoch.
fn start_of_day(date: &str) -> Result<i64, AppError> {
    let day = crate::input::date(Some(date))?
        .ok_or_else(|| AppError::invalid("give a date like 2026-03-01"))?;
    day.and_hms_opt(0, 0, 0)
        .and_then(|t| t.and_local_timezone(chrono::Local).earliest())
        .map(|t| t.timestamp_millis())
        .ok_or_else(|| AppError::invalid(format!("{date} has no midnight here")))
}

/// Bytes as people read them.
pub(crate) fn size(bytes: u64) -> String {
    match bytes {
        b if b >= 1024 * 1024 => format!("{:.1} MiB", b as f64 / (1024.0 * 1024.0)),
        b if b >= 1024 => format!("{:.0} KiB", b as f64 / 1024.0),
        b => format!("{b} B"),
    }
}
