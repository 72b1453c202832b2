//! `/api/v1`: the read-only JSON API, for programs rather than readers — articles (a list with
//! filters and cursor pagination, one article in a language with its translations listed),
//! categories, topics, authors and sources, search, and the OpenAPI document that describes them all
//! (`openapi.json`, checked against the answers by the tests).
//!
//! It reads the same store as the pages, and answers outside the page cache: every answer is
//! small JSON made per request from the shared reads (`CachedReads`). What every answer has in
//! common is done once, in [`respond`]: a strong `ETag` from a hash of the body and `304` on a
//! matching `If-None-Match`, `Cache-Control`, `Vary`, CORS for any origin (the API is public and
//! read-only), `406` when the reader accepts no JSON. Failures are [`WebError`]s like the
//! pages'; the error middleware renders them here as `{"error":{"code","message"}}` with the
//! same stable codes, never as HTML. No query string can make it fail with a 5xx: unknown
//! parameters are ignored, a repeated one counts once (the first), and every value is checked.

mod articles;
mod cursor;
mod openapi;
mod search;
mod sources;
mod terms;

use std::collections::BTreeMap;

use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use herald_domain::{Language, Localized, Slug, TermName};
use serde::Serialize;

use crate::error::{self, ErrorPageRequest};
use crate::paths::{self, ListKind};
use crate::{AppState, WebError};

/// Where the API is mounted.
pub(crate) const PREFIX: &str = "/api/v1";

/// How long browsers and caches may keep an answer, and serve it stale while they ask again
/// (with `If-None-Match`, which costs a `304`).
const API_CACHE_CONTROL: &str = "public, max-age=60, stale-while-revalidate=300";

/// Errors are not kept: the next request may well succeed.
const ERROR_CACHE_CONTROL: &str = "no-cache";

/// The API's routes, under [`PREFIX`]. Read top to bottom, it is the API's index.
pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/articles", get(articles::list))
        .route("/articles/{id}", get(articles::one))
        .route("/categories", get(terms::categories))
        .route("/topics", get(terms::topics))
        .route("/authors", get(terms::authors))
        .route("/sources", get(sources::sources))
        .route("/search", get(search::search))
        .route("/openapi.json", get(openapi::document))
        .fallback(error::not_found)
        .method_not_allowed_fallback(error::method_not_allowed)
        .layer(axum::middleware::from_fn(respond))
}

/// Whether a request path is the API's, so that its errors are rendered as JSON.
pub(crate) fn is_api_path(path: &str) -> bool {
    path == "/api" || path.starts_with("/api/")
}

/// What every answer of the API shares: the preflight of cross-origin requests, `406` for a
/// reader who takes no JSON, validators and `304`s for successful answers, and the caching,
/// `Vary` and CORS headers.
async fn respond(request: Request, next: Next) -> Response {
    if request.method() == Method::OPTIONS {
        return with_common_headers(preflight());
    }
    if !accepts_json(request.headers()) {
        return with_common_headers(WebError::NotAcceptable.into_response());
    }
    let if_none_match = request.headers().get(header::IF_NONE_MATCH).cloned();
    let response = next.run(request).await;
    let response = if response.status() == StatusCode::OK {
        with_validator(response, if_none_match.as_ref()).await
    } else {
        response
    };
    with_common_headers(response)
}

/// `204` to a CORS preflight: any origin may `GET` with the headers a conditional request
/// needs.
fn preflight() -> Response {
    let mut response = StatusCode::NO_CONTENT.into_response();
    let headers = response.headers_mut();
    for (name, value) in [
        (header::ACCESS_CONTROL_ALLOW_METHODS, "GET, HEAD, OPTIONS"),
        (
            header::ACCESS_CONTROL_ALLOW_HEADERS,
            "accept, if-none-match, accept-language",
        ),
        (header::ACCESS_CONTROL_MAX_AGE, "86400"),
        (header::ALLOW, "GET, HEAD, OPTIONS"),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    response
}

/// CORS for any origin (the `ETag` readable by scripts), and `Vary: Accept`, since a reader
/// that takes no JSON gets a `406` at the same address.
fn with_common_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    headers.insert(
        header::ACCESS_CONTROL_EXPOSE_HEADERS,
        HeaderValue::from_static("etag"),
    );
    headers.insert(header::VARY, HeaderValue::from_static("accept"));
    response
}

