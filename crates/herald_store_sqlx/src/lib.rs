//! Herald's SQL storage: one [`Store`] for SQLite (embedded, the default) and PostgreSQL
//! (scale-out), through sqlx.
//!
//! # Why one crate for two engines
//!
//! Herald's queries are plain SQL that both engines speak: `$1` placeholders, `RETURNING`,
//! `ON CONFLICT … DO NOTHING` (with a partial index as target), recursive CTEs. So every
//! query is written once, inline in the function that runs it, and runs through sqlx's `Any`
//! driver ([`sqlx::AnyPool`]). Two crates, or two copies of each module, would have doubled
//! every query and let them drift; the style guide's reason for two crates (compile-checked
//! `query!` macros read one database URL per crate) does not apply, because `Any` queries are
//! not compile-checked anyway. The contract suite (`herald_store::contract`), run on both
//! engines, is what checks the SQL.
//!
//! To keep `Any` strict decoding simple, the stored forms are the same on both engines: ids and
//! every integer are 64-bit (`INTEGER` in SQLite, `BIGINT` in PostgreSQL), times are
//! microseconds since the Unix epoch, booleans are 0/1, enums are their names, and structured
//! values (provenance, media kind, feeds, per-language captions) are JSON text.
//!
//! # Where the engines differ
//!
//! - **Migrations**: `migrations/sqlite/` and `migrations/postgres/` hold the same files (a
//!   unit test checks the names match), differing only in types, identity columns and the
//!   order foreign keys can be declared in.
//! - **Writers**: SQLite has one writer per file. The store gives it a pool of one connection
//!   for writes (so the store's own tasks queue for it instead of failing with `SQLITE_BUSY`)
//!   and opens write transactions with `BEGIN IMMEDIATE` (so another process's writer makes it
//!   wait `busy_timeout`, never fail half-way); reads use a separate pool and, in WAL mode,
//!   never wait for the writer. PostgreSQL uses one pool for both.
//! - **Job claiming**: PostgreSQL picks the next job with `FOR UPDATE SKIP LOCKED`, so any
//!   number of workers claim concurrently; SQLite needs no row locks, since the claim runs in
//!   an immediate transaction that no other writer can interleave with.
//! - **New slugs**: on SQLite the write transaction excludes other writers, so "find a free
//!   slug, insert it" cannot race; on PostgreSQL writers starting from the same slug take an
//!   advisory transaction lock first, and a rare remaining race is retried (`slugs.rs`).
//! - **Ingesting**: `ingest_article` checks for duplicates and picks the story in the write
//!   transaction that stores the article. SQLite's single writer makes that race-free; on
//!   PostgreSQL ingesting writers first take one advisory transaction lock, so each sees what
//!   the previous stored, and a unique-index conflict with another path is answered by
//!   reading the winner (`ingest.rs`).
//! - **Constraint names** in errors: PostgreSQL reports them, SQLite reports the columns; see
//!   `error.rs`, which gives both as the migration's constraint name.
//! - **Case-insensitive words** in the admin's article list (`admin.rs`): `LOWER` folds every
//!   letter on PostgreSQL but only ASCII letters on SQLite, where `Đ` is found only as typed.
//!   E-mails are lower-cased by the store before they are written or compared, so accounts
//!   do not depend on either.
//! - **JSON aggregates**: a term's names are read as one JSON array per term
//!   (`json_group_array` in SQLite, `json_agg` in PostgreSQL; see "What a read costs").
//!
//! The engine a store runs on is read in only those places.
//!
//! # What a read costs
//!
//! Through sqlx's SQLite driver, a statement costs far more than SQLite's own work: it is
//! handed to the connection's worker thread, each row comes back through a channel and is
//! copied into an `AnyRow` (an allocation per column), and the connection is pinged when it
//! goes back to the pool — roughly 20 µs a statement and a few µs a row before SQLite does
//! anything. So the reads a page makes are few and narrow: a page's taxonomy is one statement
//! (`Store::terms`), its related lists one (`Store::list_article_cards`), a term's names one
//! JSON column rather than one row per language, an article's links one text column each
//! (`string_agg`, which both engines have).
//!
//! - **`LIMIT` and `OFFSET` are written into the statement, never bound.** SQLite (3.4x) plans
//!   with the value of a bound `LIMIT`, so binding a new one expires the prepared statement and
//!   every execution was prepared again — for a listing, several times the cost of running
//!   it. As literals (they are numbers the store computes), each page size is prepared once
//!   per connection and kept in sqlx's statement cache.
//! - **`LIMIT 1 OFFSET 0` in a subquery** that must be probed row by row: PostgreSQL otherwise
//!   pulls `EXISTS` / `NOT EXISTS` up into a join and may hash a whole table before the first
//!   row of a read meant to stop early; an `OFFSET` keeps a subquery where it is. SQLite
//!   runs subqueries as written (and needs a `LIMIT` to accept an `OFFSET`).
//! - Query plans that matter are checked on SQLite by unit tests (`EXPLAIN QUERY PLAN` on an
//!   empty database: which index, nothing scanned whole), and on PostgreSQL by hand with
//!   `EXPLAIN ANALYZE` under both custom and generic plans (see `docs/PERFORMANCE.md`).
//!
//! # Why `Any` and not an enum of two pools
//!
//! `Any` did all Herald needs on both engines in a first spike — `$n` placeholders (SQLite
//! accepts them), binds and decoding of `i64`, `String` and `Option`s, `RETURNING`, constraint
//! kinds in errors — so an internal `enum Pool { Sqlite, Postgres }` with each query
//! dispatched twice bought nothing. Its costs are known and contained: values must be of the
//! few types `Any` decodes (hence 64-bit integers everywhere, and no `SUM`, which PostgreSQL
//! returns as `NUMERIC`); SQLite pragmas cannot be set in the URL, so they run on each new
//! connection; and a pool hides why a connection failed, so opening first connects once by
//! hand to report a corrupt file or an unreachable server in one readable line.

