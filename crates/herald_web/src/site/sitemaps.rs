//! Sitemaps for search engines, and `robots.txt` pointing at them.
//!
//! `/sitemap.xml` is an index of: per language, `/sitemaps/{lang}-pages.xml` (home, sections,
//! topics, videos) and `/sitemaps/{lang}-{n}.xml` (the articles published in the language, by
//! id, `sitemap_urls` of the settings a page, 50,000 by default); and `/sitemaps/news.xml`, the articles of the last two
//! days in every language in Google News' format.
//!
//! Every URL lists each language version of its page with `xhtml:link rel="alternate"
//! hreflang` — the same set from every version, so the links are reciprocal — and an
//! `x-default`: for an article, its version in the language it was written in (else the
//! site's default language's, else the first), as the article page's own `hreflang` links
//! say; for the other pages, the default language's. Only published versions in the site's
//! languages are listed, so no URL leads to a fallback or to a missing page. Articles carry
//! their pictures (`image:image`) and their videos with a poster (`video:video`).

use std::collections::HashMap;
use std::fmt::Write as _;
use std::time::Duration;

use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use herald_domain::{Language, Localized, Media, MediaId, MediaKind, VideoSource};
use herald_store::{PageRequest, SitemapEntry, SitemapRequest, SitemapVersion, TermIds};

use crate::extract::Segments;
use crate::paths::{self, ListKind};
use crate::xml::Writer;
use crate::{AppState, WebError};

/// The most URLs one sitemap may list (the sitemaps protocol's limit).
const URLS_PER_SITEMAP: u32 = crate::DEFAULT_SITEMAP_URLS;
/// The most URLs a news sitemap may list (Google News' limit).
const NEWS_URLS: u32 = 1000;
/// How far back a news sitemap goes.
const NEWS_WINDOW: Duration = Duration::from_secs(48 * 3600);
/// Most media read at once.
const MEDIA_PER_READ: usize = 500;

const SITEMAP_NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const XHTML_NS: &str = "http://www.w3.org/1999/xhtml";
const IMAGE_NS: &str = "http://www.google.com/schemas/sitemap-image/1.1";
const VIDEO_NS: &str = "http://www.google.com/schemas/sitemap-video/1.1";
const NEWS_NS: &str = "http://www.google.com/schemas/sitemap-news/0.9";

/// How long crawlers and caches may keep a sitemap or `robots.txt`.
const CACHE_CONTROL: &str = "public, max-age=300";

fn respond(body: String, content_type: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static(CACHE_CONTROL),
            ),
        ],
        body,
    )
        .into_response()
}

fn xml_response(body: String) -> Response {
    respond(body, "application/xml; charset=utf-8")
}

/// `GET /robots.txt`: the whole site may be crawled but the admin, the API and the health
/// check; then the operator's lines; then the sitemap index.
pub(crate) async fn robots(State(state): State<AppState>) -> Response {
    let settings = state.settings();
    let mut text = String::from(
        "User-agent: *\nAllow: /\nDisallow: /admin\nDisallow: /api/\nDisallow: /healthz\n",
    );
    for line in &settings.robots_extra {
        // One line each: a value cannot smuggle in more.
        let line: String = line.chars().filter(|c| !c.is_control()).collect();
        text.push_str(&line);
        text.push('\n');
    }
    let _ = write!(
        text,
        "\nSitemap: {}\n",
        paths::absolute(&settings.public_url, "/sitemap.xml")
    );
    respond(text, "text/plain; charset=utf-8")
}

/// `GET /sitemap.xml`: the index of every sitemap.
pub(crate) async fn index(State(state): State<AppState>) -> Result<Response, WebError> {
    let settings = state.settings();
    let mut files = Vec::new();
    for lang in &settings.languages {
        files.push(format!("{lang}-pages.xml"));
        let counted = state
            .store()
            .list_for_sitemap(&SitemapRequest {
                language: lang.clone(),
                published_within: None,
                page: PageRequest::first(0),
            })
            .await?;
        let pages = counted
            .total
            .div_ceil(u64::from(settings.sitemap_urls.max(1)));
        files.extend((1..=pages).map(|n| format!("{lang}-{n}.xml")));
    }
    files.push("news.xml".to_owned());
    let mut xml = Writer::new(128 * files.len());
    xml.open("sitemapindex", &[("xmlns", SITEMAP_NS)]);
    for file in files {
        xml.open("sitemap", &[]);
        xml.text(
            "loc",
            &paths::absolute(&settings.public_url, &format!("/sitemaps/{file}")),
        );
        xml.close("sitemap");
    }
    xml.close("sitemapindex");
    Ok(xml_response(xml.finish()))
}

