//! Polling a source: each of its feeds with a conditional GET, every new item prepared,
//! filed and stored once, follow-up work queued, and the outcome written to the source's
//! health with the time of its next poll.
//!
//! An outlet's failure (unreachable, 500, a feed that does not parse) is the source's
//! problem, not the job's: it is recorded for editors and the source is backed off, and the
//! job completes. Only the store failing fails the job, which is then retried. Validators
//! (ETag, Last-Modified) are saved after a feed's items are stored, so a crash in between
//! makes the next poll fetch the feed in full again rather than skip what was not stored.

use std::time::Duration;

use herald_domain::{
    ArticleKind, EditorialState, Language, NewArticle, Source, SourceId, Timestamp, Trust,
    VersionText,
};
use herald_ingest::{FeedItem, ParsedFeed, Validators, parse_feed, prepare_item};
use herald_store::{
    DuplicateOf, FeedValidators, IngestOutcome, IngestedArticle, NearDuplicates, PollOutcome,
    PollReport,
};
use url::Url;

use super::filing::Filer;
use super::{Outcome, StageError};
use crate::{Backoff, Pipeline, follow_up};

/// What one poll of a source found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PollSummary {
    /// Feeds fetched in full.
    pub feeds_fetched: u32,
    /// Feeds that had not changed (304).
    pub feeds_unchanged: u32,
    /// Feed items read.
    pub items: u32,
    /// Articles stored.
    pub created: u32,
    /// Items already stored (same URL or same text).
    pub duplicates: u32,
    /// Items with nothing to store (no title and no link…).
    pub skipped: u32,
    /// Pages of articles queued for fetching (their feed gave only a summary).
    pub pages_queued: u32,
    /// Pictures of new articles queued for fetching.
    pub images_queued: u32,
    /// Why feeds failed, one line each.
    pub errors: Vec<String>,
}

struct FeedResult {
    freshness: Option<Duration>,
    retry_after: Option<Duration>,
}

pub(super) async fn run(p: &Pipeline, id: SourceId) -> Result<Outcome, StageError> {
    let store = p.store();
    let Some(source) = store.source(id).await? else {
        return Ok(Outcome::Nothing("the source is gone"));
    };
    if store.source_health(id).await?.is_some_and(|h| h.paused) {
        return Ok(Outcome::Nothing("the source is paused"));
    }
    let mut filer = Filer::new(p, &source).await?;
    let mut summary = PollSummary::default();
    let mut freshness: Option<Duration> = None;
    let mut retry_after: Option<Duration> = None;
    for feed_url in &source.feeds {
        match poll_feed(p, &source, feed_url, &mut filer, &mut summary).await {
            Ok(result) => {
                freshness = max_opt(freshness, result.freshness);
                retry_after = max_opt(retry_after, result.retry_after);
            }
            Err(FeedFailure::Outlet { reason, retry }) => {
                summary.errors.push(format!("{feed_url}: {reason}"));
                retry_after = max_opt(retry_after, retry);
            }
            Err(FeedFailure::Store(error)) => return Err(error),
        }
    }
    let now = p.now();
    let failures = store
        .source_health(id)
        .await?
        .map_or(0, |h| h.consecutive_failures);
    let interval = Duration::from_secs(u64::from(source.poll_interval_secs.max(60)));
    let (outcome, wait) = if summary.errors.is_empty() {
        // Honour the outlet's caching headers, but never poll less often than the cap.
        let wait = freshness.map_or(interval, |f| f.max(interval));
        (
            PollOutcome::Succeeded,
            wait.min(p.settings.max_poll_interval.max(interval)),
        )
    } else {
        // Back off from the source's own rhythm: a source polled every minute retries
        // sooner than one polled daily.
        let backoff = Backoff {
            base: interval.max(p.settings.poll_backoff.base),
            cap: p.settings.poll_backoff.cap.max(interval),
        };
        let wait = backoff
            .delay(
                failures.saturating_add(1),
                u64::try_from(id.get()).unwrap_or_default(),
            )
            .max(interval)
            .max(retry_after.unwrap_or_default());
        (
            PollOutcome::Failed {
                error: summary.errors.join("; "),
            },
            wait,
        )
    };
    store
        .record_poll(
            id,
            PollReport {
                at: now,
                outcome,
                next_poll_at: later(now, wait),
            },
        )
        .await?;
    Ok(Outcome::Polled(summary))
}

enum FeedFailure {
    Outlet {
        reason: String,
        retry: Option<Duration>,
    },
    Store(StageError),
}

impl From<herald_store::StoreError> for FeedFailure {
    fn from(error: herald_store::StoreError) -> Self {
        Self::Store(error.into())
    }
}

