//! [`WebError`]: every way a request can fail, each mapped to a stable [`ErrorCode`] in one
//! `match`, and the localised error page readers see instead of a bare status.
//!
//! A handler returns a `WebError`; its response carries only the code (as a response
//! extension). The `render_error_pages` middleware, which knows the request, then renders the
//! page in the reader's locale. Internal details are logged, never shown.

use askama::Template;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use herald_domain::Language;
use herald_store::StoreError;

use crate::AppState;
use crate::html::Text;
use crate::site::frame::Frame;

/// Why a request failed.
#[derive(Debug, thiserror::Error)]
pub enum WebError {
    /// The address names nothing: an unknown language prefix, slug, id or page number.
    #[error("no such page")]
    NotFound,
    /// The page existed and was withdrawn for good.
    #[error("the page was withdrawn")]
    Gone,
    /// A request the site cannot understand (a malformed path or query).
    #[error("bad request: {0}")]
    BadRequest(&'static str),
    /// The request target is longer than the site accepts.
    #[error("request target longer than {limit} bytes")]
    UriTooLong {
        /// The limit, in bytes.
        limit: usize,
    },
    /// The query string is longer than the site accepts.
    #[error("query string longer than {limit} bytes")]
    QueryTooLong {
        /// The limit, in bytes.
        limit: usize,
    },
    /// The address exists, but not for this method.
    #[error("method not allowed")]
    MethodNotAllowed,
    /// The store failed.
    #[error("reading the store failed")]
    Store(#[from] StoreError),
    /// A template failed to render.
    #[error("rendering a page failed")]
    Render(#[from] askama::Error),
    /// The site's settings are inconsistent (at start, never during a request).
    #[error("invalid web settings: {0}")]
    InvalidSettings(&'static str),
    /// A `lang` parameter that names no language the site is published in.
    #[error("lang is not one of the site's languages")]
    UnknownLanguage,
    /// A query parameter whose value cannot be read.
    #[error("{name}: expected {expected}")]
    InvalidParameter {
        /// The parameter.
        name: &'static str,
        /// What it takes.
        expected: &'static str,
    },
    /// A filter naming a term (category, topic…) that does not exist.
    #[error("{name}: no such {name} (give its slug in the language asked, or its id)")]
    UnknownTerm {
        /// The parameter.
        name: &'static str,
    },
    /// A pagination cursor this list did not give out (malformed, altered, or another list's).
    #[error("cursor: not a cursor of this list; start again without one")]
    InvalidCursor,
    /// An article that exists, but is not published in the language asked.
    #[error("the article is not published in this language")]
    NotInLanguage,
    /// The reader accepts no representation the resource has.
    #[error("the resource is only available as application/json")]
    NotAcceptable,
    /// A JSON answer could not be written.
    #[error("writing JSON failed")]
    Json(#[from] serde_json::Error),
    /// The search index is missing or cannot be read.
    #[error("search is not available: {0}")]
    SearchUnavailable(String),
    /// The reader may not do this (a role without the permission, a banned address).
    #[error("forbidden")]
    Forbidden,
    /// A form came without the token its page gave out, or with another one.
    #[error("the form's token is missing or not valid; reload the page and send it again")]
    InvalidFormToken,
    /// Too many requests of this kind from one address; try again later.
    #[error("too many requests; try again later")]
    TooManyRequests,
}

/// Whether a failure is the reader's doing or ours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// Bad or unknown input: answered, not logged as an error.
    User,
    /// Something broke on our side: logged with its details.
    Internal,
}

/// The stable public face of a [`WebError`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ErrorCode {
    /// A snake_case name that never changes (`not_found`, `uri_too_long`).
    pub name: &'static str,
    /// The HTTP status.
    pub status: StatusCode,
    /// Whose fault it is.
    pub kind: ErrorKind,
    /// The `errors.ftl` messages the page shows: `error-{page}-title` and `error-{page}-body`.
    pub page: &'static str,
}

impl WebError {
    /// The stable code, status and page of this error: the one table of them.
    #[must_use]
    pub fn code(&self) -> ErrorCode {
        use ErrorKind::{Internal, User};
        let (name, status, kind, page) = match self {
            Self::NotFound => ("not_found", StatusCode::NOT_FOUND, User, "not-found"),
            Self::Gone => ("gone", StatusCode::GONE, User, "gone"),
            Self::BadRequest(_) => ("bad_request", StatusCode::BAD_REQUEST, User, "bad-request"),
            Self::UriTooLong { .. } => (
                "uri_too_long",
                StatusCode::URI_TOO_LONG,
                User,
                "uri-too-long",
            ),
            Self::QueryTooLong { .. } => (
                "query_too_long",
                StatusCode::BAD_REQUEST,
                User,
                "bad-request",
            ),
            Self::MethodNotAllowed => (
                "method_not_allowed",
                StatusCode::METHOD_NOT_ALLOWED,
                User,
                "method-not-allowed",
            ),
            Self::Store(StoreError::NotFound(_)) => {
                ("not_found", StatusCode::NOT_FOUND, User, "not-found")
            }
            Self::Store(_) => (
                "store_unavailable",
                StatusCode::SERVICE_UNAVAILABLE,
                Internal,
                "unavailable",
            ),
            Self::Render(_) => (
                "render_failed",
                StatusCode::INTERNAL_SERVER_ERROR,
                Internal,
                "internal",
            ),
            Self::InvalidSettings(_) => (
                "invalid_settings",
                StatusCode::INTERNAL_SERVER_ERROR,
                Internal,
                "internal",
            ),
            Self::UnknownLanguage => (
                "unknown_language",
                StatusCode::BAD_REQUEST,
                User,
                "bad-request",
            ),
            Self::InvalidParameter { .. } => (
                "invalid_parameter",
                StatusCode::BAD_REQUEST,
                User,
                "bad-request",
            ),
            Self::UnknownTerm { .. } => {
                ("unknown_term", StatusCode::BAD_REQUEST, User, "bad-request")
            }
            Self::InvalidCursor => (
                "invalid_cursor",
                StatusCode::BAD_REQUEST,
                User,
                "bad-request",
            ),
            Self::NotInLanguage => ("not_in_language", StatusCode::NOT_FOUND, User, "not-found"),
            Self::NotAcceptable => (
                "not_acceptable",
                StatusCode::NOT_ACCEPTABLE,
                User,
                "bad-request",
            ),
            Self::Json(_) => (
                "encode_failed",
                StatusCode::INTERNAL_SERVER_ERROR,
                Internal,
                "internal",
            ),
            Self::SearchUnavailable(_) => (
                "search_unavailable",
                StatusCode::SERVICE_UNAVAILABLE,
                Internal,
                "unavailable",
            ),
            Self::Forbidden => ("forbidden", StatusCode::FORBIDDEN, User, "forbidden"),
            Self::InvalidFormToken => (
                "invalid_form_token",
                StatusCode::FORBIDDEN,
                User,
                "form-token",
            ),
            Self::TooManyRequests => (
                "too_many_requests",
                StatusCode::TOO_MANY_REQUESTS,
                User,
                "too-many-requests",
            ),
        };
        ErrorCode {
            name,
            status,
            kind,
            page,
        }
    }
}

/// What the error-page middleware needs to render a failed response.
#[derive(Debug, Clone)]
pub(crate) struct ErrorPageRequest {
    pub(crate) code: ErrorCode,
    /// What the JSON API says about it: the error's own words for the reader's mistakes,
    /// nothing of ours for our failures (those details go to the log).
    pub(crate) message: String,
}

impl ErrorPageRequest {
    pub(crate) fn of(error: &WebError) -> Self {
        let code = error.code();
        let message = match code.kind {
            ErrorKind::User => error.to_string(),
            ErrorKind::Internal => "the server could not answer; try again later".to_owned(),
        };
        Self { code, message }
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let code = self.code();
        if code.kind == ErrorKind::Internal {
            tracing::error!(code = code.name, error = %ErrorChain(&self), "request failed");
        } else {
            tracing::debug!(code = code.name, error = %self, "request refused");
        }
        let mut response = code.status.into_response();
        response
            .extensions_mut()
            .insert(ErrorPageRequest::of(&self));
        response
    }
}

/// An error with its sources, for the log.
struct ErrorChain<'a>(&'a (dyn std::error::Error + 'static));

impl std::fmt::Display for ErrorChain<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)?;
        let mut source = self.0.source();
        while let Some(error) = source {
            write!(f, ": {error}")?;
            source = error.source();
        }
        Ok(())
    }
}

/// The fallback of the router: no route matched.
pub(crate) async fn not_found() -> WebError {
    WebError::NotFound
}

/// A route matched, but not for this method.
pub(crate) async fn method_not_allowed() -> WebError {
    WebError::MethodNotAllowed
}

/// The error page.
#[derive(Template)]
#[template(path = "errors/error.html")]
struct ErrorPage {
    frame: Frame,
    t: Text,
    heading: String,
    body: String,
}

/// Renders the error page for `request` in `locale`, keeping the status.
pub(crate) fn render(state: &AppState, locale: &Language, request: &ErrorPageRequest) -> Response {
    let t = Text::new(
        state.messages().clone(),
        locale.clone(),
        state.settings().time_zone.zone().clone(),
    );
    let heading = t.get(&format!("error-{}-title", request.code.page));
    let body = t.get(&format!("error-{}-body", request.code.page));
    let frame = Frame::new(
        state,
        &t,
        format!("{heading} — {}", state.settings().site_name),
    );
    let page = ErrorPage {
        frame,
        t,
        heading,
        body,
    };
    let status = request.code.status;
    match page.render() {
        Ok(html) => {
            let mut response = (status, html).into_response();
            let headers = response.headers_mut();
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            );
            if let Ok(value) = HeaderValue::from_str(locale.as_str()) {
                headers.insert(header::CONTENT_LANGUAGE, value);
            }
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
            response
        }
        Err(error) => {
            tracing::error!(%error, "rendering the error page failed");
            (
                status,
                [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
                status.canonical_reason().unwrap_or("Error"),
            )
                .into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readers_errors_are_4xx_and_only_ours_are_5xx() {
        let errors = [
            WebError::NotFound,
            WebError::Gone,
            WebError::BadRequest("x"),
            WebError::UriTooLong { limit: 1 },
            WebError::QueryTooLong { limit: 1 },
            WebError::MethodNotAllowed,
            WebError::Store(StoreError::NotFound("article")),
            WebError::Store(StoreError::Open("gone".into())),
            WebError::InvalidSettings("x"),
            WebError::UnknownLanguage,
            WebError::InvalidParameter {
                name: "limit",
                expected: "a number",
            },
            WebError::UnknownTerm { name: "topic" },
            WebError::InvalidCursor,
            WebError::NotInLanguage,
            WebError::NotAcceptable,
            WebError::SearchUnavailable("no index".into()),
            WebError::Forbidden,
            WebError::InvalidFormToken,
            WebError::TooManyRequests,
        ];
        for error in &errors {
            let code = error.code();
            match code.kind {
                ErrorKind::User => assert!(code.status.is_client_error(), "{error}"),
                ErrorKind::Internal => assert!(code.status.is_server_error(), "{error}"),
            }
            assert!(
                code.name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b == b'_'),
                "{}",
                code.name
            );
        }
    }
}
