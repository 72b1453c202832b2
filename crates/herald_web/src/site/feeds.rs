//! Feeds of the site's lists for feed readers and other sites: RSS 2.0, Atom 1.0 and JSON
//! Feed 1.1, per language (`/{lang}/feed.rss`), per section (`/{lang}/{section}/feed.atom`)
//! and per topic (`/{lang}/topic/{slug}/feed.json`).
//!
//! A feed holds what its page lists, newest first, content fallbacks included: each item is in
//! its own version's language (marked per item), links to that version's own page under the
//! public URL, and carries the lead, or the whole sanitised body when the site says so, with
//! its lead picture as an enclosure. All three formats are written from one [`Feed`], so they
//! never disagree. Feeds sit inside the page cache like pages.

use std::collections::HashMap;

use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, get};
use herald_domain::{Language, Localized, Media, MediaId, MediaKind, TermName, Timestamp, TopicId};
use herald_store::{FeedEntry, TermIds, TermKind};

use super::frame::FeedLink;
use super::{listed_in, moved_permanently, page_text, site_language};
use crate::extract::Segments;
use crate::html::Text;
use crate::paths::{self, ListKind};
use crate::settings::FeedContent;
use crate::xml::Writer;
use crate::{AppState, WebError};

/// How long feed readers and caches may keep a feed.
const FEED_CACHE_CONTROL: &str = "public, max-age=300";

/// The three feed formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FeedFormat {
    /// RSS 2.0.
    Rss,
    /// Atom 1.0.
    Atom,
    /// JSON Feed 1.1.
    Json,
}

impl FeedFormat {
    /// Every format, in the order pages announce them.
    pub(crate) const ALL: [Self; 3] = [Self::Rss, Self::Atom, Self::Json];

    /// The feed's file name, after its page's path.
    pub(crate) const fn file(self) -> &'static str {
        match self {
            Self::Rss => "feed.rss",
            Self::Atom => "feed.atom",
            Self::Json => "feed.json",
        }
    }

    /// Its media type, as `<link type>` announces it.
    pub(crate) const fn mime(self) -> &'static str {
        match self {
            Self::Rss => "application/rss+xml",
            Self::Atom => "application/atom+xml",
            Self::Json => "application/feed+json",
        }
    }

    /// Its `Content-Type`.
    const fn content_type(self) -> &'static str {
        match self {
            Self::Rss => "application/rss+xml; charset=utf-8",
            Self::Atom => "application/atom+xml; charset=utf-8",
            Self::Json => "application/feed+json; charset=utf-8",
        }
    }

    /// The format's name, as readers know it.
    pub(crate) const fn name(self) -> &'static str {
        match self {
            Self::Rss => "RSS",
            Self::Atom => "Atom",
            Self::Json => "JSON Feed",
        }
    }
}

/// What a feed lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    /// Everything listed in the language (the home page's feed).
    Language,
    /// A section and its sub-sections.
    Category,
    /// A topic.
    Topic,
}

/// The route of one feed.
pub(crate) fn route(scope: Scope, format: FeedFormat) -> MethodRouter<AppState> {
    match scope {
        Scope::Language => get(
            move |state: State<AppState>, Segments(lang): Segments<String>| {
                feed(state, lang, None, scope, format)
            },
        ),
        Scope::Category | Scope::Topic => get(
            move |state: State<AppState>, Segments((lang, slug)): Segments<(String, String)>| {
                feed(state, lang, Some(slug), scope, format)
            },
        ),
    }
}

/// The `<link rel="alternate">`s announcing the feeds of a page at `page_path` titled
/// `title`.
pub(crate) fn links(t: &Text, title: &str, page_path: &str) -> Vec<FeedLink> {
    FeedFormat::ALL
        .iter()
        .map(|format| FeedLink {
            mime: format.mime(),
            title: t.format(
                "feed-link",
                &[("feed", title.into()), ("format", format.name().into())],
            ),
            href: paths::feed(page_path, format.file()),
        })
        .collect()
}

