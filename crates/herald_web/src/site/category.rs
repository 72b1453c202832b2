//! `/{lang}/{category}/`: a section's page, paginated with `?page=N`. Its view, [`ListPage`],
//! also serves the topic, author, source, place and tag lists (`terms.rs`) and the videos
//! (`videos.rs`).

use askama::Template;
use axum::extract::{RawQuery, State};
use axum::response::Response;
use herald_domain::{CategoryId, Language};
use herald_store::{ArticleFilter, PageRequest, TermKind, Terms};

use super::cards::{self, CARD_SIZES, Card, CardStyle};
use super::frame::{Frame, menu_terms};
use super::{listed_in, moved_permanently, page_response, page_text, site_language};
use crate::extract::{Segments, page_number};
use crate::html::{Html, Piece, Text};
use crate::paths;
use crate::{AppState, WebError};

/// A list of articles: a section, a topic, an author…
#[derive(Template)]
#[template(path = "site/category.html")]
pub(crate) struct ListPage {
    frame: Frame,
    t: Text,
    heading: Html,
    description: Option<String>,
    /// The enclosing section, for a sub-section.
    parent: Option<Link>,
    /// "12 articles".
    count: Option<String>,
    cards: Vec<Card>,
    /// Absent when the whole list fits on one page.
    pagination: Option<Pagination>,
}

/// A named link.
pub(crate) struct Link {
    pub(crate) name: String,
    pub(crate) href: String,
}

/// Links between the pages of a list.
pub(crate) struct Pagination {
    pub(crate) previous: Option<String>,
    pub(crate) next: Option<String>,
    /// "Page 2 of 5".
    pub(crate) status: String,
}

/// What a list page is about, found by its handler.
pub(crate) struct Listing {
    /// The page's heading (the term's name, isolated when it is a name).
    pub(crate) heading: Html,
    /// The heading as text, for `<title>`.
    pub(crate) title: String,
    /// The newsroom's description, if it wrote one in this language.
    pub(crate) description: Option<String>,
    /// Shown in `<meta name="description">` when there is no description.
    pub(crate) fallback_description: String,
    pub(crate) parent: Option<Link>,
    /// The articles listed.
    pub(crate) filter: ArticleFilter,
    /// The list's first page in this language.
    pub(crate) path: String,
    /// The list's first page in each language it exists in.
    pub(crate) editions: Vec<(Language, String)>,
    /// The section to mark in the main menu.
    pub(crate) section: Option<CategoryId>,
    /// Whether the list is of videos (its cards say so).
    pub(crate) videos: bool,
    /// The title of the list's feeds, for a list that has them (sections, topics).
    pub(crate) feed_title: Option<String>,
}

/// `GET /{lang}/{category}/`.
pub(crate) async fn category(
    State(state): State<AppState>,
    Segments((lang, name)): Segments<(String, String)>,
    RawQuery(query): RawQuery,
) -> Result<Response, WebError> {
    let lang = site_language(&state, &lang)?;
    let page = page_number(query.as_deref())?;
    let store = state.store();
    let found = store
        .find_term_by_slug(TermKind::Category, &lang, &name)
        .await?
        .ok_or(WebError::NotFound)?;
    let terms = store.terms(&menu_terms(&state, &lang)).await?;
    let categories = &terms.categories;
    let category = categories
        .iter()
        .find(|c| c.id.get() == found.value)
        .ok_or(WebError::NotFound)?;
    let term = category.names.get(&lang).ok_or(WebError::NotFound)?;
    let path = paths::category(&lang, &term.slug);
    if !found.current || term.slug.as_str() != name {
        return Ok(moved_permanently(&paths::paged(&path, page)));
    }

    let t = page_text(&state, &lang);
    let parent = category
        .parent
        .and_then(|id| categories.iter().find(|c| c.id == id))
        .and_then(|p| p.names.get(&lang))
        .map(|p| Link {
            name: p.name.clone(),
            href: paths::category(&lang, &p.slug),
        });
    let section = category
        .parent
        .map_or(category.id, |parent| top_level(categories, parent));
    let listing = Listing {
        heading: t.html(
            "category-title",
            &[("category", Piece::Name(term.name.as_str()))],
        ),
        title: t.format("category-title", &[("category", term.name.as_str().into())]),
        description: term.description.clone(),
        fallback_description: t.format(
            "category-description-fallback",
            &[("category", term.name.as_str().into())],
        ),
        parent,
        filter: ArticleFilter {
            category: Some(category.id),
            ..listed_in(&state, &lang)
        },
        editions: state
            .settings()
            .languages
            .iter()
            .filter_map(|l| Some((l.clone(), paths::category(l, &category.names.get(l)?.slug))))
            .collect(),
        path,
        section: Some(section),
        videos: false,
        feed_title: Some(t.format(
            "feed-title-category",
            &[
                ("site", state.settings().site_name.as_str().into()),
                ("category", term.name.as_str().into()),
            ],
        )),
    };
    render_list(&state, &t, &terms, listing, page).await
}

