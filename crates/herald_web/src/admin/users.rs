//! Accounts and roles, for admins: the list, a new account, and an account's role, languages
//! (a translator's), name, state and password. An admin cannot take away their own admin
//! role or disable themselves, so the newsroom always keeps someone who can manage it.

use askama::Template;
use axum::extract::State;
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Form, Router};
use herald_domain::{Action, Language, NewUser, Role, User, UserId, UserUpdate};
use herald_i18n::Arg;
use herald_store::StoreError;

use super::audit;
use super::frame::{AdminFrame, notice_key};
use super::password::{MIN_PASSWORD_CHARS, PasswordError, hash_password};
use super::session::{AdminError, Staff, page, page_with_status};
use crate::extract::Segments;
use crate::{AppState, WebError};

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/users", get(list).post(create))
        .route("/admin/users/new", get(new))
        .route("/admin/users/{id}", get(edit).post(save))
}

#[derive(Template)]
#[template(path = "admin/users.html")]
struct UsersPage {
    frame: AdminFrame,
    users: Vec<UserRow>,
}

struct UserRow {
    href: String,
    email: String,
    name: String,
    role: String,
    languages: String,
    disabled: bool,
    locked: bool,
}

#[derive(Template)]
#[template(path = "admin/user_form.html")]
struct UserForm {
    frame: AdminFrame,
    action: String,
    is_new: bool,
    email: String,
    name: String,
    roles: Vec<(&'static str, String, bool)>,
    languages: Vec<(String, String, bool)>,
    disabled: bool,
    error: Option<String>,
}

/// Form fields as sent: repeated `language` fields, so read as pairs.
type Fields = Vec<(String, String)>;

fn field<'a>(fields: &'a Fields, name: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

async fn list(
    State(state): State<AppState>,
    staff: Staff,
    uri: Uri,
) -> Result<Response, AdminError> {
    staff.require(Action::ManageUsers)?;
    let now = state.clock().now();
    let users = state
        .store()
        .list_users()
        .await?
        .into_iter()
        .map(|u| UserRow {
            href: format!("/admin/users/{}", u.id),
            role: staff.t.get(&format!("admin-role-{}", u.role.as_str())),
            languages: u
                .languages
                .iter()
                .map(Language::as_str)
                .collect::<Vec<_>>()
                .join(" "),
            locked: u.is_locked(now),
            disabled: u.disabled,
            email: u.email,
            name: u.display_name,
        })
        .collect();
    let heading = staff.t.get("admin-users-title");
    let frame = AdminFrame::new(&state, &staff, &heading, "users")
        .with_notice(notice_key(uri.query()).as_deref());
    Ok(page(UsersPage { frame, users }.render()?))
}

fn form(
    state: &AppState,
    staff: &Staff,
    user: Option<&User>,
    fields: Option<&Fields>,
    error: Option<String>,
) -> Result<String, AdminError> {
    let t = &staff.t;
    let role = fields
        .and_then(|f| field(f, "role"))
        .and_then(Role::parse)
        .or(user.map(|u| u.role))
        .unwrap_or(Role::Editor);
    let chosen: Vec<String> = match fields {
        Some(f) => f
            .iter()
            .filter(|(k, _)| k == "language")
            .map(|(_, v)| v.clone())
            .collect(),
        None => user.map_or_else(Vec::new, |u| {
            u.languages.iter().map(ToString::to_string).collect()
        }),
    };
    let heading = if user.is_some() {
        t.get("admin-users-edit")
    } else {
        t.get("admin-users-new")
    };
    let frame = AdminFrame::new(state, staff, &heading, "users");
    Ok(UserForm {
        action: user.map_or_else(
            || "/admin/users".to_owned(),
            |u| format!("/admin/users/{}", u.id),
        ),
        is_new: user.is_none(),
        email: fields
            .and_then(|f| field(f, "email"))
            .map(str::to_owned)
            .or_else(|| user.map(|u| u.email.clone()))
            .unwrap_or_default(),
        name: fields
            .and_then(|f| field(f, "name"))
            .map(str::to_owned)
            .or_else(|| user.map(|u| u.display_name.clone()))
            .unwrap_or_default(),
        roles: Role::ALL
            .iter()
            .map(|r| {
                (
                    r.as_str(),
                    t.get(&format!("admin-role-{}", r.as_str())),
                    *r == role,
                )
            })
            .collect(),
        languages: state
            .settings()
            .languages
            .iter()
            .map(|l| {
                (
                    l.to_string(),
                    t.language_name(l),
                    chosen.contains(&l.to_string()),
                )
            })
            .collect(),
        disabled: fields.map_or_else(
            || user.is_some_and(|u| u.disabled),
            |f| field(f, "disabled").is_some(),
        ),
        error,
        frame,
    }
    .render()?)
}

async fn new(State(state): State<AppState>, staff: Staff) -> Result<Response, AdminError> {
    staff.require(Action::ManageUsers)?;
    Ok(page(form(&state, &staff, None, None, None)?))
}

async fn edit(
    State(state): State<AppState>,
    staff: Staff,
    Segments(id): Segments<i64>,
) -> Result<Response, AdminError> {
    staff.require(Action::ManageUsers)?;
    let user = state
        .store()
        .user(UserId::new(id))
        .await?
        .ok_or(WebError::NotFound)?;
    Ok(page(form(&state, &staff, Some(&user), None, None)?))
}

/// Role and languages as the form gives them, checked.
fn role_and_languages(
    state: &AppState,
    staff: &Staff,
    fields: &Fields,
) -> Result<(Role, Vec<Language>), String> {
    let t = &staff.t;
    let role = field(fields, "role")
        .and_then(Role::parse)
        .ok_or_else(|| t.get("admin-users-bad-role"))?;
    let languages: Vec<Language> = fields
        .iter()
        .filter(|(k, _)| k == "language")
        .filter_map(|(_, v)| Language::parse(v).ok())
        .filter(|l| state.settings().languages.contains(l))
        .collect();
    match role {
        Role::Translator if languages.is_empty() => Err(t.get("admin-users-needs-language")),
        Role::Translator => Ok((role, languages)),
        _ => Ok((role, Vec::new())),
    }
}

/// The hash of the form's new password, or the message saying why it is refused.
async fn new_password(staff: &Staff, password: &str) -> Result<String, String> {
    let password = password.to_owned();
    let hashed = tokio::task::spawn_blocking(move || hash_password(&password))
        .await
        .unwrap_or(Err(PasswordError::Hashing(
            "the hashing task stopped".into(),
        )));
    hashed.map_err(|_| {
        staff.t.format(
            "admin-account-password-short",
            &[(
                "count",
                Arg::Number(i64::try_from(MIN_PASSWORD_CHARS).unwrap_or(10)),
            )],
        )
    })
}

async fn create(
    State(state): State<AppState>,
    staff: Staff,
    Form(fields): Form<Fields>,
) -> Result<Response, AdminError> {
    staff.require(Action::ManageUsers)?;
    let refuse = |error: String| -> Result<Response, AdminError> {
        Ok(page_with_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            form(&state, &staff, None, Some(&fields), Some(error))?,
        ))
    };
    let email = field(&fields, "email")
        .unwrap_or_default()
        .trim()
        .to_lowercase();
    if !email.contains('@') || email.len() > 254 || email.chars().any(char::is_whitespace) {
        return refuse(staff.t.get("admin-users-bad-email"));
    }
    let (role, languages) = match role_and_languages(&state, &staff, &fields) {
        Ok(found) => found,
        Err(error) => return refuse(error),
    };
    let password_hash =
        match new_password(&staff, field(&fields, "password").unwrap_or_default()).await {
            Ok(hash) => hash,
            Err(error) => return refuse(error),
        };
    let name = field(&fields, "name").unwrap_or_default().trim();
    let display_name = if name.is_empty() {
        email.split('@').next().unwrap_or_default().to_owned()
    } else {
        name.chars().take(120).collect()
    };
    let created = state
        .store()
        .create_user(NewUser {
            email,
            display_name,
            role,
            languages,
            locale: None,
            password_hash,
        })
        .await;
    let user = match created {
        Ok(user) => user,
        Err(StoreError::Conflict { .. }) => return refuse(staff.t.get("admin-users-exists")),
        Err(error) => return Err(error.into()),
    };
    audit::record(
        &state,
        &staff,
        "user.create",
        "user",
        user.id,
        format!("{} {}", user.email, user.role.as_str()),
    )
    .await?;
    Ok(Redirect::to("/admin/users?notice=created").into_response())
}

