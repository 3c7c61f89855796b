//! LLM endpoint profiles: add, list, test, remove; API keys go to the OS keyring only.

use crate::error::{AppError, AppResult, ErrorCode};
use crate::App;
use jcc_llm::{
    ApiKey, ChatModel, ConnectionReport, DetectedServer, EndpointProfile, LlmClient, LlmError,
    SecretStore, StructuredOutput,
};
use serde::{Deserialize, Serialize};
use std::sync::{Arc, OnceLock};

/// The keyring service name API keys are stored under (one entry per profile).
pub const KEYRING_SERVICE: &str = "journal-craft-crew";

static SECRETS: OnceLock<Arc<dyn SecretStore>> = OnceLock::new();

/// The process's secret store: the OS keyring unless a test installed another first.
pub fn secret_store() -> Arc<dyn SecretStore> {
    SECRETS
        .get_or_init(|| Arc::new(jcc_llm::KeyringSecretStore::new(KEYRING_SERVICE)))
        .clone()
}

/// Installs a secret store (tests: `MemorySecretStore`); false if one was already in use.
pub fn set_secret_store(store: Arc<dyn SecretStore>) -> bool {
    SECRETS.set(store).is_ok()
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct AddProfile {
    pub name: String,
    pub base_url: String,
    pub model: String,
    pub structured_output: Option<StructuredOutput>,
    /// Never serialized: it goes straight to the keyring.
    #[serde(skip)]
    pub api_key: Option<ApiKey>,
    pub requests_per_minute: Option<u32>,
    pub tokens_per_minute: Option<u32>,
    pub timeout_secs: Option<u64>,
    pub images_model: Option<String>,
    /// A GGUF file to run on this computer instead of a server (`base_url` is then unused).
    #[serde(default)]
    pub model_file: Option<String>,
    /// Tokens of context for a model file.
    #[serde(default)]
    pub context_size: Option<u32>,
    /// CPU threads for a model file.
    #[serde(default)]
    pub threads: Option<u32>,
    #[serde(default)]
    pub make_default: bool,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ProfileInfo {
    #[serde(flatten)]
    pub profile: EndpointProfile,
    pub is_default: bool,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Serialize)]
pub struct ProfileList {
    pub profiles: Vec<ProfileInfo>,
    /// Local servers found when no profile exists yet.
    pub detected: Vec<DetectedServer>,
}

pub(crate) fn runtime() -> AppResult<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| {
            AppError::new(
                ErrorCode::Internal,
                format!("can't start the async runtime: {e}"),
            )
        })
}

impl From<LlmError> for AppError {
    fn from(e: LlmError) -> Self {
        let code = match &e {
            LlmError::Config(_) => ErrorCode::InvalidInput,
            LlmError::Cancelled => ErrorCode::Cancelled,
            LlmError::Secret(_) => ErrorCode::Secrets,
            _ => ErrorCode::LlmUnavailable,
        };
        AppError::new(code, e.to_string())
    }
}

impl App {
    pub fn llm_add(&self, input: AddProfile) -> AppResult<ProfileInfo> {
        // Before the key reaches the keyring: a refused save must not leave it there alone.
        self.store().writable()?;
        let mut p = match input.model_file.as_deref().map(str::trim) {
            Some(file) => {
                let file = checked_model_file(file)?;
                let mut p = EndpointProfile::local(input.name.trim(), &file);
                if !input.model.trim().is_empty() {
                    p.model = input.model.trim().to_string();
                }
                p.context_size = input.context_size;
                p.threads = input.threads;
                p
            }
            None => {
                EndpointProfile::new(input.name.trim(), input.base_url.trim(), input.model.trim())
            }
        };
        p.structured_output = input.structured_output.unwrap_or_default();
        p.requests_per_minute = input.requests_per_minute;
        p.tokens_per_minute = input.tokens_per_minute;
        if let Some(t) = input.timeout_secs {
            p.timeout_secs = t;
        }
        p.images_model = input.images_model;
        p.validate()?;
        let secrets = secret_store();
        match &input.api_key {
            Some(k) if !k.is_empty() => {
                secrets.set(&p.name, k)?;
                p.has_api_key = true;
            }
            _ => {
                // Re-adding without a key keeps a key stored before.
                let before = self.store().llm_profile(&p.name)?;
                p.has_api_key = before
                    .and_then(|v| v.get("has_api_key").and_then(|b| b.as_bool()))
                    .unwrap_or(false);
            }
        }
        let config = serde_json::to_value(&p)
            .map_err(|e| AppError::new(ErrorCode::Internal, e.to_string()))?;
        let mut store = self.store();
        let first = store.llm_profiles()?.is_empty();
        store.save_llm_profile(&p.name, &config, input.make_default || first)?;
        let is_default = store.default_llm_profile()?.as_deref() == Some(p.name.as_str());
        tracing::info!(profile = %p.name, base_url = %p.base_url, "LLM profile saved");
        Ok(ProfileInfo {
            profile: p,
            is_default,
        })
    }