/// A feed, whatever its format.
struct Feed {
    title: String,
    description: String,
    language: Language,
    /// The page it lists, absolute.
    page_url: String,
    /// Itself, absolute.
    self_url: String,
    /// The newest change of an item (the epoch for an empty feed, which has no time of its
    /// own that does not depend on when it is read).
    updated: Timestamp,
    author: String,
    items: Vec<Item>,
}

/// One article in a feed.
struct Item {
    /// A stable id: the article's short URL in the item's language (`/{lang}/{id}`, which
    /// redirects to its page whatever its slug becomes).
    id: String,
    url: String,
    title: String,
    summary: String,
    /// The body, with absolute picture URLs, when feeds carry it.
    content: Option<String>,
    language: Language,
    published: Timestamp,
    updated: Timestamp,
    authors: Vec<String>,
    categories: Vec<String>,
    image: Option<Enclosure>,
}

/// A picture attached to an item.
struct Enclosure {
    url: String,
    mime: String,
    /// Bytes, when the file is in the media folder.
    length: Option<u64>,
    width: u32,
    height: u32,
}

/// `GET` a feed.
async fn feed(
    State(state): State<AppState>,
    lang: String,
    slug: Option<String>,
    scope: Scope,
    format: FeedFormat,
) -> Result<Response, WebError> {
    let lang = site_language(&state, &lang)?;
    let settings = state.settings();
    let store = state.store();
    let t = page_text(&state, &lang);
    let site = settings.site_name.as_str();
    let mut filter = listed_in(&state, &lang);
    let (page_path, title, description) = match (scope, slug) {
        (Scope::Language, _) => (
            paths::home(&lang),
            t.format("feed-title-home", &[("site", site.into())]),
            t.format("home-description", &[("site", site.into())]),
        ),
        (Scope::Category, Some(slug)) => {
            let found = store
                .find_term_by_slug(TermKind::Category, &lang, &slug)
                .await?
                .ok_or(WebError::NotFound)?;
            let categories = store.list_categories().await?;
            let category = categories
                .iter()
                .find(|c| c.id.get() == found.value)
                .ok_or(WebError::NotFound)?;
            let term = category.names.get(&lang).ok_or(WebError::NotFound)?;
            let path = paths::category(&lang, &term.slug);
            if !found.current || term.slug.as_str() != slug {
                return Ok(moved_permanently(&paths::feed(&path, format.file())));
            }
            filter.category = Some(category.id);
            let name = term.name.as_str();
            (
                path,
                t.format(
                    "feed-title-category",
                    &[("site", site.into()), ("category", name.into())],
                ),
                term.description.clone().unwrap_or_else(|| {
                    t.format(
                        "category-description-fallback",
                        &[("category", name.into())],
                    )
                }),
            )
        }
        (Scope::Topic, Some(slug)) => {
            let found = store
                .find_term_by_slug(TermKind::Topic, &lang, &slug)
                .await?
                .ok_or(WebError::NotFound)?;
            let id = TopicId::new(found.value);
            let topics = store.topics(&[id]).await?;
            let term = topics
                .first()
                .and_then(|topic| topic.names.get(&lang))
                .ok_or(WebError::NotFound)?;
            let path = paths::list(&lang, ListKind::Topic, &term.slug);
            if !found.current || term.slug.as_str() != slug {
                return Ok(moved_permanently(&paths::feed(&path, format.file())));
            }
            filter.topic = Some(id);
            let name = term.name.as_str();
            (
                path,
                t.format(
                    "feed-title-topic",
                    &[("site", site.into()), ("topic", name.into())],
                ),
                term.description.clone().unwrap_or_else(|| {
                    t.format("list-description-fallback", &[("name", name.into())])
                }),
            )
        }
        (_, None) => return Err(WebError::NotFound),
    };
    let entries = store.list_for_feed(&filter, settings.feed_items).await?;
    let items = items(&state, &lang, &entries).await?;
    let feed = Feed {
        title,
        description,
        page_url: paths::absolute(&settings.public_url, &page_path),
        self_url: paths::absolute(
            &settings.public_url,
            &paths::feed(&page_path, format.file()),
        ),
        updated: items
            .iter()
            .map(|item| item.updated)
            .max()
            .unwrap_or(Timestamp::UNIX_EPOCH),
        author: settings.site_name.clone(),
        language: lang.clone(),
        items,
    };
    let body = match format {
        FeedFormat::Rss => rss(&feed),
        FeedFormat::Atom => atom(&feed),
        FeedFormat::Json => json(&feed),
    };
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(format.content_type()),
    );
    if let Ok(value) = HeaderValue::from_str(lang.as_str()) {
        headers.insert(header::CONTENT_LANGUAGE, value);
    }
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(FEED_CACHE_CONTROL),
    );
    Ok(response)
}

