//! `/`, which sends readers to their language, and `/{lang}/`, the home page: the lead story,
//! the latest articles, a strip of the latest videos, a block per section, and the topics
//! that have articles. Each part is left out when it has nothing to show.

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use herald_i18n::negotiate;
use herald_store::{ArticleCard, ArticleFilter, Store};

use super::cards::{self, CARD_SIZES, Card, CardStyle, WIDE_SIZES};
use super::category::Link;
use super::frame::{Frame, menu_terms};
use super::{listed_in, moved_permanently, page_response, page_text, site_language, videos};
use crate::extract::Segments;
use crate::html::Text;
use crate::middleware::{header_text, locale_cookie};
use crate::paths;
use crate::paths::ListKind;
use crate::{AppState, WebError};

/// How many articles each section's block shows.
const SECTION_SIZE: u32 = 4;
/// How many videos the video strip shows.
const VIDEO_STRIP_SIZE: u32 = 4;

/// `GET /`: 303 to the home page in the reader's language (cookie, then `Accept-Language`,
/// then the site default).
pub(crate) async fn choose_language(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let settings = state.settings();
    let chosen = negotiate(
        None,
        locale_cookie(&headers).as_deref(),
        header_text(&headers, header::ACCEPT_LANGUAGE).as_deref(),
        &settings.languages,
        &settings.default_language,
    );
    (
        StatusCode::SEE_OTHER,
        [
            (
                header::LOCATION,
                paths::header_value(&paths::home(&chosen.locale)),
            ),
            (
                header::VARY,
                HeaderValue::from_static("Accept-Language, Cookie"),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, no-cache"),
            ),
        ],
    )
        .into_response()
}

/// `GET /{lang}`: 301 to `/{lang}/`.
pub(crate) async fn add_trailing_slash(
    State(state): State<AppState>,
    Segments(lang): Segments<String>,
) -> Result<Response, WebError> {
    let lang = site_language(&state, &lang)?;
    Ok(moved_permanently(&paths::home(&lang)))
}

/// The home page.
#[derive(Template)]
#[template(path = "site/home.html")]
pub(crate) struct HomePage {
    frame: Frame,
    t: Text,
    lead: Option<Card>,
    latest: Vec<Card>,
    videos: Option<VideoStrip>,
    sections: Vec<Section>,
    topics: Vec<Link>,
}

/// The latest videos, with a link to all of them.
pub(crate) struct VideoStrip {
    heading: String,
    href: String,
    /// "More in Videos".
    more: String,
    cards: Vec<Card>,
}

/// A section's block on the home page.
pub(crate) struct Section {
    name: String,
    href: String,
    /// "More in {section}".
    more: String,
    cards: Vec<Card>,
}

/// The first `limit` cards of one list.
async fn first_cards(
    store: &dyn Store,
    filter: ArticleFilter,
    limit: u32,
) -> Result<Vec<ArticleCard>, WebError> {
    Ok(store
        .list_article_cards(&[filter], limit)
        .await?
        .pop()
        .unwrap_or_default())
}

