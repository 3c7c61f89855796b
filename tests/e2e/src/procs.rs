//! The app's processes, found by the test's library folder in their environment: to
//! measure their memory, and to make sure none outlives its test (the app is single
//! instance, so a leftover window would swallow the next test's launch).

use std::path::Path;

#[derive(Debug, Clone)]
struct Proc {
    pid: u32,
    ppid: u32,
    exe: std::path::PathBuf,
    ours: bool,
}

fn all(library: &Path) -> Vec<Proc> {
    let marker = format!("JCC_DATA_DIR={}", library.display());
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    dir.flatten()
        .filter_map(|e| e.file_name().to_string_lossy().parse::<u32>().ok())
        .map(|pid| {
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
            // The command name may hold spaces and parentheses: fields start after the last ')'.
            let ppid = stat
                .rsplit(')')
                .next()
                .and_then(|r| r.split_whitespace().nth(1))
                .and_then(|p| p.parse().ok())
                .unwrap_or(0);
            let exe = std::fs::read_link(format!("/proc/{pid}/exe")).unwrap_or_default();
            let env = std::fs::read(format!("/proc/{pid}/environ")).unwrap_or_default();
            let ours = env.split(|b| *b == 0).any(|kv| kv == marker.as_bytes());
            Proc {
                pid,
                ppid,
                exe,
                ours,
            }
        })
        .collect()
}

/// The app process for `library` and every process under it (WebKit's web and network
/// processes).
pub fn app_tree(library: &Path) -> Vec<u32> {
    let procs = all(library);
    let mut tree: Vec<u32> = procs
        .iter()
        .filter(|p| p.ours && p.exe.ends_with("journal-craft-crew"))
        .map(|p| p.pid)
        .collect();
    let mut i = 0;
    while i < tree.len() {
        let parent = tree[i];
        tree.extend(procs.iter().filter(|p| p.ppid == parent).map(|p| p.pid));
        i += 1;
    }
    tree
}

fn rss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        .unwrap_or(0)
}

/// Resident memory of those processes, in MiB.
pub fn rss_mib(pids: &[u32]) -> f64 {
    pids.iter().map(|p| rss_kib(*p)).sum::<u64>() as f64 / 1024.0
}

/// Each process's name and resident memory in MiB.
pub fn rss_by_process(pids: &[u32]) -> Vec<(String, f64)> {
    pids.iter()
        .map(|pid| {
            let name = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
            (name.trim().to_string(), rss_kib(*pid) as f64 / 1024.0)
        })
        .collect()
}

/// Ends whatever is left of the app for `library`.
pub fn kill_app(library: &Path) {
    for pid in app_tree(library) {
        let _ = std::process::Command::new("kill")
            .args(["-KILL", &pid.to_string()])
            .status();
    }
}
