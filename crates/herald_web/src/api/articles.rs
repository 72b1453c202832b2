//! `/api/v1/articles` and `/api/v1/articles/{id}`: the articles published in a language.
//!
//! The list is newest first, read with the store's keyset pagination: a page ends with an
//! opaque cursor for the next one (the position of its last article, see [`cursor`]), so pages
//! stay stable while articles are published — a reader walking the list sees each article
//! once. Only versions published in the language asked are listed; unlike the site's pages
//! there is no fallback to another language: a program asks for the language it wants.
//!
//! One article is answered only in a language it is published in (`404 not_in_language`
//! otherwise, `410 gone` where that version was withdrawn), with its body as stored (sanitised
//! HTML; figures and videos as `<figure data-media-id="N"></figure>` placeholders, their media
//! listed beside it), and every other published version listed under `translations`.

use std::collections::HashMap;

use axum::extract::{RawQuery, State};
use axum::response::Response;
use herald_domain::{
    Article, ArticleId, AuthorId, Category, CategoryId, EditorialState, Language, Media, MediaId,
    MediaKind, PlaceId, Source, SourceId, TagId, Timestamp, TopicId, Version, VideoSource,
};
use herald_store::{ArticleCard, ArticleFilter, TermIds, TermKind};
use serde::Serialize;

use super::{Params, TermPage, TermRef, cursor, json, site_url};
use crate::extract::Segments;
use crate::paths::{self, ListKind};
use crate::{AppState, WebError};

/// Articles a page holds when `limit` is not given.
const DEFAULT_LIMIT: u32 = 20;
/// Most articles a page holds.
const MAX_LIMIT: u32 = 100;
/// Longest slug a filter may name, in bytes (slugs are at most 80 characters).
const MAX_SLUG_BYTES: usize = 400;

/// A page of the list.
#[derive(Serialize)]
struct ArticleList {
    language: String,
    items: Vec<ArticleItem>,
    /// The cursor of the next page; `None` on the last.
    next_cursor: Option<String>,
}

/// An article in a list.
#[derive(Serialize)]
struct ArticleItem {
    id: i64,
    language: String,
    direction: &'static str,
    title: String,
    lead: String,
    slug: String,
    url: String,
    origin: &'static str,
    featured: bool,
    published_at: String,
    category: TermRef,
    lead_image: Option<LeadImage>,
    source: SourceRef,
}

/// The picture heading an article.
#[derive(Serialize)]
struct LeadImage {
    id: i64,
    url: String,
    alt: Option<String>,
    width: u32,
    height: u32,
}

/// The outlet an article comes from.
#[derive(Serialize)]
struct SourceRef {
    id: i64,
    key: String,
    name: Option<String>,
    url: Option<String>,
    home_url: String,
    credit: String,
    licence: String,
}

