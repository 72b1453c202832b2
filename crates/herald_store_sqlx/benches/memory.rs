//! Translation memory hits per second: what a re-translation costs when every segment is
//! already known — the case of an unchanged article, or of a corrected one whose other
//! segments come back from the memory.
//!
//! - `memory/sqlite_lookup_200`: one `memory_lookup` of the 200 keys of an article, all hits,
//!   in a table of 20,000 entries (a SQLite file in a temporary folder);
//! - `memory/sqlite_save_200`: one `memory_save` of 200 new entries (one transaction);
//! - `memory/postgres_*`: the same on a fresh PostgreSQL database at
//!   `HERALD_TEST_POSTGRES_URL` or `postgres://postgres@127.0.0.1:5432/postgres` (skipped with
//!   a note when no server answers).
//!
//! Criterion's throughput is in segments per second.
//!
//! `cargo bench -p herald_store_sqlx --bench memory` (≈ 1 minute).
#![expect(
    clippy::unwrap_used,
    reason = "a benchmark's setup: any failure should stop it at once"
)]

#[path = "../tests/support/mod.rs"]
#[expect(
    dead_code,
    reason = "shared with the tests; only the PostgreSQL part is used"
)]
mod support;

use std::hint::black_box;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use criterion::{Criterion, Throughput};
use herald_domain::{Language, SystemClock};
use herald_store::{MemoryEntry, Store};
use herald_store_sqlx::SqlStore;
use tokio::runtime::Runtime;

const TABLE: usize = 20_000;
const ARTICLE: usize = 200;

fn entry(n: usize) -> MemoryEntry {
    MemoryEntry {
        key: format!("{n:064x}"),
        from: Language::parse("en").unwrap(),
        to: Language::parse("es").unwrap(),
        engine: "apertium".to_owned(),
        model: Some("eng-spa 0.8.1-2".to_owned()),
        source: format!("Sentence number {n} of the bench, about the city council and its plan."),
        target: format!("Frase número {n} del banco, sobre el consejo municipal y su plan."),
    }
}

async fn filled(store: &SqlStore) {
    let entries: Vec<MemoryEntry> = (0..TABLE).map(entry).collect();
    for chunk in entries.chunks(1000) {
        store.memory_save(chunk).await.unwrap();
    }
}

fn bench_store(c: &mut Criterion, runtime: &Runtime, name: &str, store: &SqlStore) {
    runtime.block_on(filled(store));
    // An article's keys, spread over the table.
    let keys: Vec<String> = (0..ARTICLE)
        .map(|n| entry(n * (TABLE / ARTICLE)).key)
        .collect();
    assert_eq!(
        runtime.block_on(store.memory_lookup(&keys)).unwrap().len(),
        ARTICLE
    );
    let mut group = c.benchmark_group("memory");
    group
        .throughput(Throughput::Elements(ARTICLE as u64))
        .measurement_time(Duration::from_secs(10));
    group.bench_function(format!("{name}_lookup_{ARTICLE}"), |b| {
        b.iter(|| {
            runtime
                .block_on(store.memory_lookup(black_box(&keys)))
                .unwrap()
        });
    });
    let next = AtomicUsize::new(TABLE);
    group.bench_function(format!("{name}_save_{ARTICLE}"), |b| {
        b.iter(|| {
            let start = next.fetch_add(ARTICLE, Ordering::Relaxed);
            let entries: Vec<MemoryEntry> = (start..start + ARTICLE).map(entry).collect();
            runtime.block_on(store.memory_save(&entries)).unwrap();
        });
    });
    group.finish();
}

fn bench(c: &mut Criterion) {
    let runtime = Runtime::new().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let sqlite = runtime
        .block_on(SqlStore::open_sqlite_file(
            &dir.path().join("memory.db"),
            Arc::new(SystemClock),
        ))
        .unwrap();
    bench_store(c, &runtime, "sqlite", &sqlite);
    match runtime.block_on(support::TestDatabase::create()) {
        Some(database) => {
            let postgres = runtime
                .block_on(SqlStore::open(&database.url, Arc::new(SystemClock)))
                .unwrap();
            bench_store(c, &runtime, "postgres", &postgres);
            drop(postgres);
            runtime.block_on(database.drop_now());
        }
        None => eprintln!("note: no PostgreSQL server answers; its memory bench is skipped"),
    }
}

criterion::criterion_group!(benches, bench);
criterion::criterion_main!(benches);
