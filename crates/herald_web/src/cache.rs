//! The rendered-page cache: a layer around the site's pages that keeps each successful page
//! once rendered — its bytes, gzip-compressed once, and its headers — and serves it from memory
//! until the content changes.
//!
//! - **Key**: the request's path and normalised query (parameters in a stable order, empty
//!   ones and tracking parameters such as `utm_*` dropped). Only `GET` is looked up and stored,
//!   so the method is part of the key by construction; `HEAD` and everything else pass through.
//! - **What is stored**: only `200` HTML responses without `Set-Cookie` and without a private or
//!   `no-store` `Cache-Control`; error pages never (they are made outside this layer, from a
//!   bare status, by `render_error_pages`). The reader's cookie is set by `remember_locale`,
//!   which wraps this layer, so it is never stored.
//! - **Serving**: `Content-Encoding: gzip` when `Accept-Encoding` allows it, the plain bytes
//!   otherwise, `Vary: Accept-Encoding`, a strong `ETag` from a hash of the plain bytes (with
//!   `-gz` for the compressed representation), `304` on a matching `If-None-Match`, and one
//!   `Cache-Control` policy for browsers and CDNs ([`PAGE_CACHE_CONTROL`]). `X-Herald-Cache`
//!   says `hit`, `miss` (rendered and stored) or `bypass` (not storable).
//! - **Invalidation**: every entry carries the content revision the cache knew *before* the
//!   page was rendered. The store's revision only grows and a render reads content at least as
//!   new as it, so an entry is served only while its revision is still the current one. A
//!   background task asks the store every `revision_poll` and drops the stale entries when the
//!   revision moves; [`crate::AppState::refresh_content_revision`] does the same at once.
//! - **Memory**: at most `page_cache_bytes` of bodies (plain and compressed) and keys; beyond
//!   that, entries go in CLOCK order (an approximation of least recently used: an entry read
//!   since the hand last passed gets a second chance).
//!
//! No lock is held across an `.await`: a lookup takes a read lock for a map access, and a store
//! a write lock once the page is rendered and compressed.
//!
//! Beneath it, [`CachedReads`] keeps the store reads pages share (sections, terms, lists of
//! cards) for the same revision, so that a page not cached yet reads only its own data.

mod reads;

use std::collections::{HashMap, VecDeque};
use std::hash::Hasher;
use std::io::Write;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard, Weak};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::header::{self, HeaderName};
use axum::http::response::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use flate2::Compression;
use flate2::write::GzEncoder;
use herald_store::Store;

use crate::AppState;
pub(crate) use reads::CachedReads;

/// How long browsers and CDNs may keep a page, and serve it stale while they fetch a fresh
/// copy in the background. Every successful page gets it, cached or not.
pub(crate) const PAGE_CACHE_CONTROL: &str = "public, max-age=60, stale-while-revalidate=300";

/// The debug header saying what the cache did with a request.
pub(crate) const CACHE_STATUS: HeaderName = HeaderName::from_static("x-herald-cache");

/// Query parameters that never change a page: campaign and click trackers.
fn is_tracking_parameter(name: &str) -> bool {
    name.starts_with("utm_") || matches!(name, "fbclid" | "gclid" | "msclkid")
}

/// Bookkeeping per entry besides its bodies: key, headers, map and queue slots.
const ENTRY_OVERHEAD: usize = 512;

/// The shortest revision poll, whatever the settings say.
const MIN_POLL: Duration = Duration::from_millis(10);

/// What the cache holds at a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageCacheStats {
    /// Pages stored.
    pub pages: usize,
    /// Bytes they count for against `page_cache_bytes`.
    pub bytes: usize,
    /// The content revision they were rendered at.
    pub revision: u64,
}

/// The cache of rendered pages, shared by every clone of the [`AppState`].
pub(crate) struct PageCache {
    enabled: bool,
    capacity: usize,
    poll: Duration,
    /// The last content revision read from the store (shared with [`CachedReads`]).
    revision: Arc<AtomicU64>,
    /// Whether the revision poller runs.
    poller: AtomicBool,
    pages: RwLock<Pages>,
}

/// The entries and their eviction order.
#[derive(Default)]
struct Pages {
    map: HashMap<Arc<str>, Arc<Entry>>,
    /// The CLOCK queue: keys in insertion order, each with the serial of the entry it was
    /// queued for (an entry replaced since leaves a stale slot, skipped when reached).
    clock: VecDeque<(Arc<str>, u64)>,
    bytes: usize,
    next_serial: u64,
}