/// `GET /api/v1/articles`.
pub(crate) async fn list(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
) -> Result<Response, WebError> {
    let params = Params::parse(query.as_deref());
    let lang = params.language(&state)?;
    let limit = limit(&params)?;
    let mut filter = ArticleFilter::in_language(lang.clone());
    filter.category = term_id(&state, &params, &lang, TermKind::Category)
        .await?
        .map(CategoryId::new);
    filter.topic = term_id(&state, &params, &lang, TermKind::Topic)
        .await?
        .map(TopicId::new);
    filter.author = term_id(&state, &params, &lang, TermKind::Author)
        .await?
        .map(AuthorId::new);
    filter.source = term_id(&state, &params, &lang, TermKind::Source)
        .await?
        .map(SourceId::new);
    filter.place = term_id(&state, &params, &lang, TermKind::Place)
        .await?
        .map(PlaceId::new);
    filter.tag = term_id(&state, &params, &lang, TermKind::Tag)
        .await?
        .map(TagId::new);
    filter.featured = match params.get("featured") {
        None => None,
        Some("true") => Some(true),
        Some("false") => Some(false),
        Some(_) => {
            return Err(WebError::InvalidParameter {
                name: "featured",
                expected: "true or false",
            });
        }
    };
    filter.published_since = date_bound(&params, "since", Bound::Start)?;
    filter.published_until = date_bound(&params, "until", Bound::End)?;
    // What makes this list this list, whatever the page: a cursor is good for it only.
    let identity = format!(
        "{lang} c{:?} t{:?} a{:?} s{:?} p{:?} g{:?} f{:?} {:?} {:?}",
        filter.category.map(CategoryId::get),
        filter.topic.map(TopicId::get),
        filter.author.map(AuthorId::get),
        filter.source.map(SourceId::get),
        filter.place.map(PlaceId::get),
        filter.tag.map(TagId::get),
        filter.featured,
        filter.published_since.map(|t| t.as_microsecond()),
        filter.published_until.map(|t| t.as_microsecond()),
    );
    filter.after = match params.get("cursor") {
        None => None,
        Some(value) => Some(cursor::decode(value, &identity).ok_or(WebError::InvalidCursor)?),
    };

    let store = state.store();
    // One more than the page: whether it is there says whether a next page is.
    let mut cards = store
        .list_article_cards(std::slice::from_ref(&filter), limit + 1)
        .await?
        .pop()
        .unwrap_or_default();
    let more = cards.len() > limit as usize;
    cards.truncate(limit as usize);
    let next_cursor = more
        .then(|| cards.last())
        .flatten()
        .map(|card| cursor::encode(herald_store::ListPosition::of(card), &identity));

    let categories = store.list_categories().await?;
    let sources = store.list_sources().await?;
    let images: Vec<MediaId> = cards.iter().filter_map(|c| c.lead_image).collect();
    let media = media_by_id(store.media(&images).await?);
    let items = cards
        .iter()
        .map(|card| item(&state, card, &categories, &sources, &media))
        .collect();
    json(&ArticleList {
        language: lang.to_string(),
        items,
        next_cursor,
    })
}

/// The `limit` parameter: from 1 to [`MAX_LIMIT`], [`DEFAULT_LIMIT`] when absent.
pub(super) fn limit(params: &Params) -> Result<u32, WebError> {
    match params.get("limit") {
        None => Ok(DEFAULT_LIMIT),
        Some(value) => value
            .parse::<u32>()
            .ok()
            .filter(|n| (1..=MAX_LIMIT).contains(n))
            .ok_or(WebError::InvalidParameter {
                name: "limit",
                expected: "a whole number from 1 to 100",
            }),
    }
}

/// Which end of a day a date stands for.
#[derive(Clone, Copy)]
pub(super) enum Bound {
    /// The day's first instant.
    Start,
    /// The day's last instant.
    End,
}

/// A `since` or `until` parameter: an RFC 3339 time, or a date (`2026-11-25`), which stands
/// for the start (`since`) or the end (`until`) of that day in UTC.
pub(super) fn date_bound(
    params: &Params,
    name: &'static str,
    bound: Bound,
) -> Result<Option<Timestamp>, WebError> {
    let Some(value) = params.get(name) else {
        return Ok(None);
    };
    let invalid = WebError::InvalidParameter {
        name,
        expected: "an RFC 3339 time (2026-11-25T08:00:00Z) or a date (2026-11-25)",
    };
    if let Ok(at) = value.parse::<Timestamp>() {
        return Ok(Some(at));
    }
    let date: jiff::civil::Date = value.parse().map_err(|_| invalid)?;
    let time = match bound {
        Bound::Start => date.at(0, 0, 0, 0),
        Bound::End => date.at(23, 59, 59, 999_999_999),
    };
    let at =
        jiff::tz::TimeZone::UTC
            .to_timestamp(time)
            .map_err(|_| WebError::InvalidParameter {
                name,
                expected: "a date within the years 1 to 9999",
            })?;
    Ok(Some(at))
}

