//! Resumable model downloads: bytes go to `FILE.part`, a later try asks only for the rest
//! (HTTP Range), and the file gets its final name only once its SHA-256 matches and its
//! GGUF header checks out. A mismatched file is deleted, never kept.

use crate::gguf;
use futures_util::StreamExt;
use jcc_llm::LlmError;
use sha2::{Digest, Sha256};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use tokio_util::sync::CancellationToken;

/// What to fetch and what it must hash to.
#[derive(Debug, Clone)]
pub struct DownloadSpec {
    pub url: String,
    pub sha256: String,
    /// The file name in `dir`.
    pub file: String,
}

fn fail(msg: String) -> LlmError {
    LlmError::Config(msg)
}

/// Where the bytes of `file` gather until the download is whole and checked.
fn part_path(dir: &Path, file: &str) -> PathBuf {
    dir.join(format!("{file}.part"))
}

/// Bytes an earlier, cut download of `file` left in `dir` (resumed by the next try).
pub fn partial_bytes(dir: &Path, file: &str) -> u64 {
    std::fs::metadata(part_path(dir, file))
        .map(|m| m.len())
        .unwrap_or(0)
}

/// Bytes free for this user on the disk holding `dir` (or its nearest existing parent).
pub fn free_bytes(dir: &Path) -> Option<u64> {
    dir.ancestors()
        .find(|d| d.exists())
        .and_then(|d| fs4::available_space(d).ok())
}

/// Room kept free beyond the model itself, so a download never fills the disk the
/// library is on.
const DISK_MARGIN: u64 = 256 * 1024 * 1024;

fn mb(bytes: u64) -> u64 {
    bytes.div_ceil(1_000_000)
}

/// Whether the disk holding `dir` can take `need` more bytes and keep its margin (true
/// when the free space can't be read: the download's own check then decides).
pub fn has_room(dir: &Path, need: u64) -> bool {
    check_room(dir, need).is_ok()
}

/// Refuses, before a byte is written, a download the disk can't hold.
fn check_room(dir: &Path, need: u64) -> Result<(), LlmError> {
    match free_bytes(dir) {
        Some(free) if free < need.saturating_add(DISK_MARGIN) => Err(fail(format!(
            "not enough disk space: the model needs {} MB more in {} but only {} MB are free (and {} MB are kept free for your library); free some space and download again",
            mb(need),
            dir.display(),
            mb(free),
            mb(DISK_MARGIN)
        ))),
        _ => Ok(()),
    }
}

fn sha256_of(path: &Path) -> std::io::Result<String> {
    let mut f = std::fs::File::open(path)?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
    }
    Ok(hex::encode(h.finalize()))
}

/// Downloads `spec` into `dir`, resuming a `.part` left by an earlier try; `progress`
/// sees (bytes so far, total when known). Returns the kept file.
pub async fn download(
    spec: &DownloadSpec,
    dir: &Path,
    cancel: &CancellationToken,
    progress: &(dyn Fn(u64, Option<u64>) + Send + Sync),
) -> Result<PathBuf, LlmError> {
    std::fs::create_dir_all(dir)
        .map_err(|e| fail(format!("can't create {} ({e})", dir.display())))?;
    let dest = dir.join(&spec.file);
    if dest.exists() {
        return Err(fail(format!("{} is already downloaded", dest.display())));
    }
    let part = part_path(dir, &spec.file);
    let mut have = partial_bytes(dir, &spec.file);
    let client = reqwest::Client::builder()
        .connect_timeout(std::time::Duration::from_secs(20))
        .build()
        .map_err(|e| fail(e.to_string()))?;
    let mut req = client.get(&spec.url);
    if have > 0 {
        req = req.header(reqwest::header::RANGE, format!("bytes={have}-"));
    }
    let resp = req.send().await.map_err(|e| LlmError::Connect {
        url: spec.url.clone(),
        reason: e.to_string(),
    })?;
    let status = resp.status().as_u16();
    let total = match status {
        // The server ignored the range: start over.
        200 => {
            have = 0;
            resp.content_length()
        }
        206 => resp.content_length().map(|n| n + have),
        // Everything is already here (a cut came after the last byte).
        416 if have > 0 => Some(have),
        _ => {
            return Err(fail(format!(
                "{} answered HTTP {status}; check the address or try later",
                spec.url
            )))
        }
    };
    if let Some(t) = total {
        check_room(dir, t.saturating_sub(have))?;
    }
    let mut out = std::fs::OpenOptions::new()
        .create(true)
        .append(have > 0)
        .write(true)
        .truncate(have == 0)
        .open(&part)
        .map_err(|e| fail(format!("can't write {} ({e})", part.display())))?;
    progress(have, total);
    if status != 416 {
        let mut body = resp.bytes_stream();
        loop {
            let chunk = tokio::select! {
                c = body.next() => c,
                () = cancel.cancelled() => return Err(LlmError::Cancelled),
            };
            let Some(chunk) = chunk else { break };
            // A cut keeps what arrived: the next try resumes from there.
            let chunk = chunk.map_err(|e| {
                fail(format!(
                    "the download was cut after {have} bytes ({e}); run it again to resume"
                ))
            })?;
            out.write_all(&chunk).map_err(|e| {
                fail(format!(
                    "can't write {} ({e}); is the disk full?",
                    part.display()
                ))
            })?;
            have += chunk.len() as u64;
            progress(have, total);
        }
    }
    out.flush().map_err(|e| fail(e.to_string()))?;
    drop(out);
    if let Some(t) = total {
        if have < t {
            return Err(fail(format!(
                "the download stopped at {have} of {t} bytes; run it again to resume"
            )));
        }
    }
    let sum = sha256_of(&part).map_err(|e| fail(format!("can't read {} ({e})", part.display())))?;
    if !sum.eq_ignore_ascii_case(&spec.sha256) {
        let _ = std::fs::remove_file(&part);
        return Err(fail(format!(
            "the file from {} has SHA-256 {sum}, not the {} expected, so it was deleted; the file on the server changed or is damaged",
            spec.url, spec.sha256
        )));
    }
    if let Err(e) = gguf::inspect(&part) {
        let _ = std::fs::remove_file(&part);
        return Err(fail(e.to_string()));
    }
    std::fs::rename(&part, &dest)
        .map_err(|e| fail(format!("can't move the download into place ({e})")))?;
    Ok(dest)
}
