//! `herald serve`: the site, on a data folder that already exists.

use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use anyhow::{Context, bail};
use herald_domain::Language;
use herald_i18n::{CalendarChoice, FormatOptions, Messages};
use herald_search::SearchIndex;
use herald_store::Store;
use herald_web::{AppState, FeedContent, SiteSecret, WebSettings};
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
    let mut web = web_settings(&settings);
    web.secret = site_secret(&settings.data_dir)?;
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
    web.admin = settings.admin.clone();
    web.comments_auto_approve = settings.comments_auto_approve;
    web.trust_proxy = settings.trust_proxy;
    web
}

/// The file in the data folder that keeps the site's secret key.
const SECRET_FILE: &str = "secret";

/// The site's secret key, from `secret` in the data folder, made there (random, readable by
/// its owner only) on the first start: comment forms signed before a restart still work
/// after it, and address bans keep naming the same readers.
fn site_secret(data_dir: &Path) -> anyhow::Result<SiteSecret> {
    let path = data_dir.join(SECRET_FILE);
    let read = |path: &Path| -> anyhow::Result<SiteSecret> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read the site's secret {}", path.display()))?;
        match SiteSecret::from_hex(&text) {
            Some(secret) => Ok(secret),
            None => bail!(
                "{} does not hold a secret key (hexadecimal, at least 16 bytes); \
                 remove it and a new one is made",
                path.display()
            ),
        }
    };
    if path.exists() {
        return read(&path);
    }
    std::fs::create_dir_all(data_dir)
        .with_context(|| format!("cannot create data folder {}", data_dir.display()))?;
    let secret = SiteSecret::random();
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    match options.open(&path) {
        Ok(mut file) => {
            writeln!(file, "{}", secret.to_hex())
                .with_context(|| format!("cannot write the site's secret {}", path.display()))?;
            Ok(secret)
        }
        // Another process made it first: use theirs.
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => read(&path),
        Err(error) => Err(error)
            .with_context(|| format!("cannot create the site's secret {}", path.display())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_site_secret_is_made_once_private_and_read_back_after_a_restart() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let first = site_secret(&data).unwrap();
        let again = site_secret(&data).unwrap();
        assert_eq!(first, again);
        assert_ne!(site_secret(dir.path()).unwrap(), first);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(data.join(SECRET_FILE))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        std::fs::write(data.join(SECRET_FILE), "not hex").unwrap();
        let err = site_secret(&data).unwrap_err();
        assert!(
            format!("{err:#}").contains("does not hold a secret key"),
            "{err:#}"
        );
    }
}
