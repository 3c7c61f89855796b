//! A GGUF model running in this process: llama.cpp on one worker thread that owns the
//! model and its context, fed one request at a time, streaming pieces back as they are
//! sampled and stopping at the next token once the caller cancels.

use crate::gguf::{self, GgufInfo};
use jcc_llm::{LlmError, Message, Role};
use llama_cpp_2::context::params::LlamaContextParams;
use llama_cpp_2::context::LlamaContext;
use llama_cpp_2::llama_backend::LlamaBackend;
use llama_cpp_2::llama_batch::LlamaBatch;
use llama_cpp_2::model::params::LlamaModelParams;
use llama_cpp_2::model::{LlamaChatMessage, LlamaModel};
use llama_cpp_2::sampling::LlamaSampler;
use std::collections::HashMap;
use std::num::NonZeroU32;
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc, Mutex, OnceLock, Weak};
use tokio::sync::mpsc as tmpsc;
use tokio_util::sync::CancellationToken;

/// Tokens decoded per batch while reading the prompt.
const PROMPT_BATCH: usize = 512;

/// How the model runs: the context window (prompt + reply, in tokens) and CPU threads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LocalSettings {
    pub context: u32,
    pub threads: u32,
}

impl Default for LocalSettings {
    fn default() -> Self {
        Self {
            context: 4096,
            threads: default_threads(),
        }
    }
}

/// Half the cores (at least one): the app and the writer's other programs keep the rest.
pub fn default_threads() -> u32 {
    let n = std::thread::available_parallelism().map_or(1, |n| n.get());
    (n / 2).max(1) as u32
}

/// One generation request for the worker.
#[derive(Debug)]
pub struct Generate {
    pub messages: Vec<Message>,
    /// A GBNF grammar the reply must follow (from the step's JSON Schema).
    pub grammar: Option<String>,
    pub max_tokens: Option<u32>,
    pub temperature: Option<f32>,
    pub seed: Option<u64>,
    pub cancel: CancellationToken,
}

/// What the worker sends back for a request.
#[derive(Debug)]
pub enum Output {
    Piece(String),
    Done {
        tokens_in: u64,
        tokens_out: u64,
        finish_reason: &'static str,
    },
    Failed(LlmError),
}

struct Job {
    req: Generate,
    out: tmpsc::UnboundedSender<Output>,
}

/// A loaded model. Dropping the last handle stops its worker and frees the memory.
#[derive(Debug)]
pub struct LocalModel {
    path: PathBuf,
    info: GgufInfo,
    settings: LocalSettings,
    jobs: Mutex<mpsc::Sender<Job>>,
}

fn backend() -> Result<&'static LlamaBackend, LlmError> {
    static BACKEND: OnceLock<Result<LlamaBackend, String>> = OnceLock::new();
    BACKEND
        .get_or_init(|| {
            // llama.cpp logs every tensor it loads: into tracing (the log file), not stderr.
            llama_cpp_2::send_logs_to_tracing(llama_cpp_2::LogOptions::default());
            LlamaBackend::init().map_err(|e| e.to_string())
        })
        .as_ref()
        .map_err(|e| LlmError::Config(format!("llama.cpp failed to start: {e}")))
}

impl LocalModel {
    /// Checks the file, then loads it on a new worker thread; returns once it is ready.
    pub fn load(path: &Path, settings: LocalSettings) -> Result<Self, LlmError> {
        let info =
            gguf::check(path, settings.context).map_err(|e| LlmError::Config(e.to_string()))?;
        let backend = backend()?;
        let (jobs, inbox) = mpsc::channel::<Job>();
        let (ready_tx, ready_rx) = mpsc::channel::<Result<(), LlmError>>();
        let file = path.to_path_buf();
        std::thread::Builder::new()
            .name("jcc-local-model".into())
            .spawn(move || worker(backend, &file, settings, inbox, ready_tx))
            .map_err(|e| LlmError::Config(format!("can't start the model's thread: {e}")))?;
        ready_rx.recv().map_err(|_| {
            LlmError::Config(format!(
                "llama.cpp stopped while loading {}; the file may be damaged",
                path.display()
            ))
        })??;
        Ok(Self {
            path: path.to_path_buf(),
            info,
            settings,
            jobs: Mutex::new(jobs),
        })
    }

