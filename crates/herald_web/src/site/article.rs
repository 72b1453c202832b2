//! `/{lang}/{slug}-{id}`: an article in one language — headline, lead, dateline, byline, the
//! note on where this language's text comes from, figures and videos, body, source credit,
//! tags, and the related lists — the same story from other outlets and languages, "more like
//! this" from the search index, the same topic, section and author — each shown only when it
//! has something in it, and no article in two of them.
//!
//! An article with no version in the page's language is shown in its best fallback version
//! (the site's content fallbacks first) inside the page's interface: the article element
//! carries the version's `lang` and `dir`, the interface parts inside it the page's, a notice
//! says so, and the canonical link points to the fallback version's own page, so that search
//! engines index the real version. `hreflang` lists only real versions.

use std::collections::HashMap;
use std::ops::Range;

use askama::Template;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderValue, header};
use axum::response::Response;
use herald_domain::{
    Article, ArticleId, Category, CategoryId, EditorialState, Language, Localized, Media, MediaId,
    Origin, TermName, Version,
};
use herald_store::{ArticleCard, ArticleFilter, TermIds, TermKind};

use super::cards::{self, CARD_SIZES, Card, CardStyle, Figure, Loading};
use super::category::Link;
use super::comments::{self, CommentsSection, Refusal, Thread};
use super::frame::{Frame, menu_terms};
use super::video::{self, Player};
use super::{listed_in, moved_permanently, page_response, page_text, site_language};
use crate::extract::Segments;
use crate::html::{Html, LangMark, Piece, Text};
use crate::middleware::content_security_policy;
use crate::paths::{self, ListKind};
use crate::{AppState, WebError};

/// How many articles each related list shows.
const RELATED_SIZE: u32 = 4;
/// Reading speed for the reading-time estimate, in words per minute.
const WORDS_PER_MINUTE: usize = 200;
/// The notice over an article shown in a fallback language.
const FALLBACK_NOTICE: &str = "article-fallback-notice";

/// An article page.
#[derive(Template)]
#[template(path = "site/article.html")]
pub(crate) struct ArticlePage {
    frame: Frame,
    t: Text,
    /// `lang` and `dir` of the article element, when its version is in another language than
    /// the page (a fallback).
    content_mark: Option<LangMark>,
    /// The page's `lang` and `dir`, for the interface parts inside that article.
    ui_mark: Option<LangMark>,
    /// "Not yet available in Persian; shown in English", for a fallback.
    fallback_notice: Option<Html>,
    /// The article's section, after its parent sections.
    breadcrumb: Vec<Link>,
    title: String,
    lead: String,
    /// "Hanoi, <time>…</time>".
    dateline: Html,
    /// "Updated <time>…</time>", when the original changed after publication.
    updated: Option<Html>,
    reading_time: String,
    byline: Option<Html>,
    /// Where this language's text comes from, for translations and publishers' editions.
    notice: Option<Html>,
    lead_figure: Option<Figure>,
    /// The article's videos that its body does not place.
    videos: Vec<Html>,
    /// The body, sanitised at ingestion, with its figures and videos in place.
    body: Html,
    /// "Source: <a>credit</a>", linking to the original.
    source_credit: Option<Html>,
    topics: Vec<Link>,
    tags: Vec<Link>,
    /// Only the related lists that have articles.
    related: Vec<Related>,
    /// "3 comments", linking to them.
    comment_count: Html,
    comments: CommentsSection,
}

/// A list of related articles.
pub(crate) struct Related {
    heading: Html,
    cards: Vec<Card>,
}

/// `GET /{lang}/{slug}-{id}`; also `GET /{lang}/{category}` without its trailing slash.
/// `?comments=all` shows every language's comments.
pub(crate) async fn article(
    State(state): State<AppState>,
    Segments((lang, name)): Segments<(String, String)>,
    RawQuery(query): RawQuery,
) -> Result<Response, WebError> {
    let lang = site_language(&state, &lang)?;
    render(
        &state,
        &lang,
        &name,
        Thread::from_query(query.as_deref()),
        None,
    )
    .await
}

