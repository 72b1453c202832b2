//! Feed items stored per second, end to end: one poll of a source whose feed has 200 new
//! whole articles (the made-up Vietnamese feed of `herald_ingest`'s `ingest` bench, ≈ 785 KB),
//! served on 127.0.0.1 by a local axum server through the fetcher's allow-list — fetch,
//! parse, prepare (sanitise), file by 20 rules, `ingest_article` with its duplicate checks,
//! translations queued into the two other site languages, the source's health recorded.
//!
//! - `poll/sqlite_new_200`: each iteration polls into a fresh SQLite file in a temporary
//!   folder (categories, topics, places and the source created beforehand, not timed);
//! - `poll/sqlite_again_200`: the same feed polled a second time into that store: every
//!   item is found as a duplicate of its own URL;
//! - `poll/postgres_new_200`, `poll/postgres_again_200`: the same on a fresh PostgreSQL
//!   database per iteration, at `HERALD_TEST_POSTGRES_URL` or
//!   `postgres://postgres@127.0.0.1:5432/postgres` (skipped with a note when no server
//!   answers; see `herald_store_sqlx/tests/support`).
//!
//! Criterion's throughput is in items per second. After criterion, it prints for each the CPU
//! time of this process (all threads: the poll's, the database driver's, the local server's;
//! not PostgreSQL's own processes) and the wall time per item over every timed poll, with
//! the fastest and slowest poll.
//!
//! `cargo bench -p herald_pipeline --bench poll` (≈ 1 minute with PostgreSQL).
#![expect(
    clippy::unwrap_used,
    reason = "a benchmark's setup: any failure should stop it at once"
)]

#[path = "../../herald_ingest/benches/support/newsfeed.rs"]
#[expect(
    dead_code,
    reason = "shared with herald_ingest's bench; the poll only needs the feed and the rules"
)]
mod newsfeed;

#[path = "../../herald_store_sqlx/tests/support/mod.rs"]
#[expect(
    dead_code,
    reason = "shared with the store's tests; only the PostgreSQL part is used"
)]
mod store_support;

use std::hint::black_box;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::http::header;
use criterion::{Criterion, SamplingMode, Throughput};
use herald_domain::{
    CanonicalPolicy, Clock, Job, Language, Localized, PlaceKind, Region, SourceId, Timestamp, Trust,
};
use herald_ingest::{AddressAllowList, FetchPolicy, Fetcher};
use herald_pipeline::{Outcome, Pipeline, PipelineSettings, PollSummary};
use herald_store::{NewCategory, NewPlace, NewSource, NewTerm, Store};
use herald_store_sqlx::SqlStore;
use store_support::TestDatabase;
use tokio::runtime::Runtime;
use url::Url;

const ITEMS: usize = 200;
const WORDS_PER_ITEM: usize = 400;
const RULES: usize = 20;
const FEED_PATH: &str = "/rss/tin-moi.xml";

struct FixedClock(Timestamp);

impl Clock for FixedClock {
    fn now(&self) -> Timestamp {
        self.0
    }
}

fn lang(tag: &str) -> Language {
    Language::parse(tag).unwrap()
}

fn names(vi: &str) -> Localized<String> {
    let mut names = Localized::new();
    names.insert(lang("vi"), vi.to_owned());
    names
}

fn term(key: &str) -> NewTerm {
    NewTerm {
        key: key.to_owned(),
        names: names(key),
        descriptions: Localized::new(),
    }
}

