//! The fixture newsroom on 127.0.0.1: serves `tests/fixtures/newsroom/` as its manifest
//! says (content types, validators answered with 304), `{base}` in files replaced by the
//! server's origin, plus files a test adds; records every request.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, Request, StatusCode, header};
use axum::response::Response;
use serde::Deserialize;

/// The fixture folder.
pub(crate) fn fixture_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../herald_pipeline/tests/fixtures/newsroom")
}

#[derive(Debug, Deserialize)]
struct Manifest {
    file: Vec<Entry>,
}

#[derive(Debug, Clone, Deserialize)]
struct Entry {
    path: String,
    file: String,
    content_type: String,
    etag: Option<String>,
    last_modified: Option<String>,
}

/// One thing the server answers at a path.
#[derive(Debug, Clone)]
pub(crate) struct Served {
    /// `Content-Type`.
    pub(crate) content_type: String,
    /// Body, `{base}` already replaced.
    pub(crate) body: Vec<u8>,
    /// `ETag`.
    pub(crate) etag: Option<String>,
    /// `Last-Modified`.
    pub(crate) last_modified: Option<String>,
    /// Wait before answering.
    pub(crate) delay: Duration,
    /// Status when not answering 304.
    pub(crate) status: StatusCode,
    /// `Location`, for a redirect.
    pub(crate) location: Option<String>,
}

#[derive(Default)]
struct Inner {
    files: HashMap<String, Served>,
    requests: Vec<String>,
}

/// A running fixture newsroom.
#[derive(Clone)]
pub(crate) struct Newsroom {
    addr: SocketAddr,
    inner: Arc<Mutex<Inner>>,
}

impl Newsroom {
    /// Starts the server with the fixture files.
    pub(crate) async fn start() -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("local address");
        let base = format!("http://{addr}");
        let dir = fixture_dir();
        let manifest: Manifest = toml::from_str(
            &std::fs::read_to_string(dir.join("manifest.toml")).expect("read the manifest"),
        )
        .expect("a valid manifest");
        let mut inner = Inner::default();
        for entry in manifest.file {
            let bytes = std::fs::read(dir.join(&entry.file))
                .unwrap_or_else(|e| panic!("read {}: {e}", entry.file));
            inner.files.insert(
                entry.path.clone(),
                Served {
                    content_type: entry.content_type,
                    body: with_base(&bytes, &base),
                    etag: entry.etag,
                    last_modified: entry.last_modified,
                    delay: Duration::ZERO,
                    status: StatusCode::OK,
                    location: None,
                },
            );
        }
        let inner = Arc::new(Mutex::new(inner));
        let app = axum::Router::new()
            .fallback(answer)
            .with_state(Arc::clone(&inner));
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Self { addr, inner }
    }

    /// `http://127.0.0.1:PORT`
    pub(crate) fn base(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// An absolute URL on this server.
    pub(crate) fn url(&self, path: &str) -> url::Url {
        url::Url::parse(&format!("{}{path}", self.base())).expect("a valid URL")
    }

    /// Serves `body` at `path` (replacing what was there).
    pub(crate) fn put(&self, path: &str, content_type: &str, body: &[u8]) {
        let base = self.base();
        self.inner.lock().expect("lock").files.insert(
            path.to_owned(),
            Served {
                content_type: content_type.to_owned(),
                body: with_base(body, &base),
                etag: None,
                last_modified: None,
                delay: Duration::ZERO,
                status: StatusCode::OK,
                location: None,
            },
        );
    }

    /// Changes how `path` is served.
    pub(crate) fn change(&self, path: &str, f: impl FnOnce(&mut Served)) {
        let mut inner = self.inner.lock().expect("lock");
        let served = inner
            .files
            .get_mut(path)
            .unwrap_or_else(|| panic!("{path} is not served"));
        f(served);
    }

    /// Paths requested so far, in order (with the query).
    pub(crate) fn requests(&self) -> Vec<String> {
        self.inner.lock().expect("lock").requests.clone()
    }

    /// How many times `path` was requested.
    pub(crate) fn hits(&self, path: &str) -> usize {
        self.requests()
            .iter()
            .filter(|p| p.split('?').next() == Some(path))
            .count()
    }
}

fn with_base(bytes: &[u8], base: &str) -> Vec<u8> {
    let needle = b"{base}";
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i..].starts_with(needle) {
            out.extend_from_slice(base.as_bytes());
            i += needle.len();
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    out
}

async fn answer(State(inner): State<Arc<Mutex<Inner>>>, request: Request<Body>) -> Response {
    let path = request.uri().path().to_owned();
    let found = {
        let mut inner = inner.lock().expect("lock");
        inner.requests.push(
            request
                .uri()
                .path_and_query()
                .map_or_else(|| path.clone(), |p| p.as_str().to_owned()),
        );
        inner.files.get(&path).cloned()
    };
    let Some(served) = found else {
        return status(StatusCode::NOT_FOUND);
    };
    if !served.delay.is_zero() {
        tokio::time::sleep(served.delay).await;
    }
    let headers = request.headers();
    let mut response = Response::builder().header(header::CONTENT_TYPE, &served.content_type);
    if let Some(etag) = &served.etag {
        response = response.header(header::ETAG, etag);
    }
    if let Some(at) = &served.last_modified {
        response = response.header(header::LAST_MODIFIED, at);
    }
    if let Some(location) = &served.location {
        response = response.header(header::LOCATION, location);
    }
    if not_modified(headers, &served) {
        return response
            .status(StatusCode::NOT_MODIFIED)
            .body(Body::empty())
            .expect("a response");
    }
    response
        .status(served.status)
        .body(Body::from(served.body))
        .expect("a response")
}

fn not_modified(headers: &HeaderMap, served: &Served) -> bool {
    let text = |name| {
        headers
            .get(name)
            .and_then(|v: &header::HeaderValue| v.to_str().ok())
    };
    if let (Some(sent), Some(etag)) = (text(header::IF_NONE_MATCH), &served.etag) {
        return sent.split(',').any(|t| t.trim() == etag || t.trim() == "*");
    }
    matches!(
        (text(header::IF_MODIFIED_SINCE), &served.last_modified),
        (Some(sent), Some(at)) if sent == at
    )
}

fn status(code: StatusCode) -> Response {
    Response::builder()
        .status(code)
        .body(Body::empty())
        .expect("a response")
}

/// Reads a file of the fixture folder.
pub(crate) fn read_fixture(path: &Path) -> Vec<u8> {
    std::fs::read(fixture_dir().join(path)).expect("read a fixture")
}