/// The published versions of an article in the site's languages, in their order.
fn published_versions<'a>(
    settings: &crate::WebSettings,
    versions: &'a [Version],
) -> Vec<&'a Version> {
    settings
        .languages
        .iter()
        .filter_map(|l| {
            versions
                .iter()
                .find(|v| v.language == *l && v.state == EditorialState::Published)
        })
        .collect()
}

/// The version a page in `lang` shows: its own if published, else the best fallback; 410
/// for a version withdrawn, 404 when there is none to show.
fn shown_version<'a>(
    settings: &crate::WebSettings,
    article: &Article,
    versions: &'a [Version],
    published: &[&'a Version],
    lang: &Language,
) -> Result<&'a Version, WebError> {
    match versions.iter().find(|v| v.language == *lang) {
        Some(v) if v.state == EditorialState::Published => Ok(v),
        Some(v) if v.state == EditorialState::Withdrawn => Err(WebError::Gone),
        _ => best_fallback(
            published,
            &settings.content_fallbacks,
            &article.source_language,
        )
        .ok_or(WebError::NotFound),
    }
}

/// The address of article `id`'s page in `lang` now (its slug may have changed), or why
/// there is no such page.
pub(crate) async fn current_path(
    state: &AppState,
    lang: &Language,
    id: ArticleId,
) -> Result<String, WebError> {
    let (article, versions) = state
        .store()
        .article_with_versions(id)
        .await?
        .ok_or(WebError::NotFound)?;
    let published = published_versions(state.settings(), &versions);
    let version = shown_version(state.settings(), &article, &versions, &published, lang)?;
    Ok(paths::article(lang, &version.slug, id))
}

