//! Models that run on this computer, for `jcc model` and the window alike: the models
//! folder in the data directory, the catalog with what is downloaded (or half-downloaded),
//! the disk space there, and a profile that uses a model with no server.

use crate::error::{AppError, AppResult, ErrorCode};
use crate::llm::{runtime, AddProfile, ProfileInfo};
use crate::App;
use jcc_llm::{CancellationToken, EndpointProfile};
use jcc_llm_local::{catalog, ModelEntry, ModelStore};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// The context size the memory check assumes when a model is added (the profiles'
/// default context).
pub const ADD_CONTEXT: u32 = 4096;

/// A model in the models folder.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Serialize)]
pub struct LocalModel {
    pub name: String,
    pub path: String,
    pub bytes: u64,
    /// A link to a file elsewhere, not a copy.
    pub linked: bool,
    pub architecture: Option<String>,
    /// Why it can't be used now (a moved link target, a damaged file).
    pub problem: Option<String>,
    /// The profiles that run it.
    pub used_by: Vec<String>,
}

/// A recommended model, and how far it is downloaded here.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Serialize)]
pub struct CatalogOffer {
    pub id: String,
    pub name: String,
    pub file: String,
    pub bytes: u64,
    pub licence: String,
    pub note: String,
    /// Where it comes from (the mirror when `JCC_MODEL_MIRROR` is set).
    pub url: String,
    /// In the models folder, checksum verified.
    pub downloaded: bool,
    /// Bytes a cut download left; the next one resumes from there.
    pub partial_bytes: u64,
    /// The disk has room for the rest of it (with a margin kept free for the library).
    pub enough_room: bool,
}

/// Everything the "On this computer" settings show.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Serialize)]
pub struct LocalModels {
    pub dir: String,
    pub models: Vec<LocalModel>,
    pub catalog: Vec<CatalogOffer>,
    /// Bytes free for this user on the disk holding the models folder.
    pub free_bytes: Option<u64>,
}

/// How far a download is.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Serialize)]
pub struct DownloadProgress {
    pub id: String,
    pub have: u64,
    pub total: u64,
}

fn no_such_offer(id: &str) -> AppError {
    AppError::new(
        ErrorCode::NotFound,
        format!("there is no catalog model {id:?}; `jcc model catalog` lists them"),
    )
}

impl App {
    /// The models folder (in the data directory, beside the library).
    pub fn model_store(&self) -> AppResult<ModelStore> {
        let paths = self.paths().ok_or_else(|| {
            AppError::new(
                ErrorCode::Config,
                "an in-memory library has no models folder",
            )
        })?;
        Ok(ModelStore::new(paths.data_dir.join("models")))
    }

    /// The models here, the catalog (downloaded or not) and the free disk space.
    pub fn local_models(&self) -> AppResult<LocalModels> {
        let store = self.model_store()?;
        let profiles = self.llm_list(false)?.profiles;
        let models = store
            .list()
            .into_iter()
            .map(|m| local_model(m, &profiles))
            .collect::<Vec<_>>();
        let catalog = catalog::CATALOG
            .iter()
            .map(|m| {
                let partial_bytes = jcc_llm_local::partial_bytes(store.dir(), m.file);
                CatalogOffer {
                    id: m.id.into(),
                    name: m.name.into(),
                    file: m.file.into(),
                    bytes: m.bytes,
                    licence: m.licence.into(),
                    note: m.note.into(),
                    url: catalog::download_url(m),
                    downloaded: store.find(m.file).is_some(),
                    partial_bytes,
                    enough_room: jcc_llm_local::has_room(
                        store.dir(),
                        m.bytes.saturating_sub(partial_bytes),
                    ),
                }
            })
            .collect();
        Ok(LocalModels {
            dir: store.dir().display().to_string(),
            models,
            catalog,
            free_bytes: jcc_llm_local::free_bytes(store.dir()),
        })
    }

    /// Checks a GGUF file and copies it into the models folder (or links to it).
    pub fn model_add(&self, file: &Path, link: bool) -> AppResult<LocalModel> {
        let m = self.model_store()?.add(file, link, ADD_CONTEXT)?;
        self.model_info(m)
    }

    /// Removes a model from the folder; refused while a profile runs it, so the crew is
    /// never left pointing at a file that is gone.
    pub fn model_remove(&self, name: &str) -> AppResult<PathBuf> {
        let store = self.model_store()?;
        if let Some(path) = store.find(name) {
            let users = profiles_using(&path, &self.llm_list(false)?.profiles);
            if !users.is_empty() {
                return Err(AppError::invalid(format!(
                    "the profile {} runs this model; remove that profile first (Settings → AI, or `jcc llm remove NAME`)",
                    users.join(", ")
                )));
            }
        }
        Ok(store.remove(name)?)
    }

