//! Parsing inline feeds and preparing their items.

use herald_domain::Language;
use herald_ingest::{ParsedFeed, PreparedItem, SkipReason, parse_feed, prepare_item};
use url::Url;

/// A language tag that must parse.
pub(crate) fn lang(tag: &str) -> Language {
    Language::parse(tag).expect("a valid language tag")
}

/// Parses an inline feed fetched from `address`.
pub(crate) fn feed(text: &str, address: &str) -> ParsedFeed {
    let base = Url::parse(address).expect("a valid address");
    parse_feed(text.as_bytes(), None, Some(&base))
        .unwrap_or_else(|e| panic!("the feed did not parse: {e}"))
}

/// Prepares every item of a feed for a source in `source_language`.
pub(crate) fn prepare_all(
    feed: &ParsedFeed,
    source_language: &str,
) -> Vec<Result<PreparedItem, SkipReason>> {
    let language = lang(source_language);
    feed.items
        .iter()
        .map(|item| prepare_item(item, feed, &language))
        .collect()
}

/// Prepares the only item of a feed, which must be kept.
pub(crate) fn prepare_one(text: &str, address: &str, source_language: &str) -> PreparedItem {
    let feed = feed(text, address);
    assert_eq!(feed.items.len(), 1, "one item expected");
    prepare_all(&feed, source_language)
        .remove(0)
        .unwrap_or_else(|reason| panic!("the item was skipped: {reason}"))
}

/// A URL's string form, or "" for none.
pub(crate) fn url(u: Option<&Url>) -> &str {
    u.map_or("", Url::as_str)
}