/// `GET /sitemaps/{file}`: `news.xml`, `{lang}-pages.xml` or `{lang}-{n}.xml`.
pub(crate) async fn sitemap(
    State(state): State<AppState>,
    Segments(file): Segments<String>,
) -> Result<Response, WebError> {
    let stem = file.strip_suffix(".xml").ok_or(WebError::NotFound)?;
    if stem == "news" {
        return news(&state).await;
    }
    let (tag, part) = stem.rsplit_once('-').ok_or(WebError::NotFound)?;
    let lang = super::site_language(&state, tag)?;
    if part == "pages" {
        return pages(&state, &lang).await;
    }
    let number: u32 = part
        .parse()
        .ok()
        .filter(|n| *n >= 1 && part.bytes().all(|b| b.is_ascii_digit()))
        .ok_or(WebError::NotFound)?;
    articles(&state, &lang, number).await
}

/// One `<url>`'s versions: (hreflang, absolute URL) for each language, then `x-default`.
struct Alternates(Vec<(String, String)>);

impl Alternates {
    /// The versions in `editions` (language, path), in the site's language order, and
    /// `x-default` at the version in the first of `preferred` that has one, else the first.
    fn new(state: &AppState, editions: &[(Language, String)], preferred: &[&Language]) -> Self {
        let settings = state.settings();
        let ordered: Vec<&(Language, String)> = settings
            .languages
            .iter()
            .filter_map(|l| editions.iter().find(|(e, _)| e == l))
            .collect();
        let mut links: Vec<(String, String)> = ordered
            .iter()
            .map(|(l, path)| (l.to_string(), paths::absolute(&settings.public_url, path)))
            .collect();
        let x_default = preferred
            .iter()
            .find_map(|p| ordered.iter().find(|(l, _)| l == *p))
            .or_else(|| ordered.first());
        if let Some((_, path)) = x_default {
            links.push((
                "x-default".to_owned(),
                paths::absolute(&settings.public_url, path),
            ));
        }
        Self(links)
    }

    fn write(&self, xml: &mut Writer) {
        for (hreflang, href) in &self.0 {
            xml.element(
                "xhtml:link",
                &[("rel", "alternate"), ("hreflang", hreflang), ("href", href)],
                "",
            );
        }
    }
}

/// `<urlset>` with the namespaces an article sitemap uses.
fn urlset(xml: &mut Writer, news: bool) {
    let mut namespaces = vec![
        ("xmlns", SITEMAP_NS),
        ("xmlns:xhtml", XHTML_NS),
        ("xmlns:image", IMAGE_NS),
        ("xmlns:video", VIDEO_NS),
    ];
    if news {
        namespaces.push(("xmlns:news", NEWS_NS));
    }
    xml.open("urlset", &namespaces);
}

/// The home, section, topic and videos pages in `lang`.
async fn pages(state: &AppState, lang: &Language) -> Result<Response, WebError> {
    let settings = state.settings();
    let store = state.store();
    let terms = store
        .terms(&TermIds {
            all_categories: true,
            ..TermIds::default()
        })
        .await?;
    let topics = store.list_topics().await?;
    let every = |path: fn(&Language) -> String| -> Vec<(Language, String)> {
        settings
            .languages
            .iter()
            .map(|l| (l.clone(), path(l)))
            .collect()
    };
    let mut urls: Vec<(String, Alternates)> = Vec::new();
    let default = &settings.default_language;
    urls.push((
        paths::home(lang),
        Alternates::new(state, &every(paths::home), &[default]),
    ));
    let named = |names: &Localized<herald_domain::TermName>,
                 path: &dyn Fn(&Language, &herald_domain::Slug) -> String| {
        let editions: Vec<(Language, String)> = settings
            .languages
            .iter()
            .filter_map(|l| Some((l.clone(), path(l, &names.get(l)?.slug))))
            .collect();
        let own = names.get(lang).map(|n| path(lang, &n.slug));
        own.map(|own| (own, Alternates::new(state, &editions, &[default])))
    };
    for category in &terms.categories {
        urls.extend(named(&category.names, &paths::category));
    }
    for topic in &topics {
        urls.extend(named(&topic.names, &|l, s| {
            paths::list(l, ListKind::Topic, s)
        }));
    }
    urls.push((
        paths::videos(lang),
        Alternates::new(state, &every(paths::videos), &[default]),
    ));
    urls.truncate(URLS_PER_SITEMAP as usize);
    let mut xml = Writer::new(512 * urls.len());
    urlset(&mut xml, false);
    for (path, alternates) in &urls {
        xml.open("url", &[]);
        xml.text("loc", &paths::absolute(&settings.public_url, path));
        alternates.write(&mut xml);
        xml.close("url");
    }
    xml.close("urlset");
    Ok(xml_response(xml.finish()))
}

