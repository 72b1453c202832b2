//! Background work as plain data. Anyone holding a store can enqueue a [`Job`]; only the
//! pipeline runs them. Jobs are idempotent: running one twice changes nothing visible.

use serde::{Deserialize, Serialize};

use crate::{ArticleId, JobId, Language, SourceId, Timestamp};

/// One unit of background work.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Job {
    /// Poll a source and store what is new.
    Fetch {
        /// The source.
        source: SourceId,
    },
    /// Fetch the page of an article whose feed carried only a summary, and keep it for the
    /// extractor; until the page is extracted the article is marked partial.
    FetchPage {
        /// The article (its `source_url` is the page).
        article: ArticleId,
    },
    /// Translate an article into a language.
    Translate {
        /// The article.
        article: ArticleId,
        /// Target language.
        to: Language,
    },
    /// Put one version of an article into the search index.
    Index {
        /// The article.
        article: ArticleId,
        /// The version's language.
        language: Language,
    },
    /// Rebuild a language's search index.
    Reindex {
        /// The language.
        language: Language,
    },
}

impl Job {
    /// Short name of the kind of work, for queues, logs and metrics.
    #[must_use]
    pub const fn kind(&self) -> &'static str {
        match self {
            Self::Fetch { .. } => "fetch",
            Self::FetchPage { .. } => "fetch_page",
            Self::Translate { .. } => "translate",
            Self::Index { .. } => "index",
            Self::Reindex { .. } => "reindex",
        }
    }

    /// A key equal for jobs that do the same work, so enqueuing a job that is already
    /// waiting adds nothing.
    #[must_use]
    pub fn dedupe_key(&self) -> String {
        match self {
            Self::Fetch { source } => format!("fetch:{source}"),
            Self::FetchPage { article } => format!("fetch_page:{article}"),
            Self::Translate { article, to } => format!("translate:{article}:{to}"),
            Self::Index { article, language } => format!("index:{article}:{language}"),
            Self::Reindex { language } => format!("reindex:{language}"),
        }
    }
}

/// Where a job is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JobState {
    /// Waiting until `run_at`.
    Queued,
    /// Claimed by a worker whose lease has not run out.
    Running,
    /// Finished.
    Done,
    /// Gave up after its last attempt.
    Failed,
}

impl JobState {
    /// Storage form.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Queued => "queued",
            Self::Running => "running",
            Self::Done => "done",
            Self::Failed => "failed",
        }
    }

    /// Reads the storage form.
    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "queued" => Self::Queued,
            "running" => Self::Running,
            "done" => Self::Done,
            "failed" => Self::Failed,
            _ => return None,
        })
    }
}

/// A stored job and its bookkeeping.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobRecord {
    /// Its id.
    pub id: JobId,
    /// The work.
    pub job: Job,
    /// State.
    pub state: JobState,
    /// Attempts started so far.
    pub attempts: u32,
    /// Attempts allowed before the job is failed for good.
    pub max_attempts: u32,
    /// Earliest time it may run (later after each failure).
    pub run_at: Timestamp,
    /// When the current claim expires; a crashed worker's job is claimed again after it.
    pub lease_until: Option<Timestamp>,
    /// Who holds the claim.
    pub worker: Option<String>,
    /// The last failure's message.
    pub last_error: Option<String>,
    /// When it was enqueued.
    pub created_at: Timestamp,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jobs_round_trip_as_json() {
        let job = Job::Translate {
            article: ArticleId::new(3),
            to: Language::parse("fa").unwrap(),
        };
        let json = serde_json::to_string(&job).unwrap();
        assert_eq!(json, r#"{"kind":"translate","article":3,"to":"fa"}"#);
        assert_eq!(serde_json::from_str::<Job>(&json).unwrap(), job);
        assert_eq!(job.dedupe_key(), "translate:3:fa");
    }
}
