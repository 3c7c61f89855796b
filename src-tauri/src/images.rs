//! `jcc-image://localhost/<entry id>%2F<file name>` (`http://jcc-image.localhost/…` on
//! Windows): the images an entry keeps, for the window's Markdown preview. The page has no
//! file system access; this serves only image attachments, read from the library.

use crate::Desktop;
use jcc_app::{App, AppError, ErrorCode};
use std::sync::Arc;
use tauri::http::{header, Response, StatusCode};
use tauri::{Manager, Runtime, UriSchemeContext, UriSchemeResponder};

/// The scheme's name; the UI builds its URLs with `convertFileSrc(path, SCHEME)` and the
/// CSP's `img-src` allows it.
pub const SCHEME: &str = "jcc-image";

/// Answers one request off the window's thread (a large image is a SQLite read).
pub(crate) fn handle<R: Runtime>(
    ctx: UriSchemeContext<'_, R>,
    request: tauri::http::Request<Vec<u8>>,
    responder: UriSchemeResponder,
) {
    let app = Arc::clone(&ctx.app_handle().state::<Desktop>().app);
    let path = request.uri().path().to_owned();
    tauri::async_runtime::spawn_blocking(move || responder.respond(respond(&app, &path)));
}

/// The response for a request path: the image with its type, or a status saying why not.
pub fn respond(app: &App, path: &str) -> Response<Vec<u8>> {
    let found = parse(path).and_then(|(id, name)| app.entry_image(id, &name));
    match found {
        Ok(image) => Response::builder()
            .header(header::CONTENT_TYPE, image.mime)
            // The writer may attach another image under the same name.
            .header(header::CACHE_CONTROL, "no-cache")
            .header("X-Content-Type-Options", "nosniff")
            .body(image.data),
        Err(e) => {
            let status = match e.code {
                ErrorCode::NotFound => StatusCode::NOT_FOUND,
                ErrorCode::InvalidInput => StatusCode::BAD_REQUEST,
                _ => StatusCode::INTERNAL_SERVER_ERROR,
            };
            Response::builder()
                .status(status)
                .header(header::CONTENT_TYPE, "text/plain; charset=utf-8")
                .body(e.message.into_bytes())
        }
    }
    .unwrap_or_else(|_| Response::new(Vec::new()))
}

/// `/<id>%2F<name>` (or `/<id>/<name>`) → the entry and the attachment's file name.
fn parse(path: &str) -> Result<(i64, String), AppError> {
    let bad = || AppError::invalid(format!("not an image address: {path}"));
    let decoded = percent_encoding::percent_decode_str(path.trim_start_matches('/'))
        .decode_utf8()
        .map_err(|_| bad())?;
    let (id, name) = decoded.split_once('/').ok_or_else(bad)?;
    let id = id.parse().map_err(|_| bad())?;
    if name.is_empty() || name.contains('/') {
        return Err(bad());
    }
    Ok((id, name.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn addresses_name_an_entry_and_one_file() {
        assert_eq!(
            parse("/12%2Fsky%20at%20dawn.png").unwrap(),
            (12, "sky at dawn.png".into())
        );
        assert_eq!(parse("/12/sky.png").unwrap(), (12, "sky.png".into()));
        for bad in [
            "/",
            "/12",
            "/x%2Fa.png",
            "/12%2F",
            "/12%2F..%2Fa.png",
            "/12%2F%FF.png",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }
}
