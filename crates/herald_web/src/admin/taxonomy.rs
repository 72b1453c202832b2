//! Categories, topics and places: each term's name in every language of the site, renamed
//! one language at a time (the slug follows; the old one keeps redirecting), and new terms.
//! Terms are never deleted here: articles and old links point at them.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use herald_domain::{Action, CategoryId, Language, Localized, PlaceId, PlaceKind, TermName};
use herald_store::{NewCategory, NewPlace, NewTerm, StoreError, TermKind};
use serde::Deserialize;

use super::audit;
use super::frame::{AdminFrame, notice_key};
use super::session::{AdminError, Staff, page_with_status};
use crate::html::Text;
use crate::{AppState, WebError};

pub(crate) fn routes() -> Router<AppState> {
    [Kind::Categories, Kind::Topics, Kind::Places]
        .into_iter()
        .fold(Router::new(), |router, kind| {
            router
                .route(
                    &format!("/admin/{}", kind.path()),
                    get(move |s: State<AppState>, staff: Staff, uri: Uri| {
                        list(s, staff, uri, kind)
                    })
                    .post(
                        move |s: State<AppState>, staff: Staff, form: Form<CreateForm>| {
                            create(s, staff, form, kind)
                        },
                    ),
                )
                .route(
                    &format!("/admin/{}/{{id}}/name", kind.path()),
                    post(
                        move |s: State<AppState>,
                              staff: Staff,
                              id: Path<i64>,
                              form: Form<RenameForm>| {
                            rename(s, staff, id, form, kind)
                        },
                    ),
                )
        })
}

/// A term's name in the admin's language, else another, else its key.
pub(crate) fn term_name(t: &Text, names: &Localized<TermName>, key: &str) -> String {
    names
        .best(t.lang(), &[])
        .map_or_else(|| key.to_owned(), |(_, n)| n.name.clone())
}

/// Which list of terms a page shows.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Categories,
    Topics,
    Places,
}

impl Kind {
    const fn path(self) -> &'static str {
        match self {
            Self::Categories => "categories",
            Self::Topics => "topics",
            Self::Places => "places",
        }
    }

    const fn term_kind(self) -> TermKind {
        match self {
            Self::Categories => TermKind::Category,
            Self::Topics => TermKind::Topic,
            Self::Places => TermKind::Place,
        }
    }

    const fn audit_kind(self) -> &'static str {
        match self {
            Self::Categories => "category",
            Self::Topics => "topic",
            Self::Places => "place",
        }
    }
}

/// One stored term, whatever its kind.
struct Term {
    id: i64,
    key: String,
    names: Localized<TermName>,
    /// The parent's name (categories) or the kind (places).
    note: String,
}

async fn terms(state: &AppState, t: &Text, kind: Kind) -> Result<Vec<Term>, AdminError> {
    let store = state.store();
    Ok(match kind {
        Kind::Categories => {
            let all = store.list_categories().await?;
            all.iter()
                .map(|c| Term {
                    id: c.id.get(),
                    key: c.key.clone(),
                    names: c.names.clone(),
                    note: c
                        .parent
                        .and_then(|p| all.iter().find(|x| x.id == p))
                        .map(|p| term_name(t, &p.names, &p.key))
                        .unwrap_or_default(),
                })
                .collect()
        }
        Kind::Topics => store
            .list_topics()
            .await?
            .into_iter()
            .map(|c| Term {
                id: c.id.get(),
                key: c.key,
                names: c.names,
                note: String::new(),
            })
            .collect(),
        Kind::Places => store
            .list_places()
            .await?
            .into_iter()
            .map(|c| Term {
                id: c.id.get(),
                key: c.key,
                names: c.names,
                note: t.get(&format!("admin-place-kind-{}", c.kind.as_str())),
            })
            .collect(),
    })
}

