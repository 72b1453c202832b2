//! Background work as plain data. Anyone holding a store can enqueue a [`Job`]; only the
//! pipeline runs them. Jobs are idempotent: running one twice changes nothing visible.

use serde::{Deserialize, Serialize};
use url::Url;

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
    /// Fetch a picture an outlet published with an article, keep it (with resized copies)
    /// in the media folder, and attach it to the article.
    FetchImage {
        /// The article.
        article: ArticleId,
        /// The picture and what the outlet said about it.
        image: RemoteImage,
        /// Whether it is the article's lead picture (used when the article has none yet).
        lead: bool,
    },
    /// Translate an article into a language.
    Translate {
        /// The article.
        article: ArticleId,
        /// Target language.
        to: Language,
    },
    /// Translate an article into a language again, as an editor asked: like
    /// [`Job::Translate`], but a machine translation of the current revision is made anew
    /// (a person's translation is still never replaced).
    Retranslate {
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
            Self::FetchImage { .. } => "fetch_image",
            // Translation workers claim both by this kind.
            Self::Translate { .. } | Self::Retranslate { .. } => "translate",
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
            Self::FetchImage { article, image, .. } => {
                format!("fetch_image:{article}:{}", image.url)
            }
            Self::Translate { article, to } => format!("translate:{article}:{to}"),
            Self::Retranslate { article, to } => format!("retranslate:{article}:{to}"),
            Self::Index { article, language } => format!("index:{article}:{language}"),
            Self::Reindex { language } => format!("reindex:{language}"),
        }
    }
}

/// A picture on an outlet's server, with the words the outlet gave it, in the language of
/// the article it came with.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct RemoteImage {
    /// Where it is (absolute `http(s)`).
    pub url: Url,
    /// The language of `alt`, `caption` and `credit`.
    pub language: Language,
    /// Text alternative, for screen readers.
    pub alt: Option<String>,
    /// Caption.
    pub caption: Option<String>,
    /// Credit line.
    pub credit: Option<String>,
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

    #[test]
    fn retranslations_round_trip_as_json_and_are_claimed_as_translations() {
        let job = Job::Retranslate {
            article: ArticleId::new(3),
            to: Language::parse("fa").unwrap(),
        };
        let json = serde_json::to_string(&job).unwrap();
        assert_eq!(json, r#"{"kind":"retranslate","article":3,"to":"fa"}"#);
        assert_eq!(serde_json::from_str::<Job>(&json).unwrap(), job);
        assert_eq!(job.kind(), "translate");
        assert_eq!(job.dedupe_key(), "retranslate:3:fa");
    }

    #[test]
    fn image_jobs_round_trip_as_json_and_dedupe_per_article_and_picture() {
        let job = Job::FetchImage {
            article: ArticleId::new(7),
            image: RemoteImage {
                url: Url::parse("https://news.example/img/cau-moi.jpg").unwrap(),
                language: Language::parse("vi").unwrap(),
                alt: Some("Cầu mới".to_owned()),
                caption: None,
                credit: Some("Ảnh: Báo Sông Hồng".to_owned()),
            },
            lead: true,
        };
        let json = serde_json::to_string(&job).unwrap();
        assert_eq!(
            json,
            r#"{"kind":"fetch_image","article":7,"image":{"url":"https://news.example/img/cau-moi.jpg","language":"vi","alt":"Cầu mới","caption":null,"credit":"Ảnh: Báo Sông Hồng"},"lead":true}"#
        );
        assert_eq!(serde_json::from_str::<Job>(&json).unwrap(), job);
        assert_eq!(job.kind(), "fetch_image");
        assert_eq!(
            job.dedupe_key(),
            "fetch_image:7:https://news.example/img/cau-moi.jpg"
        );
    }
}
