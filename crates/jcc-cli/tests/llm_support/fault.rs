//! A scripted OpenAI-compatible server for fault tests. Each request takes the next
//! scripted fault if any; otherwise it answers with JSON that fits the request's schema
//! (so a whole crew can run against it instantly). Plain std threads and sockets.

use serde_json::{json, Value};
use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

#[derive(Debug, Clone, PartialEq)]
pub enum Fault {
    /// HTTP 429 with `Retry-After: secs`.
    RateLimit(u64),
    /// HTTP 500.
    ServerError,
    /// Reads the request and never answers.
    Hang,
    /// Starts a stream, sends part of the reply, closes the connection.
    CutStream,
    /// A 200 whose body (or stream chunk) is not JSON.
    Malformed,
    /// A well-formed reply whose content breaks the schema.
    SchemaInvalid,
    /// A reply that ran out of tokens: unclosed JSON, `finish_reason: "length"`.
    LengthCut,
    /// A schema-valid reply whose long texts are 40 words (misses word-count guardrails).
    Short,
    /// A normal answer (to reach a later request with the next fault).
    Pass,
}

#[derive(Debug, Default)]
struct Shared {
    faults: Mutex<VecDeque<Fault>>,
    requests: AtomicUsize,
    auth: Mutex<Vec<String>>,
    stop: AtomicBool,
    delay_ms: AtomicUsize,
    max_tokens: Mutex<Vec<Option<u64>>>,
}

#[derive(Debug)]
pub struct FaultServer {
    pub port: u16,
    shared: Arc<Shared>,
}

impl FaultServer {
    pub fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let shared = Arc::new(Shared::default());
        let s = shared.clone();
        std::thread::spawn(move || {
            for conn in listener.incoming() {
                if s.stop.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(conn) = conn else { continue };
                let s = s.clone();
                std::thread::spawn(move || {
                    let _ = handle(conn, &s);
                });
            }
        });
        Self { port, shared }
    }

    pub fn base_url(&self) -> String {
        format!("http://127.0.0.1:{}/v1", self.port)
    }

    pub fn push(&self, faults: &[Fault]) {
        self.shared
            .faults
            .lock()
            .unwrap()
            .extend(faults.iter().cloned());
    }

    pub fn pending_faults(&self) -> usize {
        self.shared.faults.lock().unwrap().len()
    }

    /// Chat requests served so far.
    pub fn requests(&self) -> usize {
        self.shared.requests.load(Ordering::SeqCst)
    }

    /// Authorization headers seen.
    pub fn auth_headers(&self) -> Vec<String> {
        self.shared.auth.lock().unwrap().clone()
    }

    /// The `max_tokens` of each chat request, in order.
    pub fn max_tokens(&self) -> Vec<Option<u64>> {
        self.shared.max_tokens.lock().unwrap().clone()
    }

    /// Slows every good answer down (for kill tests).
    pub fn set_delay(&self, ms: usize) {
        self.shared.delay_ms.store(ms, Ordering::SeqCst);
    }
}

impl Drop for FaultServer {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(("127.0.0.1", self.port));
    }
}

fn handle(conn: TcpStream, s: &Shared) -> std::io::Result<()> {
    let mut reader = BufReader::new(conn.try_clone()?);
    let mut conn = conn;
    loop {
        let mut request_line = String::new();
        if reader.read_line(&mut request_line)? == 0 {
            return Ok(());
        }
        let mut length = 0;
        loop {
            let mut h = String::new();
            reader.read_line(&mut h)?;
            let h = h.trim_end();
            if h.is_empty() {
                break;
            }
            let (name, value) = h.split_once(':').unwrap_or((h, ""));
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().unwrap_or(0);
            }
            if name.eq_ignore_ascii_case("authorization") {
                s.auth.lock().unwrap().push(value.trim().to_string());
            }
        }
        let mut body = vec![0; length];
        reader.read_exact(&mut body)?;
        if request_line.starts_with("GET") {
            let models = json!({"object": "list", "data": [{"id": "scripted"}]}).to_string();
            respond(&mut conn, 200, &[], "application/json", &models)?;
            continue;
        }
        s.requests.fetch_add(1, Ordering::SeqCst);
        let req: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
        let stream = req.get("stream").and_then(Value::as_bool).unwrap_or(false);
        s.max_tokens
            .lock()
            .unwrap()
            .push(req.get("max_tokens").and_then(Value::as_u64));
        let fault = s.faults.lock().unwrap().pop_front();
        match fault {
            Some(Fault::RateLimit(secs)) => respond(
                &mut conn,
                429,
                &[("Retry-After", secs.to_string())],
                "application/json",
                r#"{"error":{"message":"slow down"}}"#,
            )?,
            Some(Fault::ServerError) => respond(
                &mut conn,
                500,
                &[],
                "application/json",
                r#"{"error":{"message":"boom"}}"#,
            )?,
            Some(Fault::Hang) => {
                std::thread::sleep(Duration::from_secs(30));
                return Ok(());
            }
            Some(Fault::CutStream) => {
                let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n";
                conn.write_all(head.as_bytes())?;
                conn.write_all(chunk("{\"partial\": ").as_bytes())?;
                conn.flush()?;
                return Ok(()); // dropping the socket cuts the stream
            }
            Some(Fault::Malformed) => {
                if stream {
                    let body = "data: {this is not json\n\n";
                    respond(&mut conn, 200, &[], "text/event-stream", body)?;
                } else {
                    respond(&mut conn, 200, &[], "application/json", "{this is not json")?;
                }
            }
            Some(Fault::SchemaInvalid) => {
                answer(&mut conn, stream, "{\"unexpected\": true}", "stop")?
            }
            Some(Fault::LengthCut) => answer(
                &mut conn,
                stream,
                "{\"title\": \"A very long title that",
                "length",
            )?,
            Some(Fault::Short) => {
                let mut v = fill(&schema_of(&req), 0, &mut 0);
                shorten(&mut v);
                answer(&mut conn, stream, &v.to_string(), "stop")?
            }
            None | Some(Fault::Pass) => {
                let delay = s.delay_ms.load(Ordering::SeqCst);
                if delay > 0 {
                    std::thread::sleep(Duration::from_millis(delay as u64));
                }
                let n = s.requests.load(Ordering::SeqCst);
                let content = fill(&schema_of(&req), n, &mut 0).to_string();
                answer(&mut conn, stream, &content, "stop")?;
            }
        }
    }
}

