use super::CmdResult;
use crate::output::Output;
use jcc_app::{App, AppPaths, DoctorOptions};
use std::process::ExitCode;

pub fn run(paths: &AppPaths, rebuild_index: bool, restore_backup: bool, out: &Output) -> CmdResult {
    let outcome = App::doctor(
        paths,
        &DoctorOptions {
            rebuild_index,
            restore_backup,
        },
    )?;
    let healthy = outcome.report.healthy();
    out.print(&outcome, |o| {
        let r = &o.report;
        let mut s = String::new();
        if let (Some(from), Some(kept)) = (&o.restored_from, &o.damaged_copy) {
            s.push_str(&format!(
                "Restored {}\n(the damaged file is kept as {})\n\n",
                from.display(),
                kept.display()
            ));
        }
        s.push_str(&format!(
            "Library: {}\nSchema: {} of {} · {} journals · {} entries · {:.1} MiB\n",
            r.path
                .as_ref()
                .map(|p| p.display().to_string())
                .unwrap_or_default(),
            r.schema_version,
            r.latest_schema_version,
            r.journals,
            r.entries,
            r.size_bytes as f64 / (1024.0 * 1024.0)
        ));
        for c in &r.checks {
            s.push_str(&format!(
                "{} {:<13} {}\n",
                if c.ok { "ok  " } else { "FAIL" },
                c.name,
                c.detail
            ));
        }
        s.push_str(&format!("Backups: {}", r.backups.len()));
        if let Some(newest) = r.backups.first() {
            s.push_str(&format!(" (newest {})", newest.display()));
        }
        s
    });
    Ok(if healthy {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(6)
    })
}
