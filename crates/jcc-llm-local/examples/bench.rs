//! Embedded llama.cpp against llama.cpp's server (llama-cpp-python) on the same GGUF and
//! threads: decode tokens/s, first-token latency and peak RSS. Run by
//! `scripts/bench-local-model.sh`, which starts the server and adds the 6-day crew runs.
//!
//!   cargo run -p jcc-llm-local --example bench -- MODEL.gguf THREADS [SERVER_URL SERVER_PID]

use jcc_llm::{ChatModel, ChatRequest, ClientEvent, EndpointProfile, LlmClient, Message};
use jcc_llm_local::LocalChat;
use std::sync::Mutex;
use std::time::{Duration, Instant};
use tokio_util::sync::CancellationToken;

const RUNS: usize = 8;
const MAX_TOKENS: u32 = 160;

#[derive(Debug, Default)]
struct Sample {
    first_token: Duration,
    decode: Duration,
    tokens_out: u64,
}

fn request(i: usize) -> ChatRequest {
    // A different prompt each run: the server's prompt cache must not favour it.
    ChatRequest {
        messages: vec![
            Message::system("You are a warm journaling coach."),
            Message::user(format!(
                "Write a short journaling pre-writeup (about 120 words) for day {} of a gratitude journal for new parents.",
                i + 1
            )),
        ],
        max_tokens: Some(MAX_TOKENS),
        temperature: Some(0.0),
        stream: true,
        ..Default::default()
    }
}

async fn measure(model: &dyn ChatModel) -> Vec<Sample> {
    let mut out = Vec::new();
    for i in 0..=RUNS {
        let first: Mutex<Option<Instant>> = Mutex::new(None);
        let on_event = |e: ClientEvent| {
            if let ClientEvent::Delta(_) = e {
                first.lock().unwrap().get_or_insert_with(Instant::now);
            }
        };
        let start = Instant::now();
        let reply = model
            .chat(&request(i), &CancellationToken::new(), &on_event)
            .await
            .expect("a reply");
        let end = Instant::now();
        let first = first.lock().unwrap().unwrap_or(end);
        // Run 0 warms caches and pages the model in; it is not counted.
        if i > 0 {
            out.push(Sample {
                first_token: first - start,
                decode: end - first,
                tokens_out: reply.usage.tokens_out,
            });
        }
    }
    out
}

fn peak_rss_mb(pid: &str) -> f64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

fn report(name: &str, samples: &[Sample], rss: f64) {
    let mut firsts: Vec<f64> = samples
        .iter()
        .map(|s| s.first_token.as_secs_f64() * 1e3)
        .collect();
    firsts.sort_by(f64::total_cmp);
    let tokens: u64 = samples.iter().map(|s| s.tokens_out.saturating_sub(1)).sum();
    let decode: f64 = samples.iter().map(|s| s.decode.as_secs_f64()).sum();
    println!(
        "| {name} | {:.1} | {:.0} | {:.0} | {rss:.0} |",
        tokens as f64 / decode,
        firsts[firsts.len() / 2],
        firsts[firsts.len() - 1],
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let model = args
        .first()
        .expect("usage: bench MODEL.gguf THREADS [SERVER_URL SERVER_PID]");
    let threads: u32 = args.get(1).and_then(|t| t.parse().ok()).unwrap_or(1);
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    println!("{RUNS} streamed replies of up to {MAX_TOKENS} tokens each, greedy, {threads} thread(s), 2,048-token context\n");
    println!("| runtime | decode tokens/s | first token p50 (ms) | first token max (ms) | peak RSS (MB) |");
    println!("|---|---|---|---|---|");
    if let (Some(url), Some(pid)) = (args.get(2), args.get(3)) {
        let mut p = EndpointProfile::new("server", url, "smollm2");
        p.timeout_secs = 300;
        let client = LlmClient::new(p, None).unwrap();
        let samples = rt.block_on(measure(&client));
        report(
            "llama.cpp server (llama-cpp-python)",
            &samples,
            peak_rss_mb(pid),
        );
    }
    let mut p = EndpointProfile::local("here", model);
    p.context_size = Some(2048);
    p.threads = Some(threads);
    let chat = LocalChat::open(p).unwrap();
    let samples = rt.block_on(measure(&chat));
    report("embedded (jcc-llm-local)", &samples, peak_rss_mb("self"));
}