mod accounts;
mod admin;
mod articles;
mod audit;
mod codec;
mod comments;
mod error;
mod ingest;
mod jobs;
mod media;
mod polling;
mod slugs;
mod sources;
mod syndication;
mod terms;
mod translation;
mod versions;

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use herald_domain::{
    Article, ArticleId, AuditEvent, Author, AuthorId, Category, CategoryId, Clock, Comment,
    CommentId, CommentStatus, EditorialState, GlossaryEntry, IngestRules, Job, JobId, JobRecord,
    JobState, Language, Media, MediaId, NewArticle, NewAuditEvent, NewComment, NewUser, Place,
    PlaceId, Slug, Source, SourceHealth, SourceId, Tag, TagId, Timestamp, Topic, TopicId, User,
    UserId, UserUpdate, Version,
};
use herald_store::{
    AddressBan, AdminArticleFilter, AdminArticleRow, ArticleCard, ArticleEdit, ArticleFilter,
    AuditFilter, FeedEntry, FeedValidators, IngestOutcome, IngestedArticle, JobCounts,
    LanguageCoverage, MachineMediaTexts, MediaText, MemoryEntry, MemoryStats, NearDuplicates,
    NewAuthor, NewCategory, NewMedia, NewPlace, NewSource, NewTerm, PageRequest, Paged, PollReport,
    Result, SaveOutcome, Session, SitemapEntry, SitemapRequest, SlugMatch, StaleVersion, Store,
    StoredPage, TermIds, TermKind, Terms, TranslationWant, VersionDraft,
};
use sqlx::any::AnyPoolOptions;
use sqlx::{Any, AnyConnection, AnyPool, Connection, Transaction};

/// How long SQLite waits for another writer before giving up, in milliseconds.
const SQLITE_BUSY_TIMEOUT_MS: u32 = 5_000;

/// Connection pool sizing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolSettings {
    /// Connections for reads (SQLite) or for everything (PostgreSQL). SQLite always writes
    /// through one more, dedicated connection.
    pub max_connections: u32,
    /// How long a query waits for a free connection, and opening for the database to answer.
    pub acquire_timeout: Duration,
}

impl Default for PoolSettings {
    fn default() -> Self {
        Self {
            max_connections: 8,
            acquire_timeout: Duration::from_secs(10),
        }
    }
}

/// The database engine a store runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Engine {
    Sqlite,
    Postgres,
}

/// A [`Store`] on SQLite or PostgreSQL.
pub struct SqlStore {
    engine: Engine,
    /// Reads.
    read: AnyPool,
    /// Write transactions: one connection on SQLite, the same pool as `read` on PostgreSQL.
    write: AnyPool,
    clock: Arc<dyn Clock>,
}

impl std::fmt::Debug for SqlStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqlStore")
            .field("engine", &self.engine)
            .finish_non_exhaustive()
    }
}

impl SqlStore {
    /// Opens (creating if needed) and migrates the database at `url`: `sqlite://PATH`
    /// (the file is created if missing), `sqlite::memory:` (one connection, for experiments),
    /// or `postgres://USER@HOST:PORT/DB`.
    ///
    /// # Errors
    /// [`herald_store::StoreError::Open`], with one readable line, if the URL is not one of those, the file
    /// or folder cannot be opened or is not a database, the server does not answer, or the
    /// schema was made by a newer build.
    pub async fn open(url: &str, clock: Arc<dyn Clock>) -> Result<Self> {
        Self::open_with(url, clock, PoolSettings::default()).await
    }

