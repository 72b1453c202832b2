//! `/api/v1/sources`: the outlets Herald publishes from, by key, each with its name, slug and
//! site page in the language asked, its names in every language, and the credit and licence
//! its articles carry.

use std::collections::BTreeMap;

use axum::extract::{RawQuery, State};
use axum::response::Response;
use herald_domain::Source;
use serde::Serialize;

use super::{Name, Params, TermPage, json, term_url};
use crate::paths::ListKind;
use crate::{AppState, WebError};

/// Every source.
#[derive(Serialize)]
struct SourceList {
    language: String,
    items: Vec<SourceItem>,
}

/// A source.
#[derive(Serialize)]
struct SourceItem {
    id: i64,
    key: String,
    name: Option<String>,
    slug: Option<String>,
    url: Option<String>,
    description: Option<String>,
    names: BTreeMap<String, Name>,
    home_url: String,
    language: String,
    credit: String,
    licence: String,
}

const PAGE: TermPage = TermPage::List(ListKind::Source);

/// `GET /api/v1/sources`.
pub(crate) async fn sources(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
) -> Result<Response, WebError> {
    let lang = Params::parse(query.as_deref()).language(&state)?;
    let default = std::slice::from_ref(&state.settings().default_language);
    let items = state
        .store()
        .list_sources()
        .await?
        .iter()
        .map(|source: &Source| {
            let slug = source.slugs.get(&lang);
            SourceItem {
                id: source.id.get(),
                key: source.key.clone(),
                name: source.names.best(&lang, default).map(|(_, n)| n.clone()),
                slug: slug.map(ToString::to_string),
                url: slug.and_then(|slug| term_url(&state, &lang, PAGE, slug)),
                description: source.descriptions.get(&lang).cloned(),
                names: source
                    .names
                    .iter()
                    .filter_map(|(l, name)| {
                        let slug = source.slugs.get(l)?;
                        Some((
                            l.to_string(),
                            Name {
                                name: name.clone(),
                                slug: slug.to_string(),
                                url: term_url(&state, l, PAGE, slug),
                            },
                        ))
                    })
                    .collect(),
                home_url: source.home_url.to_string(),
                language: source.language.to_string(),
                credit: source.rights.credit.clone(),
                licence: source.rights.licence.clone(),
            }
        })
        .collect();
    json(&SourceList {
        language: lang.to_string(),
        items,
    })
}
