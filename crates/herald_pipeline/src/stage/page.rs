//! The page of an article whose feed gave only a summary: fetched once and kept as fetched
//! (so extraction can run again when it improves, without asking the outlet twice), then the
//! story is extracted from it and replaces the summary, and the article is no longer partial.
//! A page whose extract is no longer than the summary (a paywall, a video page) leaves the
//! article partial, with its summary.

use herald_domain::ArticleId;
use herald_ingest::{ExtractOverrides, Validators, extract};
use herald_store::{StoredPage, VersionDraft};

use super::{Outcome, StageError};
use crate::Pipeline;

/// Fewer words than this is not a story, whatever the summary was.
const MIN_STORY_WORDS: usize = 40;

pub(super) async fn run(p: &Pipeline, id: ArticleId) -> Result<Outcome, StageError> {
    let store = p.store();
    let Some(article) = store.article(id).await? else {
        return Ok(Outcome::Nothing("the article is gone"));
    };
    let Some(url) = article.source_url.clone() else {
        return Ok(Outcome::Nothing("the article has no page"));
    };
    if store.article_is_partial(id).await? != Some(true) {
        return Ok(Outcome::Nothing("the article already has its story"));
    }
    // Kept by an earlier run that stopped before extracting: extract that, fetch nothing.
    let page = match store.article_page(id).await? {
        Some(page) => page,
        None => {
            let fetched = p.fetcher.get(&url, &Validators::default()).await?;
            if fetched.not_modified {
                return Err(StageError::transient(
                    "the outlet answered 304 to a plain request",
                ));
            }
            let page = StoredPage {
                url,
                final_url: fetched.final_url,
                content_type: fetched.content_type,
                body: fetched.body,
                fetched_at: p.now(),
            };
            store.save_article_page(id, page.clone()).await?;
            page
        }
    };
    let rules = store.source_rules(article.source).await?;
    let overrides = ExtractOverrides {
        body: rules.body_selector,
        drop: rules.drop_selectors,
    };
    // Parsing a page is a few milliseconds of CPU: keep it off the async workers.
    let extracted = tokio::task::spawn_blocking(move || {
        extract(
            &page.body,
            page.content_type.as_deref(),
            Some(&page.final_url),
            &overrides,
        )
    })
    .await
    .map_err(|error| StageError::transient(format!("extraction stopped: {error}")))?;
    let Some(original) = store.version(id, &article.source_language).await? else {
        return Ok(Outcome::Nothing("the article has no original text"));
    };
    let story = extracted.text();
    let summary = herald_ingest::html_to_text(&original.body);
    let words = story.split_whitespace().count();
    if words < MIN_STORY_WORDS || story.chars().count() <= summary.chars().count() {
        return Ok(Outcome::PageSaved { extracted: false });
    }
    let lead = if original.lead.is_empty() {
        extracted.lead.unwrap_or_default()
    } else {
        original.lead
    };
    store
        .save_version(VersionDraft {
            article: id,
            language: original.language.clone(),
            // The headline stays the feed's: it made the slug readers may already share.
            title: original.title,
            lead,
            body: extracted.body_html,
            origin: original.origin,
            provenance: original.provenance,
            state: original.state,
        })
        .await?;
    store.set_article_partial(id, false).await?;
    crate::follow_up::queue_index(p, id, &original.language).await?;
    // Translations made from the summary are stale now; the translation stage keeps the
    // unchanged segments (the headline) from the memory.
    crate::follow_up::queue_translations(p, id, |_| true).await?;
    Ok(Outcome::PageSaved { extracted: true })
}