    /// Opens the SQLite database file at `path`, creating it if missing.
    ///
    /// # Errors
    /// As [`SqlStore::open`].
    pub async fn open_sqlite_file(path: &Path, clock: Arc<dyn Clock>) -> Result<Self> {
        let absolute = std::path::absolute(path)
            .map_err(|e| error::open_message(&path.display().to_string(), &e.to_string()))?;
        let Some(text) = absolute.to_str() else {
            return Err(error::open_message(
                &path.display().to_string(),
                "the path is not valid UTF-8",
            ));
        };
        Self::open(&format!("sqlite://{}", encode_path(text)), clock).await
    }

    /// As [`SqlStore::open`], with pool settings.
    ///
    /// # Errors
    /// As [`SqlStore::open`].
    pub async fn open_with(
        url: &str,
        clock: Arc<dyn Clock>,
        settings: PoolSettings,
    ) -> Result<Self> {
        sqlx::any::install_default_drivers();
        let target = Target::parse(url)?;
        let store = match target.engine {
            Engine::Sqlite if target.in_memory => open_sqlite_memory(&target, clock).await?,
            Engine::Sqlite => open_sqlite(&target, clock, settings).await?,
            Engine::Postgres => open_postgres(&target, clock, settings).await?,
        };
        tracing::info!(store = %target.display, "store opened");
        Ok(store)
    }

    /// Closes the connections, waiting for queries in flight (SQLite then checkpoints its
    /// write-ahead log into the database file).
    pub async fn close(&self) {
        self.write.close().await;
        self.read.close().await;
    }

    pub(crate) fn now(&self) -> Timestamp {
        self.clock.now()
    }

    /// Starts a write transaction. On SQLite it takes the database's write lock at once
    /// (`BEGIN IMMEDIATE`), so that a transaction that reads before it writes never fails
    /// half-way because another writer went first.
    pub(crate) async fn begin_write(&self) -> Result<Transaction<'static, Any>> {
        match self.engine {
            Engine::Sqlite => self.write.begin_with("BEGIN IMMEDIATE").await,
            Engine::Postgres => self.write.begin().await,
        }
        .map_err(error::db)
    }
}

/// A parsed database URL.
struct Target {
    engine: Engine,
    /// The URL handed to sqlx.
    url: String,
    /// What error messages and logs call the database (no credentials).
    display: String,
    in_memory: bool,
}

impl Target {
    fn parse(url: &str) -> Result<Self> {
        if url.starts_with("sqlite:") {
            let (path, query) = url.split_once('?').unwrap_or((url, ""));
            let file = path
                .trim_start_matches("sqlite://")
                .trim_start_matches("sqlite:");
            let in_memory = file.is_empty() || file == ":memory:" || query.contains("mode=memory");
            let url = if in_memory || query.contains("mode=") {
                url.to_owned()
            } else if query.is_empty() {
                format!("{path}?mode=rwc")
            } else {
                format!("{url}&mode=rwc")
            };
            Ok(Self {
                engine: Engine::Sqlite,
                url,
                display: if in_memory {
                    "SQLite database in memory".to_owned()
                } else {
                    format!("SQLite database {}", percent_decode(file))
                },
                in_memory,
            })
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let parsed = url::Url::parse(url)
                .map_err(|e| error::open_message("PostgreSQL URL", &e.to_string()))?;
            let display = format!(
                "PostgreSQL at {}:{}{}",
                parsed.host_str().unwrap_or("localhost"),
                parsed.port().unwrap_or(5432),
                parsed.path()
            );
            Ok(Self {
                engine: Engine::Postgres,
                url: url.to_owned(),
                display,
                in_memory: false,
            })
        } else {
            let scheme = url.split(':').next().unwrap_or_default();
            Err(error::open_message(
                "database URL",
                &format!("unsupported scheme '{scheme}' (use sqlite:// or postgres://)"),
            ))
        }
    }
}

/// Undoes `%XX` escapes, for showing a file path.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Percent-encodes the characters a file path may hold that would end or escape a URL path.
fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        match c {
            '%' | '?' | '#' | ' ' | '"' | '<' | '>' | '`' | '{' | '}' => {
                let mut buf = [0_u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
            c => out.push(c),
        }
    }
    out
}

async fn connect_once(target: &Target, settings: PoolSettings) -> Result<AnyConnection> {
    match tokio::time::timeout(
        settings.acquire_timeout,
        AnyConnection::connect(&target.url),
    )
    .await
    {
        Ok(Ok(conn)) => Ok(conn),
        Ok(Err(e)) => Err(error::open(&target.display, &e)),
        Err(_) => Err(error::open_message(
            &target.display,
            "timed out waiting for the database to answer",
        )),
    }
}

