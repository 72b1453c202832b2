//! The stylesheet, media files, the health check and the headers every page carries.

use crate::fixture::newsroom;
use crate::{get, get_with};

#[tokio::test]
async fn pages_link_a_versioned_stylesheet_that_is_cached_for_long() {
    let nr = newsroom().await;
    let app = nr.router();
    let home = get(&app, "/vi/").await;
    let href = home
        .body
        .split("<link rel=\"stylesheet\" href=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_owned();
    assert!(href.starts_with("/static/herald.css?v="), "{href}");
    let css = get(&app, &href).await;
    assert_eq!(css.status, 200);
    assert_eq!(css.header("content-type"), "text/css; charset=utf-8");
    assert!(css.header("cache-control").contains("immutable"));
    css.assert_contains("margin-inline");
    // Logical properties only, so that right-to-left pages mirror.
    for physical in [
        "margin-left",
        "margin-right",
        "padding-left",
        "padding-right",
        "text-align: left",
        "text-align: right",
        "border-left",
        "border-right",
        "float: left",
        "float: right",
    ] {
        css.assert_lacks(physical);
    }
}

#[tokio::test]
async fn pages_carry_caching_language_and_security_headers() {
    let nr = newsroom().await;
    let app = nr.router();
    // A reader whose language is already remembered gets the shared, cacheable page.
    let page = get_with(&app, "/fa/", &[("cookie", "herald_locale=fa")]).await;
    assert_eq!(page.header("content-type"), "text/html; charset=utf-8");
    assert_eq!(page.header("content-language"), "fa");
    assert_eq!(
        page.header("cache-control"),
        "public, max-age=60, stale-while-revalidate=300"
    );
    assert_eq!(page.header("x-content-type-options"), "nosniff");
    assert_eq!(
        page.header("referrer-policy"),
        "strict-origin-when-cross-origin"
    );
    let csp = page.header("content-security-policy");
    assert!(csp.contains("default-src 'none'"), "{csp}");
    assert!(csp.contains("img-src 'self' data:"), "{csp}");
    assert!(!csp.contains("script-src"), "{csp}");
    page.assert_lacks("<script");
    page.assert_contains(
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
    );
    page.assert_contains("<a class=\"skip-link\" href=\"#content\">");
    page.assert_contains("<main id=\"content\" tabindex=\"-1\">");
}

#[tokio::test]
async fn media_files_are_served_from_the_media_folder_only() {
    let nr = newsroom().await;
    let app = nr.router();
    let image = get(&app, "/media/images/hue-lanterns.jpg").await;
    assert_eq!(image.status, 200);
    assert_eq!(image.header("content-type"), "image/jpeg");
    assert_eq!(image.body, "not really a jpeg");
    for path in [
        "/media/images/",
        "/media/images",
        "/media/../t.db",
        "/media/%2e%2e/t.db",
        "/media/images/missing.jpg",
    ] {
        let page = get(&app, path).await;
        assert_eq!(page.status, 404, "{path}");
        page.assert_lacks("hue-lanterns.jpg");
    }
}

#[tokio::test]
async fn health_check_answers_when_the_store_does() {
    let nr = newsroom().await;
    let app = nr.router();
    let page = get(&app, "/healthz").await;
    assert_eq!(page.status, 200);
    assert_eq!(page.body, "ok\n");
}

#[tokio::test]
async fn a_store_outage_is_a_localised_unavailable_page_and_fails_the_health_check() {
    let nr = newsroom().await;
    let app = nr.router();
    nr.store.close().await;
    let health = get(&app, "/healthz").await;
    assert_eq!(health.status, 503);
    let page = crate::get_with(&app, "/fa/", &[]).await;
    assert_eq!(page.status, 503);
    page.assert_contains("<html lang=\"fa\" dir=\"rtl\">");
    page.assert_lacks("sqlx");
    page.assert_lacks("closed");
}
