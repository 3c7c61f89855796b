//! Files kept with entries: attaching one from disk (its type told by its extension) and
//! reading an image back for the window's preview.

use crate::error::{AppError, AppResult, ErrorCode};
use crate::App;
use jcc_store::{Attachment, EntryId};
use std::path::Path;

/// The image types the window shows and a drop on the editor takes. No SVG: it can
/// carry script.
const SHOWN_IMAGES: &[&str] = &["image/png", "image/jpeg", "image/gif", "image/webp"];

/// `mime` as one of [`SHOWN_IMAGES`], or None.
fn shown_image(mime: &str) -> Option<&'static str> {
    SHOWN_IMAGES.iter().copied().find(|m| *m == mime)
}

/// An image attached to an entry, as the window's preview asks for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryImage {
    pub mime: &'static str,
    pub data: Vec<u8>,
}

impl App {
    /// Reads `path` and keeps it with entry `id` under its file name. With `images_only`
    /// (a drop on the editor) anything but a PNG, JPEG, GIF or WebP file is refused.
    pub fn entry_attach_file(
        &self,
        id: EntryId,
        path: &Path,
        images_only: bool,
    ) -> AppResult<Attachment> {
        self.store().writable()?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "attachment".into());
        // The same table an import reads attachment types from.
        let mime = jcc_formats::mime_for_file_name(&name);
        if images_only && shown_image(mime).is_none() {
            return Err(AppError::invalid(format!(
                "{} is not an image this app keeps; drop a PNG, JPEG, GIF or WebP file",
                path.display()
            )));
        }
        let data = std::fs::read(path).map_err(|e| {
            AppError::new(ErrorCode::Io, format!("can't read {}: {e}", path.display()))
        })?;
        self.entry_attach(id, &name, mime, &data)
    }

    /// The image entry `id` keeps as `filename` (what its Markdown names as
    /// `attachments/<filename>`). Only the image types above are served, whatever the
    /// stored type says, so nothing the window loads can run script.
    pub fn entry_image(&self, id: EntryId, filename: &str) -> AppResult<EntryImage> {
        let (mime, data) = self.store().attachment_file(id, filename)?;
        match shown_image(&mime) {
            Some(mime) => Ok(EntryImage { mime, data }),
            None => Err(AppError::invalid(format!(
                "{filename} is a {mime} file, not an image the preview shows"
            ))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::shown_image;

    #[test]
    fn only_raster_images_are_shown() {
        assert_eq!(shown_image("image/webp"), Some("image/webp"));
        // File types come from the extension in any case.
        let jpg = jcc_formats::mime_for_file_name("Sun.JPG");
        assert_eq!(shown_image(jpg), Some("image/jpeg"));
        assert_eq!(shown_image("image/svg+xml"), None);
        assert_eq!(shown_image("image/heic"), None);
    }
}
