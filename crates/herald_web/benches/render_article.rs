//! The article page through the whole router, on a realistic newsroom in a temporary SQLite
//! file: 300 articles, each a Vietnamese original with English and Persian versions, a lead
//! image and a figure in the body, sections, topics, authors, places and tags.
//!
//! - `article/uncached`: the page cache off, so every request renders and reads everything
//!   from the database — what the first request after a content change costs;
//! - `article/miss`: the page cache on but too small to keep a page, so every request renders,
//!   while the reads pages share (sections, terms, lists) come from memory — what a page not
//!   cached yet costs between two content changes;
//! - `article/cached_hit` and `article/cached_hit_gzip`: served from the page cache;
//! - `store/trivial_query`: one `SELECT` of one row through the store, the floor of a query.
//!
//! After criterion, it prints the CPU time (all threads: the request's and SQLite's) per
//! render over a fixed number of renders, and the store queries one page makes (counted from
//! sqlx's `sqlx::query` events), for an uncached page in each language too.
//!
//! `cargo bench -p herald_web --bench render_article`; with `HERALD_BENCH_SQL=1`, each counted
//! statement is printed with its time and rows.
#![expect(
    clippy::unwrap_used,
    reason = "a benchmark's setup: any failure should stop it at once"
)]

use std::hint::black_box;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use criterion::{Criterion, Throughput};
use herald_domain::{
    ArticleId, ArticleKind, AuthorId, CanonicalPolicy, CategoryId, Clock, EditorialState,
    ImageVariant, Language, Localized, MediaId, MediaKind, NewArticle, Origin, PlaceId, PlaceKind,
    Provenance, Region, SiteTimeZone, TagId, Timestamp, TopicId, Trust, VersionText,
};
use herald_i18n::Messages;
use herald_store::{
    NewAuthor, NewCategory, NewMedia, NewPlace, NewSource, NewTerm, Store, VersionDraft,
};
use herald_store_sqlx::SqlStore;
use herald_web::{AppState, WebSettings};
use http_body_util::BodyExt;
use tokio::runtime::Runtime;
use tower::ServiceExt;
use url::Url;

const ARTICLES: usize = 300;
const LANGUAGES: [&str; 3] = ["vi", "en", "fa"];

struct FixedClock(Timestamp);

impl Clock for FixedClock {
    fn now(&self) -> Timestamp {
        self.0
    }
}

fn lang(tag: &str) -> Language {
    Language::parse(tag).unwrap()
}

fn texts(key: &str, vi: &str, en: &str, fa: &str) -> Localized<String> {
    [
        (lang("vi"), format!("{vi} {key}")),
        (lang("en"), format!("{en} {key}")),
        (lang("fa"), format!("{fa} {key}")),
    ]
    .into_iter()
    .collect()
}

fn term(key: &str, vi: &str, en: &str, fa: &str) -> NewTerm {
    NewTerm {
        key: key.to_owned(),
        names: texts(key, vi, en, fa),
        descriptions: texts(key, "Mô tả", "About", "درباره"),
    }
}

/// A paragraph of about 70 words in each language.
const PARAGRAPH: [&str; 3] = [
    "Người dân trong vùng chuẩn bị cho mùa lễ hội từ nhiều tuần trước, khi những con phố cũ \
     được trang hoàng bằng đèn lồng, hoa tươi và cờ. Các nghệ nhân làm việc đến khuya để kịp \
     giao hàng cho khách, còn chính quyền địa phương mở thêm tuyến xe buýt và bãi đỗ xe. Du \
     khách trong nước và quốc tế đổ về đông hơn mọi năm, khiến nhiều khách sạn kín phòng.",
    "Residents began preparing for the festival season weeks ago, when the old streets were \
     decorated with lanterns, fresh flowers and flags. Artisans worked late into the night to \
     fill their orders, while the local authorities added bus routes and parking. Visitors from \
     across the country and abroad arrived in greater numbers than in any previous year, and \
     many hotels were fully booked well before the first day of celebrations began here.",
    "ساکنان از هفته‌ها پیش برای فصل جشنواره آماده می‌شدند، زمانی که خیابان‌های قدیمی با فانوس، \
     گل تازه و پرچم تزیین شد. صنعتگران تا دیروقت کار می‌کردند تا سفارش‌ها را برسانند و مقامات \
     محلی مسیرهای اتوبوس و پارکینگ بیشتری باز کردند. گردشگران داخلی و خارجی بیش از هر سال دیگر \
     آمدند و بسیاری از هتل‌ها پیش از نخستین روز جشن پر شدند.",
];

