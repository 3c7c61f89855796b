use super::CmdResult;
use crate::cli::RemindCmd;
use crate::output::Output;
use jcc_app::store::Reminder;
use jcc_app::{App, SetReminder};
use std::process::ExitCode;

const DAY_NAMES: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

fn days(r: &Reminder) -> String {
    match r.weekdays.as_slice() {
        [1, 2, 3, 4, 5, 6, 7] => "every day".into(),
        [1, 2, 3, 4, 5] => "weekdays".into(),
        [6, 7] => "weekends".into(),
        list => list
            .iter()
            .filter_map(|d| DAY_NAMES.get(usize::from(*d).wrapping_sub(1)))
            .copied()
            .collect::<Vec<_>>()
            .join(", "),
    }
}

pub fn run(app: &App, cmd: RemindCmd, out: &Output) -> CmdResult {
    match cmd {
        RemindCmd::Set {
            journal,
            at,
            days: d,
        } => {
            let r = app.reminder_set(SetReminder {
                journal,
                at,
                days: d,
            })?;
            out.print(&r, |r| {
                format!(
                    "Reminder set: write in {} at {}, {}. It shows while the desktop app is open, \
                     and not on a day you have already written in it.",
                    r.journal_title,
                    r.at,
                    days(r)
                )
            });
        }
        RemindCmd::List => {
            let list = app.reminder_list()?;
            out.print(&list, |l| {
                if l.is_empty() {
                    return "No reminders. Set one with `jcc remind set --journal TITLE --at 08:30`."
                        .into();
                }
                l.iter()
                    .map(|r| format!("{}  {:<12}  {}", r.at, days(r), r.journal_title))
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        RemindCmd::Remove { journal } => {
            let removed = app.reminder_remove(&journal)?;
            out.print(&removed, |removed| {
                if *removed {
                    format!("Removed the reminder of {journal}")
                } else {
                    format!("{journal} had no reminder")
                }
            });
        }
    }
    Ok(ExitCode::SUCCESS)
}