    /// The model for `path` with `settings`, loaded once per process and shared while in
    /// use (the crew, the editor's AI actions and `jcc llm serve` ask the same copy).
    pub fn shared(path: &Path, settings: LocalSettings) -> Result<Arc<Self>, LlmError> {
        type Cache = Mutex<HashMap<(PathBuf, LocalSettings), Weak<LocalModel>>>;
        static CACHE: OnceLock<Cache> = OnceLock::new();
        let cache = CACHE.get_or_init(Default::default);
        let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
        let key = (path.to_path_buf(), settings);
        if let Some(m) = cache.get(&key).and_then(Weak::upgrade) {
            return Ok(m);
        }
        let m = Arc::new(Self::load(path, settings)?);
        cache.retain(|_, w| w.strong_count() > 0);
        cache.insert(key, Arc::downgrade(&m));
        Ok(m)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn info(&self) -> &GgufInfo {
        &self.info
    }

    pub fn settings(&self) -> LocalSettings {
        self.settings
    }

    /// Queues a request; its pieces and result arrive on the returned channel.
    pub fn generate(&self, req: Generate) -> tmpsc::UnboundedReceiver<Output> {
        let (out, rx) = tmpsc::unbounded_channel();
        let jobs = self.jobs.lock().unwrap_or_else(|e| e.into_inner());
        if let Err(mpsc::SendError(job)) = jobs.send(Job { req, out }) {
            let _ = job.out.send(Output::Failed(LlmError::Config(
                "the model's thread has stopped; restart the app".into(),
            )));
        }
        rx
    }
}

fn worker(
    backend: &LlamaBackend,
    path: &Path,
    settings: LocalSettings,
    inbox: mpsc::Receiver<Job>,
    ready: mpsc::Sender<Result<(), LlmError>>,
) {
    let model = match LlamaModel::load_from_file(backend, path, &LlamaModelParams::default()) {
        Ok(m) => m,
        Err(e) => {
            let _ = ready.send(Err(LlmError::Config(format!(
                "llama.cpp could not load {} ({e}); the file may be damaged or made for a newer llama.cpp",
                path.display()
            ))));
            return;
        }
    };
    let threads = settings.threads.max(1) as i32;
    let params = LlamaContextParams::default()
        .with_n_ctx(NonZeroU32::new(settings.context.max(256)))
        .with_n_batch(PROMPT_BATCH as u32)
        .with_n_threads(threads)
        .with_n_threads_batch(threads);
    let mut ctx = match model.new_context(backend, params) {
        Ok(c) => c,
        Err(e) => {
            let _ = ready.send(Err(LlmError::Config(format!(
                "llama.cpp could not make a {}-token context for {} ({e}); try a smaller context",
                settings.context,
                path.display()
            ))));
            return;
        }
    };
    let _ = ready.send(Ok(()));
    while let Ok(job) = inbox.recv() {
        let result = run(&model, &mut ctx, &job.req, &job.out);
        let _ = job.out.send(match result {
            Ok((tokens_in, tokens_out, finish_reason)) => Output::Done {
                tokens_in,
                tokens_out,
                finish_reason,
            },
            Err(e) => Output::Failed(e),
        });
    }
}

fn failed(what: &str, e: impl std::fmt::Display) -> LlmError {
    LlmError::Config(format!("the model on this computer failed {what}: {e}"))
}

/// The chat as the model's own template writes it, ready for the assistant's turn.
fn render(model: &LlamaModel, messages: &[Message]) -> Result<String, LlmError> {
    let chat = messages
        .iter()
        .map(|m| {
            let role = match m.role {
                Role::System => "system",
                Role::User => "user",
                Role::Assistant => "assistant",
            };
            LlamaChatMessage::new(role.into(), m.content.clone())
        })
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| failed("to read the messages", e))?;
    let template = model
        .chat_template(None)
        .map_err(|e| failed("to find its chat template (is it an instruct model?)", e))?;
    model
        .apply_chat_template(&template, &chat, true)
        .map_err(|e| failed("to apply its chat template", e))
}

