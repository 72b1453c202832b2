//! `/{lang}/videos`: the articles that carry a video, newest first, paginated like a section.

use axum::extract::{RawQuery, State};
use axum::response::Response;
use herald_store::ArticleFilter;

use super::category::{Listing, render_list};
use super::frame::menu_terms;
use super::{listed_in, page_text, site_language};
use crate::extract::{Segments, page_number};
use crate::html::{Html, Text};
use crate::paths;
use crate::{AppState, WebError};

/// The message naming the videos (page heading, home page strip).
const TITLE: &str = "videos-title";

/// "Videos", in the page's language.
pub(crate) fn title(t: &Text) -> String {
    t.get(TITLE)
}

/// `GET /{lang}/videos`.
pub(crate) async fn videos(
    State(state): State<AppState>,
    Segments(lang): Segments<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, WebError> {
    let lang = site_language(&state, &lang)?;
    let page = page_number(query.as_deref())?;
    let settings = state.settings();
    let t = page_text(&state, &lang);
    let terms = state.store().terms(&menu_terms(&state, &lang)).await?;
    let name = title(&t);
    let listing = Listing {
        heading: Html::text(&name),
        fallback_description: t.format(
            "category-description-fallback",
            &[("category", name.as_str().into())],
        ),
        title: name,
        description: None,
        parent: None,
        filter: ArticleFilter {
            has_video: true,
            ..listed_in(&state, &lang)
        },
        path: paths::videos(&lang),
        editions: settings
            .languages
            .iter()
            .map(|l| (l.clone(), paths::videos(l)))
            .collect(),
        section: None,
        videos: true,
        feed_title: None,
    };
    render_list(&state, &t, &terms, listing, page).await
}
