//! The crew engine's overhead per step, against an OpenAI-compatible server that answers
//! at once.
//!
//!     cargo run --release -p jcc-crew --example overhead -- [--steps N] [--runs R]
//!         [--warmup W] [--server URL] [--in-memory] [--check]
//!
//! A bench crew of N sequential tasks (each gets the previous task's output as context
//! and must reply with JSON that its schema accepts) runs R times in a fresh library.
//! Each timed run is paired with a baseline: the very request bodies the engine sent,
//! replayed one after another by a plain reqwest client over one keep-alive connection,
//! reading and parsing each reply. Engine overhead per step = (run - baseline) / N; it
//! covers everything the engine adds around the HTTP round trips: definition and run
//! bookkeeping, prompt rendering, the client layer, reply parsing and schema checks, and
//! the durable SQLite commit of every step (WAL, synchronous=FULL: one fsync per step).
//!
//! By default the example starts its own instant server on 127.0.0.1. `--server URL`
//! points it at another one (scripts/compare-crewai.sh runs CrewAI against the same one);
//! the request bodies for the baseline are then captured by one untimed run against the
//! in-process server first. `--in-memory` uses an in-memory library (no fsync) to show
//! how much of the overhead the durable writes are. `--check` exits 1 when the p95
//! per-step overhead is not under 1 ms.

use jcc_crew::{AcceptAll, Clients, CrewDefinition, CrewEvent, Engine, RunInputs};
use jcc_llm::{EndpointProfile, LlmClient};
use jcc_store::{RunStatus, Store};
use serde_json::{json, Value};
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const USAGE: &str = "usage: overhead [--steps N] [--runs R] [--warmup W] [--server URL] [--model NAME] [--in-memory] [--check]";

/// What every instant reply says; valid for every bench task's schema.
const REPLY_TEXT: &str = "A short note that carries the thread on by one more sentence.";

/// The schema of every bench task.
const SCHEMA: &str = r#"{"type": "object", "properties": {"text": {"type": "string", "minLength": 1}}, "required": ["text"]}"#;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

#[derive(Debug)]
struct Args {
    steps: usize,
    runs: usize,
    warmup: usize,
    server: Option<String>,
    model: String,
    in_memory: bool,
    check: bool,
}

impl Args {
    fn parse() -> Result<Self, String> {
        let mut args = Self {
            steps: 10,
            runs: 20,
            warmup: 2,
            server: None,
            model: "bench".into(),
            in_memory: false,
            check: false,
        };
        let mut it = std::env::args().skip(1);
        while let Some(arg) = it.next() {
            let (name, inline) = match arg.split_once('=') {
                Some((n, v)) => (n.to_string(), Some(v.to_string())),
                None => (arg.clone(), None),
            };
            let mut value = |what: &str| {
                inline
                    .clone()
                    .or_else(|| it.next())
                    .ok_or_else(|| format!("{name} needs {what}\n{USAGE}"))
            };
            let number = |v: String| {
                v.parse::<usize>()
                    .ok()
                    .filter(|n| *n > 0)
                    .ok_or_else(|| format!("{name} wants a whole number above 0, not {v:?}"))
            };
            match name.as_str() {
                "--steps" => args.steps = number(value("a number")?)?,
                "--runs" => args.runs = number(value("a number")?)?,
                "--warmup" => {
                    let v = value("a number")?;
                    args.warmup = v
                        .parse()
                        .map_err(|_| format!("--warmup wants a whole number, not {v:?}"))?;
                }
                "--server" => args.server = Some(value("a URL")?),
                "--model" => args.model = value("a model name")?,
                "--in-memory" => args.in_memory = true,
                "--check" => args.check = true,
                "-h" | "--help" => return Err(USAGE.into()),
                other => return Err(format!("unknown argument {other:?}\n{USAGE}")),
            }
        }
        Ok(args)
    }
}

/// The bench crew: `steps` tasks in a chain, each with the one before as context.
fn bench_crew(steps: usize) -> String {
    let mut toml = String::from(
        "name = \"overhead-bench\"\n\
         version = 1\n\
         description = \"N sequential tasks, each continuing the previous task's note.\"\n\
         max_reasks = 0\n\n\
         [[agents]]\n\
         id = \"writer\"\n\
         role = \"Note writer\"\n\
         goal = \"Continue a short note by one sentence.\"\n\
         backstory = \"You write short, plain notes.\"\n",
    );
    for i in 1..=steps {
        toml.push_str(&format!(
            "\n[[tasks]]\nid = \"step{i}\"\nagent = \"writer\"\n"
        ));
        if i == 1 {
            toml.push_str(
                "description = \"Write the first sentence of a note about {{theme}}.\"\n",
            );
        } else {
            let prev = i - 1;
            toml.push_str(&format!(
                "context = [\"step{prev}\"]\n\
                 description = \"Continue this note about {{{{theme}}}} with one sentence: {{{{step{prev}.text}}}}\"\n"
            ));
        }
        toml.push_str(&format!(
            "expected_output = \"A JSON object with the sentence as text.\"\n\
             max_tokens = 64\n\
             schema = '''{SCHEMA}'''\n"
        ));
    }
    toml
}