/// One stored page.
struct Entry {
    serial: u64,
    revision: u64,
    /// Headers of the `200`, without `Set-Cookie`, `Content-Length` and `ETag`.
    headers: HeaderMap,
    plain: Bytes,
    gzip: Option<Bytes>,
    etag: HeaderValue,
    etag_gzip: HeaderValue,
    size: usize,
    /// Read since the CLOCK hand last passed.
    referenced: AtomicBool,
}

/// What the cache did, for [`CACHE_STATUS`].
#[derive(Clone, Copy)]
enum Outcome {
    Hit,
    Miss,
    Bypass,
}

impl Outcome {
    fn header(self) -> HeaderValue {
        HeaderValue::from_static(match self {
            Self::Hit => "hit",
            Self::Miss => "miss",
            Self::Bypass => "bypass",
        })
    }
}

impl PageCache {
    pub(crate) fn new(enabled: bool, capacity: usize, poll: Duration) -> Self {
        Self {
            enabled,
            capacity,
            poll: poll.max(MIN_POLL),
            revision: Arc::new(AtomicU64::new(0)),
            poller: AtomicBool::new(false),
            pages: RwLock::new(Pages::default()),
        }
    }

    /// Whether pages are cached at all.
    pub(crate) fn enabled(&self) -> bool {
        self.enabled
    }

    /// The current revision, as [`CachedReads`] follows it.
    pub(crate) fn revision_handle(&self) -> Arc<AtomicU64> {
        Arc::clone(&self.revision)
    }

    fn read(&self) -> RwLockReadGuard<'_, Pages> {
        self.pages.read().unwrap_or_else(PoisonError::into_inner)
    }

    fn write(&self) -> RwLockWriteGuard<'_, Pages> {
        self.pages.write().unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn stats(&self) -> PageCacheStats {
        let pages = self.read();
        PageCacheStats {
            pages: pages.map.len(),
            bytes: pages.bytes,
            revision: self.revision.load(Ordering::Acquire),
        }
    }

    /// The page stored under `key`, if it was rendered at the current revision.
    fn get(&self, key: &str) -> Option<Arc<Entry>> {
        let pages = self.read();
        let entry = pages.map.get(key)?;
        if entry.revision != self.revision.load(Ordering::Acquire) {
            return None;
        }
        entry.referenced.store(true, Ordering::Relaxed);
        Some(Arc::clone(entry))
    }

    /// Stores `entry` under `key`, unless the content changed since it was rendered or it
    /// alone is larger than the whole cache; evicts what must go to make room.
    fn insert(&self, key: String, mut entry: Entry) -> Arc<Entry> {
        if entry.size > self.capacity {
            return Arc::new(entry);
        }
        let mut pages = self.write();
        if entry.revision != self.revision.load(Ordering::Acquire) {
            return Arc::new(entry);
        }
        let key: Arc<str> = key.into();
        if let Some(old) = pages.map.remove(&key) {
            pages.bytes -= old.size;
        }
        while pages.bytes + entry.size > self.capacity && pages.evict_one() {}
        entry.serial = pages.next_serial;
        pages.next_serial += 1;
        pages.bytes += entry.size;
        pages.clock.push_back((Arc::clone(&key), entry.serial));
        let entry = Arc::new(entry);
        pages.map.insert(key, Arc::clone(&entry));
        if pages.clock.len() > 2 * pages.map.len() + 64 {
            pages.compact();
        }
        entry
    }

    /// Takes note of the store's current revision; when it moved on, drops every entry
    /// rendered before. Returns whether it moved.
    pub(crate) fn advance(&self, revision: u64) -> bool {
        let previous = self.revision.fetch_max(revision, Ordering::AcqRel);
        if revision <= previous {
            return false;
        }
        let mut pages = self.write();
        let current = self.revision.load(Ordering::Acquire);
        pages.map.retain(|_, entry| entry.revision == current);
        pages.bytes = pages.map.values().map(|entry| entry.size).sum();
        pages.compact();
        tracing::debug!(
            revision = current,
            kept = pages.map.len(),
            "content changed"
        );
        true
    }

    /// Starts the task that polls the store's revision, once, if there is a runtime to run
    /// it on. It stops by itself when the cache or the store is gone.
    pub(crate) fn start_poller(self: &Arc<Self>, store: &Arc<dyn Store>) {
        if !self.enabled || self.poller.load(Ordering::Relaxed) {
            return;
        }
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            return;
        };
        if self.poller.swap(true, Ordering::AcqRel) {
            return;
        }
        let cache = Arc::downgrade(self);
        let store = Arc::downgrade(store);
        runtime.spawn(poll_revision(cache, store, self.poll));
    }
}

