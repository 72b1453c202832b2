//! What the contract cannot say because it is about one engine: SQLite's file, journal,
//! locking and errors at open; PostgreSQL's errors at open and concurrent slug races; an
//! ingest racing another writer's uncommitted article; how fast a listing page is.

mod support;

use std::collections::BTreeSet;
use std::future::Future;
use std::io::Write;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use herald_domain::{
    ArticleId, ArticleKind, CanonicalPolicy, CategoryId, EditorialState, Job, Language, Localized,
    NewArticle, Origin, Region, SourceId, SystemClock, Timestamp, Trust, VersionText,
};
use herald_store::{
    ArticleFilter, DuplicateOf, IngestOutcome, IngestedArticle, NearDuplicates, NewCategory,
    NewSource, NewTerm, PageRequest, Store, StoreError, VersionDraft,
};
use herald_store_sqlx::SqlStore;
use sqlx::Connection;
use sqlx::sqlite::SqliteConnection;

fn lang(tag: &str) -> Language {
    Language::parse(tag).expect("a valid language tag")
}

fn clock() -> Arc<SystemClock> {
    Arc::new(SystemClock)
}

async fn seed(store: &dyn Store) -> (SourceId, CategoryId) {
    let source = store
        .create_source(NewSource {
            key: "vna".to_owned(),
            names: [(lang("vi"), "Thông tấn xã Việt Nam".to_owned())]
                .into_iter()
                .collect(),
            descriptions: Localized::new(),
            home_url: "https://vna.example/".parse().expect("a valid URL"),
            feeds: Vec::new(),
            language: lang("vi"),
            region: Region::Central,
            trust: Trust::Auto,
            licence: "by agreement".to_owned(),
            credit: "VNA".to_owned(),
            canonical: CanonicalPolicy::Original,
            poll_interval_secs: 600,
        })
        .await
        .expect("create source");
    let category = store
        .create_category(NewCategory {
            term: NewTerm {
                key: "news".to_owned(),
                names: [(lang("vi"), "Tin tức".to_owned())].into_iter().collect(),
                descriptions: Localized::new(),
            },
            parent: None,
            position: 0,
        })
        .await
        .expect("create category");
    (source.id, category.id)
}

fn new_article(source: SourceId, category: CategoryId, title: &str, minute: i64) -> NewArticle {
    let at = Timestamp::from_second(1_780_000_000 + minute * 60).expect("a valid time");
    NewArticle {
        source,
        source_url: None,
        kind: ArticleKind::News,
        category,
        topics: Vec::new(),
        tags: Vec::new(),
        authors: Vec::new(),
        place: None,
        lead_image: None,
        media: Vec::new(),
        featured: false,
        published_at: at,
        updated_at: at,
        original: VersionText {
            language: lang("vi"),
            title: title.to_owned(),
            lead: "Tóm tắt.".to_owned(),
            body: "<p>Nội dung.</p>".to_owned(),
        },
        state: EditorialState::Published,
    }
}

/// Writes from `tasks` tasks at once, every article with the same title so that each write
/// also races for a slug; checks that every write succeeded and every slug is distinct.
async fn write_concurrently(stores: Vec<Arc<dyn Store>>, tasks: usize, per_task: usize) {
    let (source, category) = seed(&*stores[0]).await;
    let mut handles = Vec::new();
    for task in 0..tasks {
        let store = Arc::clone(&stores[task % stores.len()]);
        handles.push(tokio::spawn(async move {
            for n in 0..per_task {
                let minute = i64::try_from(task * per_task + n).expect("a small number");
                let article = new_article(source, category, "Tin nóng", minute);
                let id = store.create_article(article).await.expect("create article");
                store
                    .save_version(VersionDraft {
                        article: id,
                        language: lang("en"),
                        title: "Breaking news".to_owned(),
                        lead: String::new(),
                        body: String::new(),
                        origin: Origin::Machine,
                        provenance: None,
                        state: EditorialState::Published,
                    })
                    .await
                    .expect("save version");
                store
                    .enqueue(
                        Job::Translate {
                            article: id,
                            to: lang("fa"),
                        },
                        Timestamp::UNIX_EPOCH,
                    )
                    .await
                    .expect("enqueue");
            }
        }));
    }
    for handle in handles {
        handle.await.expect("writer task");
    }
    let total = tasks * per_task;
    for tag in ["vi", "en"] {
        let page = stores[0]
            .list_articles(
                &ArticleFilter::in_language(lang(tag)),
                PageRequest::first(u32::try_from(total).expect("a small number")),
            )
            .await
            .expect("list");
        assert_eq!(page.total, u64::try_from(total).expect("a small number"));
        let slugs: BTreeSet<String> = page.items.iter().map(|c| c.slug.to_string()).collect();
        assert_eq!(slugs.len(), total, "{tag} slugs are unique");
    }
    assert_eq!(
        stores[0].job_counts().await.expect("count jobs").queued,
        u64::try_from(total).expect("a small number")
    );
}