/// Counters the in-process server keeps, and the request bodies it records.
#[derive(Debug, Default)]
struct ServerState {
    record: AtomicBool,
    recorded: Mutex<Vec<Vec<u8>>>,
    requests: AtomicU64,
    busy_ns: AtomicU64,
}

/// An OpenAI-compatible server that answers every chat completion at once (HTTP/1.1,
/// keep-alive, Content-Length bodies; one thread per connection).
#[derive(Debug)]
struct InstantServer {
    addr: SocketAddr,
    state: Arc<ServerState>,
}

impl InstantServer {
    fn start() -> io::Result<Self> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let addr = listener.local_addr()?;
        let state = Arc::new(ServerState::default());
        let shared = Arc::clone(&state);
        let completion = Arc::new(completion_body());
        std::thread::Builder::new()
            .name("instant-server".into())
            .spawn(move || {
                for stream in listener.incoming().flatten() {
                    let state = Arc::clone(&shared);
                    let completion = Arc::clone(&completion);
                    let spawned = std::thread::Builder::new()
                        .name("instant-conn".into())
                        .spawn(move || {
                            if let Err(e) = serve(stream, &state, &completion) {
                                eprintln!("instant server: connection ended: {e}");
                            }
                        });
                    if let Err(e) = spawned {
                        eprintln!("instant server: can't start a connection thread: {e}");
                    }
                }
            })?;
        Ok(Self { addr, state })
    }

    fn base_url(&self) -> String {
        format!("http://{}/v1", self.addr)
    }

    fn recording(&self, on: bool) {
        self.state.record.store(on, Ordering::SeqCst);
    }

    fn take_recorded(&self) -> Vec<Vec<u8>> {
        std::mem::take(
            &mut *self
                .state
                .recorded
                .lock()
                .unwrap_or_else(|p| p.into_inner()),
        )
    }

    /// Requests answered so far and the time spent on them.
    fn counters(&self) -> (u64, Duration) {
        (
            self.state.requests.load(Ordering::SeqCst),
            Duration::from_nanos(self.state.busy_ns.load(Ordering::SeqCst)),
        )
    }
}

/// A chat completion whose message is schema-valid JSON for every bench task.
fn completion_body() -> Vec<u8> {
    let content = json!({ "text": REPLY_TEXT }).to_string();
    json!({
        "id": "chatcmpl-bench",
        "object": "chat.completion",
        "created": 1_700_000_000,
        "model": "bench",
        "choices": [{
            "index": 0,
            "message": { "role": "assistant", "content": content },
            "finish_reason": "stop"
        }],
        "usage": { "prompt_tokens": 60, "completion_tokens": 16, "total_tokens": 76 }
    })
    .to_string()
    .into_bytes()
}

fn serve(stream: TcpStream, state: &ServerState, completion: &[u8]) -> io::Result<()> {
    stream.set_nodelay(true)?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut writer = stream;
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 {
            return Ok(());
        }
        let started = Instant::now();
        let request = line.trim_end().to_string();
        if request.is_empty() {
            continue;
        }
        let mut length = 0usize;
        let mut close = request.ends_with("HTTP/1.0");
        loop {
            line.clear();
            if reader.read_line(&mut line)? == 0 {
                return Ok(());
            }
            let header = line.trim_end();
            if header.is_empty() {
                break;
            }
            if let Some((name, value)) = header.split_once(':') {
                let value = value.trim();
                if name.eq_ignore_ascii_case("content-length") {
                    length = value.parse().map_err(|_| {
                        io::Error::new(io::ErrorKind::InvalidData, "bad Content-Length")
                    })?;
                } else if name.eq_ignore_ascii_case("connection") {
                    close = value.eq_ignore_ascii_case("close");
                }
            }
        }
        let mut body = vec![0; length];
        reader.read_exact(&mut body)?;
        let mut parts = request.split_whitespace();
        let (method, path) = (
            parts.next().unwrap_or_default(),
            parts.next().unwrap_or_default(),
        );
        let path = path.split('?').next().unwrap_or_default();
        let (status, payload): (&str, Vec<u8>) = match (method, path) {
            ("POST", p) if p.ends_with("/chat/completions") => {
                if state.record.load(Ordering::SeqCst) {
                    state
                        .recorded
                        .lock()
                        .unwrap_or_else(|p| p.into_inner())
                        .push(body);
                }
                ("200 OK", completion.to_vec())
            }
            ("GET", p) if p.ends_with("/models") => (
                "200 OK",
                json!({"object": "list", "data": [{"id": "bench", "object": "model"}]})
                    .to_string()
                    .into_bytes(),
            ),
            _ => (
                "404 Not Found",
                json!({"error": {"message": format!("no route for {method} {path}")}})
                    .to_string()
                    .into_bytes(),
            ),
        };
        let mut response = format!(
            "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n{}\r\n",
            payload.len(),
            if close { "Connection: close\r\n" } else { "" }
        )
        .into_bytes();
        response.extend_from_slice(&payload);
        writer.write_all(&response)?;
        state.busy_ns.fetch_add(
            u64::try_from(started.elapsed().as_nanos()).unwrap_or(u64::MAX),
            Ordering::SeqCst,
        );
        state.requests.fetch_add(1, Ordering::SeqCst);
        if close {
            return Ok(());
        }
    }
}

