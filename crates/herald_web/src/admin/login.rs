//! Signing in and out. The sign-in form carries its own CSRF token (a cookie of its own,
//! checked by the admin's CSRF middleware like every other form). A wrong password counts
//! against the account, which is locked for a while after a few in a row, and against the
//! address, which is refused (429) for a while after many, whichever accounts it tries. An
//! unknown e-mail costs the same time as a known one and gets the same answer.

use std::time::Instant;

use askama::Template;
use axum::extract::{Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use herald_domain::{NewAuditEvent, Timestamp};
use herald_i18n::Arg;
use herald_store::Session;
use serde::Deserialize;

use super::frame::{AdminFrame, notice_key};
use super::password::{decoy_hash, verify_password};
use super::session::{
    self, ADMIN_PATH, AdminError, LOGIN_CSRF_COOKIE, SESSION_COOKIE, Staff, admin_locale,
    admin_text, client_address, page_with_status, random_token, safe_next, token_hash,
};
use crate::AppState;

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/login", get(show).post(sign_in))
        .route("/admin/logout", post(sign_out))
}

#[derive(Template)]
#[template(path = "admin/login.html")]
struct LoginPage {
    frame: AdminFrame,
    next: String,
    email: String,
    error: Option<String>,
}

#[derive(Deserialize)]
struct NextQuery {
    next: Option<String>,
}

async fn show(
    State(state): State<AppState>,
    Query(query): Query<NextQuery>,
    headers: HeaderMap,
    uri: axum::http::Uri,
) -> Result<Response, AdminError> {
    if session::signed_in(&state, &headers).await?.is_some() {
        return Ok(Redirect::to(&safe_next(query.next.as_deref())).into_response());
    }
    let notice = notice_key(uri.query());
    render(
        &state,
        &headers,
        StatusCode::OK,
        safe_next(query.next.as_deref()),
        String::new(),
        None,
        notice.as_deref(),
    )
}

