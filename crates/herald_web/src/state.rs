//! [`AppState`]: what every handler shares — the store, the messages, the settings, the
//! cache of rendered pages and the search index.

use std::sync::Arc;

use herald_domain::{Clock, SystemClock};
use herald_i18n::Messages;
use herald_search::SearchIndex;
use herald_store::{Store, StoreError};

use crate::WebSettings;
use crate::admin::Throttle;
use crate::cache::{CachedReads, PageCache, PageCacheStats};
use crate::site::comments::Attempts;

/// The state handlers share. Cheap to clone; clones share one page cache.
#[derive(Clone)]
pub struct AppState {
    store: Arc<dyn Store>,
    messages: Messages,
    settings: Arc<WebSettings>,
    page_cache: Arc<PageCache>,
    search: Option<Arc<SearchIndex>>,
    clock: Arc<dyn Clock>,
    login_throttle: Arc<Throttle>,
    /// Comment posts per address in the last minute, refused or not.
    comment_attempts: Arc<Attempts>,
}

impl AppState {
    /// Puts the site's parts together. Check the settings with [`WebSettings::validate`]
    /// first; `messages` should be loaded for the settings' languages.
    ///
    /// The page cache starts empty. The task that watches the store's content revision for it
    /// starts with [`crate::router`] (or the first page served) on the Tokio runtime of the
    /// caller, and stops when the last clone of this state is dropped.
    pub fn new(store: Arc<dyn Store>, messages: Messages, settings: WebSettings) -> Self {
        let page_cache = Arc::new(PageCache::new(
            settings.page_cache,
            settings.page_cache_bytes,
            settings.revision_poll,
        ));
        // Shared reads follow the page cache's revision, so they exist only beside it.
        let store: Arc<dyn Store> = if page_cache.enabled() {
            Arc::new(CachedReads::new(store, page_cache.revision_handle()))
        } else {
            store
        };
        let login_throttle = Arc::new(Throttle::new(
            settings.admin.address_attempts,
            settings.admin.address_window,
        ));
        Self {
            store,
            messages,
            settings: Arc::new(settings),
            page_cache,
            search: None,
            clock: Arc::new(SystemClock),
            login_throttle,
            comment_attempts: Arc::new(Attempts::default()),
        }
    }

    /// The same state searching `index`: the search page and "more like this" read it.
    /// Without one, the search page says search is unavailable and that list is left out.
    #[must_use]
    pub fn with_search(mut self, index: Arc<SearchIndex>) -> Self {
        self.search = Some(index);
        self
    }

    /// The same state telling time by `clock` (sessions, lock-outs, comment tokens).
    #[must_use]
    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// What time it is.
    pub(crate) fn clock(&self) -> &dyn Clock {
        self.clock.as_ref()
    }

    /// Sign-in attempts per address.
    pub(crate) fn login_throttle(&self) -> &Throttle {
        &self.login_throttle
    }

    /// Comment posts per address, counted in memory.
    pub(crate) fn comment_attempts(&self) -> &Attempts {
        &self.comment_attempts
    }

    /// The search index, if the site has one.
    pub(crate) fn search(&self) -> Option<&Arc<SearchIndex>> {
        self.search.as_ref()
    }

    /// The store pages read from.
    pub(crate) fn store(&self) -> &dyn Store {
        self.store.as_ref()
    }

    /// The interface messages.
    pub(crate) fn messages(&self) -> &Messages {
        &self.messages
    }

    /// The site's settings.
    #[must_use]
    pub fn settings(&self) -> &WebSettings {
        &self.settings
    }

    /// The cache of rendered pages.
    pub(crate) fn page_cache(&self) -> &PageCache {
        &self.page_cache
    }

    /// Starts the task that polls the store's content revision every
    /// [`WebSettings::revision_poll`] for the page cache, unless it runs already, the cache is
    /// off, or there is no Tokio runtime here.
    pub(crate) fn start_revision_poller(&self) {
        self.page_cache.start_poller(&self.store);
    }

    /// Reads the store's content revision now and, if it moved, drops every cached page
    /// rendered before — what the background poll does every [`WebSettings::revision_poll`].
    /// Returns the revision.
    ///
    /// # Errors
    /// When the store cannot be read.
    pub async fn refresh_content_revision(&self) -> Result<u64, StoreError> {
        let revision = self.store.content_revision().await?;
        self.page_cache.advance(revision);
        Ok(revision)
    }

    /// How many pages the cache holds, their size and revision.
    #[must_use]
    pub fn page_cache_stats(&self) -> PageCacheStats {
        self.page_cache.stats()
    }
}