/// A term's name in `lang`, else in `also` (in order), else in any language.
fn name_in(names: &Localized<TermName>, lang: &Language, also: &[Language]) -> Option<String> {
    names.best(lang, also).map(|(_, term)| term.name.clone())
}

/// The feed's items: their authors, sections and pictures read once for all of them.
async fn items(
    state: &AppState,
    lang: &Language,
    entries: &[FeedEntry],
) -> Result<Vec<Item>, WebError> {
    let settings = state.settings();
    let mut authors: Vec<_> = entries
        .iter()
        .flat_map(|e| e.article.authors.iter().copied())
        .collect();
    authors.sort_unstable();
    authors.dedup();
    let terms = state
        .store()
        .terms(&TermIds {
            all_categories: true,
            authors,
            ..TermIds::default()
        })
        .await?;
    let full = settings.feed_content == FeedContent::Full;
    let mut media_ids: Vec<MediaId> = entries
        .iter()
        .filter_map(|e| e.article.lead_image)
        .collect();
    if full {
        for entry in entries {
            media_ids.extend(
                super::article::placeholders(&entry.body)
                    .into_iter()
                    .filter_map(|(_, id)| id),
            );
        }
    }
    media_ids.sort_unstable();
    media_ids.dedup();
    let media = super::cards::load_media(state, &media_ids).await?;
    let also = [lang.clone(), settings.default_language.clone()];
    let mut items = Vec::with_capacity(entries.len());
    for entry in entries {
        let card = &entry.card;
        let item_lang = &card.language;
        let path = paths::article(item_lang, &card.slug, card.id);
        let image = match entry.article.lead_image.and_then(|id| media.get(&id)) {
            Some(found) => enclosure(state, found).await,
            None => None,
        };
        items.push(Item {
            id: paths::absolute(&settings.public_url, &format!("/{item_lang}/{}", card.id)),
            url: paths::absolute(&settings.public_url, &path),
            title: card.title.clone(),
            summary: card.lead.clone(),
            content: full.then(|| body_with_pictures(state, &entry.body, item_lang, &media)),
            language: item_lang.clone(),
            published: card.published_at,
            updated: entry.updated_at.max(entry.article.updated_at),
            authors: entry
                .article
                .authors
                .iter()
                .filter_map(|id| terms.authors.iter().find(|a| a.id == *id))
                .filter_map(|a| name_in(&a.names, item_lang, &also))
                .collect(),
            categories: terms
                .categories
                .iter()
                .find(|c| c.id == card.category)
                .and_then(|c| name_in(&c.names, item_lang, &also))
                .into_iter()
                .collect(),
            image,
        });
    }
    Ok(items)
}

/// An image as an enclosure: its absolute URL, type, size on disk (if the file is there) and
/// dimensions; `None` for a video.
async fn enclosure(state: &AppState, media: &Media) -> Option<Enclosure> {
    let MediaKind::Image {
        path,
        mime,
        width,
        height,
        ..
    } = &media.kind
    else {
        return None;
    };
    let settings = state.settings();
    // Only a relative path under the media folder is looked at.
    let length = if path.split('/').any(|s| s == "..") || path.starts_with('/') {
        None
    } else {
        tokio::fs::metadata(settings.media_dir.join(path))
            .await
            .ok()
            .filter(std::fs::Metadata::is_file)
            .map(|m| m.len())
    };
    Some(Enclosure {
        url: paths::absolute(&settings.public_url, &paths::media(path)),
        mime: mime.clone(),
        length,
        width: *width,
        height: *height,
    })
}

