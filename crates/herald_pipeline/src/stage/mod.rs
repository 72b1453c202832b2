//! The stages, one file each, and the errors they report. A stage is idempotent: run twice
//! on the same job, it changes nothing the first run did not.

use std::time::Duration;

use herald_domain::Job;
use herald_store::StoreError;

use crate::Pipeline;

mod filing;
mod image;
mod index;
mod page;
mod poll;
mod translate;
/// The translate stage's pictures and subtitles.
mod translate_media;

pub use index::rebuild;
pub use poll::PollSummary;
pub use translate::TranslationSummary;

/// Kinds of job a pipeline without translation engines runs; other kinds wait for the
/// workers that run them.
pub const KINDS: &[&str] = &["fetch", "fetch_page", "fetch_image"];

/// Kinds of job a pipeline with translation engines runs.
pub const KINDS_TRANSLATING: &[&str] = &["fetch", "fetch_page", "fetch_image", "translate"];

/// Kinds of job a pipeline with a search index runs besides the others.
pub const KINDS_INDEXING: &[&str] = &["index", "reindex"];

/// What a stage did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// A source was polled.
    Polled(PollSummary),
    /// An article's page was fetched and kept; `extracted` when its story replaced the
    /// feed's summary (the article is no longer partial).
    PageSaved {
        /// Whether the page gave the full story.
        extracted: bool,
    },
    /// A picture was attached to an article: fetched and kept, or (`fetched: false`) the
    /// one another article had already brought.
    ImageSaved {
        /// The picture.
        media: herald_domain::MediaId,
        /// Whether it was fetched for this job.
        fetched: bool,
    },
    /// An article was translated by machine into a language.
    Translated(TranslationSummary),
    /// A person's translation was kept rather than replaced by machine output; when its
    /// original changed since, it is listed as stale for a translator to review.
    KeptHumanWork(herald_domain::Origin),
    /// A version was put into its language's search index (`indexed`), or taken out of it
    /// because it is not published (or gone).
    Indexed {
        /// Whether the version is in the index now.
        indexed: bool,
    },
    /// A language's search index was rebuilt with this many versions.
    Reindexed(u64),
    /// Nothing was left to do (the source is paused or gone, the page is already kept…).
    Nothing(&'static str),
}

/// Why a stage failed, and whether trying again can help.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct StageError {
    message: String,
    permanent: bool,
    retry_after: Option<Duration>,
}

impl StageError {
    /// A failure that may pass (a timeout, the store restarting).
    #[must_use]
    pub fn transient(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            permanent: false,
            retry_after: None,
        }
    }

    /// A failure that will not pass by retrying (a page refused by robots.txt, a 404).
    #[must_use]
    pub fn permanent(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            permanent: true,
            retry_after: None,
        }
    }

    /// Whether retrying cannot help.
    #[must_use]
    pub const fn is_permanent(&self) -> bool {
        self.permanent
    }

    /// How long the other side asked us to wait.
    #[must_use]
    pub const fn retry_after(&self) -> Option<Duration> {
        self.retry_after
    }
}

impl From<StoreError> for StageError {
    fn from(error: StoreError) -> Self {
        Self::transient(format!("store: {error}"))
    }
}

impl From<herald_ingest::FetchError> for StageError {
    fn from(error: herald_ingest::FetchError) -> Self {
        Self {
            message: error.to_string(),
            permanent: error.is_permanent(),
            retry_after: error.retry_after(),
        }
    }
}

/// Runs the stage of `job` now, outside the queue (what a worker does with a job it claimed;
/// `herald ingest --once` also polls this way, so that a retry queued for later does not
/// stand in for the poll asked for now). Stages are idempotent, so running one beside a
/// queued twin is harmless.
///
/// # Errors
/// As the stage fails; a translate job without engines, or an index job without an index,
/// does nothing or fails permanently.
pub async fn run(p: &Pipeline, job: &Job) -> Result<Outcome, StageError> {
    match job {
        Job::Fetch { source } => poll::run(p, *source).await,
        Job::FetchPage { article } => page::run(p, *article).await,
        Job::FetchImage {
            article,
            image,
            lead,
        } => image::run(p, *article, image, *lead).await,
        Job::Translate { article, to } => translate::run(p, *article, to, false).await,
        Job::Retranslate { article, to } => translate::run(p, *article, to, true).await,
        Job::Index { article, language } => index::run(p, *article, language).await,
        Job::Reindex { language } => index::rebuild(p, language, &|_, _| {})
            .await
            .map(Outcome::Reindexed),
    }
}
