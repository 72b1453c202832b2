//! The pipeline against the fixture newsroom on 127.0.0.1: polls, pages, duplicates, filing,
//! failures and retries, on a real SQLite store — and the whole newsroom on PostgreSQL with
//! concurrent workers.
#![expect(clippy::unwrap_used, reason = "tests")]

#[path = "../support/newsroom.rs"]
mod newsroom;

#[path = "../../../herald_store_sqlx/tests/support/mod.rs"]
#[expect(
    dead_code,
    reason = "shared with the store's tests; only the PostgreSQL part is used"
)]
mod store_support;

mod failures;
mod harness;
mod images;
mod newsroom_poll;
mod postgres;
mod search;
mod translation;
