//! The lists of one topic, author, source, place or tag: `/{lang}/topic/{slug}`,
//! `/{lang}/author/{slug}`, `/{lang}/source/{slug}`, `/{lang}/local/{place}` and
//! `/{lang}/tag/{slug}`, paginated like a section and shown with the same view.

use axum::extract::{RawQuery, State};
use axum::response::Response;
use axum::routing::{MethodRouter, get};
use herald_domain::{
    AuthorId, Language, Localized, PlaceId, Slug, SourceId, TagId, TermName, TopicId,
};
use herald_store::TermKind;

use super::category::{Listing, render_list};
use super::frame::menu_terms;
use super::{listed_in, moved_permanently, page_text, site_language};
use crate::extract::{Segments, page_number};
use crate::html::Html;
use crate::paths::{self, ListKind};
use crate::{AppState, WebError};

/// The route of one kind of list.
pub(crate) fn page(kind: ListKind) -> MethodRouter<AppState> {
    get(
        move |state: State<AppState>, segments: Segments<(String, String)>, query: RawQuery| {
            list(kind, state, segments, query)
        },
    )
}

/// A term's name, slug and description in one language.
struct Naming {
    lang: Language,
    name: String,
    slug: Slug,
    description: Option<String>,
}

fn namings(names: &Localized<TermName>) -> Vec<Naming> {
    names
        .iter()
        .map(|(lang, n)| Naming {
            lang: lang.clone(),
            name: n.name.clone(),
            slug: n.slug.clone(),
            description: n.description.clone(),
        })
        .collect()
}

/// `GET /{lang}/{word}/{slug}`.
async fn list(
    kind: ListKind,
    State(state): State<AppState>,
    Segments((lang, slug)): Segments<(String, String)>,
    RawQuery(query): RawQuery,
) -> Result<Response, WebError> {
    let lang = site_language(&state, &lang)?;
    let page = page_number(query.as_deref())?;
    let store = state.store();
    let term_kind = match kind {
        ListKind::Topic => TermKind::Topic,
        ListKind::Author => TermKind::Author,
        ListKind::Source => TermKind::Source,
        ListKind::Place => TermKind::Place,
        ListKind::Tag => TermKind::Tag,
    };
    let found = store
        .find_term_by_slug(term_kind, &lang, &slug)
        .await?
        .ok_or(WebError::NotFound)?;
    let id = found.value;
    let mut filter = listed_in(&state, &lang);
    // The term and what the menu needs in one read.
    let mut wanted = menu_terms(&state, &lang);
    match kind {
        ListKind::Topic => {
            filter.topic = Some(TopicId::new(id));
            wanted.topics.push(TopicId::new(id));
        }
        ListKind::Author => {
            filter.author = Some(AuthorId::new(id));
            wanted.authors.push(AuthorId::new(id));
        }
        ListKind::Place => {
            filter.place = Some(PlaceId::new(id));
            wanted.places.push(PlaceId::new(id));
        }
        ListKind::Tag => {
            filter.tag = Some(TagId::new(id));
            wanted.tags.push(TagId::new(id));
        }
        ListKind::Source => {
            filter.source = Some(SourceId::new(id));
            wanted.sources.push(SourceId::new(id));
        }
    }
    let terms = store.terms(&wanted).await?;
    let names = match kind {
        ListKind::Topic => terms.topics.first().map(|t| namings(&t.names)),
        ListKind::Author => terms.authors.first().map(|a| namings(&a.names)),
        ListKind::Place => terms.places.first().map(|p| namings(&p.names)),
        ListKind::Tag => terms.tags.first().map(|t| namings(&t.names)),
        ListKind::Source => terms.sources.first().map(|source| {
            source
                .slugs
                .iter()
                .filter_map(|(lang, slug)| {
                    Some(Naming {
                        lang: lang.clone(),
                        name: source.names.best(lang, &[])?.1.clone(),
                        slug: slug.clone(),
                        description: source.descriptions.get(lang).cloned(),
                    })
                })
                .collect()
        }),
    }
    .ok_or(WebError::NotFound)?;
    let here = names
        .iter()
        .find(|n| n.lang == lang)
        .ok_or(WebError::NotFound)?;
    let path = paths::list(&lang, kind, &here.slug);
    if !found.current || here.slug.as_str() != slug {
        return Ok(moved_permanently(&paths::paged(&path, page)));
    }

    let t = page_text(&state, &lang);
    // Names of people, places and outlets may be in another script than the page.
    let listing = Listing {
        heading: Html::isolated(&here.name),
        title: here.name.clone(),
        description: here.description.clone(),
        fallback_description: t.format(
            "list-description-fallback",
            &[("name", here.name.as_str().into())],
        ),
        parent: None,
        filter,
        editions: state
            .settings()
            .languages
            .iter()
            .filter_map(|l| {
                let naming = names.iter().find(|n| n.lang == *l)?;
                Some((l.clone(), paths::list(l, kind, &naming.slug)))
            })
            .collect(),
        path,
        section: None,
        videos: false,
        feed_title: (kind == ListKind::Topic).then(|| {
            t.format(
                "feed-title-topic",
                &[
                    ("site", state.settings().site_name.as_str().into()),
                    ("topic", here.name.as_str().into()),
                ],
            )
        }),
    };
    render_list(&state, &t, &terms, listing, page).await
}
