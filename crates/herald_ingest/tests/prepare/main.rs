//! From parsed feeds to articles ready to store, through the public API: items in RSS, Atom
//! and JSON Feed prepared (links, headlines, leads, bodies, partial or whole, media, keys),
//! filed by rules, and every summary and content of the feedparser corpus sanitised safely.
//!
//! The feeds here are written inline for these tests (invented outlets under `example.*`);
//! the corpus is read in place from `../shared/eval/feeds/feedparser/` when it is present.

mod corpus;
mod filing;
mod items;
mod support;