/// A stored body with each figure placeholder replaced by its picture (absolute URL, alt
/// text and caption in the body's language or a fallback), or removed (videos, unknown
/// media): feed readers know nothing of Herald's placeholders.
fn body_with_pictures(
    state: &AppState,
    body: &str,
    lang: &Language,
    media: &HashMap<MediaId, Media>,
) -> String {
    let settings = state.settings();
    let also = std::slice::from_ref(&settings.default_language);
    let mut out = String::with_capacity(body.len());
    let mut copied = 0;
    for (range, id) in super::article::placeholders(body) {
        out.push_str(&body[copied..range.start]);
        copied = range.end;
        let Some(found) = id.and_then(|id| media.get(&id)) else {
            continue;
        };
        let MediaKind::Image {
            path,
            width,
            height,
            ..
        } = &found.kind
        else {
            continue;
        };
        let src = paths::absolute(&settings.public_url, &paths::media(path));
        let alt = found.alt.best(lang, also).map_or("", |(_, a)| a.as_str());
        out.push_str(&format!(
            "<figure><img src=\"{}\" alt=\"{}\" width=\"{width}\" height=\"{height}\">",
            crate::html::escape(&src),
            crate::html::escape(alt)
        ));
        if let Some((_, caption)) = found.caption.best(lang, also) {
            out.push_str(&format!(
                "<figcaption>{}</figcaption>",
                crate::html::escape(caption)
            ));
        }
        out.push_str("</figure>");
    }
    out.push_str(&body[copied..]);
    out
}

/// RFC 822 (as RFC 9110 writes it: `Wed, 25 Nov 2026 01:30:00 GMT`), what RSS asks for.
fn rfc822(at: Timestamp) -> String {
    jiff::fmt::rfc2822::DateTimePrinter::new()
        .timestamp_to_rfc9110_string(&at)
        .unwrap_or_default()
}

/// Room for a feed's items.
const ITEM_CAPACITY: usize = 2048;

fn rss(feed: &Feed) -> String {
    let mut xml = Writer::new(ITEM_CAPACITY * (feed.items.len() + 1));
    xml.open(
        "rss",
        &[
            ("version", "2.0"),
            ("xmlns:atom", "http://www.w3.org/2005/Atom"),
            ("xmlns:content", "http://purl.org/rss/1.0/modules/content/"),
            ("xmlns:dc", "http://purl.org/dc/elements/1.1/"),
            ("xmlns:media", "http://search.yahoo.com/mrss/"),
        ],
    );
    xml.open("channel", &[]);
    xml.text("title", &feed.title);
    xml.text("link", &feed.page_url);
    xml.text("description", &feed.description);
    xml.text("language", feed.language.as_str());
    xml.text("lastBuildDate", &rfc822(feed.updated));
    xml.text("generator", "Herald");
    xml.element(
        "atom:link",
        &[
            ("href", &feed.self_url),
            ("rel", "self"),
            ("type", FeedFormat::Rss.mime()),
        ],
        "",
    );
    for item in &feed.items {
        xml.open("item", &[]);
        xml.text("title", &item.title);
        xml.text("link", &item.url);
        xml.element("guid", &[("isPermaLink", "false")], &item.id);
        xml.text("pubDate", &rfc822(item.published));
        xml.text("description", &item.summary);
        if let Some(content) = &item.content {
            xml.text("content:encoded", content);
        }
        xml.text("dc:language", item.language.as_str());
        for author in &item.authors {
            xml.text("dc:creator", author);
        }
        for category in &item.categories {
            xml.text("category", category);
        }
        if let Some(image) = &item.image {
            let length = image.length.unwrap_or(0).to_string();
            xml.element(
                "enclosure",
                &[
                    ("url", &image.url),
                    ("length", &length),
                    ("type", &image.mime),
                ],
                "",
            );
            let (width, height) = (image.width.to_string(), image.height.to_string());
            let mut attributes = vec![
                ("url", image.url.as_str()),
                ("type", image.mime.as_str()),
                ("medium", "image"),
                ("width", width.as_str()),
                ("height", height.as_str()),
            ];
            let size;
            if let Some(length) = image.length {
                size = length.to_string();
                attributes.push(("fileSize", size.as_str()));
            }
            xml.element("media:content", &attributes, "");
        }
        xml.close("item");
    }
    xml.close("channel");
    xml.close("rss");
    xml.finish()
}

