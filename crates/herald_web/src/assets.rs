//! The stylesheet, embedded in the binary and served with a versioned URL so that browsers may
//! keep it for a year.

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

/// Where the stylesheet is served.
pub(crate) const STYLESHEET_PATH: &str = "/static/herald.css";

/// The stylesheet.
const STYLESHEET: &str = include_str!("../assets/herald.css");

/// A hash of the stylesheet (FNV-1a), which changes whenever it does: links carry it as
/// `?v=…`, so a new stylesheet gets a new URL and cached copies are never stale.
const STYLESHEET_VERSION: u64 = fnv1a(STYLESHEET.as_bytes());

const fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < bytes.len() {
        hash ^= bytes[i] as u64;
        hash = hash.wrapping_mul(0x0100_0000_01b3);
        i += 1;
    }
    hash
}

/// The URL pages link the stylesheet with.
pub(crate) fn stylesheet_href() -> String {
    format!("{STYLESHEET_PATH}?v={STYLESHEET_VERSION:016x}")
}

/// `GET /static/herald.css`.
pub(crate) async fn stylesheet() -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/css; charset=utf-8"),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=31536000, immutable"),
            ),
        ],
        STYLESHEET,
    )
        .into_response()
}