/// Serves the feed at [`FEED_PATH`] on 127.0.0.1 (anything else is 404, robots.txt too, which
/// allows everything); returns the feed's URL.
async fn serve(feed: Vec<u8>) -> Url {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let feed = axum::body::Bytes::from(feed);
    let app = axum::Router::new().route(
        FEED_PATH,
        axum::routing::get(move || {
            let feed = feed.clone();
            async move {
                (
                    [(header::CONTENT_TYPE, "application/rss+xml; charset=utf-8")],
                    feed,
                )
            }
        }),
    );
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    Url::parse(&format!("http://{addr}{FEED_PATH}")).unwrap()
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Engine {
    Sqlite,
    Postgres,
}

/// A new, empty site on `engine` with the source to poll, ready for its first poll.
struct Site {
    pipeline: Arc<Pipeline>,
    store: Arc<SqlStore>,
    source: SourceId,
    database: Option<TestDatabase>,
    _dir: tempfile::TempDir,
}

impl Site {
    async fn new(engine: Engine, fetcher: &Fetcher, feed_url: &Url) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let clock: Arc<dyn Clock> = Arc::new(FixedClock("2026-11-27T00:00:00Z".parse().unwrap()));
        let (store, database) = match engine {
            Engine::Sqlite => (
                SqlStore::open_sqlite_file(&dir.path().join("herald.db"), Arc::clone(&clock))
                    .await
                    .unwrap(),
                None,
            ),
            Engine::Postgres => {
                let database = TestDatabase::create().await.unwrap();
                let store = SqlStore::open(&database.url, Arc::clone(&clock))
                    .await
                    .unwrap();
                (store, Some(database))
            }
        };
        let store = Arc::new(store);
        let rules = newsfeed::rules(RULES);
        let mut categories: Vec<&str> = rules
            .rules
            .iter()
            .filter_map(|r| r.category.as_deref())
            .chain(rules.default_category.as_deref())
            .collect();
        categories.sort_unstable();
        categories.dedup();
        for (position, key) in categories.into_iter().enumerate() {
            store
                .create_category(NewCategory {
                    term: term(key),
                    parent: None,
                    position: i32::try_from(position).unwrap(),
                })
                .await
                .unwrap();
        }
        for topic in 0..5 {
            store
                .create_topic(term(&format!("chu-de-{topic}")))
                .await
                .unwrap();
        }
        for place in 0..3 {
            store
                .create_place(NewPlace {
                    term: term(&format!("noi-{place}")),
                    kind: PlaceKind::Province,
                    parent: None,
                })
                .await
                .unwrap();
        }
        let source = store
            .create_source(NewSource {
                key: "bao-mau".to_owned(),
                names: names("Báo Mẫu"),
                descriptions: Localized::new(),
                home_url: Url::parse(newsfeed::SITE).unwrap(),
                feeds: vec![feed_url.clone()],
                language: lang("vi"),
                region: Region::Central,
                trust: Trust::Auto,
                licence: "by agreement".to_owned(),
                credit: "Báo Mẫu".to_owned(),
                canonical: CanonicalPolicy::Original,
                poll_interval_secs: 900,
            })
            .await
            .unwrap();
        store.set_source_rules(source.id, &rules).await.unwrap();
        let mut settings = PipelineSettings::new(vec![lang("vi"), lang("en"), lang("fa")]);
        settings.default_category = "thoi-su".to_owned();
        settings.media_dir = None;
        let shared: Arc<dyn Store> = store.clone();
        let pipeline = Pipeline::new(shared, fetcher.clone(), settings, clock);
        Self {
            pipeline,
            store,
            source: source.id,
            database,
            _dir: dir,
        }
    }

    /// One poll of the source, run as a worker runs its job.
    async fn poll(&self) -> PollSummary {
        let job = Job::Fetch {
            source: self.source,
        };
        match herald_pipeline::stage::run(&self.pipeline, &job)
            .await
            .unwrap()
        {
            Outcome::Polled(summary) => summary,
            other => panic!("not a poll: {other:?}"),
        }
    }

    async fn finish(self) {
        self.store.close().await;
        drop(self.pipeline);
        drop(self.store);
        if let Some(database) = self.database {
            database.drop_now().await;
        }
    }
}

fn check_new(summary: &PollSummary) {
    assert!(summary.errors.is_empty(), "{:?}", summary.errors);
    assert_eq!(
        (summary.items, summary.created),
        (200, 200),
        "every item stored: {summary:?}"
    );
}

fn check_again(summary: &PollSummary) {
    assert!(summary.errors.is_empty(), "{:?}", summary.errors);
    assert_eq!(
        (summary.items, summary.duplicates),
        (200, 200),
        "every item a duplicate: {summary:?}"
    );
}

/// What the timed polls of one benchmark cost, warm-up included.
#[derive(Default)]
struct Tally {
    polls: u32,
    wall: Duration,
    fastest: Option<Duration>,
    slowest: Duration,
    /// CPU of the whole process, in clock ticks; `None` off Linux.
    cpu_ticks: Option<u64>,
}

impl Tally {
    /// Runs `poll`, timing it (wall and CPU).
    async fn time<F: Future<Output = PollSummary>>(&mut self, poll: F) -> PollSummary {
        let cpu_before = cpu_ticks();
        let started = Instant::now();
        let summary = black_box(poll.await);
        let wall = started.elapsed();
        let cpu = cpu_before
            .zip(cpu_ticks())
            .map(|(before, after)| after - before);
        self.polls += 1;
        self.wall += wall;
        self.fastest = Some(self.fastest.map_or(wall, |f| f.min(wall)));
        self.slowest = self.slowest.max(wall);
        self.cpu_ticks = match (self.polls, self.cpu_ticks, cpu) {
            (1, _, cpu) => cpu,
            (_, Some(sum), Some(cpu)) => Some(sum + cpu),
            _ => None,
        };
        summary
    }

