//! The work a stored article brings: its page fetched when the feed gave only a summary,
//! and a translation into every other language of the site (run by the translation workers).
//! Queueing is idempotent — the store keeps one queued job per piece of work — so a poll
//! repeated after a crash can queue again safely.

use herald_domain::{ArticleId, Job, Language};
use herald_store::StoreError;

use crate::Pipeline;

/// Queues the follow-ups of an article just stored in `language`; says whether its page is
/// to be fetched.
pub(crate) async fn after_create(
    p: &Pipeline,
    article: ArticleId,
    language: &Language,
    partial: bool,
) -> Result<bool, StoreError> {
    let store = p.store();
    let now = p.now();
    if partial {
        store.enqueue(Job::FetchPage { article }, now).await?;
    }
    for to in p.settings().languages.iter().filter(|l| *l != language) {
        store
            .enqueue(
                Job::Translate {
                    article,
                    to: to.clone(),
                },
                now,
            )
            .await?;
    }
    Ok(partial)
}

/// Queues whatever follow-up an article seen again still lacks: its page while none is kept,
/// translations into languages it has no version in. Says whether its page is to be fetched.
pub(crate) async fn ensure(p: &Pipeline, article: ArticleId) -> Result<bool, StoreError> {
    let store = p.store();
    let now = p.now();
    let page_wanted = store.article_is_partial(article).await? == Some(true)
        && store.article_page(article).await?.is_none();
    if page_wanted {
        store.enqueue(Job::FetchPage { article }, now).await?;
    }
    let have: Vec<Language> = store
        .versions(article)
        .await?
        .into_iter()
        .map(|v| v.language)
        .collect();
    for to in p.settings().languages.iter().filter(|l| !have.contains(l)) {
        store
            .enqueue(
                Job::Translate {
                    article,
                    to: to.clone(),
                },
                now,
            )
            .await?;
    }
    Ok(page_wanted)
}
