//! Made-up GGUF files for the tests of the model-file checks: a header llama.cpp's
//! format reader accepts, with weights that are not written (or a sparse file of them).

use std::io::Write;
use std::path::Path;

/// A GGUF v3 header (one `general.architecture` key, one f32 tensor `w` of `elements`
/// values), padded to the 32-byte alignment where the tensor data starts.
pub fn gguf_header(arch: &str, elements: u64) -> Vec<u8> {
    let mut b = Vec::new();
    let s = |b: &mut Vec<u8>, t: &str| {
        b.extend((t.len() as u64).to_le_bytes());
        b.extend(t.as_bytes());
    };
    b.extend(b"GGUF");
    b.extend(3u32.to_le_bytes());
    b.extend(1u64.to_le_bytes());
    b.extend(1u64.to_le_bytes());
    s(&mut b, "general.architecture");
    b.extend(8u32.to_le_bytes());
    s(&mut b, arch);
    s(&mut b, "w");
    b.extend(1u32.to_le_bytes());
    b.extend(elements.to_le_bytes());
    b.extend(0u32.to_le_bytes());
    b.extend(0u64.to_le_bytes());
    b.resize(b.len().div_ceil(32) * 32, 0);
    b
}

/// A whole, well-formed `llama` GGUF at `path` with `elements` f32 weights, as a sparse
/// file: a model of any size that costs no disk.
pub fn write_sparse_model(path: &Path, elements: u64) -> std::io::Result<()> {
    let header = gguf_header("llama", elements);
    let mut out = std::fs::File::create(path)?;
    out.write_all(&header)?;
    out.set_len(header.len() as u64 + elements * 4)
}
