//! Nothing a reader sends makes the site answer a server error.

use axum::http::Uri;

use crate::fixture::newsroom;
use crate::get_with;

#[tokio::test]
async fn hostile_paths_and_queries_never_cause_a_server_error() {
    let nr = newsroom().await;
    let app = nr.router();
    let id = nr.ids.lanterns_article;
    let mut targets: Vec<String> = [
        "/%00",
        "/vi/%00",
        "/vi/%00/",
        "/%FF/",
        "/vi/%FF",
        "/vi/%FF/",
        "/vi/%C3%28",
        "/vi/topic/%FF%FE",
        "/vi/tag/%E2%82",
        "/vi/%",
        "/vi/%zz/",
        "/vi/%2e%2e/%2e%2e/etc/passwd",
        "/vi/../../etc/passwd",
        "/../../etc/passwd",
        "/media/../Cargo.toml",
        "/media/%2e%2e/%2e%2e/Cargo.toml",
        "/media/..%2F..%2FCargo.toml",
        "/media/",
        "/media/images",
        "/media/images/",
        "/media/%00",
        "/static/",
        "/static/../Cargo.toml",
        "/vi/?page=-1",
        "/vi/van-hoa/?page=-1",
        "/vi/van-hoa/?page=99999999999999999999",
        "/vi/van-hoa/?page=1e3",
        "/vi/van-hoa/?page=%00",
        "/vi/van-hoa/?page=%FF",
        "/vi/van-hoa/?page=1&page=x",
        "/vi/van-hoa/?page",
        "/vi/van-hoa/?=&&&==",
        "/vi/van-hoa/?%FF=%FF",
        "/vi/-1",
        "/vi/-",
        "/vi/--",
        "/vi/0",
        "/vi/9223372036854775807",
        "/vi/9223372036854775808",
        "/vi/x-9223372036854775807",
        "/vi/x--1",
        "/fa/%D9%81%D8%B1%D9%87%D9%86%DA%AF",
        "/fa/%D9%81%D8%B1%D9%87%D9%86%DA%AF/%D9%81",
        "/vi/%E2%80%AE%E2%80%AD/",
        "/vi/%F0%9F%8E%89-1",
        "/zh-Hans/",
        "/VI/",
        "/vi//",
        "//",
        "///vi",
        "/vi/topic/",
        "/vi/topic//",
        "/vi/author/a/b/c",
        "/healthz/x",
        "/vi/x/y/z/",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect();
    targets.push(format!("/vi/{}-{id}", "a".repeat(1900)));
    targets.push(format!("/vi/{}", "%FF".repeat(700)));
    targets.push(format!("/{}", "x".repeat(5000)));
    targets.push(format!("/vi/van-hoa/?page={}", "9".repeat(1000)));
    targets.push(format!("/vi/?{}", "a=b&".repeat(300)));
    targets.push(format!("/vi/{}/", "%D9%81".repeat(300)));

    let mut tried = 0;
    for target in &targets {
        // Targets that are not even a URI never reach the site: the HTTP server refuses them.
        if target.parse::<Uri>().is_err() {
            continue;
        }
        for headers in [
            &[][..],
            &[
                ("accept-language", "\u{0}"),
                ("cookie", "herald_locale=%FF; herald_locale=../../x"),
            ][..],
        ] {
            let headers: Vec<(&str, &str)> = headers
                .iter()
                .filter(|(_, v)| axum::http::HeaderValue::from_str(v).is_ok())
                .copied()
                .collect();
            let page = get_with(&app, target, &headers).await;
            tried += 1;
            assert!(
                !page.status.is_server_error(),
                "{target} answered {}",
                page.status
            );
            if page.status.is_client_error() {
                assert!(
                    page.header("content-type").starts_with("text/html"),
                    "{target}: error without a page"
                );
            }
        }
    }
    assert!(tried >= 100, "only {tried} requests were tried");
}