/// The sign-in page, with a fresh form token unless the browser holds one already.
fn render(
    state: &AppState,
    headers: &HeaderMap,
    status: StatusCode,
    next: String,
    email: String,
    error: Option<String>,
    notice: Option<&str>,
) -> Result<Response, AdminError> {
    let t = admin_text(state, admin_locale(state, None, headers));
    let (csrf, fresh) = match session::cookie(headers, LOGIN_CSRF_COOKIE) {
        Some(token) => (token, false),
        None => (random_token()?, true),
    };
    let heading = t.get("admin-login-title");
    let frame = AdminFrame::anonymous(state, t, &heading, csrf.clone()).with_notice(notice);
    let html = LoginPage {
        frame,
        next,
        email,
        error,
    }
    .render()?;
    let mut response = page_with_status(status, html);
    if fresh
        && let Some(cookie) = session::set_cookie(
            state,
            LOGIN_CSRF_COOKIE,
            &csrf,
            "/admin/login",
            3600,
            "Strict",
        )
    {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    Ok(response)
}

#[derive(Deserialize)]
struct SignInForm {
    email: String,
    password: String,
    next: Option<String>,
}

async fn sign_in(
    State(state): State<AppState>,
    parts: Parts,
    Form(form): Form<SignInForm>,
) -> Result<Response, AdminError> {
    let headers = &parts.headers;
    let next = safe_next(form.next.as_deref());
    let email = form.email.trim().to_lowercase();
    let t = admin_text(&state, admin_locale(&state, None, headers));
    let address = client_address(&parts);
    if let Some(address) = address
        && !state.login_throttle().attempt(address, Instant::now())
    {
        let error = t.get("admin-login-slow-down");
        return render(
            &state,
            headers,
            StatusCode::TOO_MANY_REQUESTS,
            next,
            email,
            Some(error),
            None,
        );
    }
    let store = state.store();
    let found = if email.len() <= 254 {
        store.user_by_email(&email).await?
    } else {
        None
    };
    let hash = found
        .as_ref()
        .map_or_else(|| decoy_hash().to_owned(), |(_, hash)| hash.clone());
    let password = form.password;
    // Argon2 takes tens of milliseconds of one core: off the async threads.
    let matches = tokio::task::spawn_blocking(move || verify_password(&password, &hash))
        .await
        .unwrap_or(false);
    let now = state.clock().now();
    let admin = &state.settings().admin;

    let Some((user, _)) = found else {
        return refuse(&state, headers, next, email, t.get("admin-login-failed"));
    };
    if user.disabled {
        return refuse(&state, headers, next, email, t.get("admin-login-failed"));
    }
    if user.is_locked(now) {
        let message = locked_message(&t, user.locked_until, now);
        return refuse(&state, headers, next, email, message);
    }
    if !matches {
        let after = store
            .record_login_failure(user.id, now, admin.lock_after, admin.lock_for)
            .await?;
        let message = if after.is_locked(now) {
            store
                .record_audit(NewAuditEvent {
                    user: Some(user.id),
                    actor: user.email.clone(),
                    action: "user.locked".into(),
                    target_kind: "user".into(),
                    target: user.id.to_string(),
                    detail: format!("{} failed sign-ins", after.failed_logins),
                })
                .await?;
            locked_message(&t, after.locked_until, now)
        } else {
            t.get("admin-login-failed")
        };
        return refuse(&state, headers, next, email, message);
    }

    store.record_login_success(user.id).await?;
    // Sign-ins are rare and sessions few: each one sweeps away those that ended.
    store.delete_expired_sessions(now).await?;
    if let Some(address) = address {
        state.login_throttle().forget(address);
    }
    let token = random_token()?;
    let lifetime = admin.session_lifetime;
    let expires_at = now
        .checked_add(jiff::SignedDuration::try_from(lifetime).unwrap_or(jiff::SignedDuration::ZERO))
        .unwrap_or(now);
    store
        .create_session(Session {
            token_hash: token_hash(&token),
            user: user.id,
            csrf_token: random_token()?,
            created_at: now,
            expires_at,
        })
        .await?;
    let mut response = Redirect::to(&next).into_response();
    let headers = response.headers_mut();
    if let Some(cookie) = session::set_cookie(
        &state,
        SESSION_COOKIE,
        &token,
        ADMIN_PATH,
        lifetime.as_secs(),
        "Lax",
    ) {
        headers.append(header::SET_COOKIE, cookie);
    }
    if let Some(cookie) =
        session::set_cookie(&state, LOGIN_CSRF_COOKIE, "", "/admin/login", 0, "Strict")
    {
        headers.append(header::SET_COOKIE, cookie);
    }
    Ok(response)
}

/// The sign-in page again, with why it was refused (401).
fn refuse(
    state: &AppState,
    headers: &HeaderMap,
    next: String,
    email: String,
    message: String,
) -> Result<Response, AdminError> {
    render(
        state,
        headers,
        StatusCode::UNAUTHORIZED,
        next,
        email,
        Some(message),
        None,
    )
}

/// "Locked; try again in N minutes", rounded up.
fn locked_message(t: &crate::html::Text, until: Option<Timestamp>, now: Timestamp) -> String {
    let seconds = until.map_or(0, |until| until.as_second() - now.as_second());
    let minutes = (seconds.max(1) + 59) / 60;
    t.format("admin-login-locked", &[("minutes", Arg::Number(minutes))])
}

async fn sign_out(State(state): State<AppState>, staff: Staff) -> Result<Response, AdminError> {
    state
        .store()
        .delete_session(&staff.session.token_hash)
        .await?;
    let mut response = Redirect::to("/admin/login?notice=signed-out").into_response();
    if let Some(cookie) = session::set_cookie(&state, SESSION_COOKIE, "", ADMIN_PATH, 0, "Lax") {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    Ok(response)
}
