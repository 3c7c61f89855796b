use super::CmdResult;
use crate::cli::EntryCmd;
use crate::input;
use crate::output::{local_time, Output};
use jcc_app::store::{Entry, EntryPatch};
use jcc_app::{AddEntry, App, AppError, ListEntries};
use std::process::ExitCode;

pub fn run(app: &App, cmd: EntryCmd, out: &Output) -> CmdResult {
    match cmd {
        EntryCmd::Add {
            journal,
            text,
            tags,
            star,
        } => {
            let date = input::date(text.date.as_deref())?;
            let body = input::body(text.body, "", app.config(), true)?.unwrap_or_default();
            if body.trim().is_empty() && text.title.as_deref().unwrap_or("").trim().is_empty() {
                return Err(AppError::invalid(
                    "the entry is empty, so nothing was saved",
                ));
            }
            let e = app.entry_add(AddEntry {
                journal,
                title: text.title.unwrap_or_default(),
                body,
                date,
                tags,
                starred: star,
                ..Default::default()
            })?;
            out.print(&e, |e| {
                format!("Saved entry {} ({} words)", e.id, e.word_count)
            });
        }
        EntryCmd::Edit {
            id,
            text,
            star,
            unstar,
        } => {
            let current = app.entry_show(id)?.entry;
            let nothing_else = text.title.is_none() && text.date.is_none() && !star && !unstar;
            let body = input::body(text.body, &current.body, app.config(), nothing_else)?;
            let patch = EntryPatch {
                title: text.title,
                body,
                date: input::date(text.date.as_deref())?.map(Some),
                starred: if star {
                    Some(true)
                } else if unstar {
                    Some(false)
                } else {
                    None
                },
                ..Default::default()
            };
            // From the version read above: text saved elsewhere meanwhile (the window,
            // another terminal) is merged with this edit, never overwritten by it.
            let saved = app.entry_save(id, patch, Some(current.version))?;
            out.print(&saved.entry, |e| {
                if saved.conflicts > 0 {
                    format!(
                        "Saved entry {} ({} words), merged with a change made meanwhile: {} paragraph(s) kept in both versions; review them, then `jcc entry reviewed {}`",
                        e.id, e.word_count, saved.conflicts, e.id
                    )
                } else if saved.merged {
                    format!(
                        "Saved entry {} ({} words), merged with a change made meanwhile (both are in `jcc entry history {}`)",
                        e.id, e.word_count, e.id
                    )
                } else if e.updated_at == current.updated_at {
                    format!("Entry {} unchanged", e.id)
                } else {
                    format!("Saved entry {} ({} words)", e.id, e.word_count)
                }
            });
        }
        EntryCmd::Reviewed { id } => {
            let e = app.entry_review_done(id)?;
            out.print(&e, |e| {
                format!("Entry {} is no longer marked for review", e.id)
            });
        }
        EntryCmd::Show { id } => {
            let d = app.entry_show(id)?;
            out.print(&d, |d| {
                let e = &d.entry;
                let mut s = String::new();
                if !e.title.is_empty() {
                    s.push_str(&format!("{}\n", out.bold(&e.title)));
                }
                let mut meta = vec![
                    format!("entry {}", e.id),
                    d.journal_title.clone(),
                    e.kind.to_string(),
                ];
                if let Some(day) = e.day {
                    meta.push(format!("day {day}"));
                }
                if let Some(date) = e.date {
                    meta.push(date.to_string());
                }
                meta.push(format!("{} words", e.word_count));
                if e.starred {
                    meta.push("★".into());
                }
                if e.review_merge {
                    meta.push(format!(
                        "review merge (`jcc entry reviewed {}` when done)",
                        e.id
                    ));
                }
                if !e.tags.is_empty() {
                    meta.push(
                        e.tags
                            .iter()
                            .map(|t| format!("#{t}"))
                            .collect::<Vec<_>>()
                            .join(" "),
                    );
                }
                s.push_str(&out.dim(&meta.join(" · ")));
                s.push_str("\n\n");
                if !e.prompt.is_empty() {
                    s.push_str(&format!("> {}\n\n", e.prompt));
                }
                s.push_str(&e.body);
                if !d.attachments.is_empty() {
                    s.push_str(&format!(
                        "\n\nAttachments: {}",
                        d.attachments
                            .iter()
                            .map(|a| a.filename.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ));
                }
                s
            });
        }
        EntryCmd::List {
            journal,
            limit,
            on_this_day: true,
            date,
            // clap refuses these beside --on-this-day.
            ..
        } => {
            let date = input::date(date.as_deref())?;
            let mut list = app.on_this_day(journal.as_deref(), date)?;
            if let Some(limit) = limit.and_then(|l| usize::try_from(l).ok()) {
                list.truncate(limit);
            }
            let day = date.unwrap_or_else(App::today);
            out.print(&list, |l| on_this_day_text(l, day, out));
        }
        EntryCmd::List {
            journal,
            tag,
            starred,
            trashed,
            limit,
            on_this_day: false,
            date: _,
        } => {
            let list = app.entry_list(ListEntries {
                journal,
                tag,
                starred: starred.then_some(true),
                trashed,
                limit,
            })?;
            out.print(&list, |l| {
                if l.is_empty() {
                    return "No entries.".into();
                }
                l.iter()
                    .map(|e| line(e, out))
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        EntryCmd::Trash { id } => {
            let e = app.entry_trash(id)?;
            out.print(&e, |e| {
                format!(
                    "Moved entry {} to the trash (undo: jcc entry restore {})",
                    e.id, e.id
                )
            });
        }
        EntryCmd::Restore { id } => {
            let e = app.entry_restore(id)?;
            out.print(&e, |e| format!("Restored entry {}", e.id));
        }
        EntryCmd::Purge { id, confirm } => return super::purge::entry(app, id, confirm, out),
        EntryCmd::Attach { id, file } => {
            let a = app.entry_attach_file(id, &file, false)?;
            out.print(&a, |a| {
                format!("Attached {} ({} bytes) to entry {id}", a.filename, a.size)
            });
        }
        EntryCmd::History { id } => {
            let revs = app.entry_history(id)?;
            out.print(&revs, |revs| {
                if revs.is_empty() {
                    return format!("Entry {id} has no earlier versions.");
                }
                let mut s = out.bold(&format!(
                    "{:>5}  {:<16}  {:<7} {:>6}  {}\n",
                    "rev", "saved", "by", "words", "title"
                ));
                for r in revs {
                    s.push_str(&format!(
                        "{:>5}  {:<16}  {:<7} {:>6}  {}\n",
                        r.id,
                        local_time(r.created_at),
                        r.origin,
                        r.word_count,
                        r.title
                    ));
                }
                s
            });
        }
        EntryCmd::Diff { id, revision } => {
            let diff = app.entry_diff(id, revision)?;
            out.print(
                &serde_json::json!({ "entry_id": id, "revision": revision, "diff": diff }),
                |_| {
                    if diff.is_empty() {
                        "No differences.".into()
                    } else {
                        diff.clone()
                    }
                },
            );
        }
        EntryCmd::Revert { id, revision } => {
            let e = app.entry_revert(id, revision)?;
            out.print(&e, |e| format!("Entry {} is back to revision {revision} (the text it replaced is kept in its history)", e.id));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// One entry on one line: id, date or day, title or first words, tags.
/// "On this day" as text: a heading naming the day, then the entries under "N years ago".
fn on_this_day_text(list: &[Entry], day: chrono::NaiveDate, out: &Output) -> String {
    use chrono::Datelike;
    let heading = format!("On this day, {}", day.format("%-d %B"));
    if list.is_empty() {
        return format!("{heading}: nothing from earlier years yet.");
    }
    let mut text = out.bold(&heading);
    let mut year = None;
    for e in list {
        let y = e.date.map(|d| d.year());
        if y != year {
            year = y;
            let ago = y.map_or(0, |y| day.year() - y);
            let label = if ago == 1 {
                "1 year ago".to_owned()
            } else {
                format!("{ago} years ago")
            };
            text.push_str(&format!("\n{}", out.dim(&label)));
        }
        text.push('\n');
        text.push_str(&line(e, out));
    }
    text
}

pub fn line(e: &Entry, out: &Output) -> String {
    let when = match (e.date, e.day) {
        (_, Some(day)) => format!("day {day:>2}"),
        (Some(d), None) => d.to_string(),
        (None, None) => e.kind.to_string(),
    };
    let title = if e.title.is_empty() {
        e.body
            .split_whitespace()
            .take(8)
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        e.title.clone()
    };
    let star = if e.starred { " ★" } else { "" };
    let tags = e.tags.iter().map(|t| format!(" #{t}")).collect::<String>();
    format!(
        "{:>5}  {:<10}  {}{star}{}",
        e.id,
        when,
        title,
        out.dim(&tags)
    )
}
