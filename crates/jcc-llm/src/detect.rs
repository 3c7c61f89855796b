//! Finding a local model server when the writer has set up no endpoint yet.

use crate::profile::{EndpointProfile, StructuredOutput};
use serde::Serialize;
use std::time::Duration;

/// Where local servers listen by default, with the structured-output mode each takes.
pub const LOCAL_CANDIDATES: &[(&str, &str, StructuredOutput)] = &[
    (
        "ollama",
        "http://127.0.0.1:11434/v1",
        StructuredOutput::JsonSchema,
    ),
    (
        "llamacpp",
        "http://127.0.0.1:8080/v1",
        StructuredOutput::JsonObject,
    ),
];

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Serialize)]
pub struct DetectedServer {
    /// A suggested profile name ("ollama", "llamacpp").
    pub name: String,
    pub base_url: String,
    pub models: Vec<String>,
    pub structured_output: StructuredOutput,
}

impl DetectedServer {
    /// A profile for the first model it serves.
    pub fn profile(&self) -> Option<EndpointProfile> {
        let model = self.models.first()?;
        let mut p = EndpointProfile::new(&self.name, &self.base_url, model);
        p.structured_output = self.structured_output;
        Some(p)
    }
}

/// Asks each candidate for its model list (briefly: a missing server answers at once).
pub async fn detect_local(candidates: &[(&str, &str, StructuredOutput)]) -> Vec<DetectedServer> {
    let Ok(http) = reqwest::Client::builder()
        .timeout(Duration::from_millis(800))
        .build()
    else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for (name, base, mode) in candidates {
        let url = format!("{}/models", base.trim_end_matches('/'));
        let Ok(resp) = http.get(&url).send().await else {
            continue;
        };
        if !resp.status().is_success() {
            continue;
        }
        let Ok(v) = resp.json::<serde_json::Value>().await else {
            continue;
        };
        let models = v
            .get("data")
            .and_then(|d| d.as_array())
            .map(|d| {
                d.iter()
                    .filter_map(|m| m.get("id").and_then(|i| i.as_str()))
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        found.push(DetectedServer {
            name: name.to_string(),
            base_url: base.to_string(),
            models,
            structured_output: *mode,
        });
    }
    found
}
