//! A small W3C WebDriver client: just what the tests use (find, click, type, read,
//! run a script, screenshot), with waiting built in because the app renders
//! asynchronously.

use base64::Engine as _;
use serde_json::{json, Value};
use std::path::Path;
use std::time::{Duration, Instant};

/// The W3C id key of an element reference.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";
const WAIT: Duration = Duration::from_secs(20);

/// Keys for [`Element::send_keys`].
pub mod keys {
    pub const ENTER: &str = "\u{E007}";
    pub const ESCAPE: &str = "\u{E00C}";
    pub const CONTROL: &str = "\u{E009}";
    pub const END: &str = "\u{E010}";
    pub const BACKSPACE: &str = "\u{E003}";
}

#[derive(Debug, Clone)]
pub struct Session {
    http: reqwest::Client,
    url: String,
}

#[derive(Debug, Clone)]
pub struct Element {
    session: Session,
    id: String,
}

impl Session {
    pub(crate) async fn start(base: &str, app: &Path) -> Self {
        let http = reqwest::Client::new();
        let caps = json!({"capabilities": {"alwaysMatch": {
            "tauri:options": {"application": app}
        }}});
        let reply: Value = http
            .post(format!("{base}/session"))
            .json(&caps)
            .send()
            .await
            .expect("WebDriver answers")
            .json()
            .await
            .expect("a JSON reply");
        let id = reply["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {reply}"))
            .to_string();
        Self {
            http,
            url: format!("{base}/session/{id}"),
        }
    }

    async fn call(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<Value>,
    ) -> Result<Value, String> {
        let mut req = self.http.request(method, format!("{}{path}", self.url));
        if let Some(b) = body {
            req = req.json(&b);
        }
        let resp = req.send().await.map_err(|e| e.to_string())?;
        let status = resp.status();
        let v: Value = resp.json().await.map_err(|e| e.to_string())?;
        if status.is_success() {
            Ok(v["value"].clone())
        } else {
            Err(format!("{status}: {}", v["value"]))
        }
    }

    async fn post(&self, path: &str, body: Value) -> Result<Value, String> {
        self.call(reqwest::Method::POST, path, Some(body)).await
    }

    /// The first element matching `css`, waiting for it to appear.
    pub async fn find(&self, css: &str) -> Element {
        self.wait_for(css, WAIT).await
    }

    pub async fn wait_for(&self, css: &str, timeout: Duration) -> Element {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(e) = self.try_find(css).await {
                return e;
            }
            if Instant::now() > deadline {
                self.screenshot(&crate::artifacts_dir().join("failure.png"))
                    .await;
                panic!("no element matches {css:?} after {timeout:?} (screenshot: failure.png)");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub async fn try_find(&self, css: &str) -> Option<Element> {
        let v = self
            .post("/element", json!({"using": "css selector", "value": css}))
            .await
            .ok()?;
        Some(Element {
            session: self.clone(),
            id: v[ELEMENT_KEY].as_str()?.to_string(),
        })
    }

    pub async fn find_all(&self, css: &str) -> Vec<Element> {
        let v = self
            .post("/elements", json!({"using": "css selector", "value": css}))
            .await
            .unwrap_or(Value::Null);
        v.as_array()
            .into_iter()
            .flatten()
            .filter_map(|e| e[ELEMENT_KEY].as_str())
            .map(|id| Element {
                session: self.clone(),
                id: id.to_string(),
            })
            .collect()
    }

    /// The `textContent` of the first element matching `css` (WebKit's rendered-text
    /// endpoint leaves out some styled text).
    pub async fn text_of(&self, css: &str) -> Option<String> {
        let script =
            "const e = document.querySelector(arguments[0]); return e ? e.textContent : null;";
        let v = self
            .post("/execute/sync", json!({"script": script, "args": [css]}))
            .await
            .ok()?;
        v.as_str().map(String::from)
    }

    /// Waits until the text of `css` satisfies `ok`; returns that text.
    pub async fn wait_text(
        &self,
        css: &str,
        timeout: Duration,
        ok: impl Fn(&str) -> bool,
    ) -> String {
        let deadline = Instant::now() + timeout;
        let mut last = String::new();
        loop {
            if let Some(text) = self.text_of(css).await {
                last = text;
                if ok(&last) {
                    return last;
                }
            }
            if Instant::now() > deadline {
                self.screenshot(&crate::artifacts_dir().join("failure.png"))
                    .await;
                panic!("{css:?} never had the expected text; last was {last:?}");
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    /// Runs `script` in the page (`arguments` are `args`) and returns its value.
    pub async fn execute(&self, script: &str, args: Value) -> Value {
        self.post("/execute/sync", json!({"script": script, "args": args}))
            .await
            .unwrap_or_else(|e| panic!("script failed: {e}"))
    }

    /// Runs an async script: it calls `arguments[arguments.length - 1](value)` when done.
    pub async fn execute_async(&self, script: &str, args: Value) -> Value {
        self.post("/execute/async", json!({"script": script, "args": args}))
            .await
            .unwrap_or_else(|e| panic!("async script failed: {e}"))
    }

    /// Calls a core command from the page, as the UI's IPC layer does: its value, or the
    /// core's `{code, message}` error.
    pub async fn invoke(&self, command: &str, args: Value) -> Result<Value, Value> {
        let reply = self
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 window.__TAURI_INTERNALS__.invoke(arguments[0], arguments[1])
                   .then(ok => done({ok}), err => done({err}));",
                json!([command, args]),
            )
            .await;
        match reply.get("err") {
            Some(err) => Err(err.clone()),
            None => Ok(reply.get("ok").cloned().unwrap_or(Value::Null)),
        }
    }

    /// Presses keys together and releases them (a chord such as Ctrl+End) on the
    /// focused element.
    pub async fn chord(&self, keys: &[&str]) {
        let mut actions: Vec<Value> = keys
            .iter()
            .map(|k| json!({"type": "keyDown", "value": k}))
            .collect();
        actions.extend(
            keys.iter()
                .rev()
                .map(|k| json!({"type": "keyUp", "value": k})),
        );
        self.post(
            "/actions",
            json!({"actions": [{"type": "key", "id": "keyboard", "actions": actions}]}),
        )
        .await
        .unwrap_or_else(|e| panic!("keys failed: {e}"));
    }

    /// Saves a PNG of the window.
    pub async fn screenshot(&self, path: &Path) {
        if let Ok(v) = self.call(reqwest::Method::GET, "/screenshot", None).await {
            if let Some(b64) = v.as_str() {
                if let Ok(png) = base64::engine::general_purpose::STANDARD.decode(b64) {
                    let _ = std::fs::write(path, png);
                }
            }
        }
    }

    /// Ends the session, which closes the app.
    pub async fn close(self) {
        let _ = self.call(reqwest::Method::DELETE, "", None).await;
    }
}

impl Element {
    pub async fn click(&self) {
        self.session
            .post(&format!("/element/{}/click", self.id), json!({}))
            .await
            .unwrap_or_else(|e| panic!("click failed: {e}"));
    }

    pub async fn send_keys(&self, text: &str) {
        self.session
            .post(
                &format!("/element/{}/value", self.id),
                json!({"text": text}),
            )
            .await
            .unwrap_or_else(|e| panic!("typing failed: {e}"));
    }

    pub async fn clear(&self) {
        let _ = self
            .session
            .post(&format!("/element/{}/clear", self.id), json!({}))
            .await;
    }

    pub async fn text(&self) -> String {
        self.session
            .call(
                reqwest::Method::GET,
                &format!("/element/{}/text", self.id),
                None,
            )
            .await
            .ok()
            .and_then(|v| v.as_str().map(String::from))
            .unwrap_or_default()
    }

    pub async fn attr(&self, name: &str) -> Option<String> {
        self.session
            .call(
                reqwest::Method::GET,
                &format!("/element/{}/attribute/{name}", self.id),
                None,
            )
            .await
            .ok()
            .and_then(|v| v.as_str().map(String::from))
    }

    pub async fn property(&self, name: &str) -> Value {
        self.session
            .call(
                reqwest::Method::GET,
                &format!("/element/{}/property/{name}", self.id),
                None,
            )
            .await
            .unwrap_or(Value::Null)
    }
}