/// Every media item the entries carry, and the videos' posters, by id.
async fn entry_media(
    state: &AppState,
    entries: &[SitemapEntry],
) -> Result<HashMap<MediaId, Media>, WebError> {
    let mut ids: Vec<MediaId> = entries
        .iter()
        .flat_map(|e| e.lead_image.iter().chain(&e.media).copied())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let mut found = read_media(state, &ids).await?;
    let mut posters: Vec<MediaId> = found
        .values()
        .filter_map(|m| match &m.kind {
            MediaKind::Video { poster, .. } => *poster,
            MediaKind::Image { .. } => None,
        })
        .filter(|id| !found.contains_key(id))
        .collect();
    posters.sort_unstable();
    posters.dedup();
    found.extend(read_media(state, &posters).await?);
    Ok(found)
}

async fn read_media(
    state: &AppState,
    ids: &[MediaId],
) -> Result<HashMap<MediaId, Media>, WebError> {
    let mut found = HashMap::new();
    for chunk in ids.chunks(MEDIA_PER_READ) {
        for media in state.store().media(chunk).await? {
            found.insert(media.id, media);
        }
    }
    Ok(found)
}

/// An article's versions in the site's languages, as (language, path).
fn editions(state: &AppState, entry: &SitemapEntry) -> Vec<(Language, String)> {
    let languages = &state.settings().languages;
    entry
        .versions
        .iter()
        .filter(|v| languages.contains(&v.language))
        .map(|v| {
            (
                v.language.clone(),
                paths::article(&v.language, &v.slug, entry.id),
            )
        })
        .collect()
}

/// Page `number` of the articles published in `lang`.
async fn articles(state: &AppState, lang: &Language, number: u32) -> Result<Response, WebError> {
    let settings = state.settings();
    let found = state
        .store()
        .list_for_sitemap(&SitemapRequest {
            language: lang.clone(),
            published_within: None,
            page: PageRequest {
                number,
                size: settings.sitemap_urls.clamp(1, URLS_PER_SITEMAP),
            },
        })
        .await?;
    if found.items.is_empty() && number > 1 {
        return Err(WebError::NotFound);
    }
    let media = entry_media(state, &found.items).await?;
    let mut xml = Writer::new(1024 * found.items.len() + 256);
    urlset(&mut xml, false);
    for entry in &found.items {
        let Some((version, alternates)) = open_article_url(state, &mut xml, lang, entry) else {
            continue;
        };
        xml.text(
            "lastmod",
            &version.updated_at.max(entry.updated_at).to_string(),
        );
        alternates.write(&mut xml);
        write_media(state, &mut xml, entry, lang, &version.title, &media);
        xml.close("url");
    }
    xml.close("urlset");
    Ok(xml_response(xml.finish()))
}

/// Opens the `<url>` of an article's version in `lang` with its `<loc>`; gives that version
/// and its alternates (the caller writes them where its format wants them), or `None` when the
/// article has no published version in `lang`.
fn open_article_url<'e>(
    state: &AppState,
    xml: &mut Writer,
    lang: &Language,
    entry: &'e SitemapEntry,
) -> Option<(&'e SitemapVersion, Alternates)> {
    let settings = state.settings();
    let version = entry.versions.iter().find(|v| v.language == *lang)?;
    let alternates = Alternates::new(
        state,
        &editions(state, entry),
        &[&entry.source_language, &settings.default_language],
    );
    xml.open("url", &[]);
    xml.text(
        "loc",
        &paths::absolute(
            &settings.public_url,
            &paths::article(lang, &version.slug, entry.id),
        ),
    );
    Some((version, alternates))
}