fn body(language: usize, figure: MediaId) -> String {
    let mut body = String::new();
    for i in 0..8 {
        body.push_str("<p>");
        body.push_str(PARAGRAPH[language]);
        body.push_str("</p>");
        if i == 2 {
            body.push_str(&format!("<figure data-media-id=\"{figure}\"></figure>"));
        }
    }
    body
}

/// Fills `store` with the newsroom; returns the articles.
async fn fill(store: &dyn Store) -> Vec<ArticleId> {
    let mut sources = Vec::new();
    for (i, (key, language)) in [("central", "vi"), ("province", "vi"), ("mission", "en")]
        .into_iter()
        .enumerate()
    {
        let source = store
            .create_source(NewSource {
                key: key.to_owned(),
                names: texts(key, "Báo", "Herald", "روزنامه"),
                descriptions: Localized::new(),
                home_url: Url::parse(&format!("https://{key}.example/")).unwrap(),
                feeds: Vec::new(),
                language: lang(language),
                region: Region::Central,
                trust: Trust::Auto,
                licence: "by agreement".to_owned(),
                credit: format!("Outlet {i}"),
                canonical: CanonicalPolicy::Original,
                poll_interval_secs: 900,
            })
            .await
            .unwrap();
        sources.push(source.id);
    }
    let mut categories: Vec<CategoryId> = Vec::new();
    for (i, key) in [
        "heritage", "figures", "business", "news", "politics", "local", "product",
    ]
    .into_iter()
    .enumerate()
    {
        let category = store
            .create_category(NewCategory {
                term: term(key, "Mục", "Section", "بخش"),
                parent: None,
                position: i32::try_from(i).unwrap(),
            })
            .await
            .unwrap();
        categories.push(category.id);
    }
    let mut topics: Vec<TopicId> = Vec::new();
    for i in 0..8 {
        let key = format!("topic{i}");
        topics.push(
            store
                .create_topic(term(&key, "Chủ đề", "Topic", "موضوع"))
                .await
                .unwrap()
                .id,
        );
    }
    let mut authors: Vec<AuthorId> = Vec::new();
    for i in 0..10 {
        let key = format!("author{i}");
        authors.push(
            store
                .create_author(NewAuthor {
                    term: term(&key, "Tác giả", "Author", "نویسنده"),
                    source: Some(sources[i % sources.len()]),
                })
                .await
                .unwrap()
                .id,
        );
    }
    let mut places: Vec<PlaceId> = Vec::new();
    for i in 0..6 {
        let key = format!("place{i}");
        places.push(
            store
                .create_place(NewPlace {
                    term: term(&key, "Tỉnh", "Province", "استان"),
                    kind: PlaceKind::Province,
                    parent: None,
                })
                .await
                .unwrap()
                .id,
        );
    }
    let mut tags: Vec<TagId> = Vec::new();
    for i in 0..20 {
        let key = format!("tag{i}");
        tags.push(
            store
                .create_tag(term(&key, "Thẻ", "Tag", "برچسب"))
                .await
                .unwrap()
                .id,
        );
    }

    let at = |day: usize, minute: usize| -> Timestamp {
        Timestamp::from_second(1_780_000_000 + i64::try_from(day * 86_400 + minute * 60).unwrap())
            .unwrap()
    };
    let mut articles = Vec::new();
    for i in 0..ARTICLES {
        let mut images = Vec::new();
        for j in 0..2 {
            let key = format!("photo{i}-{j}");
            let media = store
                .create_media(NewMedia {
                    key: key.clone(),
                    kind: MediaKind::Image {
                        path: format!("images/{key}.jpg"),
                        mime: "image/jpeg".to_owned(),
                        width: 1600,
                        height: 1000,
                        variants: [480, 960]
                            .into_iter()
                            .map(|width| ImageVariant {
                                path: format!("images/{key}-{width}.jpg"),
                                width,
                                height: width * 1000 / 1600,
                            })
                            .collect(),
                    },
                    alt: texts(&key, "Ảnh", "A photo of the street", "عکسی از خیابان"),
                    caption: texts(&key, "Chú thích", "The caption", "زیرنویس"),
                    credit: texts(&key, "Phóng viên", "Reporter", "خبرنگار"),
                    rights: None,
                })
                .await
                .unwrap();
            images.push(media.id);
        }
        let published = at(i / 3, i);
        let id = store
            .create_article(NewArticle {
                source: sources[i % 3],
                source_url: Some(Url::parse(&format!("https://central.example/a/{i}")).unwrap()),
                kind: ArticleKind::News,
                category: categories[i % categories.len()],
                topics: vec![topics[i % topics.len()]],
                tags: vec![tags[i % tags.len()], tags[(i + 7) % tags.len()]],
                authors: vec![authors[i % authors.len()]],
                place: Some(places[i % places.len()]),
                lead_image: Some(images[0]),
                media: Vec::new(),
                featured: i % 25 == 0,
                published_at: published,
                updated_at: published,
                original: VersionText {
                    language: lang("vi"),
                    title: format!("Lễ hội mùa xuân thu hút du khách về phố cổ số {i}"),
                    lead: "Hàng nghìn người đổ về phố cổ trong những ngày đầu năm.".to_owned(),
                    body: body(0, images[1]),
                },
                state: EditorialState::Published,
            })
            .await
            .unwrap();
        for (language, title, lead) in [
            (
                1,
                format!("Spring festival draws visitors to the old quarter, part {i}"),
                "Thousands crowd the old quarter in the first days of the year.",
            ),
            (
                2,
                format!("جشنواره بهاری گردشگران را به محله قدیمی می‌کشاند {i}"),
                "هزاران نفر در نخستین روزهای سال به محله قدیمی می‌آیند.",
            ),
        ] {
            store
                .save_version(VersionDraft {
                    article: id,
                    language: lang(LANGUAGES[language]),
                    title,
                    lead: lead.to_owned(),
                    body: body(language, images[1]),
                    origin: Origin::Human,
                    provenance: Some(Provenance {
                        engine: "person".to_owned(),
                        model: None,
                        made_at: published,
                        from_language: lang("vi"),
                        from_revision: 1,
                        qa_flags: Vec::new(),
                        translator: None,
                    }),
                    state: EditorialState::Published,
                })
                .await
                .unwrap();
        }
        articles.push(id);
    }
    articles
}