fn sampler(model: &LlamaModel, req: &Generate) -> Result<LlamaSampler, LlmError> {
    let mut chain = Vec::new();
    if let Some(g) = &req.grammar {
        chain.push(
            LlamaSampler::grammar(model, g, "root")
                .map_err(|e| failed("to compile the reply's grammar", e))?,
        );
    }
    let temperature = req.temperature.unwrap_or(0.7);
    if temperature <= 0.0 {
        chain.push(LlamaSampler::greedy());
    } else {
        chain.extend([
            LlamaSampler::top_k(40),
            LlamaSampler::top_p(0.95, 1),
            LlamaSampler::min_p(0.05, 1),
            LlamaSampler::temp(temperature),
            LlamaSampler::dist(req.seed.unwrap_or(0xC0FFEE) as u32),
        ]);
    }
    Ok(LlamaSampler::chain_simple(chain))
}

/// One reply: reads the prompt, then samples until the end of the turn, the token limit
/// or the context's end. Returns (prompt tokens, reply tokens, finish reason).
fn run(
    model: &LlamaModel,
    ctx: &mut LlamaContext<'_>,
    req: &Generate,
    out: &tmpsc::UnboundedSender<Output>,
) -> Result<(u64, u64, &'static str), LlmError> {
    ctx.clear_kv_cache();
    let vocab = model.vocab();
    let prompt = render(model, &req.messages)?;
    let tokens = vocab.tokenize(prompt.as_bytes(), true, true);
    let n_ctx = ctx.n_ctx() as usize;
    if tokens.len() + 1 >= n_ctx {
        return Err(LlmError::Config(format!(
            "the request is {} tokens, more than the model's {n_ctx}-token context; raise the profile's context size",
            tokens.len()
        )));
    }
    let mut sampler = sampler(model, req)?;
    let mut batch = LlamaBatch::new(PROMPT_BATCH, 1);
    for (i, chunk) in tokens.chunks(PROMPT_BATCH).enumerate() {
        if req.cancel.is_cancelled() {
            return Err(LlmError::Cancelled);
        }
        batch.clear();
        let base = i * PROMPT_BATCH;
        for (j, t) in chunk.iter().enumerate() {
            let last = base + j == tokens.len() - 1;
            batch
                .add(*t, (base + j) as i32, &[0], last)
                .map_err(|e| failed("to read the prompt", e))?;
        }
        ctx.decode(&mut batch)
            .map_err(|e| failed("to read the prompt", e))?;
    }
    let limit = req.max_tokens.map_or(n_ctx - tokens.len(), |m| {
        (m as usize).min(n_ctx - tokens.len())
    });
    let mut pos = tokens.len();
    let mut produced = 0usize;
    let mut pending: Vec<u8> = Vec::new();
    let mut logits_at = batch.n_tokens() - 1;
    let finish = loop {
        if req.cancel.is_cancelled() || out.is_closed() {
            return Err(LlmError::Cancelled);
        }
        if produced >= limit {
            break "length";
        }
        let token = sampler.sample(ctx, logits_at);
        if vocab.is_eog(token) {
            break "stop";
        }
        produced += 1;
        pending.extend(vocab.token_to_piece(token, false, None));
        // A character can span tokens: send only whole UTF-8 characters.
        let valid = match std::str::from_utf8(&pending) {
            Ok(s) => s.len(),
            Err(e) => e.valid_up_to(),
        };
        if valid > 0 {
            let text = String::from_utf8_lossy(&pending[..valid]).into_owned();
            pending.drain(..valid);
            let _ = out.send(Output::Piece(text));
        }
        batch.clear();
        batch
            .add(token, pos as i32, &[0], true)
            .map_err(|e| failed("to continue", e))?;
        ctx.decode(&mut batch)
            .map_err(|e| failed("to continue", e))?;
        logits_at = 0;
        pos += 1;
    };
    if !pending.is_empty() {
        let _ = out.send(Output::Piece(
            String::from_utf8_lossy(&pending).into_owned(),
        ));
    }
    Ok((tokens.len() as u64, produced as u64, finish))
}