/// Polls the store's content revision every `period` until the cache or the store is dropped.
async fn poll_revision(cache: Weak<PageCache>, store: Weak<dyn Store>, period: Duration) {
    let mut ticks = tokio::time::interval(period);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticks.tick().await;
        let Some(store) = store.upgrade() else { break };
        let revision = store.content_revision().await;
        drop(store);
        let Some(cache) = cache.upgrade() else { break };
        match revision {
            Ok(revision) => {
                cache.advance(revision);
            }
            // Keep serving what is stored: a page a little stale beats no page.
            Err(error) => tracing::warn!(%error, "page cache: cannot read the content revision"),
        }
    }
}

impl Pages {
    /// Evicts one entry in CLOCK order; false when there is none left.
    fn evict_one(&mut self) -> bool {
        while let Some((key, serial)) = self.clock.pop_front() {
            let Some(entry) = self.map.get(&key) else {
                continue;
            };
            if entry.serial != serial {
                continue;
            }
            if entry.referenced.swap(false, Ordering::Relaxed) {
                self.clock.push_back((key, serial));
                continue;
            }
            let size = entry.size;
            self.map.remove(&key);
            self.bytes -= size;
            return true;
        }
        false
    }

    /// Drops the queue slots of entries no longer stored.
    fn compact(&mut self) {
        let map = &self.map;
        self.clock
            .retain(|(key, serial)| map.get(key).is_some_and(|e| e.serial == *serial));
    }
}

/// The layer around the site's pages: serves stored pages, stores fresh ones.
pub(crate) async fn layer(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let cache = state.page_cache();
    if !cache.enabled || request.method() != Method::GET || request.uri().path() == "/" {
        return apply_policy(next.run(request).await);
    }
    state.start_revision_poller();
    let key = cache_key(request.uri());
    let gzip = accepts_gzip(request.headers());
    let if_none_match = request.headers().get(header::IF_NONE_MATCH).cloned();
    if let Some(entry) = cache.get(&key) {
        return entry.respond(gzip, if_none_match.as_ref(), Outcome::Hit);
    }

    // Read before the page renders: the page shows content at least this new.
    let revision = cache.revision.load(Ordering::Acquire);
    let response = next.run(request).await;
    if !storable(&response) {
        let mut response = response;
        response
            .headers_mut()
            .insert(CACHE_STATUS, Outcome::Bypass.header());
        return response;
    }
    let (parts, body) = response.into_parts();
    let plain = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(bytes) => bytes,
        Err(error) => {
            tracing::error!(%error, "page cache: reading a rendered page failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let entry = Entry::new(parts, plain, revision, &key, cache.capacity);
    let entry = cache.insert(key, entry);
    entry.respond(gzip, if_none_match.as_ref(), Outcome::Miss)
}

/// The media types of what the site renders: pages, feeds, sitemaps and `robots.txt`.
const RENDERED_TYPES: [&str; 6] = [
    "text/html",
    "application/rss+xml",
    "application/atom+xml",
    "application/feed+json",
    "application/xml",
    "text/plain",
];

/// Whether a response may be stored and shared: a `200` page (or feed, sitemap), setting no
/// cookie, that did not ask to stay private.
fn storable(response: &Response) -> bool {
    let headers = response.headers();
    response.status() == StatusCode::OK
        && headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| RENDERED_TYPES.iter().any(|t| v.starts_with(t)))
        && !headers.contains_key(header::SET_COOKIE)
        && !headers.contains_key(header::CONTENT_ENCODING)
        && is_shared(headers)
}

/// Whether a response's `Cache-Control` lets shared caches keep it (absent: yes).
fn is_shared(headers: &HeaderMap) -> bool {
    headers.get_all(header::CACHE_CONTROL).iter().all(|value| {
        value.to_str().is_ok_and(|v| {
            !v.split(',').any(|d| {
                let d = d.trim();
                ["private", "no-store", "no-cache"]
                    .iter()
                    .any(|p| d.eq_ignore_ascii_case(p))
            })
        })
    })
}

/// What is not looked up (the cache off, `HEAD`): the same `Cache-Control` policy on
/// successful pages, nothing else.
fn apply_policy(mut response: Response) -> Response {
    if storable(&response) {
        response.headers_mut().insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static(PAGE_CACHE_CONTROL),
        );
    }
    response
}