/// The page at `/{lang}/{name}`, its comments as `thread` asks; `refusal`: a comment just
/// refused, shown in the form with its reason.
pub(crate) async fn render(
    state: &AppState,
    lang: &Language,
    name: &str,
    thread: Thread,
    refusal: Option<&Refusal>,
) -> Result<Response, WebError> {
    let lang = lang.clone();
    let Some((slug, id)) = paths::parse_article_segment(name) else {
        return section_without_slash(state, &lang, name).await;
    };
    let state = state.clone();
    let store = state.store();
    let settings = state.settings();
    let (article, versions) = store
        .article_with_versions(id)
        .await?
        .ok_or(WebError::NotFound)?;
    let published = published_versions(settings, &versions);
    let version = shown_version(settings, &article, &versions, &published, &lang)?;
    let path = paths::article(&lang, &version.slug, id);
    if slug != version.slug.as_str() {
        return Ok(moved_permanently(&path));
    }
    // The version's own page, which is this one unless the version is a fallback.
    let own_path = paths::article(&version.language, &version.slug, id);
    let text_lang = &version.language;

    let t = page_text(&state, &lang);
    // The page's taxonomy and its menu in one read, then the related lists in one, then
    // every media item the article and the lists' cards show in one.
    let terms = store
        .terms(&TermIds {
            sources: vec![article.source],
            topics: article.topics.clone(),
            authors: article.authors.clone(),
            places: article.place.into_iter().collect(),
            tags: article.tags.clone(),
            ..menu_terms(&state, &lang)
        })
        .await?;
    let categories = &terms.categories;
    let (topics, authors, tags) = (&terms.topics, &terms.authors, &terms.tags);
    let source = terms.sources.first();
    let place = terms.places.first();
    let related = related_lists(&state, &t, &article, categories, topics, authors).await?;
    let (comments, comment_count) =
        comments::section(&state, &t, id, &path, thread, refusal).await?;
    let body_media = placeholders(&version.body);
    let mut media_ids: Vec<MediaId> = article
        .lead_image
        .iter()
        .chain(&article.media)
        .copied()
        .chain(body_media.iter().filter_map(|(_, id)| *id))
        .chain(cards::lead_images(
            related.iter().flat_map(|(_, items)| items),
        ))
        .collect();
    media_ids.sort_unstable();
    media_ids.dedup();
    let mut media = cards::load_media(&state, &media_ids).await?;
    let posters: Vec<MediaId> = video::poster_ids(media.values())
        .into_iter()
        .filter(|id| !media.contains_key(id))
        .collect();
    media.extend(cards::load_media(&state, &posters).await?);
    let related_comments =
        cards::comment_counts(&state, &t, related.iter().flat_map(|(_, items)| items)).await?;
    let player = |m: &Media| {
        video::player(
            &t,
            m,
            text_lang,
            &media,
            &settings.languages,
            &settings.public_url,
        )
    };

    let dateline = {
        let date = t.date(article.published_at).to_html();
        match place
            .as_ref()
            .and_then(|p| name_in(&p.names, &lang, settings))
        {
            Some(place) => t.html(
                "article-dateline",
                &[("place", Piece::Name(place)), ("date", Piece::Markup(date))],
            ),
            None => date,
        }
    };
    let updated =
        (article.updated_at.as_second() > article.published_at.as_second() + 60).then(|| {
            let date = t.date_time(article.updated_at).to_html();
            t.html("article-updated", &[("date", Piece::Markup(date))])
        });
    let byline = (!authors.is_empty()).then(|| {
        let names = authors.iter().filter_map(|author| {
            let name = name_in(&author.names, &lang, settings)?;
            let isolated = Html::isolated(name);
            Some(match author.names.get(&lang) {
                Some(term) => Html::link(
                    &paths::list(&lang, ListKind::Author, &term.slug),
                    &isolated,
                    None,
                    None,
                ),
                None => isolated,
            })
        });
        let names = Html::join(names, t.list_separator());
        t.html("article-byline", &[("authors", Piece::Markup(names))])
    });
    let source_credit = source.as_ref().map(|source| {
        let credit = Html::isolated(&source.rights.credit);
        // Only web links: a stored URL with another scheme (`javascript:`) is not followed.
        let credit = article
            .source_url
            .iter()
            .chain([&source.home_url])
            .find(|url| matches!(url.scheme(), "http" | "https"))
            .map_or(credit.clone(), |url| {
                Html::link(url.as_str(), &credit, None, Some("noopener"))
            });
        t.html("article-source", &[("source", Piece::Markup(credit))])
    });
    let lead_figure = article
        .lead_image
        .and_then(|id| media.get(&id))
        .and_then(|m| cards::figure(&t, m, text_lang, Loading::Lead));
    let (body, mut players) =
        place_media(&version.body, &body_media, &t, text_lang, &media, &player)?;
    // Videos the article carries but its body does not place go above the body.
    let placed: Vec<MediaId> = body_media.iter().filter_map(|(_, id)| *id).collect();
    let mut videos = Vec::new();
    for id in article.media.iter().filter(|id| !placed.contains(id)) {
        if let Some(found) = media.get(id).and_then(&player) {
            videos.push(found.to_html()?);
            players.push(found);
        }
    }
    let mut frame_origins: Vec<String> = players
        .iter()
        .filter_map(|p| p.frame_origin().map(str::to_owned))
        .collect();
    frame_origins.sort_unstable();
    frame_origins.dedup();

    let mut frame = Frame::new(
        &state,
        &t,
        format!("{} — {}", version.title, settings.site_name),
    );
    frame.description = Some(version.lead.clone());
    frame.set_nav(&terms, Some(top_level(categories, article.category)));
    let editions: Vec<(Language, String)> = published
        .iter()
        .map(|v| (v.language.clone(), paths::article(&v.language, &v.slug, id)))
        .collect();
    let x_default = [&article.source_language, &settings.default_language]
        .into_iter()
        .find_map(|l| editions.iter().find(|(e, _)| e == l))
        .or_else(|| editions.first())
        .map(|(_, path)| path.clone());
    frame.set_editions(&state, &own_path, &editions, x_default.as_deref());
    let mut structured = news_article(
        &settings.public_url,
        &settings.site_name,
        &article,
        version,
        &own_path,
        &published,
        authors
            .iter()
            .filter_map(|a| name_in(&a.names, text_lang, settings)),
    );
    let facts = seo_facts(
        settings, &article, version, &own_path, &published, categories, topics, tags, &media,
    );
    super::seo::complete_news_article(&mut structured, &facts);
    frame.meta = super::seo::article_meta(&facts);
    frame.structured_data = Some(super::frame::json_ld(&structured));

    let fallback_notice = (*text_lang != lang).then(|| {
        let here = t.language_name(&lang);
        let shown = t.language_name(text_lang);
        t.html(
            FALLBACK_NOTICE,
            &[
                ("language", Piece::Name(&here)),
                (
                    "other",
                    Piece::Markup(Html::link(
                        &own_path,
                        &Html::isolated(&shown),
                        Some(text_lang),
                        None,
                    )),
                ),
            ],
        )
    });

    let comment_count = {
        let count = t.format(
            "comments-count",
            &[(
                "count",
                i64::try_from(comment_count).unwrap_or(i64::MAX).into(),
            )],
        );
        Html::link("#comments", &Html::text(&count), None, None)
    };

    let text_len = body.as_str().len();
    let page = ArticlePage {
        comments,
        comment_count,
        content_mark: LangMark::between(text_lang, &lang),
        ui_mark: LangMark::between(&lang, text_lang),
        fallback_notice,
        breadcrumb: breadcrumb(categories, article.category, &lang),
        title: version.title.clone(),
        lead: version.lead.clone(),
        dateline,
        updated,
        reading_time: t.format(
            "article-reading-time",
            &[("minutes", reading_minutes(&version.body).into())],
        ),
        byline,
        notice: notice(&t, &article, version, &versions, &settings.languages),
        lead_figure,
        videos,
        body,
        source_credit,
        topics: links(
            &topics.iter().map(|x| &x.names).collect::<Vec<_>>(),
            &lang,
            ListKind::Topic,
        ),
        tags: links(
            &tags.iter().map(|x| &x.names).collect::<Vec<_>>(),
            &lang,
            ListKind::Tag,
        ),
        related: related
            .into_iter()
            .map(|(heading, items)| Related {
                heading,
                cards: cards::cards(
                    &t,
                    &items,
                    &media,
                    &related_comments,
                    CARD_SIZES,
                    CardStyle::default(),
                ),
            })
            .collect(),
        frame,
        t,
    };
    let mut response = page_response(&lang, &page, text_len)?;
    if !frame_origins.is_empty() {
        // The players' sites are allowed in frames on this page only.
        if let Ok(policy) = HeaderValue::from_str(&content_security_policy(&frame_origins)) {
            response
                .headers_mut()
                .insert(header::CONTENT_SECURITY_POLICY, policy);
        }
    }
    Ok(response)
}