/// What another writer stores by hand while an ingest runs: an article row with a URL and a
/// content hash.
const OTHER_WRITER_INSERT: &str =
    "INSERT INTO articles (source_id, source_url, source_lang, kind, category_id,
                           published_at, updated_at, created_at, content_hash)
     VALUES ($1, $2, 'vi', 'news', $3, 0, 0, 0, $4)
     RETURNING id";

/// The races [`OTHER_WRITER_INSERT`] sets up: the other writer's URL and hash, and an ingested
/// article sharing one of them, which must come out as a duplicate of that kind.
fn races(
    source: SourceId,
    category: CategoryId,
) -> Vec<(&'static str, &'static str, IngestedArticle, DuplicateOf)> {
    let item = |url: &str, hash: &str| {
        let mut article = new_article(source, category, "Tin độc quyền", 0);
        article.source_url = Some(url.parse().expect("a valid URL"));
        IngestedArticle {
            article,
            content_hash: hash.to_owned(),
            simhash: 42,
            partial: false,
        }
    };
    vec![
        (
            "https://vna.example/a.html",
            "hash-a",
            item("https://vna.example/a.html", "hash-x"),
            DuplicateOf::SourceUrl,
        ),
        (
            "https://vna.example/b.html",
            "hash-b",
            item("https://vna.example/x.html", "hash-b"),
            DuplicateOf::ContentHash,
        ),
    ]
}

const NEAR: NearDuplicates = NearDuplicates {
    max_distance: 3,
    window: Duration::from_secs(86_400),
};

/// Starts ingesting `item` on a task, checks that it waits (for the other writer, who is told
/// to commit by `commit`), and returns what it answered.
async fn ingest_behind_other_writer<F, Fut>(
    store: &Arc<dyn Store>,
    item: IngestedArticle,
    commit: F,
) -> IngestOutcome
where
    F: FnOnce() -> Fut,
    Fut: Future<Output = ()>,
{
    let store = Arc::clone(store);
    let ingesting = tokio::spawn(async move { store.ingest_article(item, NEAR).await });
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(
        !ingesting.is_finished(),
        "the ingest waits for the other writer"
    );
    commit().await;
    ingesting
        .await
        .expect("ingest task")
        .expect("an ingest that lost a race is a duplicate, not an error")
}

fn open_message(error: StoreError) -> String {
    match error {
        StoreError::Open(message) => {
            assert!(!message.contains('\n'), "one line: {message}");
            for leak in ["sqlx", "Sqlite", "PgDatabaseError", "Error {", "Io("] {
                assert!(!message.contains(leak), "driver details in: {message}");
            }
            message
        }
        other => panic!("expected StoreError::Open, got {other:?}"),
    }
}

async fn raw_sqlite(path: &Path) -> SqliteConnection {
    SqliteConnection::connect(&format!("sqlite://{}", path.display()))
        .await
        .expect("open the SQLite file directly")
}

fn migration_files() -> i64 {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations/sqlite");
    i64::try_from(std::fs::read_dir(dir).expect("migrations folder").count())
        .expect("a small number")
}

// --- SQLite ---

#[tokio::test]
async fn sqlite_files_use_write_ahead_logging() {
    let (store, _dir, path) = support::sqlite_store().await;
    assert_eq!(store.backend(), "sqlite");
    store.close().await;
    let mut conn = raw_sqlite(&path).await;
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    assert_eq!(mode, "wal");
}