async fn poll_feed(
    p: &Pipeline,
    source: &Source,
    feed_url: &Url,
    filer: &mut Filer<'_>,
    summary: &mut PollSummary,
) -> Result<FeedResult, FeedFailure> {
    let store = p.store();
    let stored = store.feed_validators(source.id, feed_url).await?;
    let sent = Validators {
        etag: stored.etag.clone(),
        last_modified: stored.last_modified.clone(),
    };
    let fetched = p
        .fetcher
        .get(feed_url, &sent)
        .await
        .map_err(|error| FeedFailure::Outlet {
            retry: error.retry_after(),
            reason: error.to_string(),
        })?;
    let received = FeedValidators {
        etag: fetched.validators.etag.clone(),
        last_modified: fetched.validators.last_modified.clone(),
    };
    if fetched.not_modified {
        summary.feeds_unchanged += 1;
        if received != stored {
            store
                .set_feed_validators(source.id, feed_url, &received)
                .await?;
        }
        return Ok(FeedResult {
            freshness: fetched.freshness,
            retry_after: None,
        });
    }
    let feed = parse_feed(
        &fetched.body,
        fetched.content_type.as_deref(),
        Some(&fetched.final_url),
    )
    .map_err(|error| FeedFailure::Outlet {
        reason: error.to_string(),
        retry: None,
    })?;
    summary.feeds_fetched += 1;
    for item in &feed.items {
        summary.items += 1;
        ingest_item(p, source, &feed, item, filer, summary).await?;
    }
    // Remember the validators only now that every item is stored (see the module docs).
    if received != stored {
        store
            .set_feed_validators(source.id, feed_url, &received)
            .await?;
    }
    Ok(FeedResult {
        freshness: fetched.freshness.or(feed.ttl),
        retry_after: None,
    })
}

async fn ingest_item(
    p: &Pipeline,
    source: &Source,
    feed: &ParsedFeed,
    item: &FeedItem,
    filer: &mut Filer<'_>,
    summary: &mut PollSummary,
) -> Result<(), FeedFailure> {
    // An item already stored under its link costs a lookup, not a preparation (which
    // sanitises): most items of a changed feed are ones seen before.
    if let Some(link) = &item.link {
        let url = herald_ingest::canonical_url(link);
        if let Some(id) = p.store().article_by_source_url(url.as_str()).await? {
            summary.duplicates += 1;
            if follow_up::ensure(p, id).await? {
                summary.pages_queued += 1;
            }
            return Ok(());
        }
    }
    let prepared = match prepare_item(item, feed, &source.language) {
        Ok(prepared) => prepared,
        Err(reason) => {
            tracing::debug!(source = %source.key, %reason, "feed item skipped");
            summary.skipped += 1;
            return Ok(());
        }
    };
    let now = p.now();
    let filing = filer.file(&prepared).await?;
    let published_at = prepared
        .published
        .filter(|at| *at <= later(now, p.settings.future_tolerance))
        .unwrap_or(now);
    let updated_at = prepared
        .updated
        .filter(|at| *at >= published_at && *at <= later(now, p.settings.future_tolerance))
        .unwrap_or(published_at);
    let language: Language = prepared.language.clone();
    let article = NewArticle {
        source: source.id,
        source_url: prepared.url.clone(),
        kind: ArticleKind::News,
        category: filing.category,
        topics: filing.topics,
        tags: Vec::new(),
        authors: filing.authors,
        place: filing.place,
        lead_image: None,
        media: Vec::new(),
        featured: false,
        published_at,
        updated_at,
        original: VersionText {
            language,
            title: prepared.title.clone(),
            lead: prepared.lead.clone(),
            body: prepared.body_html.clone(),
        },
        state: match source.trust {
            Trust::Auto => EditorialState::Published,
            Trust::Review => EditorialState::Review,
        },
    };
    let near = NearDuplicates {
        max_distance: p.settings.near_duplicate_bits,
        window: p.settings.near_duplicate_window,
    };
    let outcome = p
        .store()
        .ingest_article(
            IngestedArticle {
                article,
                content_hash: prepared.key.content.to_hex(),
                simhash: prepared.key.simhash,
                partial: prepared.partial,
            },
            near,
        )
        .await?;
    match outcome {
        IngestOutcome::Created { id, .. } => {
            summary.created += 1;
            let queued = follow_up::after_create(
                p,
                id,
                &prepared.language,
                prepared.partial,
                &prepared.images,
            )
            .await?;
            summary.pages_queued += u32::from(queued.page);
            summary.images_queued += queued.images;
        }
        IngestOutcome::Duplicate { id, of } => {
            summary.duplicates += 1;
            // Our own item again: the poll that stored it may have died before queueing
            // its follow-ups.
            if of == DuplicateOf::SourceUrl && follow_up::ensure(p, id).await? {
                summary.pages_queued += 1;
            }
        }
    }
    Ok(())
}

fn max_opt(a: Option<Duration>, b: Option<Duration>) -> Option<Duration> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

fn later(now: Timestamp, wait: Duration) -> Timestamp {
    jiff::SignedDuration::try_from(wait)
        .ok()
        .and_then(|wait| now.checked_add(wait).ok())
        .unwrap_or(now)
}