async fn migrate(target: &Target, conn: &mut AnyConnection) -> Result<()> {
    let migrator = match target.engine {
        Engine::Sqlite => sqlx::migrate!("migrations/sqlite"),
        Engine::Postgres => sqlx::migrate!("migrations/postgres"),
    };
    // `run_direct` (public, if hidden in sqlx's docs, for exactly this): `run`'s `Acquire`
    // bound makes `open`'s future "not general enough" to be `Send`, so it could not be
    // spawned on a task.
    migrator
        .run_direct(None, conn, false)
        .await
        .map_err(|e| error::open_message(&target.display, &format!("migrating the schema: {e}")))
}

/// Per-connection SQLite settings. (WAL is a property of the file, set once at open.)
async fn sqlite_pragmas(conn: &mut AnyConnection) -> std::result::Result<(), sqlx::Error> {
    sqlx::query("PRAGMA foreign_keys = ON")
        .execute(&mut *conn)
        .await?;
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}"
    )))
    .execute(&mut *conn)
    .await?;
    sqlx::query("PRAGMA synchronous = NORMAL")
        .execute(&mut *conn)
        .await?;
    Ok(())
}

fn sqlite_pool_options(max_connections: u32, settings: PoolSettings) -> AnyPoolOptions {
    AnyPoolOptions::new()
        .max_connections(max_connections)
        .acquire_timeout(settings.acquire_timeout)
        // A local file needs no health check before each query: that ping was a round trip
        // to SQLite's worker thread per query.
        .test_before_acquire(false)
        .after_connect(|conn, _| Box::pin(sqlite_pragmas(conn)))
}

async fn open_sqlite(
    target: &Target,
    clock: Arc<dyn Clock>,
    settings: PoolSettings,
) -> Result<SqlStore> {
    // One connection first, to report a missing folder or a file that is not a database
    // plainly (the pool would retry and time out), to switch the file to WAL, and to migrate.
    let mut conn = connect_once(target, settings).await?;
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode = WAL")
        .fetch_one(&mut conn)
        .await
        .map_err(|e| error::open(&target.display, &e))?;
    if mode != "wal" {
        tracing::warn!(store = %target.display, %mode, "SQLite refused WAL journal mode");
    }
    sqlite_pragmas(&mut conn)
        .await
        .map_err(|e| error::open(&target.display, &e))?;
    migrate(target, &mut conn).await?;
    let _ = conn.close().await;

    let write = sqlite_pool_options(1, settings)
        .connect(&target.url)
        .await
        .map_err(|e| error::open(&target.display, &e))?;
    let read = sqlite_pool_options(settings.max_connections.max(1), settings)
        .connect(&target.url)
        .await
        .map_err(|e| error::open(&target.display, &e))?;
    Ok(SqlStore {
        engine: Engine::Sqlite,
        read,
        write,
        clock,
    })
}

async fn open_sqlite_memory(target: &Target, clock: Arc<dyn Clock>) -> Result<SqlStore> {
    // Each connection to `:memory:` is its own database: keep exactly one, forever.
    let pool = AnyPoolOptions::new()
        .max_connections(1)
        .min_connections(1)
        .idle_timeout(None)
        .max_lifetime(None)
        .after_connect(|conn, _| Box::pin(sqlite_pragmas(conn)))
        .connect(&target.url)
        .await
        .map_err(|e| error::open(&target.display, &e))?;
    let mut conn = pool
        .acquire()
        .await
        .map_err(|e| error::open(&target.display, &e))?;
    migrate(target, &mut conn).await?;
    drop(conn);
    Ok(SqlStore {
        engine: Engine::Sqlite,
        read: pool.clone(),
        write: pool,
        clock,
    })
}

async fn open_postgres(
    target: &Target,
    clock: Arc<dyn Clock>,
    settings: PoolSettings,
) -> Result<SqlStore> {
    let mut conn = connect_once(target, settings).await?;
    migrate(target, &mut conn).await?;
    let _ = conn.close().await;
    let pool = AnyPoolOptions::new()
        .max_connections(settings.max_connections.max(2))
        .acquire_timeout(settings.acquire_timeout)
        .connect(&target.url)
        .await
        .map_err(|e| error::open(&target.display, &e))?;
    Ok(SqlStore {
        engine: Engine::Postgres,
        read: pool.clone(),
        write: pool,
        clock,
    })
}

/// Runs a write that may lose a race for a new slug to a concurrent writer, a few times.
macro_rules! retry_slug_race {
    ($attempt:expr) => {{
        let mut tries = 0;
        loop {
            match $attempt.await {
                Err(e) if tries < 5 && crate::error::is_slug_race(&e) => tries += 1,
                other => break other,
            }
        }
    }};
}

