//! One check for every form the admin receives: a `POST` (or any other method that changes
//! something) must carry the token its page gave out — the session's, or before sign-in the
//! one in the sign-in form's own cookie — in the form field `csrf` or, for file uploads, the
//! `csrf` query parameter. Anything else is refused with 403 before a handler runs, so no
//! page can forget it.

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::session::{self, LOGIN_CSRF_COOKIE, SignedIn};
use crate::{AppState, WebError};

/// The form field (and query parameter) carrying the token.
pub(crate) const FIELD: &str = "csrf";
/// The largest form the admin reads (a glossary imported as a file).
pub(crate) const MAX_FORM_BYTES: usize = 8 * 1024 * 1024;

/// The middleware: passes safe methods through, checks the token of the others.
pub(crate) async fn check(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        return next.run(request).await;
    }
    let (mut parts, body) = request.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_FORM_BYTES).await else {
        return WebError::BadRequest("the form is larger than the admin accepts").into_response();
    };
    let is_form = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    let from_query = parts.uri.query().and_then(|q| field(q.as_bytes()));
    let sent = if is_form { field(&bytes) } else { None }.or(from_query);

    let expected = if parts.uri.path() == "/admin/login" {
        session::cookie(&parts.headers, LOGIN_CSRF_COOKIE)
    } else {
        match session::signed_in(&state, &parts.headers).await {
            Ok(Some(found)) => {
                let token = found.session.csrf_token.clone();
                parts.extensions.insert::<SignedIn>(found);
                Some(token)
            }
            Ok(None) => None,
            Err(error) => return error.into_response(),
        }
    };
    match (sent, expected) {
        (Some(sent), Some(expected)) if session::same_secret(&sent, &expected) => {
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
        _ => WebError::InvalidFormToken.into_response(),
    }
}

/// The value of the `csrf` field of an urlencoded form.
fn field(form: &[u8]) -> Option<String> {
    url::form_urlencoded::parse(form)
        .find(|(name, _)| name == FIELD)
        .map(|(_, value)| value.into_owned())
}