fn atom(feed: &Feed) -> String {
    let mut xml = Writer::new(ITEM_CAPACITY * (feed.items.len() + 1));
    xml.open(
        "feed",
        &[
            ("xmlns", "http://www.w3.org/2005/Atom"),
            ("xml:lang", feed.language.as_str()),
        ],
    );
    xml.text("id", &feed.self_url);
    xml.text("title", &feed.title);
    xml.text("subtitle", &feed.description);
    xml.text("updated", &feed.updated.to_string());
    xml.element(
        "link",
        &[
            ("rel", "self"),
            ("type", FeedFormat::Atom.mime()),
            ("href", &feed.self_url),
        ],
        "",
    );
    xml.element(
        "link",
        &[
            ("rel", "alternate"),
            ("type", "text/html"),
            ("hreflang", feed.language.as_str()),
            ("href", &feed.page_url),
        ],
        "",
    );
    xml.open("author", &[]);
    xml.text("name", &feed.author);
    xml.close("author");
    xml.text("generator", "Herald");
    for item in &feed.items {
        xml.open("entry", &[("xml:lang", item.language.as_str())]);
        xml.text("id", &item.id);
        xml.text("title", &item.title);
        xml.element(
            "link",
            &[
                ("rel", "alternate"),
                ("type", "text/html"),
                ("hreflang", item.language.as_str()),
                ("href", &item.url),
            ],
            "",
        );
        if let Some(image) = &item.image {
            let mut attributes = vec![
                ("rel", "enclosure"),
                ("type", image.mime.as_str()),
                ("href", image.url.as_str()),
            ];
            let length;
            if let Some(bytes) = image.length {
                length = bytes.to_string();
                attributes.push(("length", length.as_str()));
            }
            xml.element("link", &attributes, "");
        }
        xml.text("published", &item.published.to_string());
        xml.text("updated", &item.updated.to_string());
        for author in &item.authors {
            xml.open("author", &[]);
            xml.text("name", author);
            xml.close("author");
        }
        for category in &item.categories {
            xml.element("category", &[("term", category)], "");
        }
        xml.element("summary", &[("type", "text")], &item.summary);
        if let Some(content) = &item.content {
            xml.element("content", &[("type", "html")], content);
        }
        xml.close("entry");
    }
    xml.close("feed");
    xml.finish()
}

fn json(feed: &Feed) -> String {
    use serde_json::{Value, json};
    let items: Vec<Value> = feed
        .items
        .iter()
        .map(|item| {
            let mut value = json!({
                "id": item.id,
                "url": item.url,
                "title": item.title,
                "summary": item.summary,
                "language": item.language.as_str(),
                "date_published": item.published.to_string(),
                "date_modified": item.updated.to_string(),
            });
            match &item.content {
                Some(content) => value["content_html"] = json!(content),
                None => value["content_text"] = json!(item.summary),
            }
            if !item.authors.is_empty() {
                value["authors"] = item
                    .authors
                    .iter()
                    .map(|name| json!({ "name": name }))
                    .collect();
            }
            if !item.categories.is_empty() {
                value["tags"] = json!(item.categories);
            }
            if let Some(image) = &item.image {
                value["image"] = json!(image.url);
                let mut attachment = json!({ "url": image.url, "mime_type": image.mime });
                if let Some(length) = image.length {
                    attachment["size_in_bytes"] = json!(length);
                }
                value["attachments"] = json!([attachment]);
            }
            value
        })
        .collect();
    let document = json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": feed.title,
        "home_page_url": feed.page_url,
        "feed_url": feed.self_url,
        "description": feed.description,
        "language": feed.language.as_str(),
        "authors": [{ "name": feed.author }],
        "items": items,
    });
    // A value built from strings and numbers always serialises. `<`, `>` and `&` occur only
    // inside strings, where their JSON escapes mean the same: no reader that takes the feed
    // for HTML sees markup.
    serde_json::to_string_pretty(&document)
        .unwrap_or_default()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}