/// Whether an `Accept` header allows JSON: absent, or naming `application/json`,
/// `application/*` or `*/*` with a weight above zero. A header that is not text is ignored.
fn accepts_json(headers: &HeaderMap) -> bool {
    let mut values = headers.get_all(header::ACCEPT).iter().peekable();
    if values.peek().is_none() {
        return true;
    }
    let mut any = false;
    for value in values {
        let Ok(text) = value.to_str() else {
            return true;
        };
        for range in text.split(',') {
            let mut parts = range.split(';');
            let kind = parts.next().unwrap_or_default().trim();
            if kind.is_empty() {
                continue;
            }
            any = true;
            let refused = parts.any(|param| {
                let (name, value) = param.split_once('=').unwrap_or((param, ""));
                name.trim().eq_ignore_ascii_case("q")
                    && value.trim().parse::<f32>().is_ok_and(|q| q <= 0.0)
            });
            let matches = ["application/json", "application/*", "*/*"]
                .iter()
                .any(|ours| kind.eq_ignore_ascii_case(ours));
            if matches && !refused {
                return true;
            }
        }
    }
    // An empty `Accept` says nothing.
    !any
}

/// A successful answer with its strong `ETag` (a hash of the body and its length), or `304`
/// with no body when the reader's `If-None-Match` names it (or is `*`).
async fn with_validator(response: Response, if_none_match: Option<&HeaderValue>) -> Response {
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, usize::MAX).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let tag = format!("\"{:016x}{:x}\"", fnv1a(&bytes), bytes.len());
    let etag = HeaderValue::from_str(&tag).unwrap_or_else(|_| HeaderValue::from_static("\"\""));
    if if_none_match.is_some_and(|value| names_tag(value, &tag)) {
        let mut not_modified = StatusCode::NOT_MODIFIED.into_response();
        let headers = not_modified.headers_mut();
        headers.insert(header::ETAG, etag);
        for name in [header::CACHE_CONTROL, header::CONTENT_LANGUAGE] {
            if let Some(value) = parts.headers.get(&name) {
                headers.insert(name, value.clone());
            }
        }
        return not_modified;
    }
    parts.headers.insert(header::ETAG, etag);
    Response::from_parts(parts, axum::body::Body::from(bytes))
}

/// Whether an `If-None-Match` value names `tag` (compared weakly, as RFC 9110 says for this
/// header), in a list or as `*`.
fn names_tag(if_none_match: &HeaderValue, tag: &str) -> bool {
    let Ok(value) = if_none_match.to_str() else {
        return false;
    };
    value.split(',').map(str::trim).any(|candidate| {
        candidate == "*" || candidate.strip_prefix("W/").unwrap_or(candidate) == tag
    })
}

/// 64-bit FNV-1a: a hash that stays the same across builds and platforms, for validators and
/// cursors that outlive a process.
pub(crate) fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in bytes {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// A failed API request as JSON, with the status and stable code the site's error pages use,
/// keeping what the failure said about itself (`Allow` on a `405`).
pub(crate) fn error_response(request: &ErrorPageRequest, failed: &HeaderMap) -> Response {
    #[derive(Serialize)]
    struct Body<'a> {
        error: Detail<'a>,
    }
    #[derive(Serialize)]
    struct Detail<'a> {
        code: &'a str,
        message: &'a str,
    }
    let body = Body {
        error: Detail {
            code: request.code.name,
            message: &request.message,
        },
    };
    let bytes = serde_json::to_vec(&body).unwrap_or_else(|_| b"{}".to_vec());
    let mut response = (request.code.status, bytes).into_response();
    let headers = response.headers_mut();
    for (name, value) in failed {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            headers.insert(name, value.clone());
        }
    }
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(ERROR_CACHE_CONTROL),
    );
    with_common_headers(response)
}

/// `value` as a JSON answer, cacheable for [`API_CACHE_CONTROL`]; [`respond`] adds the
/// validator.
pub(crate) fn json<T: Serialize>(value: &T) -> Result<Response, WebError> {
    let body = serde_json::to_vec(value)?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, API_CACHE_CONTROL),
        ],
        body,
    )
        .into_response())
}

/// The query string's parameters, percent-decoded (bytes that are not UTF-8 become U+FFFD,
/// which no valid value contains).
pub(crate) struct Params {
    pairs: Vec<(String, String)>,
}

impl Params {
    pub(crate) fn parse(query: Option<&str>) -> Self {
        let pairs = query
            .map(|q| {
                url::form_urlencoded::parse(q.as_bytes())
                    .map(|(name, value)| (name.into_owned(), value.into_owned()))
                    .collect()
            })
            .unwrap_or_default();
        Self { pairs }
    }

