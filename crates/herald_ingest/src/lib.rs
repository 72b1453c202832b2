//! Turns what outlets publish into Herald's vocabulary, without touching the store: feeds in
//! every format and legacy encoding become [`feed::ParsedFeed`]s, URLs and text are
//! normalised, and stories get the keys that find exact and near duplicates across sources.
//! The pipeline fetches, calls this crate, and stores what it returns.
//!
//! - [`parse_feed`] reads RSS, Atom and JSON Feed from raw bytes ([`feed`], [`encoding`]);
//! - [`normalize::canonical_url`] gives the form of a URL that dedupe and storage use;
//! - [`dedupe`] has the exact ([`dedupe::content_hash`]) and near-duplicate
//!   ([`dedupe::simhash`]) keys, bundled as [`StoryKey`];
//! - [`date::parse_date`] reads the dates feeds write;
//! - [`fetch::Fetcher`] fetches feeds and pages politely (robots.txt, a pause per host) and
//!   safely (an SSRF guard on every address and redirect, bounded time and body size);
//!   [`discover::feeds_in_page`] finds the feeds a home page announces; [`opml`] reads and
//!   writes subscription lists;
//! - [`prepare_item`] turns a parsed item into an article ready to store (canonical link,
//!   plain headline and lead, body made safe by [`sanitize_html`], partial or whole, lead
//!   picture, duplicate keys), and [`categorise()`] files it by the source's rules;
//! - [`extract()`] finds the story in an article page (main text as blocks and sanitised
//!   HTML, figures with captions and credits, videos, metadata), for feeds that carry only a
//!   summary.
//!
//! [`ParsedFeed`] summaries and contents are the outlet's HTML, **not sanitised**; nothing
//! reaches the store without going through [`prepare_item`], which sanitises.
#![warn(missing_docs)]

pub mod categorise;
pub mod date;
pub mod dedupe;
pub mod discover;
pub mod encoding;
mod entities;
pub mod error;
pub mod extract;
pub mod feed;
pub mod fetch;
mod html;
mod jsonfeed;
pub mod normalize;
pub mod opml;
pub mod prepare;
pub mod sanitize;
mod xml;
mod xmlfeed;

pub use categorise::{Filing, FilingFacts, categorise};
pub use dedupe::{ContentHash, StoryKey, content_hash, near_duplicate, simhash};
pub use discover::{DiscoveredFeed, FeedHint, feeds_in_page};
pub use encoding::{EncodingSource, FeedEncoding};
pub use error::{IngestError, Result};
pub use extract::{Block, BlockKind, ExtractOverrides, Extracted, ExtractedImage, extract};
pub use feed::{
    FeedFormat, FeedItem, FeedMedia, FeedMediaKind, MediaOrigin, ParsedFeed, parse_feed,
};
pub use fetch::{AddressAllowList, FetchError, FetchPolicy, Fetched, Fetcher, Validators};
pub use html::{html_to_text, text_to_html};
pub use normalize::{canonical_url, canonical_url_str};
pub use opml::OpmlFeed;
pub use prepare::{PreparedItem, PreparedMedia, SkipReason, prepare_item};
pub use sanitize::sanitize_html;
