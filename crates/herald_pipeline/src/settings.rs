//! What an operator can tune about background work.

use std::path::PathBuf;
use std::time::Duration;

use herald_domain::Language;

use crate::Backoff;

/// Settings of the pipeline; [`PipelineSettings::new`] gives the defaults.
#[derive(Debug, Clone)]
pub struct PipelineSettings {
    /// Content languages of the site: each stored article is queued for translation into
    /// every one of them but its own.
    pub languages: Vec<Language>,
    /// Key of the category for articles that no rule files and whose source has no default.
    /// When no category has this key, the first top-level category is used.
    pub default_category: String,
    /// Two texts whose 64-bit SimHashes differ in at most this many bits are the same story.
    pub near_duplicate_bits: u32,
    /// Only articles published this close in time to each other can be the same story.
    pub near_duplicate_window: Duration,
    /// How long a claimed job is a worker's before another may claim it again.
    pub lease: Duration,
    /// A stage running longer than this is stopped and retried (shorter than `lease`).
    pub job_timeout: Duration,
    /// How long an idle worker waits before looking for work again.
    pub idle_wait: Duration,
    /// How often the scheduler looks for sources due for a poll.
    pub schedule_every: Duration,
    /// Retries of failed jobs (store down, lease lost, a page that timed out).
    pub job_backoff: Backoff,
    /// Polls of a source whose outlet keeps failing: the base is at least the source's own
    /// interval, so the first retry comes no sooner than its next regular poll.
    pub poll_backoff: Backoff,
    /// Longest wait between polls of a healthy source, whatever its feed's caching headers say.
    pub max_poll_interval: Duration,
    /// Publication dates this far in the future (a wrong time zone at the outlet) are replaced
    /// by the time of ingestion.
    pub future_tolerance: Duration,
    /// The media folder the site serves under `/media/`: pictures from feeds are kept in its
    /// `ingest/` folder. `None`: pictures are not fetched (articles keep none).
    pub media_dir: Option<PathBuf>,
    /// Pictures fetched per article, in feed order; the first is its lead image.
    pub max_images_per_article: usize,
    /// Target languages whose machine translations wait for review before readers see them;
    /// in the others they are published with their original.
    pub hold_for_review: Vec<Language>,
}

impl PipelineSettings {
    /// The defaults, for a site in `languages`.
    #[must_use]
    pub fn new(languages: Vec<Language>) -> Self {
        Self {
            languages,
            default_category: "news".to_owned(),
            near_duplicate_bits: 6,
            near_duplicate_window: Duration::from_secs(3 * 24 * 3600),
            lease: Duration::from_secs(300),
            job_timeout: Duration::from_secs(240),
            idle_wait: Duration::from_secs(1),
            schedule_every: Duration::from_secs(5),
            job_backoff: Backoff {
                base: Duration::from_secs(30),
                cap: Duration::from_secs(3600),
            },
            poll_backoff: Backoff {
                base: Duration::from_secs(300),
                cap: Duration::from_secs(24 * 3600),
            },
            max_poll_interval: Duration::from_secs(24 * 3600),
            future_tolerance: Duration::from_secs(3600),
            media_dir: None,
            max_images_per_article: 4,
            hold_for_review: Vec::new(),
        }
    }
}
