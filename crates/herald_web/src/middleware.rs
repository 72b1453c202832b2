//! What wraps every request: size limits before any page runs, localised error pages after,
//! and the security headers every response carries.

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use herald_i18n::negotiate;

use crate::error::{self, ErrorPageRequest};
use crate::{AppState, WebError};

/// The cookie that remembers a reader's language.
pub(crate) const LOCALE_COOKIE: &str = "herald_locale";

/// The longest header value read for locale negotiation; `Accept-Language` and cookies are
/// short in practice, and the cap keeps hostile ones cheap.
const MAX_NEGOTIATION_INPUT: usize = 4096;

/// Refuses request targets longer than the settings allow (414) and query strings longer than
/// theirs (400), before any page does work.
pub(crate) async fn limit_request_size(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let settings = state.settings();
    let uri = request.uri();
    let target = uri
        .path_and_query()
        .map_or(uri.path().len(), |pq| pq.as_str().len());
    if target > settings.max_uri_length {
        return WebError::UriTooLong {
            limit: settings.max_uri_length,
        }
        .into_response();
    }
    if uri
        .query()
        .is_some_and(|q| q.len() > settings.max_query_length)
    {
        return WebError::QueryTooLong {
            limit: settings.max_query_length,
        }
        .into_response();
    }
    next.run(request).await
}

/// Turns failed responses into error pages in the reader's locale: those a [`WebError`] made,
/// and bare ones from elsewhere (a missing media file).
pub(crate) async fn render_error_pages(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let prefix = request
        .uri()
        .path()
        .trim_start_matches('/')
        .split('/')
        .next()
        .map(str::to_owned);
    let cookie = locale_cookie(request.headers());
    let accept_language = header_text(request.headers(), header::ACCEPT_LANGUAGE);
    let for_api = crate::api::is_api_path(request.uri().path());

    let mut response = next.run(request).await;
    let page_request = match response.extensions_mut().remove::<ErrorPageRequest>() {
        Some(page_request) => page_request,
        None if is_bare_failure(&response) => {
            let error = match response.status().as_u16() {
                404 => WebError::NotFound,
                405 => WebError::MethodNotAllowed,
                414 => WebError::UriTooLong {
                    limit: state.settings().max_uri_length,
                },
                400..=499 => WebError::BadRequest("refused before reaching a page"),
                _ => return response,
            };
            ErrorPageRequest::of(&error)
        }
        None => return response,
    };
    if for_api {
        return crate::api::error_response(&page_request, response.headers());
    }
    let settings = state.settings();
    let locale = negotiate(
        prefix.as_deref(),
        cookie.as_deref(),
        accept_language.as_deref(),
        &settings.languages,
        &settings.default_language,
    )
    .locale;
    let mut page = error::render(&state, &locale, &page_request);
    // Keep what the failure said about itself (`Allow` on a 405, for one).
    for (name, value) in response.headers() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            page.headers_mut()
                .entry(name)
                .or_insert_with(|| value.clone());
        }
    }
    page
}

/// A failure with no body of its own to show.
fn is_bare_failure(response: &Response) -> bool {
    let status = response.status();
    (status.is_client_error() || status.is_server_error())
        && !response.headers().contains_key(header::CONTENT_TYPE)
}

/// The value of a header as text, if it is text and not too long.
pub(crate) fn header_text(headers: &HeaderMap, name: header::HeaderName) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .filter(|v| v.len() <= MAX_NEGOTIATION_INPUT)
        .map(str::to_owned)
}

/// The reader's remembered language, from the [`LOCALE_COOKIE`] cookie.
pub(crate) fn locale_cookie(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter(|v| v.len() <= MAX_NEGOTIATION_INPUT)
        .flat_map(|v| v.split(';'))
        .find_map(|pair| {
            let (name, value) = pair.trim().split_once('=')?;
            (name == LOCALE_COOKIE).then(|| value.trim_matches('"').to_owned())
        })
}

/// Remembers the language of a page the reader chose to open, so that `/` sends them back to
/// it next time. Only a successful page in an enabled language whose cookie differs gets a
/// `Set-Cookie`, and that one response becomes `private`, so shared caches keep serving
/// cookie-free copies to everyone else.
pub(crate) async fn remember_locale(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let prefix = request
        .uri()
        .path()
        .trim_start_matches('/')
        .split('/')
        .next()
        .unwrap_or_default()
        .to_owned();
    let remembered = locale_cookie(request.headers());
    let mut response = next.run(request).await;
    let Some(locale) = state
        .settings()
        .languages
        .iter()
        .find(|l| l.as_str() == prefix)
    else {
        return response;
    };
    if response.status().is_success() && remembered.as_deref() != Some(locale.as_str()) {
        let cookie =
            format!("{LOCALE_COOKIE}={locale}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly");
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            let headers = response.headers_mut();
            headers.append(header::SET_COOKIE, value);
            headers.insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, max-age=0"),
            );
        }
    }
    response
}

/// Content-Security-Policy of every response: no scripts at all, styles and images from this
/// site only (`data:` for inline placeholders). A page with video embeds sets its own, from
/// [`content_security_policy`], naming their players in `frame-src`.
const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; style-src 'self'; img-src 'self' data:; \
     media-src 'self'; font-src 'self'; frame-src 'self'; form-action 'self'; base-uri 'none'; \
     frame-ancestors 'self'";

/// The site's Content-Security-Policy, with `frame_origins` (serialised origins such as
/// `https://player.example`) also allowed in frames.
pub(crate) fn content_security_policy(frame_origins: &[String]) -> String {
    let mut frames = String::from("frame-src 'self'");
    for origin in frame_origins {
        frames.push(' ');
        frames.push_str(origin);
    }
    CONTENT_SECURITY_POLICY.replacen("frame-src 'self'", &frames, 1)
}

/// Adds the headers every response carries, unless the response set its own.
pub(crate) async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    for (name, value) in [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY),
        (header::REFERRER_POLICY, "strict-origin-when-cross-origin"),
    ] {
        headers
            .entry(name)
            .or_insert_with(|| HeaderValue::from_static(value));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_locale_cookie_among_others() {
        let mut headers = HeaderMap::new();
        headers.append(
            header::COOKIE,
            HeaderValue::from_static("a=1; herald_locale=fa"),
        );
        assert_eq!(locale_cookie(&headers).as_deref(), Some("fa"));
        let mut headers = HeaderMap::new();
        headers.append(
            header::COOKIE,
            HeaderValue::from_static("herald_localex=fa"),
        );
        assert_eq!(locale_cookie(&headers), None);
    }
}