    fn report(&self, name: &str) {
        if self.polls == 0 {
            return;
        }
        let polls = f64::from(self.polls);
        let items = polls * ITEMS as f64;
        let cpu = self.cpu_ticks.map_or_else(
            || "CPU unknown".to_owned(),
            // Ticks are 10 ms.
            |ticks| format!("{:.0} µs CPU", ticks as f64 * 10_000.0 / items),
        );
        eprintln!(
            "poll/{name}: {cpu} (this process, all threads), {:.0} µs wall per item; \
             polls {:.0}–{:.0} ms, mean {:.0} ms, over {} polls (warm-up included)",
            self.wall.as_secs_f64() * 1e6 / items,
            self.fastest.unwrap_or_default().as_secs_f64() * 1e3,
            self.slowest.as_secs_f64() * 1e3,
            self.wall.as_secs_f64() * 1e3 / polls,
            self.polls
        );
    }
}

/// Times `iters` first polls, each on a new site (its setup not timed).
fn time_new(
    rt: &Runtime,
    engine: Engine,
    fetcher: &Fetcher,
    feed_url: &Url,
    iters: u64,
    tally: &mut Tally,
) -> Duration {
    rt.block_on(async {
        let before = tally.wall;
        for _ in 0..iters {
            let site = Site::new(engine, fetcher, feed_url).await;
            check_new(&tally.time(site.poll()).await);
            site.finish().await;
        }
        tally.wall - before
    })
}

/// Times `iters` polls of a site that has stored the feed already: every item is a
/// duplicate.
fn time_again(
    rt: &Runtime,
    engine: Engine,
    fetcher: &Fetcher,
    feed_url: &Url,
    iters: u64,
    tally: &mut Tally,
) -> Duration {
    rt.block_on(async {
        let before = tally.wall;
        let site = Site::new(engine, fetcher, feed_url).await;
        check_new(&site.poll().await);
        for _ in 0..iters {
            check_again(&tally.time(site.poll()).await);
        }
        site.finish().await;
        tally.wall - before
    })
}

/// CPU time of this process so far (user + system, all threads), from `/proc/self/stat`, in
/// clock ticks of 10 ms. `None` off Linux.
fn cpu_ticks() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split(' ').collect();
    Some(fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?)
}

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let feed = newsfeed::news_feed(ITEMS, WORDS_PER_ITEM).into_bytes();
    eprintln!(
        "feed: {ITEMS} items of {WORDS_PER_ITEM} words, {} KB",
        feed.len() / 1024
    );
    let feed_url = rt.block_on(serve(feed));
    let policy = FetchPolicy {
        allow: AddressAllowList::parse(&["127.0.0.1".to_owned()]).unwrap(),
        host_delay: Duration::from_millis(1),
        timeout: Duration::from_secs(60),
        ..FetchPolicy::default()
    };
    let fetcher = Fetcher::new(policy).unwrap();
    let postgres = rt.block_on(async {
        let database = TestDatabase::create().await?;
        database.drop_now().await;
        Some(())
    });
    if postgres.is_none() {
        eprintln!("poll/postgres_*: skipped, no PostgreSQL server answers");
    }
    let mut engines = vec![(Engine::Sqlite, "sqlite")];
    if postgres.is_some() {
        engines.push((Engine::Postgres, "postgres"));
    }

    let mut criterion = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4))
        .configure_from_args();
    let mut group = criterion.benchmark_group("poll");
    group.sampling_mode(SamplingMode::Flat);
    group.throughput(Throughput::Elements(u64::try_from(ITEMS).unwrap()));
    let mut tallies = Vec::new();
    for &(engine, name) in &engines {
        for again in [false, true] {
            let id = format!("{name}_{}_{ITEMS}", if again { "again" } else { "new" });
            let mut tally = Tally::default();
            group.bench_function(&id, |b| {
                b.iter_custom(|iters| {
                    let time = if again { time_again } else { time_new };
                    time(&rt, engine, &fetcher, &feed_url, iters, &mut tally)
                });
            });
            tallies.push((id, tally));
        }
    }
    group.finish();
    criterion.final_summary();
    for (id, tally) in &tallies {
        tally.report(id);
    }
}
