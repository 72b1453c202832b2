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
        response.extensions_mut().insert(ErrorPageRequest { code });
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