/// The id of the term a filter parameter names: an id of a term of that kind (a value of
/// digits only), else a slug (current or old) in the language asked. `None` without the
/// parameter; `unknown_term` when nothing matches.
pub(super) async fn term_id(
    state: &AppState,
    params: &Params,
    lang: &Language,
    kind: TermKind,
) -> Result<Option<i64>, WebError> {
    let name = match kind {
        TermKind::Category => "category",
        TermKind::Topic => "topic",
        TermKind::Author => "author",
        TermKind::Source => "source",
        TermKind::Place => "place",
        TermKind::Tag => "tag",
    };
    let Some(value) = params.get(name) else {
        return Ok(None);
    };
    // No slug is that long or holds a control character (which PostgreSQL refuses in text):
    // such a value names nothing, and never reaches the store.
    if value.is_empty() || value.len() > MAX_SLUG_BYTES || value.chars().any(char::is_control) {
        return Err(WebError::UnknownTerm { name });
    }
    let store = state.store();
    if let Some(id) = value
        .parse::<i64>()
        .ok()
        .filter(|id| *id > 0 && value.bytes().all(|b| b.is_ascii_digit()))
    {
        let exists = match kind {
            TermKind::Category => store
                .list_categories()
                .await?
                .iter()
                .any(|c| c.id.get() == id),
            TermKind::Topic => !store.topics(&[TopicId::new(id)]).await?.is_empty(),
            TermKind::Author => !store.authors(&[AuthorId::new(id)]).await?.is_empty(),
            TermKind::Place => !store.places(&[PlaceId::new(id)]).await?.is_empty(),
            TermKind::Source => store.source(SourceId::new(id)).await?.is_some(),
            TermKind::Tag => !store.tags(&[TagId::new(id)]).await?.is_empty(),
        };
        if exists {
            return Ok(Some(id));
        }
    }
    match store.find_term_by_slug(kind, lang, value).await? {
        Some(found) => Ok(Some(found.value)),
        None => Err(WebError::UnknownTerm { name }),
    }
}

fn media_by_id(media: Vec<Media>) -> HashMap<MediaId, Media> {
    media.into_iter().map(|m| (m.id, m)).collect()
}

fn item(
    state: &AppState,
    card: &ArticleCard,
    categories: &[Category],
    sources: &[Source],
    media: &HashMap<MediaId, Media>,
) -> ArticleItem {
    ArticleItem {
        id: card.id.get(),
        language: card.language.to_string(),
        direction: card.language.direction().as_str(),
        title: card.title.clone(),
        lead: card.lead.clone(),
        slug: card.slug.to_string(),
        url: site_url(state, &paths::article(&card.language, &card.slug, card.id)),
        origin: card.origin.as_str(),
        featured: card.featured,
        published_at: card.published_at.to_string(),
        category: category_ref(state, card.category, categories, &card.language),
        lead_image: card
            .lead_image
            .and_then(|id| media.get(&id))
            .and_then(|m| lead_image(state, m, &card.language)),
        source: source_ref(state, card.source, sources, &card.language),
    }
}

fn category_ref(
    state: &AppState,
    id: CategoryId,
    categories: &[Category],
    lang: &Language,
) -> TermRef {
    match categories.iter().find(|c| c.id == id) {
        Some(category) => TermRef::new(state, id.get(), &category.names, lang, TermPage::Category),
        None => TermRef::new(
            state,
            id.get(),
            &herald_domain::Localized::new(),
            lang,
            TermPage::Category,
        ),
    }
}