#[tokio::test]
async fn sqlite_enforces_foreign_keys() {
    let (store, _dir, _) = support::sqlite_store().await;
    let (source, category) = seed(&store).await;
    let orphan = new_article(SourceId::new(source.get() + 99), category, "Mồ côi", 0);
    match store.create_article(orphan).await {
        Err(StoreError::Conflict { constraint }) => assert_eq!(constraint, "foreign key"),
        other => panic!("expected a foreign-key conflict, got {other:?}"),
    }
}

#[tokio::test]
async fn a_corrupt_sqlite_file_is_an_open_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("herald.db");
    std::fs::write(&path, b"this is not a database, just text. ".repeat(500)).unwrap();
    let error = SqlStore::open_sqlite_file(&path, clock())
        .await
        .unwrap_err();
    let message = open_message(error);
    assert!(message.contains("herald.db"), "{message}");
    assert!(message.contains("not a database"), "{message}");
}

#[tokio::test]
async fn a_missing_folder_is_an_open_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no such folder").join("herald.db");
    let error = SqlStore::open_sqlite_file(&path, clock())
        .await
        .unwrap_err();
    let message = open_message(error);
    assert!(message.contains("no such folder/herald.db"), "{message}");
    assert!(
        message.contains("unable to open database file"),
        "{message}"
    );
}

#[tokio::test]
async fn reopening_a_sqlite_file_keeps_data_and_migrates_once() {
    let (store, _dir, path) = support::sqlite_store().await;
    seed(&store).await;
    store.close().await;

    let again = SqlStore::open_sqlite_file(&path, clock()).await.unwrap();
    assert!(again.source_by_key("vna").await.unwrap().is_some());
    again.close().await;

    let mut conn = raw_sqlite(&path).await;
    let applied: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM _sqlx_migrations")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    assert_eq!(applied, migration_files());
}