#[async_trait]
impl Store for SqlStore {
    fn backend(&self) -> &'static str {
        match self.engine {
            Engine::Sqlite => "sqlite",
            Engine::Postgres => "postgres",
        }
    }

    async fn ping(&self) -> Result<()> {
        sqlx::query("SELECT 1")
            .execute(&self.read)
            .await
            .map_err(error::db)?;
        Ok(())
    }

    async fn content_revision(&self) -> Result<u64> {
        let n: i64 = sqlx::query_scalar("SELECT n FROM content_revision WHERE id = 1")
            .fetch_one(&self.read)
            .await
            .map_err(error::db)?;
        u64::try_from(n)
            .map_err(|_| herald_store::StoreError::Invalid(format!("content revision {n}")))
    }

    async fn create_source(&self, source: NewSource) -> Result<Source> {
        retry_slug_race!(sources::create(self, &source))
    }

    async fn source(&self, id: SourceId) -> Result<Option<Source>> {
        sources::by_id(self, id).await
    }

    async fn source_by_key(&self, key: &str) -> Result<Option<Source>> {
        sources::by_key(self, key).await
    }

    async fn list_sources(&self) -> Result<Vec<Source>> {
        sources::list(self).await
    }

    async fn create_category(&self, category: NewCategory) -> Result<Category> {
        retry_slug_race!(terms::create_category(self, &category))
    }

    async fn create_topic(&self, topic: NewTerm) -> Result<Topic> {
        retry_slug_race!(terms::create_topic(self, &topic))
    }

    async fn create_author(&self, author: NewAuthor) -> Result<Author> {
        retry_slug_race!(terms::create_author(self, &author))
    }

    async fn create_place(&self, place: NewPlace) -> Result<Place> {
        retry_slug_race!(terms::create_place(self, &place))
    }

    async fn create_tag(&self, tag: NewTerm) -> Result<Tag> {
        retry_slug_race!(terms::create_tag(self, &tag))
    }

    async fn rename_term(
        &self,
        kind: TermKind,
        id: i64,
        language: &Language,
        name: &str,
    ) -> Result<Slug> {
        retry_slug_race!(terms::rename(self, kind, id, language, name))
    }

    async fn find_term_by_slug(
        &self,
        kind: TermKind,
        language: &Language,
        slug: &str,
    ) -> Result<Option<SlugMatch<i64>>> {
        terms::find_by_slug(self, kind, language, slug).await
    }

    async fn term_id_by_key(&self, kind: TermKind, key: &str) -> Result<Option<i64>> {
        terms::id_by_key(self, kind, key).await
    }

    async fn list_categories(&self) -> Result<Vec<Category>> {
        terms::list_categories(self).await
    }

    async fn topics(&self, ids: &[TopicId]) -> Result<Vec<Topic>> {
        terms::topics(self, ids).await
    }

    async fn authors(&self, ids: &[AuthorId]) -> Result<Vec<Author>> {
        terms::authors(self, ids).await
    }

    async fn places(&self, ids: &[PlaceId]) -> Result<Vec<Place>> {
        terms::places(self, ids).await
    }

    async fn tags(&self, ids: &[TagId]) -> Result<Vec<Tag>> {
        terms::tags(self, ids).await
    }

    async fn list_topics(&self) -> Result<Vec<Topic>> {
        terms::list_topics(self).await
    }

    async fn list_authors(&self) -> Result<Vec<Author>> {
        terms::list_authors(self).await
    }

    async fn terms(&self, wanted: &TermIds) -> Result<Terms> {
        terms::terms(self, wanted).await
    }

    async fn categories_with_articles(
        &self,
        language: &Language,
        fallbacks: &[Language],
    ) -> Result<Vec<CategoryId>> {
        terms::with_articles(self, language, fallbacks).await
    }

    async fn create_media(&self, media: NewMedia) -> Result<Media> {
        media::create(self, &media).await
    }

    async fn media(&self, ids: &[MediaId]) -> Result<Vec<Media>> {
        media::by_ids(self, ids).await
    }

    async fn media_by_key(&self, key: &str) -> Result<Option<Media>> {
        media::by_key(self, key).await
    }

    async fn attach_media(&self, article: ArticleId, media: MediaId, lead: bool) -> Result<()> {
        media::attach(self, article, media, lead).await
    }

    async fn machine_media_texts(
        &self,
        ids: &[MediaId],
    ) -> Result<HashMap<MediaId, Vec<(Language, MediaText)>>> {
        media::machine_texts(self, ids).await
    }

    async fn save_machine_media_texts(
        &self,
        media: MediaId,
        language: &Language,
        texts: &MachineMediaTexts,
    ) -> Result<Vec<MediaText>> {
        media::save_machine_texts(self, media, language, texts).await
    }

    async fn create_article(&self, article: NewArticle) -> Result<ArticleId> {
        retry_slug_race!(articles::create(self, &article))
    }

    async fn article_by_source_url(&self, url: &str) -> Result<Option<ArticleId>> {
        articles::by_source_url(self, url).await
    }

    async fn article(&self, id: ArticleId) -> Result<Option<Article>> {
        articles::by_id(self, id).await
    }

    async fn article_with_versions(
        &self,
        id: ArticleId,
    ) -> Result<Option<(Article, Vec<Version>)>> {
        articles::with_versions(self, id).await
    }

    async fn save_version(&self, draft: VersionDraft) -> Result<SaveOutcome> {
        retry_slug_race!(versions::save(self, &draft))
    }

    async fn version(&self, article: ArticleId, language: &Language) -> Result<Option<Version>> {
        versions::one(self, article, language).await
    }

    async fn versions(&self, article: ArticleId) -> Result<Vec<Version>> {
        versions::of_article(self, article).await
    }

    async fn list_articles(
        &self,
        filter: &ArticleFilter,
        page: PageRequest,
    ) -> Result<Paged<ArticleCard>> {
        versions::list_published(self, filter, page).await
    }

    async fn list_article_cards(
        &self,
        lists: &[ArticleFilter],
        limit: u32,
    ) -> Result<Vec<Vec<ArticleCard>>> {
        versions::list_cards(self, lists, limit).await
    }

    async fn list_for_feed(&self, filter: &ArticleFilter, limit: u32) -> Result<Vec<FeedEntry>> {
        syndication::feed(self, filter, limit).await
    }

    async fn list_for_sitemap(&self, request: &SitemapRequest) -> Result<Paged<SitemapEntry>> {
        syndication::sitemap(self, request).await
    }

    async fn add_comment(&self, comment: NewComment) -> Result<Comment> {
        comments::add(self, &comment).await
    }

    async fn list_comments(
        &self,
        article: ArticleId,
        language: Option<&Language>,
        statuses: &[CommentStatus],
    ) -> Result<Vec<Comment>> {
        comments::list(self, article, language, statuses).await
    }

    async fn set_comment_status(&self, id: CommentId, status: CommentStatus) -> Result<()> {
        comments::set_status(self, id, status).await
    }

    async fn enqueue(&self, job: Job, run_at: Timestamp) -> Result<JobId> {
        jobs::enqueue(self, &job, run_at, 0).await
    }

    async fn enqueue_with_priority(
        &self,
        job: Job,
        run_at: Timestamp,
        priority: i64,
    ) -> Result<JobId> {
        jobs::enqueue(self, &job, run_at, priority).await
    }

    async fn claim_job(
        &self,
        worker: &str,
        now: Timestamp,
        lease: Duration,
        kinds: &[&str],
    ) -> Result<Option<JobRecord>> {
        jobs::claim_next(self, worker, now, lease, kinds).await
    }

    async fn complete_job(&self, id: JobId, worker: &str) -> Result<()> {
        jobs::complete(self, id, worker).await
    }

    async fn fail_job(
        &self,
        id: JobId,
        worker: &str,
        error: &str,
        retry_at: Option<Timestamp>,
    ) -> Result<()> {
        jobs::fail(self, id, worker, error, retry_at).await
    }

    async fn job(&self, id: JobId) -> Result<Option<JobRecord>> {
        jobs::by_id(self, id).await
    }

    async fn job_counts(&self) -> Result<JobCounts> {
        jobs::counts(self, None).await
    }

    async fn job_counts_of_kind(&self, kind: &str) -> Result<JobCounts> {
        jobs::counts(self, Some(kind)).await
    }

    async fn failed_jobs(&self, kind: &str, limit: u32) -> Result<Vec<JobRecord>> {
        jobs::failed(self, kind, limit).await
    }

    async fn set_source_rules(&self, id: SourceId, rules: &IngestRules) -> Result<()> {
        polling::set_rules(self, id, rules).await
    }

    async fn source_rules(&self, id: SourceId) -> Result<IngestRules> {
        polling::rules(self, id).await
    }

    async fn set_source_paused(&self, id: SourceId, paused: bool) -> Result<()> {
        polling::set_paused(self, id, paused).await
    }

    async fn source_health(&self, id: SourceId) -> Result<Option<SourceHealth>> {
        polling::health(self, id).await
    }

    async fn list_sources_with_health(&self) -> Result<Vec<(Source, SourceHealth)>> {
        polling::list_with_health(self).await
    }

    async fn feed_validators(&self, source: SourceId, feed: &url::Url) -> Result<FeedValidators> {
        polling::validators(self, source, feed).await
    }

    async fn set_feed_validators(
        &self,
        source: SourceId,
        feed: &url::Url,
        validators: &FeedValidators,
    ) -> Result<()> {
        polling::set_validators(self, source, feed, validators).await
    }

    async fn record_poll(&self, source: SourceId, report: PollReport) -> Result<SourceHealth> {
        polling::record(self, source, &report).await
    }

    async fn due_sources(&self, now: Timestamp) -> Result<Vec<SourceId>> {
        polling::due(self, now).await
    }

    async fn ingest_article(
        &self,
        article: IngestedArticle,
        near: NearDuplicates,
    ) -> Result<IngestOutcome> {
        retry_slug_race!(ingest::ingest(self, &article, near))
    }

    async fn same_story(&self, id: ArticleId) -> Result<Vec<ArticleId>> {
        ingest::same_story(self, id).await
    }

    async fn article_is_partial(&self, id: ArticleId) -> Result<Option<bool>> {
        ingest::is_partial(self, id).await
    }

    async fn set_article_partial(&self, id: ArticleId, partial: bool) -> Result<()> {
        ingest::set_partial(self, id, partial).await
    }

    async fn save_article_page(&self, id: ArticleId, page: StoredPage) -> Result<()> {
        ingest::save_page(self, id, &page).await
    }

    async fn article_page(&self, id: ArticleId) -> Result<Option<StoredPage>> {
        ingest::page(self, id).await
    }

    async fn memory_lookup(&self, keys: &[String]) -> Result<HashMap<String, String>> {
        translation::memory_lookup(self, keys).await
    }

    async fn memory_save(&self, entries: &[MemoryEntry]) -> Result<()> {
        translation::memory_save(self, entries).await
    }

    async fn memory_stats(&self) -> Result<MemoryStats> {
        translation::memory_stats(self).await
    }

    async fn glossary(&self, from: &Language, to: &Language) -> Result<Vec<GlossaryEntry>> {
        translation::glossary(self, from, to).await
    }

    async fn save_glossary_entry(&self, entry: GlossaryEntry) -> Result<GlossaryEntry> {
        translation::save_glossary_entry(self, &entry).await
    }

    async fn delete_glossary_entry(&self, id: i64) -> Result<bool> {
        translation::delete_glossary_entry(self, id).await
    }

    async fn glossary_pairs(&self) -> Result<Vec<(Language, Language, u64)>> {
        translation::glossary_pairs(self).await
    }

    async fn articles_to_translate(
        &self,
        to: &Language,
        want: TranslationWant,
        limit: u32,
    ) -> Result<Vec<ArticleId>> {
        translation::to_translate(self, to, want, limit).await
    }

    async fn translation_coverage(&self, languages: &[Language]) -> Result<Vec<LanguageCoverage>> {
        translation::coverage(self, languages).await
    }

    // --- the newsroom ---

    async fn create_user(&self, user: NewUser) -> Result<User> {
        accounts::create(self, &user).await
    }

    async fn user(&self, id: UserId) -> Result<Option<User>> {
        accounts::by_id(self, id).await
    }

    async fn user_by_email(&self, email: &str) -> Result<Option<(User, String)>> {
        accounts::by_email(self, email).await
    }

    async fn list_users(&self) -> Result<Vec<User>> {
        accounts::list(self).await
    }

    async fn update_user(&self, id: UserId, update: UserUpdate) -> Result<User> {
        accounts::update(self, id, &update).await
    }

    async fn set_password(&self, id: UserId, password_hash: &str) -> Result<()> {
        accounts::set_password(self, id, password_hash).await
    }

    async fn record_login_failure(
        &self,
        id: UserId,
        now: Timestamp,
        lock_after: u32,
        lock_for: Duration,
    ) -> Result<User> {
        accounts::record_failure(self, id, now, lock_after, lock_for).await
    }

    async fn record_login_success(&self, id: UserId) -> Result<()> {
        accounts::record_success(self, id).await
    }

    async fn create_session(&self, session: Session) -> Result<()> {
        accounts::create_session(self, &session).await
    }

    async fn session(&self, token_hash: &str, now: Timestamp) -> Result<Option<(Session, User)>> {
        accounts::session(self, token_hash, now).await
    }

    async fn delete_session(&self, token_hash: &str) -> Result<()> {
        accounts::delete_session(self, token_hash).await
    }

    async fn delete_expired_sessions(&self, now: Timestamp) -> Result<u64> {
        accounts::delete_expired_sessions(self, now).await
    }

    async fn record_audit(&self, event: NewAuditEvent) -> Result<AuditEvent> {
        audit::record(self, &event).await
    }

    async fn list_audit(
        &self,
        filter: &AuditFilter,
        page: PageRequest,
    ) -> Result<Paged<AuditEvent>> {
        audit::list(self, filter, page).await
    }

    async fn admin_articles(
        &self,
        filter: &AdminArticleFilter,
        page: PageRequest,
    ) -> Result<Paged<AdminArticleRow>> {
        admin::articles(self, filter, page).await
    }

    async fn edit_article(&self, id: ArticleId, edit: ArticleEdit) -> Result<()> {
        admin::edit(self, id, &edit).await
    }

    async fn set_version_state(
        &self,
        article: ArticleId,
        language: &Language,
        state: EditorialState,
    ) -> Result<()> {
        admin::set_state(self, article, language, state).await
    }

    async fn stale_versions(
        &self,
        language: Option<&Language>,
        page: PageRequest,
    ) -> Result<Paged<StaleVersion>> {
        admin::stale_versions(self, language, page).await
    }

    async fn update_source(&self, id: SourceId, source: NewSource) -> Result<Source> {
        retry_slug_race!(sources::update(self, id, &source))
    }

    async fn list_places(&self) -> Result<Vec<Place>> {
        terms::list_places(self).await
    }

    async fn recent_jobs(&self, states: &[JobState], limit: u32) -> Result<Vec<JobRecord>> {
        jobs::recent(self, states, limit).await
    }

    async fn comment(&self, id: CommentId) -> Result<Option<Comment>> {
        comments::get(self, id).await
    }

    async fn comments_for_moderation(
        &self,
        statuses: &[CommentStatus],
        page: PageRequest,
    ) -> Result<Paged<Comment>> {
        comments::for_moderation(self, statuses, page).await
    }

    async fn comment_counts(
        &self,
        articles: &[ArticleId],
        language: Option<&Language>,
    ) -> Result<HashMap<ArticleId, u64>> {
        comments::counts(self, articles, language).await
    }

    async fn comments_from_address(&self, address: &str, since: Timestamp) -> Result<u64> {
        comments::from_address(self, address, since).await
    }

    async fn ban_address(&self, ban: AddressBan) -> Result<()> {
        comments::ban(self, &ban).await
    }

    async fn is_address_banned(&self, address: &str) -> Result<bool> {
        comments::is_banned(self, address).await
    }

    async fn unban_address(&self, address: &str) -> Result<bool> {
        comments::unban(self, address).await
    }

    async fn list_address_bans(&self) -> Result<Vec<AddressBan>> {
        comments::bans(self).await
    }
}

