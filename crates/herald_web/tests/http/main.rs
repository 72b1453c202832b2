//! HTTP tests of the public site: each page type in vi, en and fa, driven through
//! `router(state).oneshot(request)` over a small newsroom on a temporary SQLite database.
#![expect(
    clippy::unwrap_used,
    reason = "fixture and request helpers: any failure there should fail the test at once"
)]

mod admin_auth;
mod admin_comments;
mod admin_newsroom;
mod admin_review;
mod admin_support;
mod api;
mod article;
mod cache;
mod comments;
mod errors;
mod every_page;
mod fallback;
mod feeds;
mod fixture;
mod hostile;
mod lists;
mod redirects;
mod rtl;
mod search;
mod seo;
mod service;
mod snapshots;
mod videos;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use http_body_util::BodyExt;
use tower::ServiceExt;

/// A response, read whole.
pub(crate) struct Page {
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) body: String,
}

impl Page {
    /// A header's value ("" if absent).
    pub(crate) fn header(&self, name: &str) -> &str {
        self.headers.get(name).map_or("", |v| v.to_str().unwrap())
    }

    /// The `Location` header.
    pub(crate) fn location(&self) -> &str {
        self.header("location")
    }

    /// Whether the body contains `needle`, with a readable failure.
    #[track_caller]
    pub(crate) fn assert_contains(&self, needle: &str) {
        assert!(
            self.body.contains(needle),
            "expected {needle:?} in the page:\n{}",
            self.body
        );
    }

    #[track_caller]
    pub(crate) fn assert_lacks(&self, needle: &str) {
        assert!(
            !self.body.contains(needle),
            "did not expect {needle:?} in the page:\n{}",
            self.body
        );
    }

    /// The `href`s of `<link rel="alternate" hreflang>` tags, as (hreflang, href).
    pub(crate) fn alternates(&self) -> Vec<(String, String)> {
        self.body
            .lines()
            .filter_map(|line| {
                let rest = line.strip_prefix("<link rel=\"alternate\" hreflang=\"")?;
                let (lang, rest) = rest.split_once('"')?;
                let href = rest.strip_prefix(" href=\"")?.split('"').next()?;
                Some((lang.to_owned(), href.to_owned()))
            })
            .collect()
    }
}

/// `GET uri`.
pub(crate) async fn get(app: &Router, uri: &str) -> Page {
    get_with(app, uri, &[]).await
}

/// `GET uri` with headers. Non-ASCII characters in `uri` are percent-encoded, as a browser
/// does, so tests can write paths as the page's links show them.
pub(crate) async fn get_with(app: &Router, uri: &str, headers: &[(&str, &str)]) -> Page {
    let mut request = Request::builder().uri(encode_non_ascii(uri));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    send(app, request.body(Body::empty()).unwrap()).await
}

/// Sends any request.
pub(crate) async fn send(app: &Router, request: Request<Body>) -> Page {
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    Page {
        status,
        headers,
        body: String::from_utf8(bytes.to_vec()).unwrap(),
    }
}

/// `uri` with every non-ASCII character percent-encoded as UTF-8.
pub(crate) fn encode_non_ascii(uri: &str) -> String {
    let mut out = String::with_capacity(uri.len());
    for c in uri.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let mut buf = [0; 4];
            for byte in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{byte:02X}"));
            }
        }
    }
    out
}
