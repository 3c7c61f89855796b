use super::CmdResult;
use crate::cli::TagCmd;
use crate::output::Output;
use jcc_app::{App, TagChange};
use std::process::ExitCode;

pub fn run(app: &App, cmd: TagCmd, out: &Output) -> CmdResult {
    match cmd {
        TagCmd::List => {
            let tags = app.tag_list()?;
            out.print(&tags, |tags| {
                if tags.is_empty() {
                    return "No tags yet.".into();
                }
                tags.iter()
                    .map(|t| format!("{:>6}  #{}", t.entries, t.name))
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        TagCmd::Add { entry, tags } => {
            let e = app.entry_tag(
                entry,
                TagChange {
                    add: tags,
                    remove: vec![],
                },
            )?;
            out.print(&e, |e| {
                format!("Entry {} tags: {}", e.id, e.tags.join(", "))
            });
        }
        TagCmd::Remove { entry, tags } => {
            let e = app.entry_tag(
                entry,
                TagChange {
                    add: vec![],
                    remove: tags,
                },
            )?;
            out.print(&e, |e| {
                format!("Entry {} tags: {}", e.id, e.tags.join(", "))
            });
        }
        TagCmd::Rename { from, to } => {
            let n = app.tag_rename(&from, &to)?;
            out.print(
                &serde_json::json!({ "from": from, "to": to, "entries": n }),
                |_| format!("Renamed #{from} to #{to} on {n} entries"),
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