/// SQLite's query plan for `sql` on an empty, migrated database, one line per step
/// (`SEARCH v USING INDEX …`), for tests that a query reads what it should.
#[cfg(test)]
pub(crate) async fn sqlite_plan(sql: &str) -> Vec<String> {
    let store = SqlStore::open("sqlite::memory:", Arc::new(herald_domain::SystemClock))
        .await
        .unwrap();
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!("EXPLAIN QUERY PLAN {sql}")))
        .fetch_all(&store.read)
        .await
        .unwrap();
    rows.iter()
        .map(|row| codec::col::<String>(row, "detail").unwrap())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn migration_names(engine: &str) -> Vec<String> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("migrations")
            .join(engine);
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn opening_can_run_on_a_spawned_task() {
        fn assert_send<T: Send>(_: &T) {}
        let clock: Arc<dyn Clock> = Arc::new(herald_domain::SystemClock);
        assert_send(&SqlStore::open("sqlite::memory:", clock));
    }

    #[test]
    fn both_engines_have_the_same_migration_files() {
        let sqlite = migration_names("sqlite");
        assert!(!sqlite.is_empty());
        assert_eq!(sqlite, migration_names("postgres"));
    }

    #[test]
    fn sqlite_urls_create_the_file_unless_a_mode_is_given() {
        assert_eq!(
            Target::parse("sqlite:///tmp/h.db").unwrap().url,
            "sqlite:///tmp/h.db?mode=rwc"
        );
        assert_eq!(
            Target::parse("sqlite:///tmp/h.db?mode=ro").unwrap().url,
            "sqlite:///tmp/h.db?mode=ro"
        );
        assert!(Target::parse("sqlite::memory:").unwrap().in_memory);
    }

    #[test]
    fn postgres_urls_are_shown_without_credentials() {
        let target = Target::parse("postgres://herald:secret@db.example:6543/news").unwrap();
        assert_eq!(target.display, "PostgreSQL at db.example:6543/news");
    }

    #[test]
    fn other_urls_are_refused_with_a_readable_message() {
        let err = Target::parse("mysql://x").err().unwrap();
        assert!(
            matches!(&err, herald_store::StoreError::Open(m) if m.contains("unsupported scheme 'mysql'")),
            "{err}"
        );
    }

    #[test]
    fn file_paths_are_encoded_for_urls_and_decoded_for_people() {
        let encoded = encode_path("/a b/c?#%.db");
        assert_eq!(encoded, "/a%20b/c%3F%23%25.db");
        assert_eq!(percent_decode(&encoded), "/a b/c?#%.db");
        assert_eq!(percent_decode("/x%zz%4"), "/x%zz%4");
    }
}