async fn save(
    State(state): State<AppState>,
    staff: Staff,
    Segments(id): Segments<i64>,
    Form(fields): Form<Fields>,
) -> Result<Response, AdminError> {
    staff.require(Action::ManageUsers)?;
    let id = UserId::new(id);
    let user = state.store().user(id).await?.ok_or(WebError::NotFound)?;
    let refuse = |error: String| -> Result<Response, AdminError> {
        Ok(page_with_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            form(&state, &staff, Some(&user), Some(&fields), Some(error))?,
        ))
    };
    let (role, languages) = match role_and_languages(&state, &staff, &fields) {
        Ok(found) => found,
        Err(error) => return refuse(error),
    };
    let disabled = field(&fields, "disabled").is_some();
    if id == staff.user.id && (role != Role::Admin || disabled) {
        return refuse(staff.t.get("admin-users-not-yourself"));
    }
    let name = field(&fields, "name").unwrap_or_default().trim();
    let password = field(&fields, "password").unwrap_or_default();
    let hash = if password.is_empty() {
        None
    } else {
        match new_password(&staff, password).await {
            Ok(hash) => Some(hash),
            Err(error) => return refuse(error),
        }
    };
    let updated = state
        .store()
        .update_user(
            id,
            UserUpdate {
                display_name: (!name.is_empty()).then(|| name.chars().take(120).collect()),
                role: Some(role),
                languages: Some(languages),
                locale: None,
                disabled: Some(disabled),
            },
        )
        .await?;
    if let Some(hash) = hash {
        state.store().set_password(id, &hash).await?;
        audit::record(
            &state,
            &staff,
            "user.password",
            "user",
            id,
            updated.email.clone(),
        )
        .await?;
    }
    let tags: Vec<&str> = updated.languages.iter().map(Language::as_str).collect();
    let detail = format!(
        "{} {}{}{}",
        updated.email,
        updated.role.as_str(),
        if tags.is_empty() {
            String::new()
        } else {
            format!(" [{}]", tags.join(" "))
        },
        if updated.disabled { " disabled" } else { "" }
    );
    audit::record(&state, &staff, "user.update", "user", id, detail).await?;
    Ok(Redirect::to("/admin/users?notice=saved").into_response())
}
