//! `jcc llm serve`: the on-device model as an OpenAI-compatible server on loopback, so
//! other tools (and the HTTP client's own tests) can use it. `/v1/models` and
//! `/v1/chat/completions` (plain or streamed as server-sent events, with
//! `response_format` `json_schema` or `json_object` + `schema` decoded under the grammar).

use crate::chat::LocalChat;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use jcc_llm::{ChatRequest, ClientEvent, LlmError, Message, OutputSchema, Role};
use serde_json::{json, Value};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};
use tokio::net::TcpListener;
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

/// Binds 127.0.0.1:`port` (0: a free port). Loopback only: the model is the writer's.
pub async fn bind(port: u16) -> std::io::Result<TcpListener> {
    TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], port))).await
}

/// Serves until `shutdown` is cancelled.
pub async fn serve(
    listener: TcpListener,
    chat: LocalChat,
    shutdown: CancellationToken,
) -> std::io::Result<()> {
    let app = Router::new()
        .route("/v1/models", get(models))
        .route("/v1/chat/completions", post(completions))
        .with_state(Arc::new(chat));
    axum::serve(listener, app)
        .with_graceful_shutdown(async move { shutdown.cancelled().await })
        .await
}

async fn models(State(chat): State<Arc<LocalChat>>) -> Json<Value> {
    Json(
        json!({"object": "list", "data": [{"id": chat.profile().model, "object": "model", "owned_by": "local"}]}),
    )
}

fn error(status: StatusCode, message: String) -> Response {
    (
        status,
        Json(json!({"error": {"message": message, "type": "invalid_request_error"}})),
    )
        .into_response()
}

/// The parts of an OpenAI request this server honours.
fn parse(body: &Value) -> Result<ChatRequest, String> {
    let messages = body
        .get("messages")
        .and_then(Value::as_array)
        .ok_or("the request has no messages array")?
        .iter()
        .map(|m| {
            let role = match m.get("role").and_then(Value::as_str) {
                Some("system") | Some("developer") => Role::System,
                Some("user") => Role::User,
                Some("assistant") => Role::Assistant,
                other => return Err(format!("unknown message role {other:?}")),
            };
            // Content is a string or a list of parts; only text parts mean anything here.
            let content = match m.get("content") {
                Some(Value::String(s)) => s.clone(),
                Some(Value::Array(parts)) => parts
                    .iter()
                    .filter_map(|p| p.get("text").and_then(Value::as_str))
                    .collect::<Vec<_>>()
                    .join(""),
                _ => String::new(),
            };
            Ok(Message { role, content })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let schema = match body.get("response_format") {
        Some(rf) => match rf.get("type").and_then(Value::as_str) {
            Some("json_schema") => Some(OutputSchema {
                name: rf
                    .pointer("/json_schema/name")
                    .and_then(Value::as_str)
                    .unwrap_or("reply")
                    .into(),
                schema: rf
                    .pointer("/json_schema/schema")
                    .cloned()
                    .ok_or("response_format json_schema has no json_schema.schema")?,
            }),
            Some("json_object") => Some(OutputSchema {
                name: "reply".into(),
                schema: rf
                    .get("schema")
                    .cloned()
                    .unwrap_or_else(|| json!({"type": "object"})),
            }),
            Some("text") | None => None,
            Some(other) => return Err(format!("unknown response_format type {other:?}")),
        },
        None => None,
    };
    Ok(ChatRequest {
        messages,
        temperature: body
            .get("temperature")
            .and_then(Value::as_f64)
            .map(|t| t as f32),
        max_tokens: body
            .get("max_tokens")
            .or_else(|| body.get("max_completion_tokens"))
            .and_then(Value::as_u64)
            .map(|n| n as u32),
        seed: body.get("seed").and_then(Value::as_u64),
        schema,
        stream: body.get("stream").and_then(Value::as_bool).unwrap_or(false),
    })
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

fn usage(tokens_in: u64, tokens_out: u64) -> Value {
    json!({"prompt_tokens": tokens_in, "completion_tokens": tokens_out, "total_tokens": tokens_in + tokens_out})
}

fn status_of(e: &LlmError) -> StatusCode {
    match e {
        LlmError::Config(_) => StatusCode::BAD_REQUEST,
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

async fn completions(State(chat): State<Arc<LocalChat>>, Json(body): Json<Value>) -> Response {
    let req = match parse(&body) {
        Ok(r) => r,
        Err(e) => return error(StatusCode::BAD_REQUEST, e),
    };
    let model = chat.profile().model.clone();
    let id = format!("chatcmpl-{}", now());
    if !req.stream {
        let cancel = CancellationToken::new();
        return match chat.chat(&req, &cancel, &|_| {}).await {
            Ok(r) => Json(json!({
                "id": id, "object": "chat.completion", "created": now(), "model": model,
                "choices": [{"index": 0, "message": {"role": "assistant", "content": r.content},
                             "finish_reason": r.finish_reason}],
                "usage": usage(r.usage.tokens_in, r.usage.tokens_out),
            }))
            .into_response(),
            Err(e) => error(status_of(&e), e.to_string()),
        };
    }
    let with_usage = body
        .pointer("/stream_options/include_usage")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let (tx, rx) = mpsc::unbounded_channel::<String>();
    let cancel = CancellationToken::new();
    // The stream owns this guard: a client that hangs up stops the generation.
    let guard = cancel.clone().drop_guard();
    let chunk = move |delta: Value, finish: Value| {
        json!({"id": id, "object": "chat.completion.chunk", "created": now(), "model": model,
               "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]})
    };
    tokio::spawn(async move {
        let send = |v: Value| {
            let _ = tx.send(format!("data: {v}\n\n"));
        };
        send(chunk(
            json!({"role": "assistant", "content": ""}),
            Value::Null,
        ));
        let on_event = |e: ClientEvent| {
            if let ClientEvent::Delta(t) = e {
                send(chunk(json!({"content": t}), Value::Null));
            }
        };
        match chat.chat(&req, &cancel, &on_event).await {
            Ok(r) => {
                send(chunk(json!({}), json!(r.finish_reason)));
                if with_usage {
                    let mut u = chunk(json!({}), Value::Null);
                    u["choices"] = json!([]);
                    u["usage"] = usage(r.usage.tokens_in, r.usage.tokens_out);
                    send(u);
                }
                let _ = tx.send("data: [DONE]\n\n".into());
            }
            // Mid-stream the status is sent already: the error goes in the stream.
            Err(e) => send(json!({"error": {"message": e.to_string()}})),
        }
    });
    let stream = futures_util::stream::unfold((rx, guard), |(mut rx, guard)| async move {
        rx.recv().await.map(|s| {
            (
                Ok::<_, std::convert::Infallible>(Bytes::from(s)),
                (rx, guard),
            )
        })
    });
    Response::builder()
        .header(header::CONTENT_TYPE, "text/event-stream")
        .header(header::CACHE_CONTROL, "no-cache")
        .body(Body::from_stream(stream))
        .unwrap_or_else(|e| error(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))
}
