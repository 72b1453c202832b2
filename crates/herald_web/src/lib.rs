//! Herald's public site, rendered on the server: the home page, section (category) pages, the
//! topic, author, source, place and tag lists, and article pages, in every enabled language,
//! right-to-left ones included, with their stylesheet, media files and localised error pages.
//! It sits at the outer edge of the flow: it only *reads* what the pipeline stored, through
//! the `herald_store::Store` port, and words every interface string through `herald_i18n`.
//! No page needs JavaScript, and nothing a reader sends can make it answer a server error:
//! every failure is a [`WebError`] with a stable code, shown as a page in the reader's locale.
//! Readers' comments are the one thing the public site writes. The newsroom's admin
//! (`/admin`: sign-in, roles, sources, articles, translation review, glossary, taxonomy,
//! moderation, accounts, audit log) lives here too, outside the page cache, and changes the
//! store only through the port; background work it asks for is queued as jobs.

mod admin;
mod api;
mod assets;
mod cache;
mod error;
mod extract;
mod health;
mod html;
mod media;
mod middleware;
mod paths;
mod settings;
mod site;
mod state;
mod xml;

use axum::Router;
use axum::routing::get;

pub use admin::password::{
    MAX_PASSWORD_BYTES, MIN_PASSWORD_CHARS, PasswordError, hash_password, verify_password,
};
pub use cache::PageCacheStats;
pub use error::{ErrorCode, ErrorKind, WebError};
pub use settings::{
    AdminSettings, DEFAULT_FEED_ITEMS, DEFAULT_MAX_QUERY_LENGTH, DEFAULT_MAX_URI_LENGTH,
    DEFAULT_PAGE_CACHE_BYTES, DEFAULT_PAGE_SIZE, DEFAULT_REVISION_POLL, DEFAULT_SITEMAP_URLS,
    FeedContent, SITE_SECRET_BYTES, SiteSecret, WebSettings,
};
pub use state::AppState;

/// The whole public site. Read top to bottom, it is the site map.
///
/// The pages sit inside the page cache (see `cache.rs`), which sits inside the layers that
/// set the language cookie and render error pages, so neither a cookie nor an error page is
/// ever stored. Called on a Tokio runtime, it also starts the page cache's revision poll.
pub fn router(state: AppState) -> Router {
    let media = media::service(&state.settings().media_dir);
    state.start_revision_poller();
    let pages = site::router().layer(axum::middleware::from_fn_with_state(
        state.clone(),
        cache::layer,
    ));
    Router::new()
        .merge(pages)
        // The JSON API answers outside the page cache, with its own validators.
        .nest(api::PREFIX, api::router())
        // The admin answers outside the page cache: its pages are per person.
        .merge(admin::router(state.clone()))
        .route(assets::STYLESHEET_PATH, get(assets::stylesheet))
        .nest_service("/media", media)
        .route("/healthz", get(health::healthz))
        .fallback(error::not_found)
        .method_not_allowed_fallback(error::method_not_allowed)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            middleware::remember_locale,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            middleware::limit_request_size,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            middleware::render_error_pages,
        ))
        .layer(axum::middleware::from_fn(middleware::security_headers))
        .with_state(state)
}