    pub fn llm_list(&self, detect: bool) -> AppResult<ProfileList> {
        let rows = self.store().llm_profiles()?;
        let default = self.store().default_llm_profile()?;
        let profiles: Vec<ProfileInfo> = rows
            .into_iter()
            .filter_map(|(v, _)| serde_json::from_value::<EndpointProfile>(v).ok())
            .map(|p| ProfileInfo {
                is_default: default.as_deref() == Some(p.name.as_str()),
                profile: p,
            })
            .collect();
        let detected = if detect && profiles.is_empty() {
            runtime()?.block_on(jcc_llm::detect_local(jcc_llm::LOCAL_CANDIDATES))
        } else {
            Vec::new()
        };
        Ok(ProfileList { profiles, detected })
    }

    pub fn llm_profile(&self, name: Option<&str>) -> AppResult<EndpointProfile> {
        let store = self.store();
        let name = match name {
            Some(n) => n.to_string(),
            None => store.default_llm_profile()?.ok_or_else(|| {
                AppError::new(
                    ErrorCode::NotFound,
                    "no LLM endpoint is set up; add one in Settings → AI endpoints, or with `jcc llm add NAME --base-url URL --model MODEL` (`jcc llm list` shows local servers found)",
                )
            })?,
        };
        let v = store.llm_profile(&name)?.ok_or_else(|| {
            AppError::new(
                ErrorCode::NotFound,
                format!("there is no LLM profile {name:?}; `jcc llm list` shows them"),
            )
        })?;
        serde_json::from_value(v).map_err(|e| {
            AppError::new(
                ErrorCode::Config,
                format!("LLM profile {name:?} is unreadable ({e}); add it again"),
            )
        })
    }

    /// A client for a profile (the default one when `name` is None), with its key; for a
    /// model file, the model loaded in this process.
    pub fn llm_client(&self, name: Option<&str>) -> AppResult<Arc<dyn ChatModel>> {
        let p = self.llm_profile(name)?;
        if p.is_local() {
            return Ok(Arc::new(jcc_llm_local::LocalChat::open(p)?));
        }
        let key = if p.has_api_key {
            let k = secret_store().get(&p.name)?;
            if k.is_none() {
                return Err(AppError::new(
                    ErrorCode::Secrets,
                    format!("the API key of profile {:?} is missing from the OS keyring; set it again with `jcc llm add {} ... --api-key-stdin`", p.name, p.name),
                ));
            }
            k
        } else {
            None
        };
        Ok(Arc::new(LlmClient::new(p, key)?))
    }

    pub fn llm_test(&self, name: Option<&str>) -> AppResult<ConnectionReport> {
        let p = self.llm_profile(name)?;
        if p.is_local() {
            return Ok(runtime()?.block_on(jcc_llm_local::test_local(p)));
        }
        let key = if p.has_api_key {
            secret_store().get(&p.name)?
        } else {
            None
        };
        let client = LlmClient::new(p, key)?;
        Ok(runtime()?.block_on(client.test_connection()))
    }

    pub fn llm_remove(&self, name: &str) -> AppResult<()> {
        self.store().writable()?;
        let p = self.llm_profile(Some(name))?;
        if p.has_api_key {
            secret_store().delete(&p.name)?;
        }
        self.store().remove_llm_profile(&p.name)?;
        Ok(())
    }
}

/// The absolute path of a model file a profile may use: a whole GGUF this llama.cpp runs.
fn checked_model_file(file: &str) -> AppResult<String> {
    let path = std::path::Path::new(file);
    let abs = std::fs::canonicalize(path).map_err(|e| {
        AppError::new(
            ErrorCode::NotFound,
            format!("can't open the model file {file:?} ({e}); give the path of a .gguf file, or add it with `jcc model add FILE.gguf`"),
        )
    })?;
    jcc_llm_local::gguf::inspect(&abs).map_err(|e| AppError::invalid(e.to_string()))?;
    Ok(abs.display().to_string())
}
