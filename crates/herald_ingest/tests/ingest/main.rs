//! `herald_ingest`'s integration tests, one binary (STYLE §3.10): the fixture feeds written for
//! Herald, dedupe across two sources, and the feedparser conformance corpus read in place.

mod corpus;
mod dedupe_across_sources;
mod feeds;
mod hostile;
mod support;
