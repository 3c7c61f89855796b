//! Checks a GGUF model file before it is kept or loaded: the header, the architecture,
//! that the tensor data is all there (a cut download is caught here, not as a crash in
//! llama.cpp), and the memory it needs. Pure Rust: reading a few kilobytes of header.

use crate::arch;
use std::collections::HashMap;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

const MAGIC: &[u8; 4] = b"GGUF";
/// No real model has more metadata entries or tensors than this; beyond it the file is
/// corrupt, and reading on would only allocate.
const MAX_ENTRIES: u64 = 1 << 20;
const MAX_STRING: u64 = 64 << 20;

/// What a GGUF file says about itself.
#[derive(Debug, Clone, PartialEq)]
pub struct GgufInfo {
    pub version: u32,
    pub architecture: String,
    /// `general.name`, when the file has one.
    pub name: Option<String>,
    pub tensor_count: u64,
    /// Bytes of tensor data the header promises.
    pub tensor_bytes: u64,
    pub file_bytes: u64,
    pub layers: Option<u64>,
    pub embedding: Option<u64>,
    pub heads: Option<u64>,
    pub heads_kv: Option<u64>,
    pub context_trained: Option<u64>,
}

impl GgufInfo {
    /// Bytes of RAM a context of `n_ctx` tokens needs: the weights, the KV cache (f16)
    /// and llama.cpp's compute buffers (a fixed allowance, generous for small models).
    pub fn ram_needed(&self, n_ctx: u32) -> u64 {
        let kv = match (self.layers, self.embedding, self.heads, self.heads_kv) {
            (Some(l), Some(e), Some(h), Some(hkv)) if h > 0 => {
                2 * u64::from(n_ctx) * l * (e * hkv / h) * 2
            }
            (Some(l), Some(e), _, _) => 2 * u64::from(n_ctx) * l * e * 2,
            _ => 0,
        };
        self.tensor_bytes + kv + self.tensor_bytes / 10 + (64 << 20)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum GgufError {
    #[error("can't read {path}: {reason}")]
    Io { path: String, reason: String },
    #[error("{path} is not a GGUF model file (it starts with {found:?}, not \"GGUF\"); download the .gguf version of the model")]
    NotGguf { path: String, found: String },
    #[error("{path} is GGUF version {version}, which this app can't read (it reads 2 and 3); download a newer conversion of the model")]
    Version { path: String, version: u32 },
    #[error("{path} is corrupt ({reason}); download it again")]
    Corrupt { path: String, reason: String },
    #[error("{path} is truncated: it has {have} bytes but its tensors need {need}; the download or copy was cut, fetch it again")]
    Truncated { path: String, have: u64, need: u64 },
    #[error("{path} is a {arch:?} model, an architecture this app's llama.cpp can't run; pick another model")]
    Architecture { path: String, arch: String },
    #[error("{path} needs about {need_mb} MB of memory with a {ctx}-token context but this computer has {free_mb} MB free; pick a smaller model (or a smaller quantization), or close other programs")]
    TooBig {
        path: String,
        need_mb: u64,
        free_mb: u64,
        ctx: u32,
    },
}

enum Meta {
    Int(u64),
    Str(String),
    Other,
}

struct Reader<R> {
    inner: R,
    pos: u64,
    path: String,
}

impl<R: Read> Reader<R> {
    fn bytes(&mut self, n: usize) -> Result<Vec<u8>, GgufError> {
        let mut buf = vec![0; n];
        self.inner.read_exact(&mut buf).map_err(|e| {
            if e.kind() == std::io::ErrorKind::UnexpectedEof {
                GgufError::Corrupt {
                    path: self.path.clone(),
                    reason: format!("the header ends early, at byte {}", self.pos),
                }
            } else {
                GgufError::Io {
                    path: self.path.clone(),
                    reason: e.to_string(),
                }
            }
        })?;
        self.pos += n as u64;
        Ok(buf)
    }
    fn u32(&mut self) -> Result<u32, GgufError> {
        Ok(u32::from_le_bytes(self.bytes(4)?.try_into().expect("4")))
    }
    fn u64(&mut self) -> Result<u64, GgufError> {
        Ok(u64::from_le_bytes(self.bytes(8)?.try_into().expect("8")))
    }
    fn corrupt(&self, reason: String) -> GgufError {
        GgufError::Corrupt {
            path: self.path.clone(),
            reason,
        }
    }
    fn count(&mut self, what: &str) -> Result<u64, GgufError> {
        let n = self.u64()?;
        if n > MAX_ENTRIES {
            return Err(self.corrupt(format!("it claims {n} {what}")));
        }
        Ok(n)
    }
    fn string(&mut self) -> Result<String, GgufError> {
        let n = self.u64()?;
        if n > MAX_STRING {
            return Err(self.corrupt(format!("a {n}-byte string in the header")));
        }
        Ok(String::from_utf8_lossy(&self.bytes(n as usize)?).into_owned())
    }
    fn value(&mut self, ty: u32) -> Result<Meta, GgufError> {
        Ok(match ty {
            0 | 1 | 7 => Meta::Int(u64::from(self.bytes(1)?[0])),
            2 | 3 => Meta::Int(u64::from(u16::from_le_bytes(
                self.bytes(2)?.try_into().expect("2"),
            ))),
            4 | 5 => Meta::Int(u64::from(self.u32()?)),
            6 => {
                self.bytes(4)?;
                Meta::Other
            }
            8 => Meta::Str(self.string()?),
            9 => {
                let item = self.u32()?;
                let n = self.u64()?;
                if n > MAX_STRING {
                    return Err(self.corrupt(format!("an array of {n} items")));
                }
                match fixed_size(item) {
                    // Token tables are large: skip fixed-size items in one read.
                    Some(size) => {
                        self.bytes((n * size) as usize)?;
                    }
                    None => {
                        for _ in 0..n {
                            self.value(item)?;
                        }
                    }
                }
                Meta::Other
            }
            10 | 11 => Meta::Int(self.u64()?),
            12 => {
                self.bytes(8)?;
                Meta::Other
            }
            other => return Err(self.corrupt(format!("unknown metadata type {other}"))),
        })
    }
}

fn fixed_size(ty: u32) -> Option<u64> {
    match ty {
        0 | 1 | 7 => Some(1),
        2 | 3 => Some(2),
        4..=6 => Some(4),
        10..=12 => Some(8),
        _ => None,
    }
}

/// (elements per block, bytes per block) of a ggml tensor type.
fn block(ty: u32) -> Option<(u64, u64)> {
    Some(match ty {
        0 => (1, 4),
        1 | 30 => (1, 2),
        2 => (32, 18),
        3 => (32, 20),
        6 => (32, 22),
        7 => (32, 24),
        8 => (32, 34),
        9 => (32, 36),
        10 => (256, 84),
        11 => (256, 110),
        12 => (256, 144),
        13 => (256, 176),
        14 => (256, 210),
        15 => (256, 292),
        16 => (256, 66),
        17 => (256, 74),
        18 => (256, 98),
        19 => (256, 50),
        20 => (32, 18),
        21 => (256, 110),
        22 => (256, 82),
        23 => (256, 136),
        24 => (1, 1),
        25 => (1, 2),
        26 => (1, 4),
        27 | 28 => (1, 8),
        29 => (256, 56),
        34 => (256, 54),
        35 => (256, 66),
        39 => (32, 17),
        _ => return None,
    })
}

/// Reads and checks the header and the file's size against it.
pub fn inspect(path: &Path) -> Result<GgufInfo, GgufError> {
    let shown = path.display().to_string();
    let io = |e: std::io::Error| GgufError::Io {
        path: shown.clone(),
        reason: e.to_string(),
    };
    let file = File::open(path).map_err(io)?;
    let file_bytes = file.metadata().map_err(io)?.len();
    let mut r = Reader {
        inner: BufReader::with_capacity(1 << 16, file),
        pos: 0,
        path: shown.clone(),
    };
    let mut magic = [0u8; 4];
    let got = r.inner.read(&mut magic).map_err(io)?;
    if got < 4 || &magic != MAGIC {
        return Err(GgufError::NotGguf {
            path: shown,
            found: String::from_utf8_lossy(&magic[..got]).into_owned(),
        });
    }
    r.pos = 4;
    let version = r.u32()?;
    if !(2..=3).contains(&version) {
        return Err(GgufError::Version {
            path: shown,
            version,
        });
    }
    let tensor_count = r.count("tensors")?;
    let kv_count = r.count("metadata entries")?;
    let mut meta = HashMap::new();
    for _ in 0..kv_count {
        let key = r.string()?;
        let ty = r.u32()?;
        let v = r.value(ty)?;
        meta.insert(key, v);
    }
    let mut data_end = 0u64;
    for _ in 0..tensor_count {
        let name = r.string()?;
        let dims = r.u32()?;
        if dims > 8 {
            return Err(r.corrupt(format!("tensor {name} has {dims} dimensions")));
        }
        let mut elements: u64 = 1;
        for _ in 0..dims {
            elements = elements
                .checked_mul(r.u64()?)
                .ok_or_else(|| r.corrupt(format!("tensor {name} is impossibly large")))?;
        }
        let ty = r.u32()?;
        let offset = r.u64()?;
        let (per, bytes) = block(ty).ok_or_else(|| {
            r.corrupt(format!(
                "tensor {name} has type {ty}, unknown to this app's llama.cpp"
            ))
        })?;
        let size = (elements / per)
            .checked_mul(bytes)
            .and_then(|s| s.checked_add(offset))
            .ok_or_else(|| r.corrupt(format!("tensor {name} is impossibly large")))?;
        data_end = data_end.max(size);
    }
    let text = |k: &str| match meta.get(k) {
        Some(Meta::Str(s)) => Some(s.clone()),
        _ => None,
    };
    let architecture = text("general.architecture")
        .ok_or_else(|| r.corrupt("it names no architecture (general.architecture)".into()))?;
    let int = |k: &str| match meta.get(&format!("{architecture}.{k}")) {
        Some(Meta::Int(n)) => Some(*n),
        _ => None,
    };
    let alignment = match meta.get("general.alignment") {
        Some(Meta::Int(n)) if *n > 0 => *n,
        _ => 32,
    };
    let data_start = r.pos.div_ceil(alignment) * alignment;
    let need = data_start + data_end;
    if file_bytes < need {
        return Err(GgufError::Truncated {
            path: shown,
            have: file_bytes,
            need,
        });
    }
    if !arch::SUPPORTED.contains(&architecture.as_str()) {
        return Err(GgufError::Architecture {
            path: shown,
            arch: architecture,
        });
    }
    Ok(GgufInfo {
        version,
        name: text("general.name"),
        tensor_count,
        tensor_bytes: data_end,
        file_bytes,
        layers: int("block_count"),
        embedding: int("embedding_length"),
        heads: int("attention.head_count"),
        heads_kv: int("attention.head_count_kv").or(int("attention.head_count")),
        context_trained: int("context_length"),
        architecture,
    })
}

/// Bytes of memory the system could give a new program now (Linux: `MemAvailable`;
/// elsewhere unknown, and the check is skipped).
pub fn available_memory() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/meminfo").ok()?;
    let line = text.lines().find(|l| l.starts_with("MemAvailable:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// [`inspect`], then refuses a model that can't fit in the memory free now.
pub fn check(path: &Path, n_ctx: u32) -> Result<GgufInfo, GgufError> {
    let info = inspect(path)?;
    let need = info.ram_needed(n_ctx);
    if let Some(free) = available_memory() {
        if need > free {
            return Err(GgufError::TooBig {
                path: path.display().to_string(),
                need_mb: need >> 20,
                free_mb: free >> 20,
                ctx: n_ctx,
            });
        }
    }
    Ok(info)
}