/// What the structured data and `<meta>` tags of an article page say about its version.
#[expect(
    clippy::too_many_arguments,
    reason = "the parts of the page already read, passed as they are"
)]
fn seo_facts<'a>(
    settings: &'a crate::WebSettings,
    article: &Article,
    version: &'a Version,
    own_path: &str,
    published: &[&Version],
    categories: &[Category],
    topics: &[herald_domain::Topic],
    tags: &[herald_domain::Tag],
    media: &'a HashMap<MediaId, Media>,
) -> super::seo::ArticleFacts<'a> {
    let lang = &version.language;
    let mut pictures: Vec<&Media> = Vec::new();
    for id in article.lead_image.iter().chain(&article.media) {
        if let Some(found) = media.get(id)
            && !pictures.iter().any(|m| m.id == found.id)
        {
            pictures.push(found);
        }
    }
    super::seo::ArticleFacts {
        settings,
        lang,
        title: &version.title,
        description: &version.lead,
        url: paths::absolute(&settings.public_url, own_path),
        other_languages: published
            .iter()
            .filter(|v| v.language != *lang)
            .map(|v| v.language.clone())
            .collect(),
        published: article.published_at,
        modified: article.updated_at.max(version.updated_at),
        section: categories
            .iter()
            .find(|c| c.id == article.category)
            .and_then(|c| name_in(&c.names, lang, settings))
            .map(str::to_owned),
        keywords: topics
            .iter()
            .map(|x| &x.names)
            .chain(tags.iter().map(|x| &x.names))
            .filter_map(|names| name_in(names, lang, settings))
            .map(str::to_owned)
            .collect(),
        pictures,
    }
}

