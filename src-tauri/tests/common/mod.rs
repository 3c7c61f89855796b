//! The window's side of IPC on Tauri's mock runtime: an app over a real library file in a
//! temp folder, and calls the way the page makes them.

#![allow(dead_code)]

use jcc_app::{App, AppPaths};
use jcc_desktop::{run_app, Desktop};
use serde_json::Value;
use std::sync::Arc;
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{
    get_ipc_response, mock_builder, mock_context, noop_assets, MockRuntime, INVOKE_KEY,
};
use tauri::webview::InvokeRequest;
use tauri::WebviewWindow;

/// A channel argument; what the shell sends on it goes nowhere on the mock runtime.
pub const CHANNEL: &str = "__CHANNEL__:1";

pub struct Window {
    pub webview: WebviewWindow<MockRuntime>,
    pub app: tauri::App<MockRuntime>,
    pub dir: tempfile::TempDir,
}

pub fn open() -> Window {
    open_in(tempfile::tempdir().unwrap())
}

/// The library in `dir` (`data/library.sqlite3`), made now or by the test before.
pub fn paths_in(dir: &std::path::Path) -> AppPaths {
    AppPaths::new(dir.join("data"), dir.join("config"))
}

/// A window over the library a test prepared in `dir`.
pub fn open_in(dir: tempfile::TempDir) -> Window {
    // API keys go to a keyring in memory here; the real one is tested in jcc-cli.
    jcc_app::llm::set_secret_store(Arc::new(jcc_llm::MemorySecretStore::default()));
    let paths = paths_in(dir.path());
    let desktop = Desktop::new(App::open(paths).unwrap());
    let app = run_app(mock_builder(), mock_context(noop_assets()), desktop).unwrap();
    let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap();
    Window { webview, app, dir }
}

impl Window {
    pub fn call(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        let request = InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        };
        get_ipc_response(&self.webview, request).map(|b| b.deserialize::<Value>().unwrap())
    }

    pub fn ok(&self, cmd: &str, args: Value) -> Value {
        self.call(cmd, args)
            .unwrap_or_else(|e| panic!("{cmd} failed: {e}"))
    }

    pub fn err(&self, cmd: &str, args: Value) -> Value {
        match self.call(cmd, args) {
            Ok(v) => panic!("{cmd} should have failed, got {v}"),
            Err(e) => e,
        }
    }
}
