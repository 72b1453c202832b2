//! The pipeline against the fixture newsroom on 127.0.0.1: polls, pages, duplicates, filing,
//! failures and retries, on a real SQLite store.
#![expect(clippy::unwrap_used, reason = "tests")]

#[path = "../support/newsroom.rs"]
mod newsroom;

mod failures;
mod harness;
mod images;
mod newsroom_poll;
