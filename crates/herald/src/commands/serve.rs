//! `herald serve`: the site, on a data folder that already exists.

use std::sync::Arc;

use anyhow::Context;
use herald_domain::Language;
use herald_i18n::{CalendarChoice, FormatOptions, Messages};
use herald_search::SearchIndex;
use herald_store::Store;
use herald_web::{AppState, FeedContent, WebSettings};
use tokio::net::TcpListener;

use crate::settings::Settings;

pub(super) async fn run(settings: Settings) -> anyhow::Result<()> {
    let store = super::open_store(&settings).await?;
    let (search, stale) = super::reindex::open(&settings)?;
    serve(settings, store, search, &stale).await
}

/// Binds the listen address, prints where the site is, and serves until Ctrl-C. The
/// languages in `stale` have an empty or rebuilt search index: the workers rebuild them.
pub(super) async fn serve(
    settings: Settings,
    store: Arc<dyn Store>,
    search: Arc<SearchIndex>,
    stale: &[Language],
) -> anyhow::Result<()> {
    let mut options = FormatOptions::default();
    if settings.persian_gregorian {
        let fa = Language::parse("fa").context("the Persian language tag")?;
        options = options.with_calendar(fa, CalendarChoice::Gregorian);
    }
    let messages = Messages::load_with(&settings.languages, &options)
        .context("cannot load interface messages")?;
    let web = web_settings(&settings);
    web.validate().context("invalid site settings")?;
    let listener = TcpListener::bind(settings.listen)
        .await
        .with_context(|| format!("cannot listen on {}", settings.listen))?;
    let background = if settings.ingest.poll {
        super::ensure_a_category(&settings, store.as_ref()).await?;
        let pipeline = super::pipeline(&settings, Arc::clone(&store))
            .await?
            .with_search(Arc::clone(&search));
        super::reindex::queue(store.as_ref(), stale).await?;
        Some(super::Background::start(pipeline, settings.ingest.workers))
    } else {
        if !stale.is_empty() {
            eprintln!(
                "The search index has no documents yet; run `herald reindex` or a worker to fill it."
            );
        }
        None
    };
    let state = AppState::new(store, messages, web).with_search(Arc::clone(&search));
    let app = herald_web::router(state);
    println!("Herald is serving {}", settings.base_url);
    // Each request knows the address it came from: sign-in and comment limits count by it.
    let app = app.into_make_service_with_connect_info::<std::net::SocketAddr>();
    let served = axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .context("the server stopped");
    if let Some(background) = background {
        background.stop().await;
    }
    // Merges in progress end cleanly rather than being cut off with the process.
    let finished = tokio::task::spawn_blocking(move || search.finish_writes()).await;
    if let Ok(Err(error)) = finished {
        eprintln!("The search index was not closed cleanly: {error}");
    }
    served
}

fn web_settings(settings: &Settings) -> WebSettings {
    let mut web = WebSettings::new(
        settings.site_name.clone(),
        settings.base_url.clone(),
        settings.languages.clone(),
        settings.default_language.clone(),
    );
    web.time_zone = settings.time_zone.clone();
    web.page_size = settings.page_size;
    web.content_fallbacks = settings.content_fallbacks.clone();
    web.page_cache = settings.page_cache;
    web.page_cache_bytes = settings.page_cache_bytes;
    web.revision_poll = settings.revision_poll;
    web.media_dir = settings.media_dir();
    web.feed_items = settings.feed_items;
    web.feed_content = if settings.feed_full_content {
        FeedContent::Full
    } else {
        FeedContent::Summary
    };
    web.publisher_logo.clone_from(&settings.publisher_logo);
    web.robots_extra.clone_from(&settings.robots_extra);
    web
}