/// The article's pictures as `image:image` and its videos that have a poster as
/// `video:video` (a poster is what search engines require of a video entry).
fn write_media(
    state: &AppState,
    xml: &mut Writer,
    entry: &SitemapEntry,
    lang: &Language,
    title: &str,
    media: &HashMap<MediaId, Media>,
) {
    let settings = state.settings();
    let absolute = |path: &str| paths::absolute(&settings.public_url, &paths::media(path));
    let mut ids: Vec<MediaId> = entry
        .lead_image
        .iter()
        .chain(&entry.media)
        .copied()
        .collect();
    let mut seen = Vec::new();
    ids.retain(|id| {
        let new = !seen.contains(id);
        seen.push(*id);
        new
    });
    let also = std::slice::from_ref(&settings.default_language);
    for found in ids.iter().filter_map(|id| media.get(id)) {
        match &found.kind {
            MediaKind::Image { path, .. } => {
                xml.open("image:image", &[]);
                xml.text("image:loc", &absolute(path));
                xml.close("image:image");
            }
            MediaKind::Video {
                source,
                poster,
                duration_secs,
                ..
            } => {
                let Some(MediaKind::Image {
                    path: poster_path, ..
                }) = poster.and_then(|id| media.get(&id)).map(|m| &m.kind)
                else {
                    continue;
                };
                let description = found
                    .caption
                    .best(lang, also)
                    .map_or(title, |(_, caption)| caption.as_str());
                xml.open("video:video", &[]);
                xml.text("video:thumbnail_loc", &absolute(poster_path));
                xml.text("video:title", title);
                xml.text("video:description", description);
                match source {
                    VideoSource::File { path, .. } => {
                        xml.text("video:content_loc", &absolute(path));
                    }
                    VideoSource::Embed { url } => xml.text("video:player_loc", url.as_str()),
                }
                if let Some(seconds) = duration_secs {
                    xml.text("video:duration", &seconds.to_string());
                }
                xml.close("video:video");
            }
        }
    }
}

/// The language code Google News expects: ISO 639, with `zh-cn`/`zh-tw` for Chinese scripts.
fn news_language(lang: &Language) -> String {
    match lang.as_str() {
        "zh-Hans" | "zh-CN" | "zh-Hans-CN" => "zh-cn".to_owned(),
        "zh-Hant" | "zh-TW" | "zh-Hant-TW" => "zh-tw".to_owned(),
        tag => tag.split('-').next().unwrap_or(tag).to_ascii_lowercase(),
    }
}

/// The articles published in the last two days, in every language, newest languages first in
/// the site's order, at most [`NEWS_URLS`].
async fn news(state: &AppState) -> Result<Response, WebError> {
    let settings = state.settings();
    let mut entries: Vec<(Language, SitemapEntry)> = Vec::new();
    for lang in &settings.languages {
        let room = NEWS_URLS.saturating_sub(u32::try_from(entries.len()).unwrap_or(u32::MAX));
        if room == 0 {
            break;
        }
        let found = state
            .store()
            .list_for_sitemap(&SitemapRequest {
                language: lang.clone(),
                published_within: Some(NEWS_WINDOW),
                page: PageRequest::first(room),
            })
            .await?;
        entries.extend(found.items.into_iter().map(|e| (lang.clone(), e)));
    }
    let mut xml = Writer::new(1024 * entries.len() + 256);
    urlset(&mut xml, true);
    for (lang, entry) in &entries {
        let Some((version, alternates)) = open_article_url(state, &mut xml, lang, entry) else {
            continue;
        };
        alternates.write(&mut xml);
        xml.open("news:news", &[]);
        xml.open("news:publication", &[]);
        xml.text("news:name", &settings.site_name);
        xml.text("news:language", &news_language(lang));
        xml.close("news:publication");
        xml.text("news:publication_date", &entry.published_at.to_string());
        xml.text("news:title", &version.title);
        xml.close("news:news");
        xml.close("url");
    }
    xml.close("urlset");
    Ok(xml_response(xml.finish()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_news_languages_as_google_news_does() {
        let code = |tag: &str| news_language(&Language::parse(tag).unwrap());
        assert_eq!(code("vi"), "vi");
        assert_eq!(code("zh-Hans"), "zh-cn");
        assert_eq!(code("pt-BR"), "pt");
        assert_eq!(code("fa"), "fa");
    }
}