    /// The first value of `name`, if given.
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The language asked (`lang`), one of the site's, in any case (`FA`, `zh-hans`); the
    /// site's default language when none is given.
    pub(crate) fn language(&self, state: &AppState) -> Result<Language, WebError> {
        let settings = state.settings();
        let Some(tag) = self.get("lang") else {
            return Ok(settings.default_language.clone());
        };
        let wanted = Language::parse(tag).map_err(|_| WebError::UnknownLanguage)?;
        settings
            .languages
            .iter()
            .find(|l| **l == wanted)
            .cloned()
            .ok_or(WebError::UnknownLanguage)
    }
}

/// Which site page shows a term's articles.
#[derive(Debug, Clone, Copy)]
pub(crate) enum TermPage {
    /// `/{lang}/{slug}/`.
    Category,
    /// `/{lang}/{word}/{slug}`.
    List(ListKind),
}

/// The absolute URL of a term's page in `lang`; `None` when the site is not published in it.
pub(crate) fn term_url(
    state: &AppState,
    lang: &Language,
    page: TermPage,
    slug: &Slug,
) -> Option<String> {
    let settings = state.settings();
    settings.languages.contains(lang).then(|| {
        let path = match page {
            TermPage::Category => paths::category(lang, slug),
            TermPage::List(kind) => paths::list(lang, kind, slug),
        };
        paths::absolute(&settings.public_url, &path)
    })
}

/// The absolute URL of a site path.
pub(crate) fn site_url(state: &AppState, path: &str) -> String {
    paths::absolute(&state.settings().public_url, path)
}

/// A term (category, topic, author, place, tag) as an article names it: its name in the
/// language asked (else in the site's default language, else any), and its slug and page
/// there when it is named in that language.
#[derive(Debug, Serialize)]
pub(crate) struct TermRef {
    id: i64,
    name: Option<String>,
    slug: Option<String>,
    url: Option<String>,
}

impl TermRef {
    pub(crate) fn new(
        state: &AppState,
        id: i64,
        names: &Localized<TermName>,
        lang: &Language,
        page: TermPage,
    ) -> Self {
        let settings = state.settings();
        let name = names
            .best(lang, std::slice::from_ref(&settings.default_language))
            .map(|(_, term)| term.name.clone());
        let own = names.get(lang);
        Self {
            id,
            name,
            slug: own.map(|term| term.slug.to_string()),
            url: own.and_then(|term| term_url(state, lang, page, &term.slug)),
        }
    }
}

/// A name in one language, with its slug and the page of the term in that language.
#[derive(Debug, Serialize)]
pub(crate) struct Name {
    name: String,
    slug: String,
    url: Option<String>,
}

/// Every name of a term, by language tag.
pub(crate) fn all_names(
    state: &AppState,
    names: &Localized<TermName>,
    page: TermPage,
) -> BTreeMap<String, Name> {
    names
        .iter()
        .map(|(lang, term)| {
            (
                lang.to_string(),
                Name {
                    name: term.name.clone(),
                    slug: term.slug.to_string(),
                    url: term_url(state, lang, page, &term.slug),
                },
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accept(value: &str) -> bool {
        let mut headers = HeaderMap::new();
        headers.insert(header::ACCEPT, HeaderValue::from_str(value).unwrap());
        accepts_json(&headers)
    }

    #[test]
    fn json_is_acceptable_unless_the_reader_rules_it_out() {
        assert!(accepts_json(&HeaderMap::new()));
        assert!(accept("application/json"));
        assert!(accept("text/html, */*;q=0.1"));
        assert!(accept("APPLICATION/*"));
        assert!(accept(""));
        assert!(!accept("text/html"));
        assert!(!accept("application/json;q=0, text/plain"));
        assert!(!accept("image/png, application/xml"));
    }

    #[test]
    fn if_none_match_names_tags_in_lists_weakly_and_with_a_star() {
        let tag = "\"abc1\"";
        let names = |v: &str| names_tag(&HeaderValue::from_str(v).unwrap(), tag);
        assert!(names("\"abc1\""));
        assert!(names("\"x\", W/\"abc1\""));
        assert!(names("*"));
        assert!(!names("\"abc2\""));
        assert!(!names("abc1"));
    }

    #[test]
    fn fnv1a_is_the_published_function() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn reads_the_first_of_repeated_parameters_and_survives_bad_bytes() {
        let params = Params::parse(Some("lang=fa&lang=vi&x=%FF&empty="));
        assert_eq!(params.get("lang"), Some("fa"));
        assert_eq!(params.get("x"), Some("\u{FFFD}"));
        assert_eq!(params.get("empty"), Some(""));
        assert_eq!(params.get("missing"), None);
        assert!(is_api_path("/api/v1/articles"));
        assert!(is_api_path("/api"));
        assert!(!is_api_path("/apiary/"));
    }
}