/// The newsroom, and sites over it: with the page cache, without, and with one too small to
/// keep a page.
struct Bench {
    runtime: Runtime,
    store: Arc<SqlStore>,
    cached: Router,
    uncached: Router,
    miss: Router,
    /// Every article's path in every language, article by article.
    paths: Vec<String>,
    dir: tempfile::TempDir,
}

fn setup() -> Bench {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (store, paths) = runtime.block_on(async {
        let started = Instant::now();
        let clock: Arc<dyn Clock> = Arc::new(FixedClock("2026-12-01T00:00:00Z".parse().unwrap()));
        let store = Arc::new(
            SqlStore::open_sqlite_file(&dir.path().join("bench.db"), clock)
                .await
                .unwrap(),
        );
        let articles = fill(store.as_ref()).await;
        let mut paths = Vec::new();
        for id in &articles {
            for language in LANGUAGES {
                let version = store.version(*id, &lang(language)).await.unwrap().unwrap();
                paths.push(format!("/{language}/{}-{id}", version.slug));
            }
        }
        eprintln!(
            "newsroom: {ARTICLES} articles × {} languages in {:.1?}",
            LANGUAGES.len(),
            started.elapsed()
        );
        (store, paths)
    });
    let mut bench = Bench {
        runtime,
        store,
        cached: Router::new(),
        uncached: Router::new(),
        miss: Router::new(),
        paths,
        dir,
    };
    bench.cached = bench.site(true, herald_web::DEFAULT_PAGE_CACHE_BYTES);
    bench.uncached = bench.site(false, 0);
    bench.miss = bench.site(true, 0);
    bench
}

impl Bench {
    /// A new site over the newsroom, its caches empty.
    fn site(&self, page_cache: bool, page_cache_bytes: usize) -> Router {
        let languages: Vec<Language> = LANGUAGES.into_iter().map(lang).collect();
        let mut settings = WebSettings::new(
            "Herald News",
            Url::parse("https://news.example/").unwrap(),
            languages.clone(),
            lang("vi"),
        );
        settings.time_zone = SiteTimeZone::parse("Asia/Ho_Chi_Minh").unwrap();
        settings.media_dir = self.dir.path().join("media");
        settings.page_cache = page_cache;
        settings.page_cache_bytes = page_cache_bytes;
        settings.revision_poll = Duration::from_secs(3600);
        settings.validate().unwrap();
        let store: Arc<dyn Store> = self.store.clone();
        let state = AppState::new(store, Messages::load(&languages).unwrap(), settings);
        let _guard = self.runtime.enter();
        herald_web::router(state)
    }
}