/// One full crew run (create + run) through the engine; returns its wall time.
async fn engine_run(
    store: &Mutex<Store>,
    def: &CrewDefinition,
    client: &LlmClient,
    steps: usize,
) -> Result<Duration, BoxError> {
    let inputs = RunInputs {
        theme: "Evening walks".into(),
        ..Default::default()
    };
    let on_event = |_: &CrewEvent| {};
    let started = Instant::now();
    let run_id = Engine::create_run(store, def, &inputs, Some(client.profile().name.as_str()))?;
    let engine = Engine::new(
        store,
        Clients::single(client.clone()),
        &AcceptAll,
        &on_event,
    );
    let summary = engine.run(run_id).await?;
    let elapsed = started.elapsed();
    if summary.status != RunStatus::Finished || summary.steps_finished != steps {
        return Err(format!(
            "run {run_id} ended {:?} with {} of {steps} steps finished ({})",
            summary.status,
            summary.steps_finished,
            summary.error.unwrap_or_default()
        )
        .into());
    }
    Ok(elapsed)
}

/// The same request bodies, sent one after another by plain reqwest; returns the wall time.
async fn baseline_run(
    http: &reqwest::Client,
    url: &str,
    bodies: &[Vec<u8>],
) -> Result<Duration, BoxError> {
    let started = Instant::now();
    for body in bodies {
        let response = http
            .post(url)
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .body(body.clone())
            .send()
            .await?;
        let status = response.status();
        let text = response.text().await?;
        if !status.is_success() {
            return Err(format!("the server answered {status}: {text}").into());
        }
        let reply: Value = serde_json::from_str(&text)?;
        if reply
            .pointer("/choices/0/message/content")
            .and_then(Value::as_str)
            .is_none()
        {
            return Err("the server's reply has no message content".into());
        }
    }
    Ok(started.elapsed())
}

fn client_for(base_url: &str, model: &str) -> Result<LlmClient, BoxError> {
    let mut profile = EndpointProfile::new("bench", base_url, model);
    // An instant server never needs one; a retry would hide a fault in the timings.
    profile.max_retries = 0;
    Ok(LlmClient::new(profile, None)?)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Nearest-rank percentile of `values` (sorted here).
fn percentile(values: &[f64], p: f64) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil().max(1.0) as usize;
    sorted[rank.min(sorted.len()) - 1]
}

fn open_library(in_memory: bool, dir: &Path) -> Result<Mutex<Store>, BoxError> {
    let store = if in_memory {
        Store::open_in_memory()?
    } else {
        Store::open(&dir.join("library.db"))?
    };
    Ok(Mutex::new(store))
}

