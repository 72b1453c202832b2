//! The public site's pages, one file per page, each with its view struct beside its handler.
//! Every page runs in a language given by the path's first segment, and only reads.

pub(crate) mod article;
pub(crate) mod cards;
pub(crate) mod category;
pub(crate) mod comments;
pub(crate) mod feeds;
pub(crate) mod frame;
pub(crate) mod home;
pub(crate) mod search;
pub(crate) mod seo;
pub(crate) mod sitemaps;
pub(crate) mod terms;
pub(crate) mod video;
pub(crate) mod videos;

use askama::Template;
use axum::Router;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use herald_domain::Language;
use herald_store::ArticleFilter;

use crate::html::Text;
use crate::paths::{self, ListKind};
use crate::{AppState, WebError};

/// The site's pages. `{lang}` is an enabled language's tag; the words `topic`, `author`,
/// `source`, `local`, `tag`, `videos` and `search` are reserved and never category slugs.
pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(home::choose_language))
        .route("/{lang}", get(home::add_trailing_slash))
        .route("/{lang}/", get(home::home))
        .route("/{lang}/{name}/", get(category::category))
        // Comments post to the article's own address; the page cache only serves `GET`.
        .route("/{lang}/{name}", get(article::article).post(comments::post))
        .route("/{lang}/topic/{slug}", terms::page(ListKind::Topic))
        .route("/{lang}/author/{slug}", terms::page(ListKind::Author))
        .route("/{lang}/source/{slug}", terms::page(ListKind::Source))
        .route("/{lang}/local/{slug}", terms::page(ListKind::Place))
        .route("/{lang}/tag/{slug}", terms::page(ListKind::Tag))
        .route("/{lang}/videos", get(videos::videos))
        .route("/{lang}/search", get(search::search))
        .merge(feed_routes())
        .route("/robots.txt", get(sitemaps::robots))
        .route("/sitemap.xml", get(sitemaps::index))
        .route("/sitemaps/{file}", get(sitemaps::sitemap))
}

/// The feeds: per language, per section and per topic, in each format. The file names are
/// static segments, which the router prefers to the article and section routes.
fn feed_routes() -> Router<AppState> {
    use feeds::{FeedFormat, Scope, route};
    let mut router = Router::new();
    for format in FeedFormat::ALL {
        let file = format.file();
        router = router
            .route(&format!("/{{lang}}/{file}"), route(Scope::Language, format))
            .route(
                &format!("/{{lang}}/{{name}}/{file}"),
                route(Scope::Category, format),
            )
            .route(
                &format!("/{{lang}}/topic/{{slug}}/{file}"),
                route(Scope::Topic, format),
            );
    }
    router
}

/// The messages, dates and content fallbacks of a page in `lang`.
fn page_text(state: &AppState, lang: &Language) -> Text {
    let settings = state.settings();
    Text::new(
        state.messages().clone(),
        lang.clone(),
        settings.time_zone.zone().clone(),
    )
    .with_content_fallbacks(settings.content_fallbacks.clone())
}

/// Every article a list in `lang` may show: those published in it, and the others in their
/// first version in one of the site's content fallback languages.
fn listed_in(state: &AppState, lang: &Language) -> ArticleFilter {
    ArticleFilter {
        fallbacks: state
            .settings()
            .content_fallbacks
            .iter()
            .filter(|l| *l != lang)
            .cloned()
            .collect(),
        ..ArticleFilter::in_language(lang.clone())
    }
}

/// The enabled language a path's first segment names, exactly as configured.
fn site_language(state: &AppState, segment: &str) -> Result<Language, WebError> {
    state
        .settings()
        .language(segment)
        .cloned()
        .ok_or(WebError::NotFound)
}

/// How long browsers and caches may keep a page.
const PAGE_CACHE_CONTROL: &str = "public, max-age=60";

/// Room for a page's frame, lists and cards, besides its own long text: rendering into a
/// buffer this size copies the page once, where growing from the template's literals copied
/// it at each doubling.
const PAGE_CAPACITY: usize = 24 * 1024;

/// A rendered page in `lang`; `text_len`: the length of the long text it shows (an article's
/// body), if any.
fn page_response(
    lang: &Language,
    page: &impl Template,
    text_len: usize,
) -> Result<Response, WebError> {
    let mut html = String::with_capacity(PAGE_CAPACITY + text_len);
    page.render_into(&mut html)?;
    // What is kept (by the page cache) is what is used.
    html.shrink_to_fit();
    let mut response = html.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    if let Ok(value) = HeaderValue::from_str(lang.as_str()) {
        headers.insert(header::CONTENT_LANGUAGE, value);
    }
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(PAGE_CACHE_CONTROL),
    );
    Ok(response)
}

/// 301 to a page's canonical path.
fn moved_permanently(path: &str) -> Response {
    (
        StatusCode::MOVED_PERMANENTLY,
        [
            (header::LOCATION, paths::header_value(path)),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static(PAGE_CACHE_CONTROL),
            ),
        ],
    )
        .into_response()
}
