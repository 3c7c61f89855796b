//! A file server on loopback for download tests, as a model mirror behaves: `GET /NAME`
//! with HTTP Range, at a set pace so a test can cancel halfway, or with its first transfer
//! cut off, and a log of the ranges asked so a test can see that a download resumed
//! rather than started over.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

#[derive(Debug, Clone)]
pub struct FileServer {
    base_url: String,
    ranges: Arc<Mutex<Vec<Option<u64>>>>,
}

/// What the server sends.
#[derive(Debug, Clone)]
pub struct Served {
    /// The file's name in the URL.
    pub name: String,
    pub file: PathBuf,
    /// Bytes per second (None: as fast as the socket takes them).
    pub pace: Option<u64>,
    /// A Content-Length to claim instead of the file's (a file too big for the disk).
    pub claimed_len: Option<u64>,
    /// The first whole-file transfer stops after this many bytes (a dropped connection).
    pub cut_first_at: Option<u64>,
}

impl Served {
    /// `file` as `name`, at full speed, whole.
    pub fn file(name: &str, file: impl Into<PathBuf>) -> Self {
        Self {
            name: name.into(),
            file: file.into(),
            pace: None,
            claimed_len: None,
            cut_first_at: None,
        }
    }
}

impl FileServer {
    pub fn start(served: Served) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        let base_url = format!("http://{}", listener.local_addr().expect("address"));
        let ranges = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&ranges);
        std::thread::spawn(move || {
            let mut cut = served.cut_first_at;
            for stream in listener.incoming().flatten() {
                let served = served.clone();
                let log = Arc::clone(&log);
                let cut_here = cut.take();
                std::thread::spawn(move || {
                    let _ = answer(stream, &served, cut_here, &log);
                });
            }
        });
        Self { base_url, ranges }
    }

    /// What to set `JCC_MODEL_MIRROR` to.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The start of each range asked, in order (None: the whole file).
    pub fn ranges(&self) -> Vec<Option<u64>> {
        self.ranges.lock().map(|r| r.clone()).unwrap_or_default()
    }
}

fn answer(
    mut stream: TcpStream,
    served: &Served,
    cut: Option<u64>,
    log: &Mutex<Vec<Option<u64>>>,
) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request = String::new();
    reader.read_line(&mut request)?;
    let mut from = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" {
            break;
        }
        if let Some(v) = line.to_ascii_lowercase().strip_prefix("range: bytes=") {
            from = v.trim().trim_end_matches('-').parse::<u64>().ok();
        }
    }
    let path = request.split_whitespace().nth(1).unwrap_or("");
    if path.trim_start_matches('/') != served.name {
        return stream.write_all(
            b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
        );
    }
    if let Ok(mut l) = log.lock() {
        l.push(from);
    }
    let body = std::fs::read(&served.file)?;
    let len = served.claimed_len.unwrap_or(body.len() as u64);
    let start = from.unwrap_or(0).min(len);
    let head = match from {
        Some(_) => format!(
            "HTTP/1.1 206 Partial Content\r\nContent-Length: {}\r\nContent-Range: bytes {start}-{}/{len}\r\nConnection: close\r\n\r\n",
            len - start,
            len.saturating_sub(1)
        ),
        None => format!("HTTP/1.1 200 OK\r\nContent-Length: {len}\r\nConnection: close\r\n\r\n"),
    };
    stream.write_all(head.as_bytes())?;
    let mut rest = body.get(start as usize..).unwrap_or(&[]);
    if let Some(at) = cut {
        // Dropping the stream after these bytes closes it mid-transfer.
        rest = &rest[..rest.len().min(at as usize)];
    }
    match served.pace {
        None => stream.write_all(rest),
        Some(per_sec) => {
            // Tenths of a second: smooth enough for a progress bar to move.
            let chunk = (per_sec / 10).max(1) as usize;
            for part in rest.chunks(chunk) {
                stream.write_all(part)?;
                std::thread::sleep(Duration::from_millis(100));
            }
            Ok(())
        }
    }
}