async fn bench(args: &Args) -> Result<bool, BoxError> {
    let crew_text = bench_crew(args.steps);
    let def = CrewDefinition::parse(&crew_text, Path::new("<overhead bench crew>"))?;
    let local = InstantServer::start()?;
    let base_url = args.server.clone().unwrap_or_else(|| local.base_url());
    let client = client_for(&base_url, &args.model)?;
    let url = client.profile().chat_url();
    let http = reqwest::Client::builder()
        .user_agent("jcc-overhead-baseline")
        .build()?;
    let dir = tempfile::tempdir()?;
    let store = open_library(args.in_memory, dir.path())?;

    // Capture the exact bodies of one run for the baseline (an untimed run against the
    // in-process server; when it is the target, this is also the first warm-up).
    local.recording(true);
    let local_client = client_for(&local.base_url(), &args.model)?;
    engine_run(&store, &def, &local_client, args.steps).await?;
    local.recording(false);
    let bodies = local.take_recorded();
    if bodies.len() != args.steps {
        return Err(format!(
            "a run sent {} requests for {} steps",
            bodies.len(),
            args.steps
        )
        .into());
    }

    for _ in 0..args.warmup {
        engine_run(&store, &def, &client, args.steps).await?;
        baseline_run(&http, &url, &bodies).await?;
    }

    let (requests_before, busy_before) = local.counters();
    let mut runs = Vec::with_capacity(args.runs);
    let mut baselines = Vec::with_capacity(args.runs);
    let mut per_step = Vec::with_capacity(args.runs);
    for i in 0..args.runs {
        // Alternate the order so neither side always goes first.
        let (run, base) = if i % 2 == 0 {
            let b = baseline_run(&http, &url, &bodies).await?;
            (engine_run(&store, &def, &client, args.steps).await?, b)
        } else {
            let r = engine_run(&store, &def, &client, args.steps).await?;
            (r, baseline_run(&http, &url, &bodies).await?)
        };
        runs.push(ms(run));
        baselines.push(ms(base));
        per_step.push((ms(run) - ms(base)) / args.steps as f64);
    }
    let (requests_after, busy_after) = local.counters();

    let n = args.steps;
    let library = if args.in_memory {
        "in memory (no fsync: shows the overhead without durable writes)".to_string()
    } else {
        format!(
            "{} (SQLite WAL, synchronous=FULL: every step is a durable commit, counted in the overhead)",
            dir.path().join("library.db").display()
        )
    };
    println!("jcc crew engine overhead per step");
    println!("  crew:     {n} sequential tasks, each with the previous output as context, JSON Schema-checked replies");
    println!(
        "  server:   {} ({})",
        base_url,
        if args.server.is_some() {
            "external"
        } else {
            "in-process instant server"
        }
    );
    println!("  library:  {library}");
    println!(
        "  runs:     {} timed after {} warm-up, each paired with a baseline: the same {n} request bodies replayed by plain reqwest over one keep-alive connection",
        args.runs, args.warmup
    );
    println!();
    println!(
        "  {:<26} {:>9} {:>9} {:>9} {:>9}",
        "", "p50", "p95", "min", "max"
    );
    for (label, values) in [
        ("engine run (ms)", &runs),
        ("baseline run (ms)", &baselines),
        ("overhead per step (ms)", &per_step),
    ] {
        println!(
            "  {:<26} {:>9.3} {:>9.3} {:>9.3} {:>9.3}",
            label,
            percentile(values, 50.0),
            percentile(values, 95.0),
            percentile(values, 0.0),
            percentile(values, 100.0)
        );
    }
    let served = requests_after - requests_before;
    if args.server.is_none() {
        let expected = (2 * args.runs * n) as u64;
        if served != expected {
            return Err(format!(
                "the server answered {served} requests; the timed runs should send {expected}"
            )
            .into());
        }
        let busy = busy_after.saturating_sub(busy_before);
        println!(
            "  server time per request: {:.3} ms (read request to reply written, mean of {served})",
            ms(busy) / served.max(1) as f64
        );
    }
    let p50 = percentile(&per_step, 50.0);
    let p95 = percentile(&per_step, 95.0);
    let pass = p95 < 1.0;
    println!();
    println!(
        "  verdict: per-step engine overhead p50 {p50:.3} ms, p95 {p95:.3} ms: {} the 1 ms target",
        if pass { "under" } else { "NOT under" }
    );
    println!(
        "OVERHEAD steps={n} runs={} warmup={} library={} run_ms_p50={:.3} run_ms_p95={:.3} baseline_ms_p50={:.3} baseline_ms_p95={:.3} per_step_ms_p50={p50:.4} per_step_ms_p95={p95:.4} per_step_ms_max={:.4}",
        args.runs,
        args.warmup,
        if args.in_memory { "memory" } else { "file" },
        percentile(&runs, 50.0),
        percentile(&runs, 95.0),
        percentile(&baselines, 50.0),
        percentile(&baselines, 95.0),
        percentile(&per_step, 100.0),
    );
    Ok(pass)
}

fn main() -> ExitCode {
    let args = match Args::parse() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    // The app drives the engine on a current-thread runtime; so does the bench.
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("can't start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(bench(&args)) {
        Ok(pass) if pass || !args.check => ExitCode::SUCCESS,
        Ok(_) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("overhead bench failed: {e}");
            ExitCode::FAILURE
        }
    }
}
