//! The catalog download against a real HTTP server on loopback: a transfer cut halfway
//! resumes from where it stopped (HTTP Range), and a file whose SHA-256 is not the one
//! expected is deleted, not kept.

use jcc_llm_local::{download, DownloadSpec};
use sha2::{Digest, Sha256};
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use tokio_util::sync::CancellationToken;

/// A small, whole GGUF file (a `llama` header and 256 KiB of f32 weights).
fn model_bytes() -> Vec<u8> {
    let mut b = jcc_testkit::gguf::gguf_header("llama", 65_536);
    b.extend((0..65_536u32 * 4).map(|i| (i % 251) as u8));
    b
}

/// Serves `body`; the first plain GET is cut after half the bytes. Records each Range asked.
fn server(body: Vec<u8>) -> (String, Arc<Mutex<Vec<Option<String>>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/model.gguf", listener.local_addr().unwrap());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    std::thread::spawn(move || {
        let mut cut_done = false;
        for stream in listener.incoming() {
            let mut stream = stream.unwrap();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut range = None;
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap() == 0 || line == "\r\n" {
                    break;
                }
                if let Some(v) = line.to_ascii_lowercase().strip_prefix("range: bytes=") {
                    range = Some(v.trim().trim_end_matches('-').to_string());
                }
            }
            log.lock().unwrap().push(range.clone());
            match range.and_then(|r| r.parse::<usize>().ok()) {
                Some(from) => {
                    let rest = &body[from..];
                    let head = format!(
                        "HTTP/1.1 206 Partial Content\r\nContent-Length: {}\r\nContent-Range: bytes {from}-{}/{}\r\nConnection: close\r\n\r\n",
                        rest.len(), body.len() - 1, body.len()
                    );
                    let _ = stream.write_all(head.as_bytes());
                    let _ = stream.write_all(rest);
                }
                None => {
                    let head = format!(
                        "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                        body.len()
                    );
                    let _ = stream.write_all(head.as_bytes());
                    let upto = if cut_done { body.len() } else { body.len() / 2 };
                    cut_done = true;
                    let _ = stream.write_all(&body[..upto]);
                }
            }
            let _ = stream.flush();
            // Dropping the stream closes it: for the first request, mid-transfer.
        }
    });
    (url, seen)
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
    let (url, seen) = server(body.clone());
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
    let ranges = seen.lock().unwrap().clone();
    assert_eq!(
        ranges,
        vec![None, Some(part.to_string())],
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
    let (url, _) = server(body);
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
