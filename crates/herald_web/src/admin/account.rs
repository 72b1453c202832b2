//! The signed-in person's own settings: the admin's language (their choice wins over the
//! cookie and the browser's), and their password (the current one asked first; every session
//! of theirs ends after a change).

use askama::Template;
use axum::extract::State;
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use herald_domain::{Language, UserUpdate};
use herald_i18n::Arg;
use serde::Deserialize;

use super::audit;
use super::frame::{AdminFrame, notice_key};
use super::password::{MIN_PASSWORD_CHARS, PasswordError, hash_password, verify_password};
use super::session::{AdminError, Staff, page_with_status};
use crate::AppState;

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/account", get(show).post(save_locale))
        .route("/admin/account/password", post(change_password))
}

#[derive(Template)]
#[template(path = "admin/account.html")]
struct AccountPage {
    frame: AdminFrame,
    email: String,
    languages: Vec<(String, String, bool)>,
    automatic: bool,
    error: Option<String>,
}

fn render(
    state: &AppState,
    staff: &Staff,
    status: StatusCode,
    notice: Option<&str>,
    error: Option<String>,
) -> Result<Response, AdminError> {
    let heading = staff.t.get("admin-account-title");
    let frame = AdminFrame::new(state, staff, &heading, "account").with_notice(notice);
    let languages = state
        .settings()
        .languages
        .iter()
        .map(|l| {
            (
                l.to_string(),
                staff.t.autonym(l),
                staff.user.locale.as_ref() == Some(l),
            )
        })
        .collect();
    let html = AccountPage {
        frame,
        email: staff.user.email.clone(),
        languages,
        automatic: staff.user.locale.is_none(),
        error,
    }
    .render()?;
    Ok(page_with_status(status, html))
}

async fn show(
    State(state): State<AppState>,
    staff: Staff,
    uri: Uri,
) -> Result<Response, AdminError> {
    render(
        &state,
        &staff,
        StatusCode::OK,
        notice_key(uri.query()).as_deref(),
        None,
    )
}

#[derive(Deserialize)]
struct LocaleForm {
    locale: String,
}

async fn save_locale(
    State(state): State<AppState>,
    staff: Staff,
    Form(form): Form<LocaleForm>,
) -> Result<Response, AdminError> {
    let locale = if form.locale.is_empty() {
        None
    } else {
        let chosen = Language::parse(&form.locale)
            .ok()
            .filter(|l| state.settings().languages.contains(l))
            .ok_or(crate::WebError::UnknownLanguage)?;
        Some(chosen)
    };
    let detail = locale
        .as_ref()
        .map_or_else(String::new, Language::to_string);
    state
        .store()
        .update_user(
            staff.user.id,
            UserUpdate {
                locale: Some(locale),
                ..UserUpdate::default()
            },
        )
        .await?;
    audit::record(&state, &staff, "user.locale", "user", staff.user.id, detail).await?;
    Ok(Redirect::to("/admin/account?notice=saved").into_response())
}

#[derive(Deserialize)]
struct PasswordForm {
    current: String,
    new: String,
}

async fn change_password(
    State(state): State<AppState>,
    staff: Staff,
    Form(form): Form<PasswordForm>,
) -> Result<Response, AdminError> {
    let Some((_, hash)) = state.store().user_by_email(&staff.user.email).await? else {
        return Err(AdminError::Forbidden);
    };
    let current = form.current;
    let matches = tokio::task::spawn_blocking(move || verify_password(&current, &hash))
        .await
        .unwrap_or(false);
    if !matches {
        let error = staff.t.get("admin-account-password-wrong");
        return render(
            &state,
            &staff,
            StatusCode::UNPROCESSABLE_ENTITY,
            None,
            Some(error),
        );
    }
    let new = form.new;
    let hashed = tokio::task::spawn_blocking(move || hash_password(&new))
        .await
        .unwrap_or(Err(PasswordError::Hashing(
            "the hashing task stopped".into(),
        )));
    let hash = match hashed {
        Ok(hash) => hash,
        Err(PasswordError::TooShort | PasswordError::TooLong) => {
            let error = staff.t.format(
                "admin-account-password-short",
                &[(
                    "count",
                    Arg::Number(i64::try_from(MIN_PASSWORD_CHARS).unwrap_or(10)),
                )],
            );
            return render(
                &state,
                &staff,
                StatusCode::UNPROCESSABLE_ENTITY,
                None,
                Some(error),
            );
        }
        Err(error @ PasswordError::Hashing(_)) => {
            tracing::error!(%error, "changing a password failed");
            return Err(AdminError::Web(crate::WebError::BadRequest(
                "the password could not be hashed",
            )));
        }
    };
    state.store().set_password(staff.user.id, &hash).await?;
    audit::record(&state, &staff, "user.password", "user", staff.user.id, "").await?;
    Ok(Redirect::to("/admin/login?notice=password-changed").into_response())
}