/// `GET /{lang}/`.
pub(crate) async fn home(
    State(state): State<AppState>,
    Segments(lang): Segments<String>,
) -> Result<Response, WebError> {
    let lang = site_language(&state, &lang)?;
    let settings = state.settings();
    let store = state.store();
    let t = page_text(&state, &lang);

    // Lists read without counting them, several per read: none shows a total.
    let everything = listed_in(&state, &lang);
    let featured = ArticleFilter {
        featured: Some(true),
        ..everything.clone()
    };
    // The latest featured article, else the latest.
    let lead = store
        .list_article_cards(&[featured, everything.clone()], 1)
        .await?
        .into_iter()
        .find(|items| !items.is_empty())
        .unwrap_or_default();
    let shown: Vec<_> = lead.iter().map(|card| card.id).collect();
    let not_lead = ArticleFilter {
        exclude: shown,
        ..everything.clone()
    };
    let latest = first_cards(store, not_lead.clone(), settings.page_size).await?;
    let video_items = first_cards(
        store,
        ArticleFilter {
            has_video: true,
            ..everything.clone()
        },
        VIDEO_STRIP_SIZE,
    )
    .await?;

    let terms = store.terms(&menu_terms(&state, &lang)).await?;
    let named: Vec<_> = terms
        .categories
        .iter()
        .filter(|c| c.parent.is_none())
        .filter_map(|c| Some((c, c.names.get(&lang)?)))
        .collect();
    let section_filters: Vec<ArticleFilter> = named
        .iter()
        .map(|(category, _)| ArticleFilter {
            category: Some(category.id),
            ..not_lead.clone()
        })
        .collect();
    let blocks: Vec<_> = named
        .iter()
        .map(|(_, name)| *name)
        .zip(
            store
                .list_article_cards(&section_filters, SECTION_SIZE)
                .await?,
        )
        .filter(|(_, items)| !items.is_empty())
        .collect();

    let all_topics = store.list_topics().await?;
    let named_topics: Vec<_> = all_topics
        .iter()
        .filter_map(|topic| Some((topic, topic.names.get(&lang)?)))
        .collect();
    let topic_filters: Vec<ArticleFilter> = named_topics
        .iter()
        .map(|(topic, _)| ArticleFilter {
            topic: Some(topic.id),
            ..everything.clone()
        })
        .collect();
    let topics: Vec<Link> = named_topics
        .iter()
        .zip(store.list_article_cards(&topic_filters, 1).await?)
        .filter(|(_, any)| !any.is_empty())
        .map(|((_, name), _)| Link {
            name: name.name.clone(),
            href: paths::list(&lang, ListKind::Topic, &name.slug),
        })
        .collect();

    let media = cards::load_media(
        &state,
        &cards::lead_images(
            lead.iter()
                .chain(&latest)
                .chain(&video_items)
                .chain(blocks.iter().flat_map(|(_, items)| items)),
        ),
    )
    .await?;
    let comments = cards::comment_counts(
        &state,
        &t,
        lead.iter()
            .chain(&latest)
            .chain(&video_items)
            .chain(blocks.iter().flat_map(|(_, items)| items)),
    )
    .await?;
    let videos = (!video_items.is_empty()).then(|| {
        let heading = videos::title(&t);
        VideoStrip {
            more: t.format("home-more-in", &[("category", heading.as_str().into())]),
            heading,
            href: paths::videos(&lang),
            cards: cards::cards(
                &t,
                &video_items,
                &media,
                &comments,
                CARD_SIZES,
                CardStyle {
                    first_is_lead: false,
                    videos: true,
                },
            ),
        }
    });
    let sections = blocks
        .iter()
        .map(|(name, items)| Section {
            name: name.name.clone(),
            href: paths::category(&lang, &name.slug),
            more: t.format("home-more-in", &[("category", name.name.as_str().into())]),
            cards: cards::cards(
                &t,
                items,
                &media,
                &comments,
                CARD_SIZES,
                CardStyle::default(),
            ),
        })
        .collect();

    let title = t.format(
        "home-title",
        &[("site", settings.site_name.as_str().into())],
    );
    let mut frame = Frame::new(&state, &t, title);
    frame.description = Some(t.format(
        "home-description",
        &[("site", settings.site_name.as_str().into())],
    ));
    frame.set_nav(&terms, None);
    frame.feeds = super::feeds::links(
        &t,
        &t.format(
            "feed-title-home",
            &[("site", settings.site_name.as_str().into())],
        ),
        &paths::home(&lang),
    );
    let editions: Vec<_> = settings
        .languages
        .iter()
        .map(|l| (l.clone(), paths::home(l)))
        .collect();
    frame.set_editions(
        &state,
        &paths::home(&lang),
        &editions,
        Some(&paths::home(&settings.default_language)),
    );
    let page = HomePage {
        frame,
        lead: cards::cards(
            &t,
            &lead,
            &media,
            &comments,
            WIDE_SIZES,
            CardStyle {
                first_is_lead: true,
                videos: false,
            },
        )
        .pop(),
        latest: cards::cards(
            &t,
            &latest,
            &media,
            &comments,
            CARD_SIZES,
            CardStyle::default(),
        ),
        videos,
        sections,
        topics,
        t,
    };
    page_response(&lang, &page, 0)
}
