//! `/api/v1/search`: the search page's search, for programs — one language's index, the same
//! analysis and filters (given as for `/articles`: ids or slugs), best match first, with
//! titles and snippets as HTML whose matched words are in `<mark>`.
//!
//! Pages are walked with an opaque cursor (the next offset, checked against the query and its
//! filters) or a `page` number; ranks depend on the whole index, so unlike the article list a
//! search has no position that stays stable while articles are published.

use axum::extract::{RawQuery, State};
use axum::response::Response;
use herald_domain::{AuthorId, CategoryId, PlaceId, SourceId, TopicId};
use herald_search::SearchQuery;
use herald_store::TermKind;
use serde::Serialize;

use super::articles::{Bound, date_bound, limit, term_id};
use super::{Params, cursor, json, site_url};
use crate::html::marked;
use crate::{AppState, WebError};

/// The longest query searched, in characters; the rest is ignored.
const MAX_QUERY_CHARS: usize = 200;
/// The deepest result a page may start at (the index serves no deeper).
const MAX_OFFSET: u64 = 10_000;

/// A page of results.
#[derive(Serialize)]
struct SearchResults {
    language: String,
    query: String,
    total: u64,
    /// No article holds every word of `query`: these hold some of them.
    some_words: bool,
    items: Vec<SearchHit>,
    next_cursor: Option<String>,
}

/// One result.
#[derive(Serialize)]
struct SearchHit {
    id: i64,
    language: String,
    title: String,
    title_html: String,
    snippet: String,
    url: String,
    published_at: String,
}

/// `GET /api/v1/search`.
pub(crate) async fn search(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
) -> Result<Response, WebError> {
    let params = Params::parse(query.as_deref());
    let lang = params.language(&state)?;
    let limit = limit(&params)?;
    let text: String = params
        .get("q")
        .unwrap_or_default()
        .trim()
        .chars()
        .take(MAX_QUERY_CHARS)
        .collect();
    let category = term_id(&state, &params, &lang, TermKind::Category).await?;
    let topic = term_id(&state, &params, &lang, TermKind::Topic).await?;
    let source = term_id(&state, &params, &lang, TermKind::Source).await?;
    let place = term_id(&state, &params, &lang, TermKind::Place).await?;
    let author = term_id(&state, &params, &lang, TermKind::Author).await?;
    let from = date_bound(&params, "since", Bound::Start)?;
    // `until` includes its instant; the index's range excludes its end.
    let to = date_bound(&params, "until", Bound::End)?.map(|t| {
        t.checked_add(jiff::SignedDuration::from_nanos(1))
            .unwrap_or(t)
    });
    // What makes this search this search, whatever the page: a cursor is good for it only.
    let identity = format!(
        "search {lang} {text:?} c{category:?} t{topic:?} s{source:?} p{place:?} a{author:?} {:?} {:?}",
        from.map(|t| t.as_microsecond()),
        to.map(|t| t.as_microsecond()),
    );
    let offset =
        match (params.get("cursor"), params.get("page")) {
            (Some(value), _) => {
                cursor::decode_offset(value, &identity).ok_or(WebError::InvalidCursor)?
            }
            (None, Some(page)) => {
                let page = page.parse::<u64>().ok().filter(|&p| p >= 1).ok_or(
                    WebError::InvalidParameter {
                        name: "page",
                        expected: "a whole number from 1",
                    },
                )?;
                (page - 1).saturating_mul(u64::from(limit))
            }
            (None, None) => 0,
        };
    let index = state
        .search()
        .cloned()
        .ok_or_else(|| WebError::SearchUnavailable("the site keeps no search index".into()))?;
    let query = SearchQuery {
        language: lang.clone(),
        text: text.clone(),
        category: category.map(CategoryId::new),
        topic: topic.map(TopicId::new),
        source: source.map(SourceId::new),
        place: place.map(PlaceId::new),
        author: author.map(AuthorId::new),
        from,
        to,
        offset: usize::try_from(offset.min(MAX_OFFSET + 1)).unwrap_or(usize::MAX),
        limit: limit as usize,
    };
    let results = tokio::task::spawn_blocking(move || index.search(&query))
        .await
        .map_err(|e| WebError::SearchUnavailable(e.to_string()))?
        .map_err(|e| WebError::SearchUnavailable(e.to_string()))?;
    let total = results.total as u64;
    let some_words = results.some_words;
    let next = offset + u64::from(limit);
    let next_cursor = (next < total && next <= MAX_OFFSET && !results.hits.is_empty())
        .then(|| cursor::encode_offset(next, &identity));
    let items = results
        .hits
        .iter()
        .map(|hit| SearchHit {
            id: hit.article.get(),
            language: lang.to_string(),
            title: hit.title.text.clone(),
            title_html: marked(&hit.title.text, &hit.title.marks),
            snippet: marked(&hit.snippet.text, &hit.snippet.marks),
            url: site_url(
                &state,
                &format!("/{lang}/{}-{}", hit.slug, hit.article.get()),
            ),
            published_at: hit.published_at.to_string(),
        })
        .collect();
    json(&SearchResults {
        language: lang.to_string(),
        query: text,
        total,
        some_words,
        items,
        next_cursor,
    })
}
