//! The models folder in the app's data directory: GGUF files copied (or linked) in after
//! the checks in [`crate::gguf`]. A file that fails them is never kept: a copy is written
//! beside its final name and renamed only once the copy itself passes.

use crate::gguf::{self, GgufInfo};
use jcc_llm::LlmError;
use serde::Serialize;
use std::path::{Path, PathBuf};

/// A model in the folder, with what its header says (or why it is unusable now).
#[derive(Debug, Clone, Serialize)]
pub struct ModelEntry {
    pub name: String,
    pub path: PathBuf,
    pub bytes: u64,
    /// A link to a file elsewhere (`jcc model add --link`).
    pub linked: bool,
    pub architecture: Option<String>,
    /// Why the model can't be used (a moved link target, a damaged file).
    pub problem: Option<String>,
}

#[derive(Debug, Clone)]
pub struct ModelStore {
    dir: PathBuf,
}

fn config(msg: String) -> LlmError {
    LlmError::Config(msg)
}

impl ModelStore {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Checks `src` (header, architecture, whole tensor data, memory for `n_ctx` tokens),
    /// then copies it in, or links to it with `link`.
    pub fn add(&self, src: &Path, link: bool, n_ctx: u32) -> Result<ModelEntry, LlmError> {
        gguf::check(src, n_ctx).map_err(|e| config(e.to_string()))?;
        let name = src
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .ok_or_else(|| config(format!("{} names no file", src.display())))?;
        let name = if name.to_ascii_lowercase().ends_with(".gguf") {
            name
        } else {
            format!("{name}.gguf")
        };
        let dest = self.dir.join(&name);
        if dest.symlink_metadata().is_ok() {
            return Err(config(format!(
                "a model named {name} is already in {}; remove it first with `jcc model remove {name}`",
                self.dir.display()
            )));
        }
        std::fs::create_dir_all(&self.dir)
            .map_err(|e| config(format!("can't create {} ({e})", self.dir.display())))?;
        if link {
            let target = std::fs::canonicalize(src)
                .map_err(|e| config(format!("can't resolve {} ({e})", src.display())))?;
            symlink(&target, &dest)
                .map_err(|e| config(format!("can't link {} ({e})", dest.display())))?;
        } else {
            let part = self.dir.join(format!("{name}.part"));
            let copied = std::fs::copy(src, &part)
                .map_err(|e| {
                    config(format!(
                        "can't copy {} to {} ({e}); is the disk full?",
                        src.display(),
                        part.display()
                    ))
                })
                .and_then(|_| gguf::inspect(&part).map_err(|e| config(e.to_string())));
            if let Err(e) = copied {
                let _ = std::fs::remove_file(&part);
                return Err(e);
            }
            std::fs::rename(&part, &dest).map_err(|e| {
                let _ = std::fs::remove_file(&part);
                config(format!("can't move the copy into place ({e})"))
            })?;
        }
        Ok(self.entry(&dest))
    }

    /// What the folder knows of the model at `path`.
    pub fn entry(&self, path: &Path) -> ModelEntry {
        let linked = path
            .symlink_metadata()
            .map(|m| m.file_type().is_symlink())
            .unwrap_or(false);
        let (bytes, architecture, problem) = match gguf::inspect(path) {
            Ok(GgufInfo {
                file_bytes,
                architecture,
                ..
            }) => (file_bytes, Some(architecture), None),
            Err(e) => (
                std::fs::metadata(path).map(|m| m.len()).unwrap_or(0),
                None,
                Some(e.to_string()),
            ),
        };
        ModelEntry {
            name: path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            path: path.to_path_buf(),
            bytes,
            linked,
            architecture,
            problem,
        }
    }

    /// The models in the folder, by name (unfinished downloads and copies left out).
    pub fn list(&self) -> Vec<ModelEntry> {
        let Ok(dir) = std::fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut out: Vec<ModelEntry> = dir
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                p.extension()
                    .is_some_and(|x| x.eq_ignore_ascii_case("gguf"))
            })
            .map(|p| self.entry(&p))
            .collect();
        out.sort_by(|a, b| a.name.cmp(&b.name));
        out
    }

    /// The path of the model called `name` (with or without `.gguf`).
    pub fn find(&self, name: &str) -> Option<PathBuf> {
        [name.to_string(), format!("{name}.gguf")]
            .into_iter()
            .map(|n| self.dir.join(n))
            .find(|p| p.symlink_metadata().is_ok() && !name.contains('/'))
    }

    /// Removes a model (a link only: the file it points to stays).
    pub fn remove(&self, name: &str) -> Result<PathBuf, LlmError> {
        let path = self.find(name).ok_or_else(|| {
            config(format!(
                "there is no model {name:?} in {}; `jcc model list` shows them",
                self.dir.display()
            ))
        })?;
        std::fs::remove_file(&path)
            .map_err(|e| config(format!("can't remove {} ({e})", path.display())))?;
        Ok(path)
    }
}

#[cfg(unix)]
fn symlink(target: &Path, link: &Path) -> std::io::Result<()> {
    std::os::unix::fs::symlink(target, link)
}

#[cfg(windows)]
fn symlink(target: &Path, link: &Path) -> std::io::Result<()> {
    std::os::windows::fs::symlink_file(target, link)
}
