//! The catalog download against a real HTTP server on loopback: a transfer cut halfway
//! resumes from where it stopped (HTTP Range), and a file whose SHA-256 is not the one
//! expected is deleted, not kept.

use jcc_llm_local::{download, DownloadSpec};
use jcc_testkit::files::{FileServer, Served};
use sha2::{Digest, Sha256};
use std::sync::Mutex;
use tokio_util::sync::CancellationToken;

/// A small, whole GGUF file (a `llama` header and 256 KiB of f32 weights).
fn model_bytes() -> Vec<u8> {
    let mut b = jcc_testkit::gguf::gguf_header("llama", 65_536);
    b.extend((0..65_536u32 * 4).map(|i| (i % 251) as u8));
    b
}

/// Serves `body` from a mirror on loopback whose first transfer is cut after half the
/// bytes; the folder holding the served file goes with it.
fn server(body: &[u8]) -> (String, FileServer, tempfile::TempDir) {
    let src = tempfile::tempdir().unwrap();
    let file = src.path().join("model.gguf");
    std::fs::write(&file, body).unwrap();
    let server = FileServer::start(Served {
        cut_first_at: Some(body.len() as u64 / 2),
        ..Served::file("model.gguf", file)
    });
    (format!("{}/model.gguf", server.base_url()), server, src)
}

fn rt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

#[test]
fn a_cut_download_resumes_and_is_kept_once_its_checksum_matches() {
    let body = model_bytes();
    let sha = hex::encode(Sha256::digest(&body));
    let (url, seen, _src) = server(&body);
    let dir = tempfile::tempdir().unwrap();
    let spec = DownloadSpec {
        url,
        sha256: sha,
        file: "tiny.gguf".into(),
    };
    let progress = Mutex::new(Vec::new());
    let on_progress = |have: u64, total: Option<u64>| progress.lock().unwrap().push((have, total));

    let err = rt()
        .block_on(download(
            &spec,
            dir.path(),
            &CancellationToken::new(),
            &on_progress,
        ))
        .unwrap_err()
        .to_string();
    assert!(err.contains("run it again to resume"), "{err}");
    assert!(
        !dir.path().join("tiny.gguf").exists(),
        "nothing kept under the final name"
    );
    let part = std::fs::metadata(dir.path().join("tiny.gguf.part"))
        .unwrap()
        .len();
    assert!(
        part > 0 && part < body.len() as u64,
        "the part so far is kept: {part}"
    );

    let path = rt()
        .block_on(download(
            &spec,
            dir.path(),
            &CancellationToken::new(),
            &on_progress,
        ))
        .unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), body);
    assert!(!dir.path().join("tiny.gguf.part").exists());
    assert_eq!(
        seen.ranges(),
        vec![None, Some(part)],
        "the second try asked only for the rest"
    );
    let progress = progress.lock().unwrap();
    assert_eq!(
        progress.last().unwrap(),
        &(body.len() as u64, Some(body.len() as u64))
    );
}

#[test]
fn a_download_with_the_wrong_checksum_is_deleted() {
    let body = model_bytes();
    let (url, _server, _src) = server(&body);
    let dir = tempfile::tempdir().unwrap();
    let spec = DownloadSpec {
        url,
        sha256: "00".repeat(32),
        file: "tiny.gguf".into(),
    };
    let quiet = |_: u64, _: Option<u64>| {};
    // The first try is cut; the second completes, and then the checksum decides.
    let _ = rt().block_on(download(
        &spec,
        dir.path(),
        &CancellationToken::new(),
        &quiet,
    ));
    let err = rt()
        .block_on(download(
            &spec,
            dir.path(),
            &CancellationToken::new(),
            &quiet,
        ))
        .unwrap_err()
        .to_string();
    assert!(err.contains("SHA-256") && err.contains("deleted"), "{err}");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "nothing kept"
    );
}