/// The top-level ancestor of a section.
fn top_level(categories: &[herald_domain::Category], mut id: CategoryId) -> CategoryId {
    // Bounded by the number of categories, in case stored data ever had a cycle.
    for _ in 0..categories.len() {
        match categories
            .iter()
            .find(|c| c.id == id)
            .and_then(|c| c.parent)
        {
            Some(parent) => id = parent,
            None => break,
        }
    }
    id
}

/// Renders page `page` of a list; a page past the end is not found. `terms` holds what the
/// menu needs (read with [`menu_terms`]).
pub(crate) async fn render_list(
    state: &AppState,
    t: &Text,
    terms: &Terms,
    listing: Listing,
    page: u32,
) -> Result<Response, WebError> {
    let settings = state.settings();
    let lang = t.lang().clone();
    let request = PageRequest {
        number: page,
        size: settings.page_size,
    };
    let articles = state
        .store()
        .list_articles(&listing.filter, request)
        .await?;
    let pages = articles.pages();
    if page > pages {
        return Err(WebError::NotFound);
    }
    let media = cards::load_media(state, &cards::lead_images(&articles.items)).await?;
    let comments = cards::comment_counts(state, t, &articles.items).await?;
    let pagination = (pages > 1).then(|| Pagination {
        previous: (page > 1).then(|| paths::paged(&listing.path, page - 1)),
        next: (page < pages).then(|| paths::paged(&listing.path, page + 1)),
        status: t.format(
            "pagination-page",
            &[("page", page.into()), ("pages", pages.into())],
        ),
    });
    let count = (articles.total > 0).then(|| {
        let total = i64::try_from(articles.total).unwrap_or(i64::MAX);
        t.format("article-count", &[("count", total.into())])
    });

    let title = match &pagination {
        Some(p) if page > 1 => format!("{} ({}) — {}", listing.title, p.status, settings.site_name),
        _ => format!("{} — {}", listing.title, settings.site_name),
    };
    let mut frame = Frame::new(state, t, title);
    frame.description = Some(
        listing
            .description
            .clone()
            .unwrap_or(listing.fallback_description),
    );
    frame.set_nav(terms, listing.section);
    if let Some(feed_title) = &listing.feed_title {
        frame.feeds = super::feeds::links(t, feed_title, &listing.path);
    }
    // The default language's edition, else the first: as the sitemaps say.
    let x_default = listing
        .editions
        .iter()
        .find(|(l, _)| *l == settings.default_language)
        .or_else(|| listing.editions.first())
        .map(|(_, path)| path.clone());
    frame.set_editions(
        state,
        &paths::paged(&listing.path, page),
        &listing.editions,
        x_default.as_deref(),
    );
    let page_view = ListPage {
        frame,
        t: t.clone(),
        heading: listing.heading,
        description: listing.description,
        parent: listing.parent,
        count,
        cards: cards::cards(
            t,
            &articles.items,
            &media,
            &comments,
            CARD_SIZES,
            CardStyle {
                first_is_lead: true,
                videos: listing.videos,
            },
        ),
        pagination,
    };
    page_response(&lang, &page_view, 0)
}