    /// Downloads a catalog model into the models folder: resumes a cut download, refuses
    /// one the disk can't hold, keeps the file only once its SHA-256 matches.
    pub fn model_download(
        &self,
        id: &str,
        cancel: &CancellationToken,
        progress: &(dyn Fn(&DownloadProgress) + Send + Sync),
    ) -> AppResult<LocalModel> {
        let m = catalog::find(id).ok_or_else(|| no_such_offer(id))?;
        let store = self.model_store()?;
        if let Some(path) = store.find(m.file) {
            return self.model_info(store.entry(&path));
        }
        // Every half percent at most: a chunk arrives every few kilobytes.
        let last = std::sync::Mutex::new(None::<u64>);
        let report = |have: u64, total: Option<u64>| {
            let total = total.unwrap_or(m.bytes);
            let mut last = last.lock().unwrap_or_else(|e| e.into_inner());
            if last.is_some_and(|l| have < total && have.saturating_sub(l) < total / 200) {
                return;
            }
            *last = Some(have);
            progress(&DownloadProgress {
                id: m.id.into(),
                have,
                total,
            })
        };
        let path = runtime()?.block_on(jcc_llm_local::download(
            &m.download_spec(),
            store.dir(),
            cancel,
            &report,
        ))?;
        tracing::info!(model = m.id, path = %path.display(), "model downloaded");
        self.model_info(store.entry(&path))
    }

    /// A model as the window shows it, with the profiles that run it (an already
    /// downloaded model may be in use).
    fn model_info(&self, m: ModelEntry) -> AppResult<LocalModel> {
        Ok(local_model(m, &self.llm_list(false)?.profiles))
    }

    /// What a profile's `model_file` names: a path, a model in the folder, or a catalog
    /// id that has been downloaded.
    pub fn model_resolve(&self, name: &str) -> AppResult<String> {
        if Path::new(name).exists() {
            return Ok(name.to_string());
        }
        let store = self.model_store()?;
        if let Some(p) = store.find(name) {
            return Ok(p.display().to_string());
        }
        if let Some(m) = catalog::find(name) {
            return store
                .find(m.file)
                .map(|p| p.display().to_string())
                .ok_or_else(|| {
                    AppError::invalid(format!(
                        "the catalog model {name} is not downloaded yet; run `jcc model download {}` first",
                        m.id
                    ))
                });
        }
        Err(AppError::new(
            ErrorCode::NotFound,
            format!("there is no model file {name:?}: give a path to a .gguf file, a name from `jcc model list` or an id from `jcc model catalog`"),
        ))
    }

    /// Makes (or updates) the profile that runs model `name` on this computer and makes
    /// it the default: the one step between a downloaded model and the crew.
    pub fn model_use(&self, name: &str) -> AppResult<ProfileInfo> {
        let file = self.model_resolve(name)?;
        self.llm_add(AddProfile {
            name: profile_name(&file),
            model_file: Some(file),
            make_default: true,
            ..AddProfile::default()
        })
    }
}

/// A profile name from a model file: its stem, in the characters profile names allow.
fn profile_name(file: &str) -> String {
    let stem = Path::new(file)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name: String = stem
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || "-_.".contains(c) {
                c
            } else {
                '-'
            }
        })
        .collect();
    if name.is_empty() {
        "on-this-computer".into()
    } else {
        name
    }
}

fn profiles_using(path: &Path, profiles: &[ProfileInfo]) -> Vec<String> {
    let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    profiles
        .iter()
        .filter(|p| uses(&p.profile, path, &canonical))
        .map(|p| p.profile.name.clone())
        .collect()
}

fn uses(p: &EndpointProfile, path: &Path, canonical: &Path) -> bool {
    p.model_file
        .as_deref()
        .is_some_and(|f| Path::new(f) == path || Path::new(f) == canonical)
}

fn local_model(m: ModelEntry, profiles: &[ProfileInfo]) -> LocalModel {
    let used_by = profiles_using(&m.path, profiles);
    LocalModel {
        name: m.name,
        path: m.path.display().to_string(),
        bytes: m.bytes,
        linked: m.linked,
        architecture: m.architecture,
        problem: m.problem,
        used_by,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profile_names_keep_only_allowed_characters() {
        assert_eq!(
            profile_name("/m/SmolLM2-135M-Instruct.Q4_1.gguf"),
            "SmolLM2-135M-Instruct.Q4_1"
        );
        assert_eq!(profile_name("/m/my model (v2).gguf"), "my-model--v2-");
        assert_eq!(profile_name("/"), "on-this-computer");
    }
}