/// The version to show on a page whose language has none published: the first of the site's
/// content fallbacks that has one, else the original's language, else the first in the site's
/// language order. `published` holds the published versions in the site's languages.
fn best_fallback<'a>(
    published: &[&'a Version],
    fallbacks: &[Language],
    source_language: &Language,
) -> Option<&'a Version> {
    fallbacks
        .iter()
        .chain([source_language])
        .find_map(|l| published.iter().find(|v| v.language == *l))
        .or_else(|| published.first())
        .copied()
}

/// `/{lang}/{category}` without the slash: 301 to the section if there is one.
async fn section_without_slash(
    state: &AppState,
    lang: &Language,
    name: &str,
) -> Result<Response, WebError> {
    let store = state.store();
    let found = store
        .find_term_by_slug(TermKind::Category, lang, name)
        .await?
        .ok_or(WebError::NotFound)?;
    let categories = store.list_categories().await?;
    let slug = categories
        .iter()
        .find(|c| c.id.get() == found.value)
        .and_then(|c| c.names.get(lang))
        .ok_or(WebError::NotFound)?;
    Ok(moved_permanently(&paths::category(lang, &slug.slug)))
}

/// A term's name in `lang`, else in the site's default language, else in any.
fn name_in<'a>(
    names: &'a Localized<TermName>,
    lang: &Language,
    settings: &crate::WebSettings,
) -> Option<&'a str> {
    names
        .best(lang, std::slice::from_ref(&settings.default_language))
        .map(|(_, term)| term.name.as_str())
}

/// Links to the list pages of terms named in `lang` (terms with no name in it are left out).
fn links(terms: &[&Localized<TermName>], lang: &Language, kind: ListKind) -> Vec<Link> {
    terms
        .iter()
        .filter_map(|names| names.get(lang))
        .map(|term| Link {
            name: term.name.clone(),
            href: paths::list(lang, kind, &term.slug),
        })
        .collect()
}

/// The sections from the top down to `category`, named in `lang`.
fn breadcrumb(categories: &[Category], category: CategoryId, lang: &Language) -> Vec<Link> {
    let mut chain = Vec::new();
    let mut next = Some(category);
    // Bounded by the number of categories, in case stored data ever had a cycle.
    while let Some(id) = next.filter(|_| chain.len() < categories.len()) {
        let Some(c) = categories.iter().find(|c| c.id == id) else {
            break;
        };
        if let Some(term) = c.names.get(lang) {
            chain.push(Link {
                name: term.name.clone(),
                href: paths::category(lang, &term.slug),
            });
        }
        next = c.parent;
    }
    chain.reverse();
    chain
}