/// One request through the router, body read whole; returns the body's length.
async fn request(app: &Router, path: &str, gzip: bool) -> usize {
    let mut request = Request::builder()
        .uri(path)
        .header("cookie", format!("herald_locale={}", &path[1..3]));
    if gzip {
        request = request.header("accept-encoding", "gzip, deflate, br");
    }
    let response = app
        .clone()
        .oneshot(request.body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    response
        .into_body()
        .collect()
        .await
        .unwrap()
        .to_bytes()
        .len()
}

/// CPU time of this process so far (user + system, all threads), from `/proc/self/stat`, in
/// clock ticks of 10 ms. `None` off Linux.
fn cpu_ticks() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name, which is in parentheses and may hold spaces.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split(' ').collect();
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
    Some(fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?)
}

/// Counts the SQL statements sqlx runs while `COUNTING` is on.
struct QueryCounter;

static COUNTING: AtomicBool = AtomicBool::new(false);
static QUERIES: AtomicUsize = AtomicUsize::new(0);

impl<S: tracing::Subscriber> tracing_subscriber::Layer<S> for QueryCounter {
    fn register_callsite(
        &self,
        metadata: &'static tracing::Metadata<'static>,
    ) -> tracing::subscriber::Interest {
        // Only sqlx's statement events are asked about at each call (counting is switched on
        // and off); every other callsite costs nothing, as under a server's usual filter.
        if metadata.target() == "sqlx::query" {
            tracing::subscriber::Interest::sometimes()
        } else {
            tracing::subscriber::Interest::never()
        }
    }

    fn enabled(
        &self,
        metadata: &tracing::Metadata<'_>,
        _: tracing_subscriber::layer::Context<'_, S>,
    ) -> bool {
        COUNTING.load(Ordering::Relaxed) && metadata.target() == "sqlx::query"
    }

    fn on_event(&self, event: &tracing::Event<'_>, _: tracing_subscriber::layer::Context<'_, S>) {
        QUERIES.fetch_add(1, Ordering::Relaxed);
        if SHOW_SQL.load(Ordering::Relaxed) {
            let mut fields = SqlFields::default();
            event.record(&mut fields);
            eprintln!(
                "  {:>7.0} µs, {} rows: {}{}",
                fields.elapsed_secs * 1e6,
                fields.rows,
                fields.summary,
                fields.statement
            );
        }
    }
}

/// Whether counted statements are printed with their time (`HERALD_BENCH_SQL=1`).
static SHOW_SQL: AtomicBool = AtomicBool::new(false);

/// What sqlx says of a statement.
#[derive(Default)]
struct SqlFields {
    summary: String,
    statement: String,
    rows: u64,
    elapsed_secs: f64,
}

impl tracing::field::Visit for SqlFields {
    fn record_str(&mut self, field: &tracing::field::Field, value: &str) {
        match field.name() {
            "summary" => value.clone_into(&mut self.summary),
            "db.statement" => value.clone_into(&mut self.statement),
            _ => {}
        }
    }

    fn record_u64(&mut self, field: &tracing::field::Field, value: u64) {
        if field.name() == "rows_returned" {
            self.rows = value;
        }
    }

    fn record_f64(&mut self, field: &tracing::field::Field, value: f64) {
        if field.name() == "elapsed_secs" {
            self.elapsed_secs = value;
        }
    }

    fn record_debug(&mut self, _: &tracing::field::Field, _: &dyn std::fmt::Debug) {}
}

fn bench(c: &mut Criterion, b: &Bench) {
    let path = &b.paths[b.paths.len() / 2];
    let size = b.runtime.block_on(request(&b.uncached, path, false));
    let mut group = c.benchmark_group("article");
    group.throughput(Throughput::Bytes(u64::try_from(size).unwrap()));
    let mut next = 0;
    group.bench_function("uncached", |bencher| {
        bencher.iter(|| {
            // A different article (and language) each time, as readers spread.
            next = (next + 1) % b.paths.len();
            black_box(
                b.runtime
                    .block_on(request(&b.uncached, &b.paths[next], false)),
            )
        });
    });
    group.bench_function("miss", |bencher| {
        bencher.iter(|| {
            next = (next + 1) % b.paths.len();
            black_box(b.runtime.block_on(request(&b.miss, &b.paths[next], false)))
        });
    });
    group.bench_function("cached_hit", |bencher| {
        bencher.iter(|| black_box(b.runtime.block_on(request(&b.cached, path, false))));
    });
    group.bench_function("cached_hit_gzip", |bencher| {
        bencher.iter(|| black_box(b.runtime.block_on(request(&b.cached, path, true))));
    });
    group.finish();
    c.bench_function("store/trivial_query", |bencher| {
        bencher.iter(|| black_box(b.runtime.block_on(b.store.content_revision()).unwrap()));
    });
}