fn source_ref(state: &AppState, id: SourceId, sources: &[Source], lang: &Language) -> SourceRef {
    let settings = state.settings();
    match sources.iter().find(|s| s.id == id) {
        Some(source) => SourceRef {
            id: id.get(),
            key: source.key.clone(),
            name: source
                .names
                .best(lang, std::slice::from_ref(&settings.default_language))
                .map(|(_, name)| name.clone()),
            url: source.slugs.get(lang).and_then(|slug| {
                super::term_url(state, lang, TermPage::List(ListKind::Source), slug)
            }),
            home_url: source.home_url.to_string(),
            credit: source.rights.credit.clone(),
            licence: source.rights.licence.clone(),
        },
        None => SourceRef {
            id: id.get(),
            key: String::new(),
            name: None,
            url: None,
            home_url: String::new(),
            credit: String::new(),
            licence: String::new(),
        },
    }
}

/// A media text in `lang`, else in the site's default language, else any.
fn text_in(
    state: &AppState,
    texts: &herald_domain::Localized<String>,
    lang: &Language,
) -> Option<String> {
    texts
        .best(
            lang,
            std::slice::from_ref(&state.settings().default_language),
        )
        .map(|(_, text)| text.clone())
        .filter(|text| !text.is_empty())
}

fn media_url(state: &AppState, path: &str) -> String {
    site_url(state, &paths::media(path))
}

fn lead_image(state: &AppState, media: &Media, lang: &Language) -> Option<LeadImage> {
    match &media.kind {
        MediaKind::Image {
            path,
            width,
            height,
            ..
        } => Some(LeadImage {
            id: media.id.get(),
            url: media_url(state, path),
            alt: text_in(state, &media.alt, lang),
            width: *width,
            height: *height,
        }),
        MediaKind::Video { .. } => None,
    }
}

// --- one article ---

/// An article in one language.
#[derive(Serialize)]
struct ArticleDetail {
    id: i64,
    language: String,
    direction: &'static str,
    title: String,
    lead: String,
    body: String,
    slug: String,
    url: String,
    origin: &'static str,
    provenance: Option<ProvenanceJson>,
    featured: bool,
    published_at: String,
    updated_at: String,
    version_updated_at: String,
    category: TermRef,
    topics: Vec<TermRef>,
    authors: Vec<TermRef>,
    tags: Vec<TermRef>,
    place: Option<TermRef>,
    source: SourceRef,
    original_url: Option<String>,
    lead_image: Option<LeadImage>,
    media: Vec<MediaJson>,
    translations: Vec<Translation>,
}

/// How a translated version was made.
#[derive(Serialize)]
struct ProvenanceJson {
    engine: String,
    model: Option<String>,
    made_at: String,
    from_language: String,
    from_revision: u32,
    translator: Option<String>,
}

/// Another published version of the article.
#[derive(Serialize)]
struct Translation {
    language: String,
    direction: &'static str,
    title: String,
    slug: String,
    url: String,
    origin: &'static str,
}

/// An image or a video of the article.
#[derive(Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum MediaJson {
    Image {
        id: i64,
        url: String,
        width: u32,
        height: u32,
        alt: Option<String>,
        caption: Option<String>,
        credit: Option<String>,
        variants: Vec<ImageSize>,
    },
    Video {
        id: i64,
        /// `file` (served by the site) or `embed` (a player on another site).
        source: &'static str,
        url: String,
        mime: Option<String>,
        poster: Option<ImageSize>,
        duration_secs: Option<u32>,
        caption: Option<String>,
        credit: Option<String>,
        subtitles: Vec<Subtitles>,
    },
}

/// A copy of an image, at one size.
#[derive(Serialize)]
struct ImageSize {
    url: String,
    width: u32,
    height: u32,
}

/// A WebVTT subtitle track.
#[derive(Serialize)]
struct Subtitles {
    language: String,
    url: String,
}

