//! The loopback redirect of RFC 8252 (section 7.3): a listener on `127.0.0.1:<ephemeral>`
//! that takes exactly one request to `/callback`, answers it with a small page, and closes.
//! Other paths (a browser's `/favicon.ico`) get a 404 and do not end the wait.

use crate::error::{Result, SigninError};
use std::collections::HashMap;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

pub(crate) const CALLBACK_PATH: &str = "/callback";
/// A request line and headers fit in this; a browser's are ~1 KB.
const MAX_REQUEST: usize = 16 * 1024;
/// A connection that sends nothing (a browser's pre-connect) is dropped after this.
const READ_TIMEOUT: Duration = Duration::from_secs(10);

pub(crate) async fn bind() -> Result<(TcpListener, u16)> {
    let listener = TcpListener::bind(("127.0.0.1", 0))
        .await
        .map_err(SigninError::Loopback)?;
    let port = listener.local_addr().map_err(SigninError::Loopback)?.port();
    Ok((listener, port))
}

/// The one browser request to `/callback`: its connection (to answer on) and its query.
pub(crate) struct Callback {
    pub stream: TcpStream,
    pub query: HashMap<String, String>,
}

/// Waits for the browser's `GET /callback?...`; the caller applies the overall timeout.
/// Each connection is read on its own task, so a browser's idle pre-connect cannot hold up
/// the request that matters.
pub(crate) async fn accept_callback(listener: &TcpListener) -> Result<Callback> {
    let (tx, mut rx) = tokio::sync::mpsc::channel::<(TcpStream, String)>(8);
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let (mut stream, _) = accepted.map_err(SigninError::Loopback)?;
                let tx = tx.clone();
                tokio::spawn(async move {
                    if let Ok(Some(target)) =
                        tokio::time::timeout(READ_TIMEOUT, read_target(&mut stream)).await
                    {
                        let _ = tx.send((stream, target)).await;
                    }
                });
            }
            Some((mut stream, target)) = rx.recv() => {
                let (path, query) = target.split_once('?').unwrap_or((target.as_str(), ""));
                if path != CALLBACK_PATH {
                    let _ = respond(&mut stream, 404, "Not found", "Nothing here.").await;
                    continue;
                }
                let query = url_query(query);
                return Ok(Callback { stream, query });
            }
        }
    }
}

/// The request target of a `GET`, or None for anything else or a malformed request.
async fn read_target(stream: &mut TcpStream) -> Option<String> {
    let mut buf = Vec::with_capacity(2048);
    let mut chunk = [0u8; 2048];
    while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 || buf.len() + n > MAX_REQUEST {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    let head = std::str::from_utf8(&buf).ok()?;
    let mut parts = head.lines().next()?.split(' ');
    match (parts.next(), parts.next()) {
        (Some("GET"), Some(target)) => Some(target.to_string()),
        _ => None,
    }
}

fn url_query(query: &str) -> HashMap<String, String> {
    openidconnect::url::form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect()
}

/// Answers the browser with a minimal page and closes the connection.
pub(crate) async fn respond(
    stream: &mut TcpStream,
    status: u16,
    title: &str,
    message: &str,
) -> std::io::Result<()> {
    let reason = match status {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        _ => "Error",
    };
    let body = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{t}</title></head>\
         <body style=\"font-family:sans-serif;margin:3em\"><h1>{t}</h1><p>{m}</p></body></html>\n",
        t = escape(title),
        m = escape(message)
    );
    let response = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: text/html; charset=utf-8\r\n\
         Content-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(response.as_bytes()).await?;
    stream.shutdown().await
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
