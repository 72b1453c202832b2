//! Where fixtures are, and how to read them.

use std::path::PathBuf;

use herald_ingest::{ParsedFeed, parse_feed};
use url::Url;

/// `tests/fixtures/feeds/<path>`.
pub(crate) fn fixture_path(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/feeds")
        .join(path)
}

/// The bytes of a fixture feed.
pub(crate) fn fixture(path: &str) -> Vec<u8> {
    let p = fixture_path(path);
    std::fs::read(&p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()))
}

/// Parses a fixture feed that must parse.
pub(crate) fn parse(path: &str, content_type: Option<&str>, base: Option<&str>) -> ParsedFeed {
    let base = base.map(|b| Url::parse(b).expect("a valid base URL"));
    parse_feed(&fixture(path), content_type, base.as_ref())
        .unwrap_or_else(|e| panic!("{path} did not parse: {e}"))
}

/// A URL's string form, or "" for none.
pub(crate) fn url(u: Option<&Url>) -> &str {
    u.map_or("", Url::as_str)
}
