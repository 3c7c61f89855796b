//! `jcc sync login|setup|unlock|now|status|exclude|include|logout|delete-cloud-data`.

use super::CmdResult;
use crate::cli::SyncCmd;
use crate::output::{local_time, Output};
use jcc_app::{App, AppError, ErrorCode, Secret, SyncStatus};
use std::io::Read;
use std::process::ExitCode;
use std::time::Duration;
use zeroize::Zeroizing;

pub fn run(app: &App, cmd: SyncCmd, out: &Output) -> CmdResult {
    match cmd {
        SyncCmd::Login {
            server,
            no_browser,
            timeout,
            login_hint,
        } => {
            let signed = app.sync_login(
                &server,
                login_hint.as_deref(),
                Duration::from_secs(timeout),
                |url| {
                    if no_browser || opener::open_browser(url.as_str()).is_err() {
                        // On a line of its own, so a script (or a writer) can take it.
                        eprintln!("Open this address in a browser to sign in:");
                        eprintln!("{url}");
                    } else {
                        eprintln!("Your browser opened the sign-in page; finish there.");
                    }
                },
            )?;
            out.print(&signed, |s| {
                if s.account_has_keys {
                    format!(
                        "Signed in to {}. Unlock this device: jcc sync unlock --passphrase-stdin (or --recovery-key-stdin)",
                        s.server
                    )
                } else {
                    format!(
                        "Signed in to {}. This is the account's first device: jcc sync setup --passphrase-stdin",
                        s.server
                    )
                }
            });
        }
        SyncCmd::Setup { passphrase_stdin } => {
            let passphrase = passphrase_stdin
                .then(|| stdin_secret("passphrase"))
                .transpose()?;
            let set = app.sync_setup(passphrase.as_deref().map(|p| p.as_str()))?;
            out.print(&set, |s| {
                format!(
                    "Your recovery key (shown only now: write it down or print it, and keep it safe;\n\
                     it unlocks your journals on a new device if you forget the passphrase):\n\n  {}\n",
                    s.recovery_key
                )
            });
        }
        SyncCmd::Unlock {
            passphrase_stdin,
            recovery_key_stdin,
        } => {
            let secret = if recovery_key_stdin {
                Secret::RecoveryKey(stdin_secret("recovery key")?)
            } else {
                debug_assert!(passphrase_stdin);
                Secret::Passphrase(stdin_secret("passphrase")?)
            };
            app.sync_unlock(secret)?;
            out.print(&serde_json::json!({"unlocked": true}), |_| {
                "Unlocked: this device can sync now (jcc sync now).".into()
            });
        }
        SyncCmd::Now { allow_mass_delete } => {
            let outcome = app.sync_now(allow_mass_delete)?;
            out.print(&outcome, |o| {
                let mut text = format!(
                    "Synced: {} sent, {} received, {} merged",
                    o.pushed, o.pulled, o.merged
                );
                if o.review > 0 {
                    text.push_str(&format!(
                        "; {} to review (both versions of a paragraph were kept: see `jcc entry list`)",
                        o.review
                    ));
                }
                if o.rejected > 0 {
                    text.push_str(&format!(
                        "; {} revisions from the server failed their check and were not applied",
                        o.rejected
                    ));
                }
                text
            });
        }
        SyncCmd::Status => {
            let status = app.sync_status()?;
            out.print(&status, describe);
        }
        SyncCmd::Exclude { journal } => {
            let title = app.sync_keep_here(&journal, true)?;
            out.print(
                &serde_json::json!({"journal": title, "kept_here": true}),
                |_| format!("\"{title}\" stays on this device only."),
            );
        }
        SyncCmd::Include { journal } => {
            let title = app.sync_keep_here(&journal, false)?;
            out.print(
                &serde_json::json!({"journal": title, "kept_here": false}),
                |_| format!("\"{title}\" syncs again."),
            );
        }
        SyncCmd::Logout => {
            app.sync_logout()?;
            out.print(&serde_json::json!({"signed_in": false}), |_| {
                "Signed out. Your library on this device keeps every word.".into()
            });
        }
        SyncCmd::DeleteCloudData { yes } => {
            if !yes {
                return Err(AppError::invalid(
                    "this deletes every journal this account stored on the sync server (your library here stays); add --yes to do it",
                ));
            }
            app.sync_delete_cloud_data()?;
            out.print(&serde_json::json!({"deleted": true}), |_| {
                "Everything this account stored on the server is deleted, and this device is signed out.".into()
            });
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn stdin_secret(what: &str) -> Result<Zeroizing<String>, AppError> {
    let mut text = Zeroizing::new(String::new());
    std::io::stdin().read_to_string(&mut text).map_err(|e| {
        AppError::new(
            ErrorCode::Io,
            format!("can't read the {what} from stdin: {e}"),
        )
    })?;
    let trimmed = Zeroizing::new(text.trim_end_matches(['\r', '\n']).to_string());
    if trimmed.trim().is_empty() {
        return Err(AppError::invalid(format!("no {what} on stdin")));
    }
    Ok(trimmed)
}

fn describe(s: &SyncStatus) -> String {
    let mut lines = vec![match (&s.server, s.signed_in, s.unlocked) {
        (None, _, _) => "Not signed in to a sync server (jcc sync login --server URL).".to_string(),
        (Some(url), false, _) => format!("Signed out of {url}: sign in again with jcc sync login."),
        (Some(url), true, false) => {
            format!("Signed in to {url}, but locked: jcc sync unlock (or jcc sync setup on the first device).")
        }
        (Some(url), true, true) => format!("Syncing with {url}."),
    }];
    lines.push(format!("Waiting to be sent: {}", s.outbox));
    lines.push(format!(
        "Last sync: {}",
        s.last_sync
            .map(local_time)
            .unwrap_or_else(|| "never".into())
    ));
    if !s.kept_here.is_empty() {
        lines.push(format!(
            "Kept on this device only: {}",
            s.kept_here.join(", ")
        ));
    }
    if s.review > 0 {
        lines.push(format!("Entries to review after a merge: {}", s.review));
    }
    lines.join("\n")
}
