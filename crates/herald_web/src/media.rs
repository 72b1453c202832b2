//! `/media/…`: image and video files and their WebVTT subtitles, from the media folder. No
//! directory is ever listed, and paths that try to leave the folder (`..`) are refused by
//! `ServeDir`.

use std::path::Path;

use axum::http::{HeaderValue, Response, header};
use tower_http::services::ServeDir;
use tower_http::services::fs::ServeFileSystemResponseBody;
use tower_http::set_header::SetResponseHeader;

/// What `ServeDir` answers with.
type FileResponse = Response<ServeFileSystemResponseBody>;

/// Picks a response's `Content-Type`, given the one `ServeDir` guessed.
type ContentType = fn(&FileResponse) -> Option<HeaderValue>;

/// The service behind `/media`: files, cached for a day.
pub(crate) fn service(
    dir: &Path,
) -> SetResponseHeader<SetResponseHeader<ServeDir, ContentType>, HeaderValue> {
    let files = ServeDir::new(dir)
        .append_index_html_on_directories(false)
        .redirect_to_trailing_slash(false);
    let typed =
        SetResponseHeader::overriding(files, header::CONTENT_TYPE, with_charset as ContentType);
    SetResponseHeader::if_not_present(
        typed,
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=86400"),
    )
}

/// `ServeDir` types `.vtt` files as `text/vtt` (from `mime_guess`) without a charset. WebVTT
/// is always UTF-8, and saying so keeps browsers from guessing another encoding for
/// Vietnamese or Persian subtitles. Other types are left as they are.
fn with_charset(response: &FileResponse) -> Option<HeaderValue> {
    let current = response.headers().get(header::CONTENT_TYPE)?;
    if current.as_bytes().eq_ignore_ascii_case(b"text/vtt") {
        Some(HeaderValue::from_static("text/vtt; charset=utf-8"))
    } else {
        Some(current.clone())
    }
}