/// The top-level section `category` belongs to.
fn top_level(categories: &[Category], category: CategoryId) -> CategoryId {
    let mut id = category;
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

/// JSON-LD `NewsArticle` for a version: headline, language, dates, authors, publisher and,
/// for a translation, the original it is a translation of (`translationOfWork`, and
/// `isBasedOn` for readers of older vocabularies) and the machine or person that made it.
fn news_article<'a>(
    public_url: &url::Url,
    site_name: &str,
    article: &Article,
    version: &Version,
    own_path: &str,
    published: &[&Version],
    authors: impl Iterator<Item = &'a str>,
) -> serde_json::Value {
    use serde_json::json;
    let absolute = |path: &str| {
        public_url
            .join(path.trim_start_matches('/'))
            .map_or_else(|_| path.to_owned(), |u| u.to_string())
    };
    let authors: Vec<serde_json::Value> = authors
        .map(|name| json!({ "@type": "Person", "name": name }))
        .collect();
    let mut data = json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": version.title,
        "description": version.lead,
        "inLanguage": version.language.as_str(),
        "url": absolute(own_path),
        "mainEntityOfPage": absolute(own_path),
        "datePublished": article.published_at.to_string(),
        "dateModified": article.updated_at.max(version.updated_at).to_string(),
        "publisher": { "@type": "Organization", "name": site_name },
    });
    if !authors.is_empty() {
        data["author"] = serde_json::Value::Array(authors);
    }
    if version.origin.is_translation() {
        let from = version
            .provenance
            .as_ref()
            .map_or(&article.source_language, |p| &p.from_language);
        if let Some(original) = published.iter().find(|v| v.language == *from) {
            let url = absolute(&paths::article(
                &original.language,
                &original.slug,
                article.id,
            ));
            data["translationOfWork"] = json!({
                "@type": "NewsArticle",
                "@id": url,
                "headline": original.title,
                "inLanguage": original.language.as_str(),
            });
            data["isBasedOn"] = json!(url);
        }
        let translator = version
            .provenance
            .as_ref()
            .and_then(|p| match version.origin {
                Origin::Machine => {
                    Some(json!({ "@type": "SoftwareApplication", "name": p.engine }))
                }
                _ => p
                    .translator
                    .as_ref()
                    .map(|name| json!({ "@type": "Person", "name": name })),
            });
        if let Some(translator) = translator {
            data["translator"] = translator;
        }
    }
    data
}

/// The note on where a version's text comes from, linking to the original (its language's
/// name isolated); none for the original itself.
fn notice(
    t: &Text,
    article: &Article,
    version: &Version,
    versions: &[Version],
    enabled: &[Language],
) -> Option<Html> {
    let id = match version.origin {
        Origin::Original => return None,
        Origin::Publisher => return Some(t.html("article-origin-publisher", &[])),
        Origin::Machine => "article-origin-machine",
        Origin::PostEdited => "article-origin-post-edited",
        Origin::Reviewed => "article-origin-reviewed",
        Origin::Human => "article-origin-human",
    };
    let from = version
        .provenance
        .as_ref()
        .map_or(&article.source_language, |p| &p.from_language);
    let name = Html::isolated(&t.language_name(from));
    let original = versions.iter().find(|v| {
        v.language == *from && v.state == EditorialState::Published && enabled.contains(from)
    });
    let language = match original {
        Some(original) => Html::link(
            &paths::article(&original.language, &original.slug, article.id),
            &name,
            Some(&original.language),
            None,
        ),
        None => name,
    };
    Some(t.html(id, &[("language", Piece::Markup(language))]))
}

/// The related lists — same topic (the first), same section, same author (the first) —
/// with their headings, leaving out the empty ones and the article itself. One read for all
/// three, without counting them.
async fn related_lists(
    state: &AppState,
    t: &Text,
    article: &Article,
    categories: &[Category],
    topics: &[herald_domain::Topic],
    authors: &[herald_domain::Author],
) -> Result<Vec<(Html, Vec<herald_store::ArticleCard>)>, WebError> {
    let lang = t.lang();
    let settings = state.settings();
    let base = ArticleFilter {
        exclude: vec![article.id],
        ..listed_in(state, lang)
    };
    let heading = |id: &str, var: &str, names: &Localized<TermName>, link: Option<String>| {
        let name = name_in(names, lang, settings).unwrap_or_default();
        let piece = match link {
            Some(href) => Piece::Markup(Html::link(&href, &Html::isolated(name), None, None)),
            None => Piece::Name(name),
        };
        t.html(id, &[(var, piece)])
    };
    let mut lists = Vec::new();
    let (near, shown) = story_and_similar(state, t, article).await?;
    let base = ArticleFilter {
        exclude: base.exclude.iter().chain(&shown).copied().collect(),
        ..base
    };
    if let Some(topic) = topics.first() {
        let filter = ArticleFilter {
            topic: Some(topic.id),
            ..base.clone()
        };
        let href = topic
            .names
            .get(lang)
            .map(|n| paths::list(lang, ListKind::Topic, &n.slug));
        lists.push((
            heading("article-related-topic", "topic", &topic.names, href),
            filter,
        ));
    }
    if let Some(category) = categories.iter().find(|c| c.id == article.category) {
        let filter = ArticleFilter {
            category: Some(category.id),
            ..base.clone()
        };
        let href = category
            .names
            .get(lang)
            .map(|n| paths::category(lang, &n.slug));
        lists.push((
            heading(
                "article-related-category",
                "category",
                &category.names,
                href,
            ),
            filter,
        ));
    }
    if let Some(author) = authors.first() {
        let filter = ArticleFilter {
            author: Some(author.id),
            ..base.clone()
        };
        let href = author
            .names
            .get(lang)
            .map(|n| paths::list(lang, ListKind::Author, &n.slug));
        lists.push((
            heading("article-related-author", "author", &author.names, href),
            filter,
        ));
    }
    let (headings, filters): (Vec<Html>, Vec<ArticleFilter>) = lists.into_iter().unzip();
    let found = state
        .store()
        .list_article_cards(&filters, RELATED_SIZE)
        .await?;
    Ok(near
        .into_iter()
        .chain(headings.into_iter().zip(found))
        .filter(|(_, items)| !items.is_empty())
        .collect())
}