/// `GET /api/v1/articles/{id}`.
pub(crate) async fn one(
    State(state): State<AppState>,
    Segments(id): Segments<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, WebError> {
    let params = Params::parse(query.as_deref());
    let lang = params.language(&state)?;
    let id = id
        .parse::<i64>()
        .ok()
        .filter(|n| *n > 0 && id.bytes().all(|b| b.is_ascii_digit()))
        .map(ArticleId::new)
        .ok_or(WebError::NotFound)?;
    let store = state.store();
    let settings = state.settings();
    let (article, versions) = store
        .article_with_versions(id)
        .await?
        .ok_or(WebError::NotFound)?;
    let version = match versions.iter().find(|v| v.language == lang) {
        Some(v) if v.state == EditorialState::Published => v,
        Some(v) if v.state == EditorialState::Withdrawn => return Err(WebError::Gone),
        _ => return Err(WebError::NotInLanguage),
    };
    let terms = store
        .terms(&TermIds {
            all_categories: true,
            sources: vec![article.source],
            topics: article.topics.clone(),
            authors: article.authors.clone(),
            places: article.place.into_iter().collect(),
            tags: article.tags.clone(),
            ..TermIds::default()
        })
        .await?;
    let mut media_ids: Vec<MediaId> = article
        .lead_image
        .iter()
        .chain(&article.media)
        .copied()
        .chain(placed_media(&version.body))
        .collect();
    dedup_in_order(&mut media_ids);
    let mut media = media_by_id(store.media(&media_ids).await?);
    let posters: Vec<MediaId> = media
        .values()
        .filter_map(|m| match &m.kind {
            MediaKind::Video {
                poster: Some(poster),
                ..
            } if !media.contains_key(poster) => Some(*poster),
            _ => None,
        })
        .collect();
    media.extend(media_by_id(store.media(&posters).await?));

    let term_refs = |names: Vec<(i64, &herald_domain::Localized<herald_domain::TermName>)>,
                     kind: ListKind| {
        names
            .into_iter()
            .map(|(id, names)| TermRef::new(&state, id, names, &lang, TermPage::List(kind)))
            .collect::<Vec<_>>()
    };
    let translations = settings
        .languages
        .iter()
        .filter(|l| **l != lang)
        .filter_map(|l| {
            versions
                .iter()
                .find(|v| v.language == *l && v.state == EditorialState::Published)
        })
        .map(|v| translation(&state, v, id))
        .collect();
    let detail = ArticleDetail {
        id: id.get(),
        language: lang.to_string(),
        direction: lang.direction().as_str(),
        title: version.title.clone(),
        lead: version.lead.clone(),
        body: version.body.clone(),
        slug: version.slug.to_string(),
        url: site_url(&state, &paths::article(&lang, &version.slug, id)),
        origin: version.origin.as_str(),
        provenance: version.provenance.as_ref().map(|p| ProvenanceJson {
            engine: p.engine.clone(),
            model: p.model.clone(),
            made_at: p.made_at.to_string(),
            from_language: p.from_language.to_string(),
            from_revision: p.from_revision,
            translator: p.translator.clone(),
        }),
        featured: article.featured,
        published_at: article.published_at.to_string(),
        updated_at: article.updated_at.to_string(),
        version_updated_at: version.updated_at.to_string(),
        category: category_ref(&state, article.category, &terms.categories, &lang),
        topics: term_refs(
            terms
                .topics
                .iter()
                .map(|t| (t.id.get(), &t.names))
                .collect(),
            ListKind::Topic,
        ),
        authors: term_refs(
            terms
                .authors
                .iter()
                .map(|t| (t.id.get(), &t.names))
                .collect(),
            ListKind::Author,
        ),
        tags: term_refs(
            terms.tags.iter().map(|t| (t.id.get(), &t.names)).collect(),
            ListKind::Tag,
        ),
        place: terms.places.first().map(|p| {
            TermRef::new(
                &state,
                p.id.get(),
                &p.names,
                &lang,
                TermPage::List(ListKind::Place),
            )
        }),
        source: source_ref(&state, article.source, &terms.sources, &lang),
        original_url: original_url(&article),
        lead_image: article
            .lead_image
            .and_then(|id| media.get(&id))
            .and_then(|m| lead_image(&state, m, &lang)),
        media: media_ids
            .iter()
            .filter_map(|id| media.get(id))
            .map(|m| media_json(&state, m, &media, &lang))
            .collect(),
        translations,
    };
    json(&detail)
}

fn translation(state: &AppState, version: &Version, id: ArticleId) -> Translation {
    Translation {
        language: version.language.to_string(),
        direction: version.language.direction().as_str(),
        title: version.title.clone(),
        slug: version.slug.to_string(),
        url: site_url(state, &paths::article(&version.language, &version.slug, id)),
        origin: version.origin.as_str(),
    }
}

/// The original's address, when it is a web address.
fn original_url(article: &Article) -> Option<String> {
    article
        .source_url
        .as_ref()
        .filter(|url| matches!(url.scheme(), "http" | "https"))
        .map(ToString::to_string)
}

/// The media a body places, from its `data-media-id="N"` placeholders, in order.
fn placed_media(body: &str) -> Vec<MediaId> {
    const ATTRIBUTE: &str = "data-media-id=\"";
    body.match_indices(ATTRIBUTE)
        .filter_map(|(at, _)| {
            let rest = &body[at + ATTRIBUTE.len()..];
            let digits = &rest[..rest.find('"')?];
            digits
                .parse::<i64>()
                .ok()
                .filter(|n| *n > 0)
                .map(MediaId::new)
        })
        .collect()
}

fn dedup_in_order(ids: &mut Vec<MediaId>) {
    let mut seen = Vec::with_capacity(ids.len());
    ids.retain(|id| {
        let new = !seen.contains(id);
        seen.push(*id);
        new
    });
}

fn media_json(
    state: &AppState,
    media: &Media,
    all: &HashMap<MediaId, Media>,
    lang: &Language,
) -> MediaJson {
    let caption = text_in(state, &media.caption, lang);
    let credit = text_in(state, &media.credit, lang);
    match &media.kind {
        MediaKind::Image {
            path,
            width,
            height,
            variants,
            ..
        } => MediaJson::Image {
            id: media.id.get(),
            url: media_url(state, path),
            width: *width,
            height: *height,
            alt: text_in(state, &media.alt, lang),
            caption,
            credit,
            variants: variants
                .iter()
                .map(|v| ImageSize {
                    url: media_url(state, &v.path),
                    width: v.width,
                    height: v.height,
                })
                .collect(),
        },
        MediaKind::Video {
            source,
            poster,
            subtitles,
            duration_secs,
        } => {
            let (kind, url, mime) = match source {
                VideoSource::File { path, mime } => {
                    ("file", media_url(state, path), Some(mime.clone()))
                }
                VideoSource::Embed { url } => ("embed", url.to_string(), None),
            };
            let poster = poster
                .and_then(|id| all.get(&id))
                .and_then(|m| match &m.kind {
                    MediaKind::Image {
                        path,
                        width,
                        height,
                        ..
                    } => Some(ImageSize {
                        url: media_url(state, path),
                        width: *width,
                        height: *height,
                    }),
                    MediaKind::Video { .. } => None,
                });
            MediaJson::Video {
                id: media.id.get(),
                source: kind,
                url,
                mime,
                poster,
                duration_secs: *duration_secs,
                caption,
                credit,
                subtitles: subtitles
                    .iter()
                    .map(|(lang, path)| Subtitles {
                        language: lang.to_string(),
                        url: media_url(state, path),
                    })
                    .collect(),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_media_a_body_places() {
        let body = "<p>a</p><figure data-media-id=\"7\"></figure><figure data-media-id=\"x\"></figure>\
                    <figure data-media-id=\"-2\"></figure><figure data-media-id=\"12\"></figure><p data-media-id=\"";
        assert_eq!(placed_media(body), [MediaId::new(7), MediaId::new(12)]);
    }
}
