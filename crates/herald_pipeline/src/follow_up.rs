//! The work a stored article brings: its page fetched when the feed gave only a summary,
//! its pictures fetched (when the site keeps a media folder), its indexing for search (when
//! the pipeline keeps an index), and a translation into every other language of the site (run
//! by the translation workers). Queueing is idempotent — the store keeps one queued job per
//! piece of work — so a poll repeated after a crash can queue again safely.
//!
//! Pictures are queued only for a new article: a job that failed for good (not a picture, too
//! large) is not queued again by every later poll that sees the item.

use herald_domain::{ArticleId, Job, Language, RemoteImage};
use herald_ingest::PreparedMedia;
use herald_store::StoreError;
use herald_translate::Pair;

use crate::Pipeline;

/// What [`after_create`] queued besides translations.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Queued {
    /// The article's page is to be fetched.
    pub(crate) page: bool,
    /// Pictures to fetch.
    pub(crate) images: u32,
}

/// Queues the follow-ups of an article just stored in `language`, with the pictures its feed
/// gave (`images`, the lead picture first).
pub(crate) async fn after_create(
    p: &Pipeline,
    article: ArticleId,
    language: &Language,
    partial: bool,
    images: &[PreparedMedia],
) -> Result<Queued, StoreError> {
    let store = p.store();
    let now = p.now();
    if partial {
        store.enqueue(Job::FetchPage { article }, now).await?;
    }
    let images = queue_images(p, article, language, images).await?;
    queue_index(p, article, language).await?;
    queue_translations(p, article, |l| l != language).await?;
    Ok(Queued {
        page: partial,
        images,
    })
}

/// Queues a [`Job::Index`] of `article`'s version in `language`, when this pipeline keeps a
/// search index: after any change to the version, whether it is published or not (the stage
/// takes an unpublished version out).
pub(crate) async fn queue_index(
    p: &Pipeline,
    article: ArticleId,
    language: &Language,
) -> Result<(), StoreError> {
    if p.search().is_some() {
        let job = Job::Index {
            article,
            language: language.clone(),
        };
        p.store().enqueue(job, p.now()).await?;
    }
    Ok(())
}

/// Queues a [`Job::FetchImage`] for each of the first `max_images_per_article` distinct
/// pictures, the first as the lead; none without a media folder. Returns how many.
async fn queue_images(
    p: &Pipeline,
    article: ArticleId,
    language: &Language,
    images: &[PreparedMedia],
) -> Result<u32, StoreError> {
    let settings = p.settings();
    if settings.media_dir.is_none() {
        return Ok(0);
    }
    let mut queued: Vec<&url::Url> = Vec::new();
    for image in images {
        if queued.len() >= settings.max_images_per_article {
            break;
        }
        if queued.contains(&&image.url) {
            continue;
        }
        let job = Job::FetchImage {
            article,
            image: RemoteImage {
                url: image.url.clone(),
                language: language.clone(),
                alt: image.alt.clone(),
                caption: image.caption.clone(),
                credit: image.credit.clone(),
            },
            lead: queued.is_empty(),
        };
        p.store().enqueue(job, p.now()).await?;
        queued.push(&image.url);
    }
    Ok(u32::try_from(queued.len()).unwrap_or(u32::MAX))
}

/// Queues whatever follow-up an article seen again still lacks: its page while it is partial,
/// translations into languages it has no version in. Says whether its page is to be fetched.
pub(crate) async fn ensure(p: &Pipeline, article: ArticleId) -> Result<bool, StoreError> {
    let store = p.store();
    let now = p.now();
    // Still partial: its page was never fetched, or a run stopped before extracting it (the
    // page stage then extracts the kept page without fetching it again).
    let page_wanted = store.article_is_partial(article).await? == Some(true);
    if page_wanted {
        store.enqueue(Job::FetchPage { article }, now).await?;
    }
    let have: Vec<Language> = store
        .versions(article)
        .await?
        .into_iter()
        .map(|v| v.language)
        .collect();
    queue_translations(p, article, |l| !have.contains(l)).await?;
    Ok(page_wanted)
}

/// Queues a translation of `article` into each site language that `wanted` picks, newest
/// articles first (the priority is the publication time). A pipeline with engines queues only
/// the pairs they serve (`herald translate --missing` picks the others up once an engine is
/// installed); one without (an ingest-only process) queues every language for the processes
/// that translate.
pub(crate) async fn queue_translations(
    p: &Pipeline,
    article: ArticleId,
    wanted: impl Fn(&Language) -> bool,
) -> Result<(), StoreError> {
    let Some(record) = p.store().article(article).await? else {
        return Ok(());
    };
    let now = p.now();
    for to in p.settings().languages.iter().filter(|l| wanted(l)) {
        let pair = Pair::new(record.source_language.clone(), to.clone());
        let served = p.engines().is_none_or(|e| e.route(&pair).is_some());
        if *to == record.source_language || !served {
            continue;
        }
        let job = Job::Translate {
            article,
            to: to.clone(),
        };
        p.store()
            .enqueue_with_priority(job, now, record.published_at.as_second())
            .await?;
    }
    Ok(())
}
