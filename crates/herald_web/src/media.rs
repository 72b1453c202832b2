//! `/media/…`: image and video files from the media folder. No directory is ever listed, and
//! paths that try to leave the folder (`..`) are refused by `ServeDir`.

use std::path::Path;

use axum::http::{HeaderValue, header};
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeader;

/// The service behind `/media`: files, cached for a day.
pub(crate) fn service(dir: &Path) -> SetResponseHeader<ServeDir, HeaderValue> {
    let files = ServeDir::new(dir)
        .append_index_html_on_directories(false)
        .redirect_to_trailing_slash(false);
    SetResponseHeader::if_not_present(
        files,
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=86400"),
    )
}
