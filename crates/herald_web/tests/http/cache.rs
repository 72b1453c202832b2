//! The rendered-page cache: hits, invalidation on a content write, gzip, `ETag`/304, no
//! cookie or error page stored, query variants, the memory bound. `X-Herald-Cache` says what
//! the cache did (`hit`, `miss`, `bypass`), so no test depends on timing.

use std::io::Read;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use herald_i18n::Messages;
use herald_store::{Store, TermKind, VersionDraft};
use herald_web::{AppState, WebSettings};
use http_body_util::BodyExt;
use tower::ServiceExt;

use crate::fixture::{Newsroom, lang, newsroom};

/// A response with its body as bytes (a gzip body is not text).
struct Raw {
    status: StatusCode,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl Raw {
    fn header(&self, name: &str) -> &str {
        self.headers.get(name).map_or("", |v| v.to_str().unwrap())
    }

    fn cache(&self) -> &str {
        self.header("x-herald-cache")
    }

    fn text(&self) -> &str {
        std::str::from_utf8(&self.body).unwrap()
    }
}

async fn fetch(app: &Router, uri: &str, headers: &[(&str, &str)]) -> Raw {
    let mut request = Request::builder().uri(uri);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = app
        .clone()
        .oneshot(request.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    Raw {
        status,
        headers,
        body: body.to_vec(),
    }
}

/// A reader whose language is remembered: no cookie to set, so responses stay shared.
const VI: (&str, &str) = ("cookie", "herald_locale=vi");
const EN: (&str, &str) = ("cookie", "herald_locale=en");

/// The site over the newsroom's store with changed settings, and its state. The revision is
/// read once first, so the background poll (an hour apart here unless changed) moves nothing.
async fn site(nr: &Newsroom, change: impl FnOnce(&mut WebSettings)) -> (AppState, Router) {
    let mut settings = nr.state.settings().clone();
    settings.revision_poll = Duration::from_secs(3600);
    change(&mut settings);
    settings.validate().unwrap();
    let messages = Messages::load(&settings.languages).unwrap();
    let store: Arc<dyn Store> = nr.store.clone();
    let state = AppState::new(store, messages, settings);
    state.refresh_content_revision().await.unwrap();
    let app = herald_web::router(state.clone());
    (state, app)
}

/// Gives the English version of the coffee article a new headline: a real write, which
/// raises the store's content revision.
async fn retitle_coffee(nr: &Newsroom, title: &str) {
    let id = nr.ids.coffee_article;
    let current = nr.store.version(id, &lang("en")).await.unwrap().unwrap();
    nr.store
        .save_version(VersionDraft {
            article: id,
            language: lang("en"),
            title: title.to_owned(),
            lead: current.lead,
            body: current.body,
            origin: current.origin,
            provenance: current.provenance,
            state: current.state,
        })
        .await
        .unwrap();
}

const TOPIC: &str = "/en/topic/coffee-harvest";
const OLD_TITLE: &str = "Dak Lak begins its coffee harvest";
const NEW_TITLE: &str = "Dak Lak coffee harvest under way";

#[tokio::test]
async fn a_second_request_is_served_from_the_cache() {
    let nr = newsroom().await;
    let (state, app) = site(&nr, |_| {}).await;
    let path = nr.article_path(nr.ids.lanterns_article, "vi").await;
    let first = fetch(&app, &path, &[VI]).await;
    assert_eq!(first.status, 200);
    assert_eq!(first.cache(), "miss");
    let second = fetch(&app, &path, &[VI]).await;
    assert_eq!(second.status, 200);
    assert_eq!(second.cache(), "hit");
    assert_eq!(first.body, second.body);
    assert_eq!(first.header("etag"), second.header("etag"));
    assert!(first.header("etag").starts_with('"'));
    for page in [&first, &second] {
        assert_eq!(page.header("content-type"), "text/html; charset=utf-8");
        assert_eq!(page.header("content-language"), "vi");
        assert_eq!(
            page.header("cache-control"),
            "public, max-age=60, stale-while-revalidate=300"
        );
        assert_eq!(page.header("vary"), "accept-encoding");
        assert_eq!(page.header("x-content-type-options"), "nosniff");
    }
    assert_eq!(state.page_cache_stats().pages, 1);
    // Another router over the same state shares the cache.
    let again = fetch(&herald_web::router(state.clone()), &path, &[VI]).await;
    assert_eq!(again.cache(), "hit");
}

#[tokio::test]
async fn an_edit_shows_once_the_revision_is_refreshed() {
    let nr = newsroom().await;
    let (state, app) = site(&nr, |_| {}).await;
    let before = fetch(&app, TOPIC, &[EN]).await;
    assert_eq!(before.status, 200);
    assert!(before.text().contains(OLD_TITLE));
    let revision = state.page_cache_stats().revision;

    retitle_coffee(&nr, NEW_TITLE).await;
    // Until the cache hears of the write, it serves what it has.
    let stale = fetch(&app, TOPIC, &[EN]).await;
    assert_eq!(stale.cache(), "hit");
    assert!(stale.text().contains(OLD_TITLE));

    let now = state.refresh_content_revision().await.unwrap();
    assert!(now > revision);
    assert_eq!(
        state.page_cache_stats().pages,
        0,
        "every older page dropped"
    );
    let after = fetch(&app, TOPIC, &[EN]).await;
    assert_eq!(after.cache(), "miss");
    assert!(after.text().contains(NEW_TITLE), "{}", after.text());
    assert!(!after.text().contains(OLD_TITLE));
    assert_ne!(before.header("etag"), after.header("etag"));
    assert_eq!(fetch(&app, TOPIC, &[EN]).await.cache(), "hit");
}

#[tokio::test]
async fn reads_pages_share_are_kept_for_the_revision_they_were_read_at() {
    let nr = newsroom().await;
    let (state, app) = site(&nr, |_| {}).await;
    let lanterns = nr.article_path(nr.ids.lanterns_article, "vi").await;
    let makers = nr.article_path(nr.ids.lantern_makers, "vi").await;
    let first = fetch(&app, &lanterns, &[VI]).await;
    assert!(first.text().contains(">Di sản</a>"), "{}", first.text());
    nr.store
        .rename_term(
            TermKind::Category,
            nr.ids.heritage.get(),
            &lang("vi"),
            "Di sản văn hóa",
        )
        .await
        .unwrap();
    // Another page, never rendered: its own data is read now, the sections as they were at
    // the revision the cache knows — no staler than a cached page.
    let other = fetch(&app, &makers, &[VI]).await;
    assert_eq!(other.cache(), "miss");
    assert!(other.text().contains(">Di sản</a>"));
    state.refresh_content_revision().await.unwrap();
    for path in [&lanterns, &makers] {
        let page = fetch(&app, path, &[VI]).await;
        assert_eq!(page.cache(), "miss");
        assert!(page.text().contains(">Di sản văn hóa</a>"), "{path}");
    }
    // With the page cache off nothing is kept: a write shows at once.
    let (_state, uncached) = site(&nr, |s| s.page_cache = false).await;
    assert!(
        fetch(&uncached, &makers, &[VI])
            .await
            .text()
            .contains(">Di sản văn hóa</a>")
    );
    nr.store
        .rename_term(
            TermKind::Category,
            nr.ids.heritage.get(),
            &lang("vi"),
            "Di sản Huế",
        )
        .await
        .unwrap();
    assert!(
        fetch(&uncached, &makers, &[VI])
            .await
            .text()
            .contains(">Di sản Huế</a>")
    );
}

#[tokio::test]
async fn the_background_poll_notices_an_edit() {
    let nr = newsroom().await;
    let (_state, app) = site(&nr, |s| s.revision_poll = Duration::from_millis(20)).await;
    assert!(fetch(&app, TOPIC, &[EN]).await.text().contains(OLD_TITLE));
    retitle_coffee(&nr, NEW_TITLE).await;
    for _ in 0..250 {
        let page = fetch(&app, TOPIC, &[EN]).await;
        if page.text().contains(NEW_TITLE) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("the cache kept serving the old headline for five seconds");
}

#[tokio::test]
async fn gzip_is_served_when_accepted_and_decodes_to_the_same_bytes() {
    let nr = newsroom().await;
    let (_state, app) = site(&nr, |_| {}).await;
    let gzip = [VI, ("accept-encoding", "gzip, deflate, br")];
    for round in ["miss", "hit"] {
        let compressed = fetch(&app, "/vi/", &gzip).await;
        assert_eq!(compressed.cache(), round);
        assert_eq!(compressed.header("content-encoding"), "gzip");
        assert_eq!(compressed.header("vary"), "accept-encoding");
        let plain = fetch(&app, "/vi/", &[VI]).await;
        assert_eq!(plain.cache(), "hit");
        assert_eq!(plain.header("content-encoding"), "");
        assert!(compressed.body.len() * 2 < plain.body.len());
        let mut decoded = Vec::new();
        flate2::read::GzDecoder::new(compressed.body.as_slice())
            .read_to_end(&mut decoded)
            .unwrap();
        assert_eq!(decoded, plain.body);
        // Two representations, two strong validators.
        assert_ne!(compressed.header("etag"), plain.header("etag"));
    }
    // A reader that refuses gzip gets the plain bytes.
    let refused = fetch(&app, "/vi/", &[VI, ("accept-encoding", "gzip;q=0")]).await;
    assert_eq!(refused.header("content-encoding"), "");
    assert!(refused.text().starts_with("<!DOCTYPE html>"));
}

#[tokio::test]
async fn a_matching_if_none_match_gets_304() {
    let nr = newsroom().await;
    let (_state, app) = site(&nr, |_| {}).await;
    let path = nr.article_path(nr.ids.coffee_article, "fa").await;
    let page = fetch(&app, &path, &[("cookie", "herald_locale=fa")]).await;
    let etag = page.header("etag").to_owned();
    let not_modified = fetch(
        &app,
        &path,
        &[("cookie", "herald_locale=fa"), ("if-none-match", &etag)],
    )
    .await;
    assert_eq!(not_modified.status, 304);
    assert!(not_modified.body.is_empty());
    assert_eq!(not_modified.header("etag"), etag);
    assert_eq!(
        not_modified.header("cache-control"),
        "public, max-age=60, stale-while-revalidate=300"
    );
    assert_eq!(not_modified.header("vary"), "accept-encoding");
    // A weak form and a list match too; another tag does not.
    let listed = format!("\"nope\", W/{etag}");
    let weak = fetch(&app, &path, &[("if-none-match", listed.as_str())]).await;
    assert_eq!(weak.status, 304);
    let other = fetch(&app, &path, &[("if-none-match", "\"nope\"")]).await;
    assert_eq!(other.status, 200);
    assert_eq!(other.header("etag"), etag);
    // The compressed representation has its own tag, which validates as well.
    let gz = fetch(&app, &path, &[("accept-encoding", "gzip")]).await;
    let gz_tag = gz.header("etag").to_owned();
    assert!(gz_tag.ends_with("-gz\""), "{gz_tag}");
    let gz_again = fetch(
        &app,
        &path,
        &[("accept-encoding", "gzip"), ("if-none-match", &gz_tag)],
    )
    .await;
    assert_eq!(gz_again.status, 304);
    assert_eq!(gz_again.header("etag"), gz_tag);
}

#[tokio::test]
async fn the_language_cookie_is_set_outside_the_cache_and_never_stored() {
    let nr = newsroom().await;
    let (_state, app) = site(&nr, |_| {}).await;
    // A new reader: the page is rendered and stored, and this one response sets the cookie.
    let first = fetch(&app, "/fa/", &[]).await;
    assert_eq!(first.cache(), "miss");
    assert!(first.header("set-cookie").starts_with("herald_locale=fa;"));
    assert!(first.header("cache-control").starts_with("private"));
    // Another new reader gets the stored page, with a cookie of their own.
    let second = fetch(&app, "/fa/", &[]).await;
    assert_eq!(second.cache(), "hit");
    assert!(second.header("set-cookie").starts_with("herald_locale=fa;"));
    // A reader who has it gets the stored page without any cookie: none was stored.
    let known = fetch(&app, "/fa/", &[("cookie", "herald_locale=fa")]).await;
    assert_eq!(known.cache(), "hit");
    assert!(known.headers.get("set-cookie").is_none());
    assert_eq!(
        known.header("cache-control"),
        "public, max-age=60, stale-while-revalidate=300"
    );
    assert_eq!(first.body, known.body);
}

#[tokio::test]
async fn error_pages_are_never_stored() {
    let nr = newsroom().await;
    let (state, app) = site(&nr, |_| {}).await;
    for path in [
        "/vi/khong-co-bai-nay-999999",
        "/vi/topic/khong-co",
        "/vi/van-hoa/?page=99",
        "/vi/van-hoa/?page=abc",
        "/xx/",
    ] {
        for _ in 0..2 {
            let page = fetch(&app, path, &[VI]).await;
            assert!(page.status.is_client_error(), "{path}: {}", page.status);
            assert_ne!(page.cache(), "hit", "{path}");
            assert_eq!(page.header("cache-control"), "no-cache", "{path}");
            assert!(page.text().contains("<html"), "{path}: an error page");
        }
    }
    assert_eq!(state.page_cache_stats().pages, 0);
    // Redirects are not stored either (nor answered by the cache).
    let redirect = fetch(&app, "/vi/van-hoa", &[VI]).await;
    assert_eq!(redirect.status, 301);
    assert_eq!(state.page_cache_stats().pages, 0);
    // Nor is anything outside the pages: the stylesheet, the health check.
    assert_eq!(fetch(&app, "/healthz", &[]).await.cache(), "");
    assert_eq!(state.page_cache_stats().pages, 0);
}

#[tokio::test]
async fn a_query_string_variant_is_another_entry() {
    let nr = newsroom().await;
    let (state, app) = site(&nr, |_| {}).await;
    let first = fetch(&app, "/vi/van-hoa/", &[VI]).await;
    let second = fetch(&app, "/vi/van-hoa/?page=2", &[VI]).await;
    assert_eq!(first.cache(), "miss");
    assert_eq!(second.cache(), "miss");
    assert_ne!(first.body, second.body);
    assert!(second.text().contains("Nhà rường Huế được trùng tu"));
    assert_eq!(state.page_cache_stats().pages, 2);
    // Tracking parameters and the order of parameters do not make new entries.
    let tracked = fetch(&app, "/vi/van-hoa/?utm_source=mail&page=2", &[VI]).await;
    assert_eq!(tracked.cache(), "hit");
    assert_eq!(tracked.body, second.body);
    assert_eq!(fetch(&app, "/vi/van-hoa/?", &[VI]).await.cache(), "hit");
    assert_eq!(state.page_cache_stats().pages, 2);
}

#[tokio::test]
async fn the_memory_bound_evicts_pages() {
    let nr = newsroom().await;
    let mut paths = vec![
        "/vi/".to_owned(),
        "/en/".to_owned(),
        "/fa/".to_owned(),
        "/vi/van-hoa/".to_owned(),
        "/vi/van-hoa/?page=2".to_owned(),
        "/en/topic/coffee-harvest".to_owned(),
    ];
    for id in [nr.ids.lanterns_article, nr.ids.coffee_article] {
        paths.push(nr.article_path(id, "vi").await);
    }
    // Measure the largest entry with a cache that holds everything.
    let (state, app) = site(&nr, |_| {}).await;
    let mut largest = 0;
    for path in &paths {
        let before = state.page_cache_stats().bytes;
        assert_eq!(fetch(&app, path, &[VI]).await.status, 200, "{path}");
        largest = largest.max(state.page_cache_stats().bytes - before);
    }
    assert_eq!(state.page_cache_stats().pages, paths.len());

    let budget = largest * 3;
    let (state, app) = site(&nr, |s| s.page_cache_bytes = budget).await;
    for path in &paths {
        assert_eq!(fetch(&app, path, &[VI]).await.cache(), "miss", "{path}");
        let stats = state.page_cache_stats();
        assert!(stats.bytes <= budget, "{stats:?} over {budget}");
    }
    let stats = state.page_cache_stats();
    assert!(stats.pages >= 2 && stats.pages < paths.len(), "{stats:?}");
    // The oldest page went first; the newest is still there.
    assert_eq!(fetch(&app, &paths[0], &[VI]).await.cache(), "miss");
    assert_eq!(fetch(&app, &paths[0], &[VI]).await.cache(), "hit");
    assert!(state.page_cache_stats().bytes <= budget);

    // A page larger than the whole budget is served, not stored.
    let (state, app) = site(&nr, |s| s.page_cache_bytes = 1024).await;
    let page = fetch(&app, "/vi/", &[VI]).await;
    assert_eq!(page.status, 200);
    assert_eq!(state.page_cache_stats().pages, 0);
}

#[tokio::test]
async fn with_the_cache_off_pages_are_rendered_every_time_under_the_same_policy() {
    let nr = newsroom().await;
    let (state, app) = site(&nr, |s| s.page_cache = false).await;
    for _ in 0..2 {
        let page = fetch(&app, "/vi/", &[VI]).await;
        assert_eq!(page.status, 200);
        assert_eq!(page.cache(), "");
        assert_eq!(
            page.header("cache-control"),
            "public, max-age=60, stale-while-revalidate=300"
        );
    }
    assert_eq!(state.page_cache_stats().pages, 0);
}
