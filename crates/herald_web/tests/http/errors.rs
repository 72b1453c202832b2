//! Error pages: localised, with the right status, never a server error for reader input.

use axum::body::Body;
use axum::http::Request;

use herald_domain::EditorialState;
use herald_store::{Store, VersionDraft};

use crate::fixture::{lang, newsroom};
use crate::{get, get_with, send};

#[tokio::test]
async fn unknown_language_prefix_is_a_localised_not_found() {
    let nr = newsroom().await;
    let app = nr.router();
    let page = get_with(&app, "/de/", &[("accept-language", "fa")]).await;
    assert_eq!(page.status, 404);
    page.assert_contains("<html lang=\"fa\" dir=\"rtl\">");
    assert_eq!(page.header("content-language"), "fa");
    let page = get(&app, "/xx/anything-1").await;
    assert_eq!(page.status, 404);
    page.assert_contains("<html lang=\"vi\" dir=\"ltr\">");
    let page = get_with(&app, "/nope", &[("cookie", "herald_locale=en")]).await;
    assert_eq!(page.status, 404);
    page.assert_contains("<h1>Page not found</h1>");
    page.assert_contains("<a href=\"/en/\">Go to the home page</a>");
}

#[tokio::test]
async fn bad_or_unknown_ids_are_localised_not_found() {
    let nr = newsroom().await;
    let app = nr.router();
    for path in [
        "/en/some-title-999999",
        "/en/some-title-0",
        "/en/some-title-99999999999999999999999",
        "/en/no-such-section/",
        "/en/topic/no-such-topic",
        "/en/author/nobody",
    ] {
        let page = get(&app, path).await;
        assert_eq!(page.status, 404, "{path}");
        page.assert_contains("<html lang=\"en\" dir=\"ltr\">");
        page.assert_contains("<h1>Page not found</h1>");
    }
    let page = get(&app, "/fa/no-such-section/").await;
    assert_eq!(page.status, 404);
    page.assert_contains("<html lang=\"fa\" dir=\"rtl\">");
    page.assert_lacks("Page not found");
}

#[tokio::test]
async fn page_past_the_end_is_not_found_and_a_bad_page_number_is_a_bad_request() {
    let nr = newsroom().await;
    let app = nr.router();
    assert_eq!(get(&app, "/vi/van-hoa/?page=3").await.status, 404);
    assert_eq!(get(&app, "/en/topic/tet-2027?page=3").await.status, 404);
    for query in [
        "page=abc",
        "page=0",
        "page=-1",
        "page=99999999999999999999",
        "page=%FF",
    ] {
        let page = get(&app, &format!("/en/culture/?{query}")).await;
        assert_eq!(page.status, 400, "{query}");
        page.assert_contains("<h1>Bad request</h1>");
    }
}

#[tokio::test]
async fn article_published_in_no_language_is_not_found_and_withdrawn_where_it_was() {
    let nr = newsroom().await;
    let id = nr.ids.vi_only;
    let version = nr.store.version(id, &lang("vi")).await.unwrap().unwrap();
    nr.store
        .save_version(VersionDraft {
            article: id,
            language: lang("vi"),
            title: version.title,
            lead: version.lead,
            body: version.body,
            origin: version.origin,
            provenance: version.provenance,
            state: EditorialState::Withdrawn,
        })
        .await
        .unwrap();
    let app = nr.router();
    let page = get(&app, &format!("/vi/{}-{id}", version.slug)).await;
    assert_eq!(page.status, 410);
    for lang in ["en", "fa"] {
        let page = get(&app, &format!("/{lang}/{}-{id}", version.slug)).await;
        assert_eq!(page.status, 404, "{lang}");
        page.assert_contains(&format!("<html lang=\"{lang}\""));
    }
}

#[tokio::test]
async fn withdrawn_version_is_gone() {
    let nr = newsroom().await;
    let app = nr.router();
    let page = get(
        &app,
        &format!("/en/winter-food-festival-{}", nr.ids.withdrawn),
    )
    .await;
    assert_eq!(page.status, 410);
    page.assert_contains("<h1>Page removed</h1>");
    assert_eq!(
        get(&app, &nr.article_path(nr.ids.withdrawn, "vi").await)
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn overlong_addresses_and_queries_are_refused() {
    let nr = newsroom().await;
    let app = nr.router();
    let page = get(&app, &format!("/en/{}", "a".repeat(3000))).await;
    assert_eq!(page.status, 414);
    page.assert_contains("<h1>Address too long</h1>");
    let page = get(&app, &format!("/en/?q={}", "a".repeat(1100))).await;
    assert_eq!(page.status, 400);
    page.assert_contains("<html lang=\"en\" dir=\"ltr\">");
}

#[tokio::test]
async fn other_methods_are_not_allowed() {
    let nr = newsroom().await;
    let app = nr.router();
    let request = Request::post("/en/").body(Body::empty()).unwrap();
    let page = send(&app, request).await;
    assert_eq!(page.status, 405);
    page.assert_contains("<h1>Request not allowed</h1>");
}

#[tokio::test]
async fn error_pages_carry_the_security_headers_and_no_internal_details() {
    let nr = newsroom().await;
    let app = nr.router();
    let page = get(&app, "/en/no-such-section/").await;
    assert_eq!(page.header("x-content-type-options"), "nosniff");
    assert!(
        page.header("content-security-policy")
            .contains("default-src 'none'")
    );
    assert_eq!(page.header("content-type"), "text/html; charset=utf-8");
    page.assert_lacks("StoreError");
}
