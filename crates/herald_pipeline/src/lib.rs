//! Herald's background work. Everything slow or fallible — polling outlets, fetching pages,
//! translating, indexing for search — runs as a persisted [`herald_domain::Job`] claimed from
//! the store with a lease, so a crash at any moment loses nothing: the lease runs out, another
//! worker claims the job again, and because every stage is idempotent (articles are keyed by
//! URL and content hash, follow-up jobs are deduplicated) the repeat stores nothing twice.
//!
//! - [`Scheduler`] enqueues a poll of each source when it is due;
//! - [`Worker`] claims jobs and runs their stage ([`stage`]), completing them, or retrying
//!   them with exponential [`Backoff`] until they are dead-lettered;
//! - outlets' own failures (a 500, a broken feed) are not job failures: the poll records them
//!   on the source's health and backs the source off, so an editor sees why.
#![warn(missing_docs)]

pub mod backoff;
mod follow_up;
pub mod scheduler;
pub mod settings;
pub mod stage;
pub mod worker;

use std::sync::Arc;

use herald_domain::Clock;
use herald_ingest::Fetcher;
use herald_search::SearchIndex;
use herald_store::Store;
use herald_translate::Engines;

pub use backoff::Backoff;
pub use scheduler::Scheduler;
pub use settings::PipelineSettings;
pub use stage::{Outcome, PollSummary, StageError, TranslationSummary};
pub use worker::{Ran, Worker};

/// What every stage needs: the store, the fetcher (with its politeness state, shared by all
/// workers of a process), the translation engines (with their concurrency limits, likewise
/// shared), the settings and the clock.
#[derive(Clone)]
pub struct Pipeline {
    store: Arc<dyn Store>,
    fetcher: Fetcher,
    engines: Option<Arc<Engines>>,
    search: Option<Arc<SearchIndex>>,
    settings: PipelineSettings,
    clock: Arc<dyn Clock>,
}

impl Pipeline {
    /// A pipeline over `store`, fetching with `fetcher`.
    #[must_use]
    pub fn new(
        store: Arc<dyn Store>,
        fetcher: Fetcher,
        settings: PipelineSettings,
        clock: Arc<dyn Clock>,
    ) -> Arc<Self> {
        Self::with_engines(store, fetcher, settings, clock, None)
    }

    /// A pipeline that also translates, with `engines` (`None`: it translates nothing, and
    /// its workers leave translation jobs to pipelines that do).
    #[must_use]
    pub fn with_engines(
        store: Arc<dyn Store>,
        fetcher: Fetcher,
        settings: PipelineSettings,
        clock: Arc<dyn Clock>,
        engines: Option<Arc<Engines>>,
    ) -> Arc<Self> {
        Arc::new(Self {
            store,
            fetcher,
            engines,
            search: None,
            settings,
            clock,
        })
    }

    /// The same pipeline keeping `search` up to date: it queues an index job whenever a
    /// version is published or changes, and its workers run them.
    #[must_use]
    pub fn with_search(self: Arc<Self>, search: Arc<SearchIndex>) -> Arc<Self> {
        let this = Arc::unwrap_or_clone(self);
        Arc::new(Self {
            search: Some(search),
            ..this
        })
    }

    /// The search index this pipeline keeps, if any.
    #[must_use]
    pub fn search(&self) -> Option<&Arc<SearchIndex>> {
        self.search.as_ref()
    }

    /// The translation engines, if this pipeline translates.
    #[must_use]
    pub fn engines(&self) -> Option<&Arc<Engines>> {
        self.engines.as_ref()
    }

    /// The kinds of job this pipeline's workers run.
    #[must_use]
    pub fn kinds(&self) -> Vec<&'static str> {
        let mut kinds = if self.engines.is_some() {
            stage::KINDS_TRANSLATING.to_vec()
        } else {
            stage::KINDS.to_vec()
        };
        if self.search.is_some() {
            kinds.extend_from_slice(stage::KINDS_INDEXING);
        }
        kinds
    }

    /// The store.
    #[must_use]
    pub fn store(&self) -> &Arc<dyn Store> {
        &self.store
    }

    /// The settings.
    #[must_use]
    pub fn settings(&self) -> &PipelineSettings {
        &self.settings
    }

    /// The fetcher.
    #[must_use]
    pub fn fetcher(&self) -> &Fetcher {
        &self.fetcher
    }

    fn now(&self) -> herald_domain::Timestamp {
        self.clock.now()
    }
}
