//! The crew's model on this computer: a GGUF file run by llama.cpp inside the process,
//! no server to install. [`LocalChat`] is a [`jcc_llm::ChatModel`] like the HTTP client,
//! so everything that asks a model uses it unchanged; replies to a request with a JSON
//! Schema are decoded under the grammar llama.cpp builds from it (valid by construction).
//!
//! Also here: the GGUF checks run before a file is kept ([`gguf`]), the models folder
//! ([`store`]), the catalog with its resumable, checksummed download ([`catalog`],
//! [`download`]) and an OpenAI-compatible server over a loaded model ([`serve`]).

mod arch;
pub mod budget;
pub mod catalog;
pub mod chat;
pub mod diagnose;
pub mod download;
pub mod gguf;
pub mod runtime;
pub mod serve;
pub mod store;

pub use catalog::{CatalogModel, CATALOG};
pub use chat::{grammar_for, settings_of, LocalChat};
pub use diagnose::test_local;
pub use download::{download, free_bytes, has_room, partial_bytes, DownloadSpec};
pub use gguf::{GgufError, GgufInfo};
pub use runtime::{default_threads, Generate, LocalModel, LocalSettings, Output};
pub use store::{ModelEntry, ModelStore};
