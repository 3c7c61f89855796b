//! Images from an OpenAI-compatible `/images/generations` endpoint, for the media step.

use crate::client::LlmClient;
use crate::error::{LlmError, Result};
use base64::Engine;
use serde_json::{json, Value};
use std::time::Duration;

impl LlmClient {
    /// One PNG for `prompt`, or an error; callers fall back to a placeholder image.
    pub async fn generate_image(&self, prompt: &str, size: &str) -> Result<Vec<u8>> {
        let p = self.profile();
        let model = p
            .images_model
            .as_deref()
            .ok_or_else(|| LlmError::Config(format!("profile {} has no images model", p.name)))?;
        let url = p.images_url();
        let (http, key) = self.http();
        let mut rb = http.post(&url).json(&json!({
            "model": model, "prompt": prompt, "n": 1, "size": size, "response_format": "b64_json"
        }));
        if let Some(k) = key.filter(|k| !k.is_empty()) {
            rb = rb.bearer_auth(k.expose());
        }
        let secs = p.timeout_secs.max(1);
        let resp = tokio::time::timeout(Duration::from_secs(secs), rb.send())
            .await
            .map_err(|_| LlmError::Timeout {
                url: url.clone(),
                secs,
            })?
            .map_err(|e| LlmError::Connect {
                url: url.clone(),
                reason: e.to_string(),
            })?;
        let status = resp.status().as_u16();
        let v: Value = resp.json().await.map_err(|e| LlmError::BadReply {
            url: url.clone(),
            reason: e.to_string(),
        })?;
        if !(200..300).contains(&status) {
            return Err(LlmError::Rejected {
                url,
                status,
                body: v.to_string().chars().take(300).collect(),
            });
        }
        let b64 = v
            .pointer("/data/0/b64_json")
            .and_then(Value::as_str)
            .ok_or_else(|| LlmError::BadReply {
                url: url.clone(),
                reason: "no data[0].b64_json in the reply".into(),
            })?;
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(b64.trim())
            .map_err(|e| LlmError::BadReply {
                url: url.clone(),
                reason: format!("the image is not base64 ({e})"),
            })?;
        // Only a real PNG gets into a book: anything else would be a broken file.
        if !bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            return Err(LlmError::BadReply {
                url,
                reason: "the image is not a PNG".into(),
            });
        }
        Ok(bytes)
    }
}
