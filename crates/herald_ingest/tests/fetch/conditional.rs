//! Conditional requests, freshness and Retry-After.

use std::time::Duration;

use herald_ingest::{FetchError, Fetcher, Validators};

use crate::server::{Reply, Server, policy};

const ETAG: &str = "\"v42\"";
const LAST_MODIFIED: &str = "Tue, 05 Mar 2024 14:30:00 GMT";

async fn conditional_server() -> Server {
    Server::start(|r| {
        let unchanged = r.header("if-none-match") == Some(ETAG)
            || (r.header("if-none-match").is_none()
                && r.header("if-modified-since") == Some(LAST_MODIFIED));
        if unchanged {
            Reply::new(304, &[("ETag", ETAG), ("Cache-Control", "max-age=300")], "")
        } else {
            Reply::new(
                200,
                &[
                    ("ETag", ETAG),
                    ("Last-Modified", LAST_MODIFIED),
                    ("Cache-Control", "public, max-age=600"),
                    ("Content-Type", "application/rss+xml; charset=utf-8"),
                ],
                "<rss/>",
            )
        }
    })
    .await
}

#[tokio::test]
async fn a_first_fetch_returns_the_validators_and_freshness() {
    let server = conditional_server().await;
    let fetched = Fetcher::new(policy())
        .expect("fetcher")
        .get(&server.url("/feed"), &Validators::default())
        .await
        .expect("fetched");
    assert!(!fetched.not_modified);
    assert_eq!(fetched.body, b"<rss/>");
    assert_eq!(fetched.validators.etag.as_deref(), Some(ETAG));
    assert_eq!(
        fetched.validators.last_modified.as_deref(),
        Some(LAST_MODIFIED)
    );
    assert_eq!(fetched.freshness, Some(Duration::from_secs(600)));
    assert_eq!(
        fetched.content_type.as_deref(),
        Some("application/rss+xml; charset=utf-8")
    );
}

#[tokio::test]
async fn a_matching_if_none_match_gets_not_modified() {
    let server = conditional_server().await;
    let sent = Validators {
        etag: Some(ETAG.into()),
        last_modified: Some(LAST_MODIFIED.into()),
    };
    let fetched = Fetcher::new(policy())
        .expect("fetcher")
        .get(&server.url("/feed"), &sent)
        .await
        .expect("fetched");
    assert!(fetched.not_modified);
    assert!(fetched.body.is_empty());
    assert_eq!(fetched.validators, sent);
    assert_eq!(fetched.freshness, Some(Duration::from_secs(300)));
    let request = &server.requests()[0];
    assert_eq!(request.header("if-none-match"), Some(ETAG));
    assert_eq!(request.header("if-modified-since"), Some(LAST_MODIFIED));
}

#[tokio::test]
async fn a_matching_if_modified_since_gets_not_modified() {
    let server = conditional_server().await;
    let sent = Validators {
        etag: None,
        last_modified: Some(LAST_MODIFIED.into()),
    };
    let fetched = Fetcher::new(policy())
        .expect("fetcher")
        .get(&server.url("/feed"), &sent)
        .await
        .expect("fetched");
    assert!(fetched.not_modified);
    // The 304 carried an ETag: it is added to what was sent.
    assert_eq!(fetched.validators.etag.as_deref(), Some(ETAG));
    assert_eq!(
        fetched.validators.last_modified.as_deref(),
        Some(LAST_MODIFIED)
    );
}

#[tokio::test]
async fn retry_after_is_read_in_seconds_and_as_a_date() {
    let server = Server::start(|r| match r.path.as_str() {
        "/busy" => Reply::new(429, &[("Retry-After", "120")], "slow down"),
        "/down" => Reply::new(
            503,
            &[
                ("Date", "Sun, 06 Nov 1994 08:49:37 GMT"),
                ("Retry-After", "Sun, 06 Nov 1994 08:59:37 GMT"),
            ],
            "maintenance",
        ),
        _ => Reply::new(410, &[], "gone"),
    })
    .await;
    let fetcher = Fetcher::new(policy()).expect("fetcher");
    let busy = fetcher
        .get(&server.url("/busy"), &Validators::default())
        .await
        .expect_err("429");
    assert_eq!(
        busy,
        FetchError::Http {
            status: 429,
            retry_after: Some(Duration::from_secs(120))
        }
    );
    assert!(!busy.is_permanent());
    let down = fetcher
        .get(&server.url("/down"), &Validators::default())
        .await
        .expect_err("503");
    assert_eq!(down.retry_after(), Some(Duration::from_secs(600)));
    assert!(!down.is_permanent());
    let gone = fetcher
        .get(&server.url("/gone"), &Validators::default())
        .await
        .expect_err("410");
    assert!(gone.is_permanent());
    assert_eq!(gone.to_string(), "HTTP 410 Gone");
}