impl Entry {
    /// The entry for a rendered page; compressed only if it can fit in `capacity`.
    fn new(parts: Parts, plain: Bytes, revision: u64, key: &str, capacity: usize) -> Self {
        let mut headers = parts.headers;
        for name in [
            header::SET_COOKIE,
            header::CONTENT_LENGTH,
            header::ETAG,
            CACHE_STATUS,
        ] {
            headers.remove(name);
        }
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static(PAGE_CACHE_CONTROL),
        );
        headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        let fits = plain.len() + key.len() + ENTRY_OVERHEAD <= capacity;
        let gzip = fits
            .then(|| gzip(&plain))
            .flatten()
            .filter(|gzip| gzip.len() < plain.len());
        let hash = {
            let mut hasher = std::hash::DefaultHasher::new();
            hasher.write(&plain);
            hasher.finish()
        };
        let tag = format!("{hash:016x}{:x}", plain.len());
        let etag = HeaderValue::from_str(&format!("\"{tag}\""))
            .unwrap_or_else(|_| HeaderValue::from_static("\"\""));
        let etag_gzip = HeaderValue::from_str(&format!("\"{tag}-gz\""))
            .unwrap_or_else(|_| HeaderValue::from_static("\"\""));
        let header_bytes: usize = headers
            .iter()
            .map(|(name, value)| name.as_str().len() + value.len())
            .sum();
        let size = plain.len()
            + gzip.as_ref().map_or(0, Bytes::len)
            + key.len()
            + header_bytes
            + ENTRY_OVERHEAD;
        Self {
            serial: 0,
            revision,
            headers,
            plain,
            gzip,
            etag,
            etag_gzip,
            size,
            referenced: AtomicBool::new(false),
        }
    }

    /// The stored page as a response: compressed if the reader takes gzip, or `304` if the
    /// reader already has it.
    fn respond(
        &self,
        accepts_gzip: bool,
        if_none_match: Option<&HeaderValue>,
        outcome: Outcome,
    ) -> Response {
        let (body, etag, compressed) = match &self.gzip {
            Some(gzip) if accepts_gzip => (gzip, &self.etag_gzip, true),
            _ => (&self.plain, &self.etag, false),
        };
        if let Some(matched) = if_none_match.and_then(|v| self.matching_etag(v)) {
            let mut response = StatusCode::NOT_MODIFIED.into_response();
            let headers = response.headers_mut();
            for name in [
                header::CACHE_CONTROL,
                header::VARY,
                header::CONTENT_LANGUAGE,
            ] {
                if let Some(value) = self.headers.get(&name) {
                    headers.insert(name, value.clone());
                }
            }
            headers.insert(header::ETAG, matched.clone());
            headers.insert(CACHE_STATUS, outcome.header());
            return response;
        }
        let mut response = Response::new(Body::from(body.clone()));
        let headers = response.headers_mut();
        headers.clone_from(&self.headers);
        headers.insert(header::ETAG, etag.clone());
        if compressed {
            headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
        }
        headers.insert(CACHE_STATUS, outcome.header());
        response
    }

    /// Which of this page's tags an `If-None-Match` names, compared weakly as RFC 9110 says.
    fn matching_etag(&self, if_none_match: &HeaderValue) -> Option<&HeaderValue> {
        let value = if_none_match.to_str().ok()?;
        let ours = [&self.etag, &self.etag_gzip];
        value.split(',').find_map(|tag| {
            let tag = tag.trim();
            if tag == "*" {
                return Some(&self.etag);
            }
            let tag = tag.strip_prefix("W/").unwrap_or(tag);
            ours.into_iter().find(|e| e.as_bytes() == tag.as_bytes())
        })
    }
}

/// `plain`, gzip-compressed.
fn gzip(plain: &[u8]) -> Option<Bytes> {
    let mut encoder = GzEncoder::new(
        Vec::with_capacity(plain.len() / 3 + 64),
        Compression::default(),
    );
    match encoder.write_all(plain).and_then(|()| encoder.finish()) {
        Ok(bytes) => Some(Bytes::from(bytes)),
        Err(error) => {
            tracing::warn!(%error, "page cache: gzip failed");
            None
        }
    }
}

/// The key of a request: its path, and its query with the parameters in a stable order (by
/// name, repeated names in their order), empty and tracking parameters left out.
fn cache_key(uri: &Uri) -> String {
    let path = uri.path();
    let Some(query) = uri.query() else {
        return path.to_owned();
    };
    let mut pairs: Vec<&str> = query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .filter(|pair| !is_tracking_parameter(pair.split('=').next().unwrap_or_default()))
        .collect();
    let mut key = String::with_capacity(path.len() + query.len() + 1);
    key.push_str(path);
    if !pairs.is_empty() {
        pairs.sort_by_key(|pair| pair.split('=').next().unwrap_or_default());
        key.push('?');
        for (i, pair) in pairs.iter().enumerate() {
            if i > 0 {
                key.push('&');
            }
            key.push_str(pair);
        }
    }
    key
}

