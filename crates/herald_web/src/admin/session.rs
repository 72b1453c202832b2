//! Who is signed in. The session cookie carries a random token; the store keeps only its
//! SHA-256, with the session's CSRF token and its end. [`Staff`] is the extractor every admin
//! page takes: it finds the session, the account and the admin's locale, or sends the browser
//! to the sign-in page. [`AdminError`] is what admin handlers fail with.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use herald_domain::{Action, Language, User};
use herald_i18n::negotiate;
use herald_store::{Session, StoreError};
use sha2::{Digest, Sha256};

use crate::html::Text;
use crate::middleware::header_text;
use crate::{AppState, WebError};

/// The cookie that carries a session's token.
pub(crate) const SESSION_COOKIE: &str = "herald_session";
/// The cookie that carries the sign-in form's CSRF token, before there is a session.
pub(crate) const LOGIN_CSRF_COOKIE: &str = "herald_login_csrf";
/// The path of the admin; its cookies go only there.
pub(crate) const ADMIN_PATH: &str = "/admin";

/// 32 random bytes as hex: a session, CSRF or form token.
pub(crate) fn random_token() -> Result<String, WebError> {
    let mut bytes = [0_u8; 32];
    getrandom::fill(&mut bytes).map_err(|_| WebError::BadRequest("no randomness available"))?;
    Ok(hex(&bytes))
}

/// SHA-256 of a token, hex: what the store keeps instead of the token.
pub(crate) fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes.iter().fold(String::new(), |mut out, b| {
        let _ = write!(out, "{b:02x}");
        out
    })
}

/// Compares two secrets in time that depends only on their lengths.
pub(crate) fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0_u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// The value of cookie `name`, if it is sent and looks like one of our tokens.
pub(crate) fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|pair| {
            let (key, value) = pair.trim().split_once('=')?;
            (key == name).then(|| value.trim().to_owned())
        })
        .filter(|v| v.len() == 64 && v.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// A `Set-Cookie` value for one of the admin's cookies: HttpOnly, SameSite, `Secure` when the
/// site is served over TLS; `max_age` 0 deletes it.
pub(crate) fn set_cookie(
    state: &AppState,
    name: &str,
    value: &str,
    path: &str,
    max_age: u64,
    same_site: &str,
) -> Option<HeaderValue> {
    let secure = if state.settings().secure_cookies() {
        "; Secure"
    } else {
        ""
    };
    HeaderValue::from_str(&format!(
        "{name}={value}; Path={path}; Max-Age={max_age}; HttpOnly; SameSite={same_site}{secure}"
    ))
    .ok()
}

/// The address a request came from, when the server was started with connection info.
pub(crate) fn client_address(parts: &Parts) -> Option<IpAddr> {
    parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip())
}

/// A session found for a request, kept in its extensions by the CSRF check so the page
/// does not read it again.
#[derive(Debug, Clone)]
pub(crate) struct SignedIn {
    pub(crate) session: Session,
    pub(crate) user: User,
}

/// The session a request's cookie names, if it is current and its account enabled.
pub(crate) async fn signed_in(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<Option<SignedIn>, WebError> {
    let Some(token) = cookie(headers, SESSION_COOKIE) else {
        return Ok(None);
    };
    let now = state.clock().now();
    Ok(state
        .store()
        .session(&token_hash(&token), now)
        .await?
        .map(|(session, user)| SignedIn { session, user }))
}

/// The admin's locale for `user`: their choice, else the site's language cookie, else
/// `Accept-Language`, else the site's default — among the site's languages.
pub(crate) fn admin_locale(state: &AppState, user: Option<&User>, headers: &HeaderMap) -> Language {
    let settings = state.settings();
    let chosen = user.and_then(|u| u.locale.as_ref()).map(Language::as_str);
    let cookie = crate::middleware::locale_cookie(headers);
    let accept = header_text(headers, header::ACCEPT_LANGUAGE);
    negotiate(
        chosen,
        cookie.as_deref(),
        accept.as_deref(),
        &settings.languages,
        &settings.default_language,
    )
    .locale
}

/// The admin's messages in `locale`, dates in the site's time zone.
pub(crate) fn admin_text(state: &AppState, locale: Language) -> Text {
    Text::new(
        state.messages().clone(),
        locale,
        state.settings().time_zone.zone().clone(),
    )
}

/// Someone signed in to the admin, with their messages.
pub(crate) struct Staff {
    pub(crate) user: User,
    pub(crate) session: Session,
    pub(crate) t: Text,
}

impl Staff {
    /// Refuses with 403 unless the account may do `action`.
    pub(crate) fn require(&self, action: Action<'_>) -> Result<(), AdminError> {
        if self.user.may(action) {
            Ok(())
        } else {
            Err(AdminError::Forbidden)
        }
    }
}

impl FromRequestParts<AppState> for Staff {
    type Rejection = AdminError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let found = match parts.extensions.get::<SignedIn>() {
            Some(found) => Some(found.clone()),
            None => signed_in(state, &parts.headers).await?,
        };
        let Some(SignedIn { session, user }) = found else {
            let next = parts
                .uri
                .path_and_query()
                .map_or(ADMIN_PATH, |pq| pq.as_str())
                .to_owned();
            return Err(AdminError::SignIn { next });
        };
        let locale = admin_locale(state, Some(&user), &parts.headers);
        let t = admin_text(state, locale);
        Ok(Self { user, session, t })
    }
}