/// CPU per page (all threads) and wall time per page over `paths`, then the store queries of
/// `next`, through `app`.
fn report_cpu(b: &Bench, name: &str, app: &Router, paths: &[&String], next: &str) {
    let started = Instant::now();
    let Some(before) = cpu_ticks() else { return };
    b.runtime.block_on(async {
        for path in paths {
            black_box(request(app, path, false).await);
        }
    });
    let Some(after) = cpu_ticks() else { return };
    let wall = started.elapsed();
    let pages = paths.len() as f64;
    // Ticks are 10 ms.
    let cpu_us = (after - before) as f64 * 10_000.0 / pages;
    let wall_us = wall.as_secs_f64() * 1e6 / pages;

    let queries = count_queries(b, app, next);
    eprintln!(
        "article/{name}: {cpu_us:.0} µs CPU (all threads), {wall_us:.0} µs wall per page over {} pages; {queries} store queries for {next}",
        paths.len()
    );
}

/// The SQL statements one request for `path` runs.
fn count_queries(b: &Bench, app: &Router, path: &str) -> usize {
    QUERIES.store(0, Ordering::Relaxed);
    COUNTING.store(true, Ordering::Relaxed);
    b.runtime.block_on(request(app, path, false));
    COUNTING.store(false, Ordering::Relaxed);
    QUERIES.load(Ordering::Relaxed)
}

fn main() {
    use tracing_subscriber::layer::SubscriberExt;
    SHOW_SQL.store(
        std::env::var_os("HERALD_BENCH_SQL").is_some_and(|v| v == "1"),
        Ordering::Relaxed,
    );
    let subscriber = tracing_subscriber::registry().with(QueryCounter);
    tracing::subscriber::set_global_default(subscriber).unwrap();

    let b = setup();
    let mut criterion = Criterion::default().configure_from_args();
    bench(&mut criterion, &b);
    criterion.final_summary();
    let all: Vec<&String> = b.paths.iter().collect();
    // The queries of an uncached article page in each language: vi is the site's default and
    // content fallback, so the lists of en and fa pages also read vi versions.
    let middle = LANGUAGES.len() * (ARTICLES / 2);
    for path in &b.paths[middle..middle + LANGUAGES.len()] {
        eprintln!(
            "article/uncached: {} store queries for {path}",
            count_queries(&b, &b.uncached, path)
        );
    }
    // And of the other pages most read: the home page and a section.
    let categories = b.runtime.block_on(b.store.list_categories()).unwrap();
    let section = categories
        .iter()
        .find_map(|c| c.names.get(&lang("en")))
        .map(|name| format!("/en/{}/", name.slug));
    for path in ["/en/".to_owned()].into_iter().chain(section) {
        eprintln!(
            "uncached: {} store queries for {path}",
            count_queries(&b, &b.uncached, &path)
        );
    }
    // Nothing kept: what the first pages after a content change cost, on a server that has
    // run a while (each pooled connection has prepared its statements once).
    b.runtime.block_on(async {
        for path in &all[..600] {
            request(&b.uncached, path, false).await;
        }
    });
    report_cpu(&b, "uncached", &b.uncached, &all[..600], &b.paths[0]);
    // Each article once, in one language, on a site whose caches start empty: what a page not
    // cached yet costs between two content changes, shared reads kept as they come.
    let mut first_views: Vec<&String> = b.paths.iter().step_by(LANGUAGES.len()).collect();
    let unseen = first_views.pop().unwrap_or(&b.paths[0]);
    let fresh = b.site(true, 0);
    report_cpu(&b, "miss_first_view", &fresh, &first_views, unseen);
    // Every article page seen before: only the article's own reads are left.
    b.runtime.block_on(async {
        for path in &all {
            request(&b.miss, path, false).await;
        }
    });
    report_cpu(&b, "miss_seen", &b.miss, &all[..600], &b.paths[0]);
}