/// Whether `Accept-Encoding` lets us send gzip: named (or `*`) with a non-zero quality.
fn accepts_gzip(headers: &HeaderMap) -> bool {
    let mut star = false;
    for value in headers.get_all(header::ACCEPT_ENCODING) {
        let Ok(value) = value.to_str() else { continue };
        for item in value.split(',') {
            let mut params = item.split(';');
            let name = params.next().unwrap_or_default().trim();
            let allowed = params
                .filter_map(|p| p.trim().strip_prefix("q="))
                .all(|q| q.trim().parse::<f32>().is_ok_and(|q| q > 0.0));
            if name.eq_ignore_ascii_case("gzip") || name.eq_ignore_ascii_case("x-gzip") {
                return allowed;
            }
            if name == "*" {
                star = allowed;
            }
        }
    }
    star
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uri(s: &str) -> Uri {
        s.parse().unwrap()
    }

    #[test]
    fn keys_normalise_the_query() {
        assert_eq!(cache_key(&uri("/vi/")), "/vi/");
        assert_eq!(cache_key(&uri("/vi/?")), "/vi/");
        assert_eq!(cache_key(&uri("/vi/?utm_source=x&&")), "/vi/");
        assert_eq!(cache_key(&uri("/vi/?page=2")), "/vi/?page=2");
        assert_eq!(
            cache_key(&uri("/vi/?z=1&page=2&fbclid=q&a")),
            "/vi/?a&page=2&z=1"
        );
        // Repeated names keep their order: the first `page` stays first.
        assert_eq!(
            cache_key(&uri("/vi/?page=3&b=1&page=2")),
            "/vi/?b=1&page=3&page=2"
        );
    }

    #[test]
    fn reads_accept_encoding() {
        let accepts = |v: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(header::ACCEPT_ENCODING, HeaderValue::from_str(v).unwrap());
            accepts_gzip(&headers)
        };
        assert!(accepts("gzip"));
        assert!(accepts("br, GZIP;q=0.5"));
        assert!(accepts("*"));
        assert!(!accepts("gzip;q=0"));
        assert!(!accepts("gzip;q=0.0, *"));
        assert!(!accepts("br, identity"));
        assert!(!accepts("*;q=0"));
        assert!(!accepts_gzip(&HeaderMap::new()));
    }

    fn entry(revision: u64, body: &str) -> Entry {
        let (parts, ()) = Response::new(()).into_parts();
        Entry::new(parts, Bytes::from(body.to_owned()), revision, "k", 1 << 20)
    }

    #[test]
    fn evicts_the_entry_not_read_since_the_hand_passed() {
        let one = entry(0, "x").size;
        let cache = PageCache::new(true, one * 2, Duration::from_secs(1));
        cache.insert("/a".into(), entry(0, "x"));
        cache.insert("/b".into(), entry(0, "x"));
        assert!(cache.get("/a").is_some());
        cache.insert("/c".into(), entry(0, "x"));
        assert!(cache.get("/a").is_some(), "read recently, kept");
        assert!(cache.get("/b").is_none(), "never read, evicted");
        assert!(cache.get("/c").is_some());
        assert_eq!(cache.stats().pages, 2);
        assert!(cache.stats().bytes <= one * 2);
    }

    #[test]
    fn a_new_revision_drops_older_pages_and_refuses_late_ones() {
        let cache = PageCache::new(true, 1 << 20, Duration::from_secs(1));
        cache.insert("/a".into(), entry(0, "a"));
        assert!(cache.get("/a").is_some());
        assert!(cache.advance(3));
        assert!(!cache.advance(2));
        assert!(cache.get("/a").is_none());
        assert_eq!(cache.stats().pages, 0);
        // Rendered before the change was noticed: not stored.
        cache.insert("/b".into(), entry(2, "b"));
        assert!(cache.get("/b").is_none());
        assert_eq!(cache.stats().pages, 0);
        cache.insert("/b".into(), entry(3, "b"));
        assert!(cache.get("/b").is_some());
    }

    #[test]
    fn matches_if_none_match_lists() {
        let e = entry(0, "hello");
        let etag = e.etag.to_str().unwrap().to_owned();
        let gz = e.etag_gzip.to_str().unwrap().to_owned();
        let check = |v: &str| e.matching_etag(&HeaderValue::from_str(v).unwrap()).cloned();
        assert_eq!(check(&etag), Some(e.etag.clone()));
        assert_eq!(check(&format!("\"x\", W/{gz}")), Some(e.etag_gzip.clone()));
        assert_eq!(check("*"), Some(e.etag.clone()));
        assert_eq!(check("\"other\""), None);
    }
}