/// How an admin page fails.
#[derive(Debug)]
pub(crate) enum AdminError {
    /// Nobody is signed in: go to the sign-in page, then back to `next`.
    SignIn {
        /// Where to come back to.
        next: String,
    },
    /// The account may not do this (403).
    Forbidden,
    /// Anything else, as the site reports it.
    Web(WebError),
}

impl From<WebError> for AdminError {
    fn from(error: WebError) -> Self {
        Self::Web(error)
    }
}

impl From<StoreError> for AdminError {
    fn from(error: StoreError) -> Self {
        Self::Web(WebError::Store(error))
    }
}

impl From<askama::Error> for AdminError {
    fn from(error: askama::Error) -> Self {
        Self::Web(WebError::Render(error))
    }
}

impl IntoResponse for AdminError {
    fn into_response(self) -> Response {
        match self {
            Self::SignIn { next } => {
                let query: String = url::form_urlencoded::Serializer::new(String::new())
                    .append_pair("next", &next)
                    .finish();
                Redirect::to(&format!("{ADMIN_PATH}/login?{query}")).into_response()
            }
            Self::Forbidden => WebError::Forbidden.into_response(),
            Self::Web(error) => error.into_response(),
        }
    }
}

/// A page of the admin as a response: HTML that no cache may keep.
pub(crate) fn page(html: String) -> Response {
    page_with_status(StatusCode::OK, html)
}

/// As [`page`], with a status (a form sent back with its errors).
pub(crate) fn page_with_status(status: StatusCode, html: String) -> Response {
    let mut response = (status, html).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// Where to go after signing in: an admin path of this site, or the dashboard.
pub(crate) fn safe_next(next: Option<&str>) -> String {
    next.filter(|n| {
        (n == &ADMIN_PATH || n.starts_with("/admin/") || n.starts_with("/admin?"))
            && !n.contains("//")
            && !n.contains('\\')
            && !n.starts_with("/admin/login")
            && n.len() <= 1024
    })
    .map_or_else(|| ADMIN_PATH.to_owned(), str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_hex_and_their_hashes_differ_from_them() {
        let a = random_token().unwrap_or_default();
        let b = random_token().unwrap_or_default();
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert_ne!(token_hash(&a), a);
        assert_eq!(token_hash(&a), token_hash(&a));
    }

    #[test]
    fn secrets_compare_equal_only_when_equal() {
        assert!(same_secret("abc", "abc"));
        assert!(!same_secret("abc", "abd"));
        assert!(!same_secret("abc", "abcd"));
        assert!(!same_secret("", "a"));
    }

    #[test]
    fn sign_in_returns_only_to_admin_pages_of_this_site() {
        assert_eq!(
            safe_next(Some("/admin/articles?q=x")),
            "/admin/articles?q=x"
        );
        assert_eq!(safe_next(Some("/admin")), "/admin");
        for hostile in [
            "https://evil.example/",
            "//evil.example/admin",
            "/admin//evil",
            "/adminx",
            "/admin/login",
            "/\\evil.example",
            "/vi/",
        ] {
            assert_eq!(safe_next(Some(hostile)), "/admin", "{hostile}");
        }
        assert_eq!(safe_next(None), "/admin");
    }
}