/// The same story told by other outlets or in other languages (the article's near-duplicate
/// cluster), each in the reader's language where it has a version; then the articles whose
/// text in the reader's language is most like this one's, from the search index. Returns the
/// lists (empty ones included) and every article they show.
async fn story_and_similar(
    state: &AppState,
    t: &Text,
    article: &Article,
) -> Result<(Vec<(Html, Vec<ArticleCard>)>, Vec<ArticleId>), WebError> {
    let lang = t.lang();
    let store = state.store();
    let mut story = store.same_story(article.id).await?;
    story.retain(|id| *id != article.id);
    let similar = match state.search() {
        Some(index) => {
            let (index, lang) = (index.clone(), lang.clone());
            let (id, wanted) = (article.id, RELATED_SIZE as usize + story.len());
            tokio::task::spawn_blocking(move || index.more_like_this(&lang, id, wanted))
                .await
                .ok()
                .and_then(|found| {
                    found
                        .inspect_err(|error| tracing::warn!(%error, "more like this failed"))
                        .ok()
                })
                .unwrap_or_default()
        }
        None => Vec::new(),
    };
    let similar: Vec<ArticleId> = similar
        .into_iter()
        .filter(|id| *id != article.id && !story.contains(id))
        .collect();
    let mut lists = Vec::new();
    let mut shown = Vec::new();
    for (id, ids) in [
        ("article-related-same-story", story),
        ("article-related-similar", similar),
    ] {
        let mut cards = Vec::new();
        for other in ids {
            if cards.len() >= RELATED_SIZE as usize {
                break;
            }
            if let Some(card) = card_of(state, t, other).await? {
                shown.push(other);
                cards.push(card);
            }
        }
        lists.push((t.html(id, &[]), cards));
    }
    Ok((lists, shown))
}

/// The card of an article for a reader in `t`'s language: its published version there, else
/// in a content fallback, else its original; `None` when none of them is published.
async fn card_of(
    state: &AppState,
    t: &Text,
    id: ArticleId,
) -> Result<Option<ArticleCard>, WebError> {
    let Some((article, versions)) = state.store().article_with_versions(id).await? else {
        return Ok(None);
    };
    let published: Vec<&Version> = versions
        .iter()
        .filter(|v| v.state == EditorialState::Published)
        .collect();
    let version = published
        .iter()
        .find(|v| v.language == *t.lang())
        .copied()
        .or_else(|| {
            best_fallback(
                &published,
                &state.settings().content_fallbacks,
                &article.source_language,
            )
        });
    Ok(version.map(|version| ArticleCard {
        id: article.id,
        language: version.language.clone(),
        title: version.title.clone(),
        lead: version.lead.clone(),
        slug: version.slug.clone(),
        origin: version.origin,
        category: article.category,
        place: article.place,
        lead_image: article.lead_image,
        source: article.source,
        featured: article.featured,
        published_at: article.published_at,
    }))
}