#[derive(Template)]
#[template(path = "admin/taxonomy.html")]
struct TaxonomyPage {
    frame: AdminFrame,
    heading: String,
    path: &'static str,
    is_categories: bool,
    is_places: bool,
    terms: Vec<TermRow>,
    /// The site's languages: tag and name.
    languages: Vec<(String, String)>,
    /// Parents a new category may have: id and name.
    parents: Vec<(i64, String)>,
    place_kinds: Vec<(&'static str, String)>,
    form: CreateForm,
    errors: Vec<String>,
}

struct TermRow {
    id: i64,
    key: String,
    note: String,
    /// Per site language: tag, name, slug.
    names: Vec<(String, String, String)>,
}

async fn render(
    state: &AppState,
    staff: &Staff,
    kind: Kind,
    status: StatusCode,
    notice: Option<&str>,
    form: CreateForm,
    errors: Vec<String>,
) -> Result<Response, AdminError> {
    staff.require(Action::ManageTaxonomy)?;
    let t = &staff.t;
    let all = terms(state, t, kind).await?;
    let languages: Vec<(String, String)> = state
        .settings()
        .languages
        .iter()
        .map(|l| (l.to_string(), t.language_name(l)))
        .collect();
    let parents = if kind == Kind::Categories {
        all.iter()
            .map(|c| (c.id, term_name(t, &c.names, &c.key)))
            .collect()
    } else {
        Vec::new()
    };
    let rows = all
        .into_iter()
        .map(|term| TermRow {
            id: term.id,
            names: state
                .settings()
                .languages
                .iter()
                .map(|l| {
                    let named = term.names.get(l);
                    (
                        l.to_string(),
                        named.map(|n| n.name.clone()).unwrap_or_default(),
                        named.map(|n| n.slug.to_string()).unwrap_or_default(),
                    )
                })
                .collect(),
            key: term.key,
            note: term.note,
        })
        .collect();
    let place_kinds = [PlaceKind::Country, PlaceKind::Province, PlaceKind::City]
        .into_iter()
        .map(|k| {
            (
                k.as_str(),
                t.get(&format!("admin-place-kind-{}", k.as_str())),
            )
        })
        .collect();
    let heading = t.get(&format!("admin-nav-{}", kind.path()));
    let frame = AdminFrame::new(state, staff, &heading, kind.path()).with_notice(notice);
    let html = TaxonomyPage {
        frame,
        heading,
        path: kind.path(),
        is_categories: kind == Kind::Categories,
        is_places: kind == Kind::Places,
        terms: rows,
        languages,
        parents,
        place_kinds,
        form,
        errors,
    }
    .render()?;
    Ok(page_with_status(status, html))
}

async fn list(
    State(state): State<AppState>,
    staff: Staff,
    uri: Uri,
    kind: Kind,
) -> Result<Response, AdminError> {
    render(
        &state,
        &staff,
        kind,
        StatusCode::OK,
        notice_key(uri.query()).as_deref(),
        CreateForm::default(),
        Vec::new(),
    )
    .await
}

/// A new term as the form sends it.
#[derive(Deserialize, Default)]
struct CreateForm {
    #[serde(default)]
    key: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    parent: String,
    #[serde(default)]
    kind: String,
}

async fn create(
    State(state): State<AppState>,
    staff: Staff,
    Form(form): Form<CreateForm>,
    kind: Kind,
) -> Result<Response, AdminError> {
    staff.require(Action::ManageTaxonomy)?;
    let t = &staff.t;
    let store = state.store();
    let mut errors = Vec::new();
    let key = form.key.trim().to_owned();
    if key.is_empty()
        || key.len() > 60
        || !key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        errors.push(t.get("admin-term-error-key"));
    } else if store
        .term_id_by_key(kind.term_kind(), &key)
        .await?
        .is_some()
    {
        errors.push(t.get("admin-term-error-key-taken"));
    }
    let name = form.name.trim().to_owned();
    if name.is_empty() || name.chars().count() > 120 {
        errors.push(t.get("admin-term-error-name"));
    }
    let parent = match form.parent.trim() {
        "" => None,
        id => match id.parse::<i64>() {
            Ok(id) => Some(id),
            Err(_) => {
                errors.push(t.get("admin-term-error-parent"));
                None
            }
        },
    };
    let place_kind = PlaceKind::parse(&form.kind);
    if kind == Kind::Places && place_kind.is_none() {
        errors.push(t.get("admin-term-error-kind"));
    }
    if !errors.is_empty() {
        return render(
            &state,
            &staff,
            kind,
            StatusCode::UNPROCESSABLE_ENTITY,
            None,
            form,
            errors,
        )
        .await;
    }
    let mut names = Localized::new();
    names.insert(state.settings().default_language.clone(), name);
    let term = NewTerm {
        key: key.clone(),
        names,
        descriptions: Localized::new(),
    };
    let created = match kind {
        Kind::Categories => {
            let position = i32::try_from(store.list_categories().await?.len()).unwrap_or(0);
            store
                .create_category(NewCategory {
                    term,
                    parent: parent.map(CategoryId::new),
                    position,
                })
                .await
                .map(|c| c.id.get())
        }
        Kind::Topics => store.create_topic(term).await.map(|c| c.id.get()),
        Kind::Places => store
            .create_place(NewPlace {
                term,
                kind: place_kind.unwrap_or(PlaceKind::Province),
                parent: parent.map(PlaceId::new),
            })
            .await
            .map(|c| c.id.get()),
    };
    let id = match created {
        Ok(id) => id,
        Err(StoreError::Conflict { .. } | StoreError::Invalid(_)) => {
            let errors = vec![t.get("admin-term-error-key-taken")];
            return render(
                &state,
                &staff,
                kind,
                StatusCode::UNPROCESSABLE_ENTITY,
                None,
                form,
                errors,
            )
            .await;
        }
        Err(error) => return Err(error.into()),
    };
    audit::record(
        &state,
        &staff,
        &format!("{}.create", kind.audit_kind()),
        kind.audit_kind(),
        id,
        key,
    )
    .await?;
    Ok(Redirect::to(&format!("/admin/{}?notice=created", kind.path())).into_response())
}

#[derive(Deserialize)]
struct RenameForm {
    language: String,
    name: String,
}

async fn rename(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(form): Form<RenameForm>,
    kind: Kind,
) -> Result<Response, AdminError> {
    staff.require(Action::ManageTaxonomy)?;
    let language = Language::parse(&form.language)
        .ok()
        .filter(|l| state.settings().languages.contains(l))
        .ok_or(AdminError::Web(WebError::UnknownLanguage))?;
    let name = form.name.trim();
    if name.is_empty() || name.chars().count() > 120 {
        let errors = vec![staff.t.get("admin-term-error-name")];
        return render(
            &state,
            &staff,
            kind,
            StatusCode::UNPROCESSABLE_ENTITY,
            None,
            CreateForm::default(),
            errors,
        )
        .await;
    }
    let slug = match state
        .store()
        .rename_term(kind.term_kind(), id, &language, name)
        .await
    {
        Ok(slug) => slug,
        Err(StoreError::NotFound(_)) => return Err(AdminError::Web(WebError::NotFound)),
        Err(error) => return Err(error.into()),
    };
    audit::record(
        &state,
        &staff,
        &format!("{}.rename", kind.audit_kind()),
        kind.audit_kind(),
        id,
        format!("{language}: {name} ({slug})"),
    )
    .await?;
    Ok(Redirect::to(&format!("/admin/{}?notice=saved", kind.path())).into_response())
}