#[tokio::test]
async fn a_schema_from_a_newer_build_is_an_open_error() {
    let (store, _dir, path) = support::sqlite_store().await;
    store.close().await;
    let mut conn = raw_sqlite(&path).await;
    sqlx::query(
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time)
         VALUES (99990101000000, 'from a newer build', 1, x'00', 0)",
    )
    .execute(&mut conn)
    .await
    .unwrap();
    conn.close().await.unwrap();

    let error = SqlStore::open_sqlite_file(&path, clock())
        .await
        .unwrap_err();
    let message = open_message(error);
    assert!(message.contains("99990101000000"), "{message}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_writes_from_eight_tasks_succeed_on_sqlite() {
    let (store, _dir, _) = support::sqlite_store().await;
    write_concurrently(vec![Arc::new(store)], 8, 15).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_stores_on_one_sqlite_file_write_concurrently() {
    // As a `herald serve` and a `herald worker` on one file would: two pools, two writers,
    // kept apart by SQLite's lock, `BEGIN IMMEDIATE` and the busy timeout.
    let (first, _dir, path) = support::sqlite_store().await;
    let second = SqlStore::open_sqlite_file(&path, clock()).await.unwrap();
    write_concurrently(vec![Arc::new(first), Arc::new(second)], 8, 10).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_ingest_waits_for_another_sqlite_writer_and_reports_what_it_stored() {
    // As two processes on one file: the other writer's transaction holds the write lock, the
    // ingest waits for it (busy timeout), then finds the article.
    let (store, _dir, path) = support::sqlite_store().await;
    let (source, category) = seed(&store).await;
    let store: Arc<dyn Store> = Arc::new(store);
    for (url, hash, item, of) in races(source, category) {
        let mut other = raw_sqlite(&path).await;
        sqlx::query("BEGIN IMMEDIATE")
            .execute(&mut other)
            .await
            .unwrap();
        let id: i64 = sqlx::query_scalar(OTHER_WRITER_INSERT)
            .bind(source.get())
            .bind(url)
            .bind(category.get())
            .bind(hash)
            .fetch_one(&mut other)
            .await
            .unwrap();
        let outcome = ingest_behind_other_writer(&store, item, || async {
            sqlx::query("COMMIT").execute(&mut other).await.unwrap();
        })
        .await;
        assert_eq!(
            outcome,
            IngestOutcome::Duplicate {
                id: ArticleId::new(id),
                of
            }
        );
        other.close().await.unwrap();
    }
}

/// The median of 21 runs of `run`.
async fn median<F, Fut>(mut run: F) -> Duration
where
    F: FnMut() -> Fut,
    Fut: Future<Output = ()>,
{
    let mut runs = Vec::new();
    for _ in 0..21 {
        let started = Instant::now();
        run().await;
        runs.push(started.elapsed());
    }
    runs.sort();
    runs[runs.len() / 2]
}

#[tokio::test]
async fn lists_a_page_of_ten_thousand_articles_quickly_on_sqlite() {
    const ARTICLES: i64 = 10_000;
    let (store, _dir, path) = support::sqlite_store().await;
    let (source, category) = seed(&store).await;
    let started = Instant::now();
    for n in 0..ARTICLES {
        let title = format!("Bài số {n}");
        store
            .create_article(new_article(source, category, &title, n))
            .await
            .unwrap();
    }
    // Every article also in English (by hand, so that filling stays quick): a language whose
    // lists never need their fallback, which must then cost about what a list without
    // fallbacks costs — not a read of every Vietnamese version.
    let mut conn = raw_sqlite(&path).await;
    sqlx::query(
        "INSERT INTO versions (article_id, lang, title, lead, body, slug, origin, provenance,
                               state, published_at, updated_at)
         SELECT article_id, 'en', title, lead, body, slug, 'machine', NULL, state,
                published_at, updated_at
           FROM versions WHERE lang = 'vi'",
    )
    .execute(&mut conn)
    .await
    .unwrap();
    conn.close().await.unwrap();
    let filling = started.elapsed();

    let vi = ArticleFilter::in_language(lang("vi"));
    let in_category = |filter: ArticleFilter| ArticleFilter {
        category: Some(category),
        ..filter
    };
    // Every article shown through the fallback: Persian has no version at all.
    let untranslated = ArticleFilter {
        fallbacks: vec![lang("vi")],
        ..ArticleFilter::in_language(lang("fa"))
    };
    // No article shown through the fallback, which must still be looked at.
    let translated = ArticleFilter {
        fallbacks: vec![lang("vi")],
        ..ArticleFilter::in_language(lang("en"))
    };
    let mut timings = Vec::new();
    for (name, filter, page) in [
        ("first page", vi.clone(), PageRequest::first(20)),
        (
            "page 200",
            vi.clone(),
            PageRequest {
                number: 200,
                size: 20,
            },
        ),
        ("category", in_category(vi.clone()), PageRequest::first(20)),
        ("fallback", untranslated.clone(), PageRequest::first(20)),
    ] {
        let time = median(|| async {
            let listed = store.list_articles(&filter, page).await.unwrap();
            assert_eq!(listed.items.len(), 20, "{name}");
            assert_eq!(listed.total, u64::try_from(ARTICLES).unwrap(), "{name}");
        })
        .await;
        timings.push((name, time));
    }
    // Without the count, which reads the whole list whatever the page: what related lists
    // and the blocks of a home page cost.
    let mut cards = Vec::new();
    for (name, filter) in [
        ("cards", in_category(vi.clone())),
        ("cards, fallback", in_category(untranslated)),
        ("cards, fallback, translated", in_category(translated)),
    ] {
        let time = median(|| async {
            let lists = store
                .list_article_cards(std::slice::from_ref(&filter), 4)
                .await
                .unwrap();
            assert_eq!(lists[0].len(), 4, "{name}");
        })
        .await;
        cards.push((name, time));
    }
    // The main menu: the sections with articles in a language.
    let mut menus = Vec::new();
    for (name, language, fallbacks) in [
        ("menu", "vi", vec![]),
        ("menu, fallback", "fa", vec![lang("vi")]),
        ("menu, no articles", "de", vec![]),
    ] {
        let time = median(|| async {
            let found = store
                .categories_with_articles(&lang(language), &fallbacks)
                .await
                .unwrap();
            assert_eq!(found.len(), usize::from(language != "de"), "{name}");
        })
        .await;
        menus.push((name, time));
    }
    let _ = writeln!(
        std::io::stderr(),
        "on {ARTICLES} SQLite articles in vi and en (filled in {filling:.1?}), median of 21: {}",
        timings
            .iter()
            .chain(&cards)
            .chain(&menus)
            .map(|(name, t)| format!("{name} {t:.2?}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    for (name, median) in timings.iter().chain(&cards).chain(&menus) {
        // Generous, for unoptimised builds on a busy CI machine; release builds take well
        // under a millisecond (the counts: a few).
        assert!(*median < Duration::from_millis(50), "{name}: {median:?}");
    }
    // A list with fallbacks stops after the page in every language, like one without: read
    // to the end, the Vietnamese versions alone take ten times as long.
    let plain = cards[0].1;
    for (name, median) in &cards[1..] {
        assert!(
            *median < plain * 4 + Duration::from_millis(1),
            "{name}: {median:?}, against {plain:?} without fallbacks"
        );
    }
}

// --- PostgreSQL ---

/// Runs `body` with the URL of a fresh database, which is dropped afterwards even if `body`
/// panics; does nothing when PostgreSQL is not available (see [`support::TestDatabase::create`]).
pub(crate) async fn with_postgres<F, Fut>(body: F)
where
    F: FnOnce(String) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let Some(db) = support::TestDatabase::create().await else {
        return;
    };
    let outcome = tokio::spawn(body(db.url.clone())).await;
    db.drop_now().await;
    if let Err(error) = outcome {
        std::panic::resume_unwind(error.into_panic());
    }
}

#[tokio::test]
async fn an_unreachable_server_is_an_open_error() {
    let started = Instant::now();
    let error = SqlStore::open("postgres://herald:secret@127.0.0.1:9/herald", clock())
        .await
        .unwrap_err();
    let message = open_message(error);
    assert!(message.contains("127.0.0.1:9/herald"), "{message}");
    assert!(!message.contains("secret"), "{message}");
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[tokio::test]
async fn an_unknown_url_scheme_is_an_open_error() {
    let message = open_message(
        SqlStore::open("mysql://localhost/x", clock())
            .await
            .unwrap_err(),
    );
    assert!(message.contains("mysql"), "{message}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_writes_from_eight_tasks_succeed_on_postgres() {
    with_postgres(|url| async move {
        let store = Arc::new(SqlStore::open(&url, clock()).await.unwrap());
        assert_eq!(store.backend(), "postgres");
        write_concurrently(vec![Arc::clone(&store) as Arc<dyn Store>], 8, 15).await;
        store.close().await;
    })
    .await;
}

#[tokio::test]
async fn reopening_a_postgres_database_keeps_data_and_migrates_once() {
    with_postgres(|url| async move {
        let store = SqlStore::open(&url, clock()).await.unwrap();
        seed(&store).await;
        store.close().await;
        let again = SqlStore::open(&url, clock()).await.unwrap();
        assert!(again.source_by_key("vna").await.unwrap().is_some());
        again.close().await;

        let mut conn = sqlx::postgres::PgConnection::connect(&url).await.unwrap();
        let applied: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM _sqlx_migrations")
            .fetch_one(&mut conn)
            .await
            .unwrap();
        assert_eq!(applied, migration_files());
        conn.close().await.unwrap();
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_ingest_that_loses_a_unique_index_race_on_postgres_reports_the_winner() {
    // Another writer (not an ingest: it takes no ingest lock) inserts the article first but
    // has not committed: the ingest does not see it, its own insert waits on the unique
    // index, and fails once the other commits; that conflict is answered by reading.
    with_postgres(|url| async move {
        let sql = SqlStore::open(&url, clock()).await.unwrap();
        let (source, category) = seed(&sql).await;
        let store: Arc<dyn Store> = Arc::new(sql);
        for (article_url, hash, item, of) in races(source, category) {
            let mut other = sqlx::postgres::PgConnection::connect(&url).await.unwrap();
            sqlx::query("BEGIN").execute(&mut other).await.unwrap();
            let id: i64 = sqlx::query_scalar(OTHER_WRITER_INSERT)
                .bind(source.get())
                .bind(article_url)
                .bind(category.get())
                .bind(hash)
                .fetch_one(&mut other)
                .await
                .unwrap();
            let outcome = ingest_behind_other_writer(&store, item, || async {
                sqlx::query("COMMIT").execute(&mut other).await.unwrap();
            })
            .await;
            assert_eq!(
                outcome,
                IngestOutcome::Duplicate {
                    id: ArticleId::new(id),
                    of
                }
            );
            other.close().await.unwrap();
        }
        let page = store
            .list_articles(
                &ArticleFilter::in_language(lang("vi")),
                PageRequest::first(10),
            )
            .await
            .unwrap();
        assert_eq!(page.total, 0, "the ingests stored nothing");
    })
    .await;
}
