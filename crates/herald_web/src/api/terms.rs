//! `/api/v1/categories`, `/api/v1/topics` and `/api/v1/authors`: every term of a kind, each
//! with its name, slug and site page in the language asked, and its names in every language.
//! Categories come in navigation order (parents before children), topics and authors by key.

use std::collections::BTreeMap;

use axum::extract::{RawQuery, State};
use axum::response::Response;
use herald_domain::{Language, Localized, TermName};
use serde::Serialize;

use super::{Name, Params, TermPage, TermRef, all_names, json};
use crate::paths::ListKind;
use crate::{AppState, WebError};

/// Every term of a kind.
#[derive(Serialize)]
struct TermList<T> {
    language: String,
    items: Vec<T>,
}

/// A term in the language asked, with its names in all languages.
#[derive(Serialize)]
struct TermItem {
    #[serde(flatten)]
    named: TermRef,
    key: String,
    description: Option<String>,
    names: BTreeMap<String, Name>,
}

impl TermItem {
    fn new(
        state: &AppState,
        id: i64,
        key: &str,
        names: &Localized<TermName>,
        lang: &Language,
        page: TermPage,
    ) -> Self {
        Self {
            named: TermRef::new(state, id, names, lang, page),
            key: key.to_owned(),
            description: names
                .get(lang)
                .and_then(|term| term.description.clone())
                .filter(|d| !d.is_empty()),
            names: all_names(state, names, page),
        }
    }
}

/// A category: a term with its place in the tree.
#[derive(Serialize)]
struct CategoryItem {
    #[serde(flatten)]
    term: TermItem,
    parent: Option<i64>,
    position: i32,
}

/// An author: a term with the outlet they write for.
#[derive(Serialize)]
struct AuthorItem {
    #[serde(flatten)]
    term: TermItem,
    source: Option<i64>,
}

/// `GET /api/v1/categories`.
pub(crate) async fn categories(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
) -> Result<Response, WebError> {
    let lang = Params::parse(query.as_deref()).language(&state)?;
    let items = state
        .store()
        .list_categories()
        .await?
        .iter()
        .map(|c| CategoryItem {
            term: TermItem::new(
                &state,
                c.id.get(),
                &c.key,
                &c.names,
                &lang,
                TermPage::Category,
            ),
            parent: c.parent.map(herald_domain::CategoryId::get),
            position: c.position,
        })
        .collect();
    json(&TermList {
        language: lang.to_string(),
        items,
    })
}

/// `GET /api/v1/topics`.
pub(crate) async fn topics(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
) -> Result<Response, WebError> {
    let lang = Params::parse(query.as_deref()).language(&state)?;
    let page = TermPage::List(ListKind::Topic);
    let items: Vec<TermItem> = state
        .store()
        .list_topics()
        .await?
        .iter()
        .map(|t| TermItem::new(&state, t.id.get(), &t.key, &t.names, &lang, page))
        .collect();
    json(&TermList {
        language: lang.to_string(),
        items,
    })
}

/// `GET /api/v1/authors`.
pub(crate) async fn authors(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
) -> Result<Response, WebError> {
    let lang = Params::parse(query.as_deref()).language(&state)?;
    let page = TermPage::List(ListKind::Author);
    let items = state
        .store()
        .list_authors()
        .await?
        .iter()
        .map(|a| AuthorItem {
            term: TermItem::new(&state, a.id.get(), &a.key, &a.names, &lang, page),
            source: a.source.map(herald_domain::SourceId::get),
        })
        .collect();
    json(&TermList {
        language: lang.to_string(),
        items,
    })
}