/// The JSON Schema a chat request asks its reply to follow.
fn schema_of(req: &Value) -> Value {
    req.pointer("/response_format/schema")
        .or_else(|| req.pointer("/response_format/json_schema/schema"))
        .cloned()
        .unwrap_or(json!({"type": "object"}))
}

fn shorten(v: &mut Value) {
    match v {
        // Long enough for a schema's minLength, far below a writeup's word count.
        Value::String(s) if s.len() >= 200 => *s = "Kept short. ".repeat(20).trim().into(),
        Value::Array(a) => a.iter_mut().for_each(shorten),
        Value::Object(o) => o.values_mut().for_each(shorten),
        _ => {}
    }
}

fn chunk(text: &str) -> String {
    let v = json!({"object": "chat.completion.chunk", "choices": [{"index": 0, "delta": {"content": text}, "finish_reason": null}]});
    format!("data: {v}\n\n")
}

fn answer(conn: &mut TcpStream, stream: bool, content: &str, finish: &str) -> std::io::Result<()> {
    let usage = json!({"prompt_tokens": 100, "completion_tokens": content.len() / 4, "total_tokens": 100 + content.len() / 4});
    if stream {
        let mut body = String::new();
        for piece in content.as_bytes().chunks(40) {
            body.push_str(&chunk(&String::from_utf8_lossy(piece)));
        }
        let fin = json!({"object": "chat.completion.chunk", "choices": [{"index": 0, "delta": {}, "finish_reason": finish}]});
        body.push_str(&format!("data: {fin}\n\n"));
        let u = json!({"object": "chat.completion.chunk", "choices": [], "usage": usage});
        body.push_str(&format!("data: {u}\n\ndata: [DONE]\n\n"));
        respond(conn, 200, &[], "text/event-stream", &body)
    } else {
        let v = json!({"object": "chat.completion", "choices": [{"index": 0,
            "message": {"role": "assistant", "content": content}, "finish_reason": finish}], "usage": usage});
        respond(conn, 200, &[], "application/json", &v.to_string())
    }
}

fn respond(
    conn: &mut TcpStream,
    status: u16,
    headers: &[(&str, String)],
    ctype: &str,
    body: &str,
) -> std::io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {status} X\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    conn.write_all(head.as_bytes())?;
    conn.write_all(body.as_bytes())?;
    conn.flush()
}

const WORDS: &[&str] = &[
    "notice", "breathe", "gently", "today", "small", "steps", "light", "morning", "write",
    "grateful", "moment", "calm",
];

/// A value that satisfies `schema` (the subset crew definitions use). Strings carry a
/// counter so prompts never repeat, "[Name]" for pledge texts, and long texts 200 words.
pub fn fill(schema: &Value, n: usize, counter: &mut usize) -> Value {
    match schema.get("type").and_then(Value::as_str) {
        Some("object") => {
            let mut m = serde_json::Map::new();
            if let Some(props) = schema.get("properties").and_then(Value::as_object) {
                for (k, v) in props {
                    m.insert(k.clone(), fill(v, n, counter));
                }
            }
            Value::Object(m)
        }
        Some("array") => {
            let count = schema.get("minItems").and_then(Value::as_u64).unwrap_or(1) as usize;
            let item = schema
                .get("items")
                .cloned()
                .unwrap_or(json!({"type": "string"}));
            Value::Array((0..count.max(1)).map(|_| fill(&item, n, counter)).collect())
        }
        Some("integer") | Some("number") => json!(n),
        Some("boolean") => json!(true),
        _ => {
            *counter += 1;
            let min = schema.get("minLength").and_then(Value::as_u64).unwrap_or(0);
            if min >= 200 {
                let words: Vec<&str> = (0..196).map(|i| WORDS[(i + n) % WORDS.len()]).collect();
                json!(format!(
                    "I, [Name], write {n}-{}: {}.",
                    *counter,
                    words.join(" ")
                ))
            } else if min > 20 {
                let words: Vec<&str> = (0..(min as usize / 4))
                    .map(|i| WORDS[(i + n) % WORDS.len()])
                    .collect();
                json!(format!(
                    "I, [Name], note {n}-{}: {}.",
                    *counter,
                    words.join(" ")
                ))
            } else {
                json!(format!("I, [Name], item {n}-{} today?", *counter))
            }
        }
    }
}