/// The start of a figure placeholder in a stored body: `<figure data-media-id="N"></figure>`.
const PLACEHOLDER_START: &str = "<figure data-media-id=\"";
const PLACEHOLDER_END: &str = "</figure>";

/// The figure placeholders of a body: where each is, and the media id it names (`None` for a
/// malformed id, which is then removed like an unknown one).
pub(crate) fn placeholders(body: &str) -> Vec<(Range<usize>, Option<MediaId>)> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(offset) = body[from..].find(PLACEHOLDER_START) {
        let start = from + offset;
        let after = start + PLACEHOLDER_START.len();
        from = after;
        let Some(quote) = body[after..].find('"') else {
            break;
        };
        let id = &body[after..after + quote];
        let rest = body[after + quote + 1..].trim_start();
        let Some(rest) = rest.strip_prefix('>') else {
            continue;
        };
        let Some(rest) = rest.trim_start().strip_prefix(PLACEHOLDER_END) else {
            continue;
        };
        let end = body.len() - rest.len();
        let id = id.parse::<i64>().ok().filter(|n| *n > 0).map(MediaId::new);
        found.push((start..end, id));
        from = end;
    }
    found
}

/// The body with each placeholder replaced by its figure (lazy-loaded) or video player, or
/// removed when its media is unknown; also the players placed.
fn place_media(
    body: &str,
    placeholders: &[(Range<usize>, Option<MediaId>)],
    t: &Text,
    text_lang: &Language,
    media: &HashMap<MediaId, Media>,
    player: &dyn Fn(&Media) -> Option<Player>,
) -> Result<(Html, Vec<Player>), WebError> {
    let mut out = String::with_capacity(body.len());
    let mut players = Vec::new();
    let mut copied = 0;
    for (range, id) in placeholders {
        out.push_str(&body[copied..range.start]);
        if let Some(found) = id.and_then(|id| media.get(&id)) {
            if let Some(figure) = cards::figure(t, found, text_lang, Loading::Lazy) {
                out.push_str(figure.to_html()?.as_str());
            } else if let Some(found) = player(found) {
                out.push_str(found.to_html()?.as_str());
                players.push(found);
            }
        }
        copied = range.end;
    }
    out.push_str(&body[copied..]);
    Ok((Html::trusted(out), players))
}

/// Minutes to read a body, at least one: its words outside tags (a tag separates words).
fn reading_minutes(body: &str) -> usize {
    let mut words: usize = 0;
    let mut in_tag = false;
    let mut in_word = false;
    for c in body.chars() {
        match c {
            '<' => {
                in_tag = true;
                in_word = false;
            }
            '>' => in_tag = false,
            c if in_tag || c.is_whitespace() => in_word = false,
            _ => {
                if !in_word {
                    words += 1;
                    in_word = true;
                }
            }
        }
    }
    words.div_ceil(WORDS_PER_MINUTE).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_figure_placeholders() {
        let body = r#"<p>a</p><figure data-media-id="7"></figure><p>b</p><figure data-media-id="x"> </figure><figure data-media-id="8">kept</figure>"#;
        let found = placeholders(body);
        assert_eq!(found.len(), 2);
        assert_eq!(
            &body[found[0].0.clone()],
            r#"<figure data-media-id="7"></figure>"#
        );
        assert_eq!(found[0].1, Some(MediaId::new(7)));
        assert_eq!(found[1].1, None);
    }

    #[test]
    fn estimates_reading_time_from_words() {
        assert_eq!(reading_minutes("<p>one two</p>"), 1);
        let long = format!("<p>{}</p>", "word ".repeat(401));
        assert_eq!(reading_minutes(&long), 3);
        assert_eq!(reading_minutes(""), 1);
    }

    #[test]
    fn reading_time_does_not_glue_words_across_tags() {
        assert_eq!(reading_minutes(&"<p>a</p><p>b</p>".repeat(150)), 2);
    }
}
