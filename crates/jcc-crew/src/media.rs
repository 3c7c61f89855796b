//! Images for image slots: from an images endpoint, a file the writer picked, or a
//! generated placeholder. Whatever the source, only a decodable PNG is used, so a book
//! never gets a broken file.

use sha2::{Digest, Sha256};
use std::path::Path;

/// Where a slot's image came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageSource {
    Generated,
    Writer,
    Placeholder,
}

impl ImageSource {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Generated => "generated",
            Self::Writer => "writer",
            Self::Placeholder => "placeholder",
        }
    }
}

/// True when `bytes` decode as a PNG (header and all image data).
pub fn is_valid_png(bytes: &[u8]) -> bool {
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let Ok(mut reader) = decoder.read_info() else {
        return false;
    };
    let Some(size) = reader.output_buffer_size() else {
        return false;
    };
    let mut buf = vec![0; size];
    reader.next_frame(&mut buf).is_ok()
}

/// The writer's `<dir>/<slot>.png`, if it is a real PNG.
pub fn writer_image(dir: &Path, slot: &str) -> Option<Vec<u8>> {
    let bytes = std::fs::read(dir.join(format!("{slot}.png"))).ok()?;
    is_valid_png(&bytes).then_some(bytes)
}

/// A quiet two-colour gradient with soft horizontal bands, its colours drawn from the
/// description, so each slot gets a distinct but calm placeholder (600 x 400).
pub fn placeholder_png(description: &str) -> Vec<u8> {
    let hash = Sha256::digest(description.as_bytes());
    let pastel = |b: u8| 150 + (b as u32 % 90);
    let top = [pastel(hash[0]), pastel(hash[1]), pastel(hash[2])];
    let bottom = [pastel(hash[3]), pastel(hash[4]), pastel(hash[5])];
    let (w, h) = (600u32, 400u32);
    let mut data = Vec::with_capacity((w * h * 3) as usize);
    for y in 0..h {
        let band = if (y / 40) % 2 == 0 { 0 } else { 6 };
        for _ in 0..w {
            for c in 0..3 {
                let v = (top[c] * (h - y) + bottom[c] * y) / h;
                data.push((v + band).min(255) as u8);
            }
        }
    }
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, w, h);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        // Encoding into memory only fails on a bad header, which these constants are not.
        if let Ok(mut writer) = enc.write_header() {
            let _ = writer.write_image_data(&data);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_real_pngs_and_broken_files_are_refused() {
        let a = placeholder_png("a quiet lake");
        assert!(is_valid_png(&a));
        assert_ne!(a, placeholder_png("a mountain"));
        assert!(!is_valid_png(&a[..a.len() / 2]));
        assert!(!is_valid_png(b"not a png"));
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("day-1.png"), &a[..100]).unwrap();
        assert!(writer_image(dir.path(), "day-1").is_none());
        std::fs::write(dir.path().join("day-2.png"), &a).unwrap();
        assert!(writer_image(dir.path(), "day-2").is_some());
    }
}
