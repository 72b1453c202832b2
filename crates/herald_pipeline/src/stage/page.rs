//! Fetching the page of an article whose feed gave only a summary. The page is kept as
//! fetched, so the extractor can read it — and read it again when extraction improves —
//! without asking the outlet twice; until then the article shows the feed's summary and is
//! marked partial.

use herald_domain::ArticleId;
use herald_ingest::Validators;
use herald_store::StoredPage;

use super::{Outcome, StageError};
use crate::Pipeline;

pub(super) async fn run(p: &Pipeline, id: ArticleId) -> Result<Outcome, StageError> {
    let store = p.store();
    let Some(article) = store.article(id).await? else {
        return Ok(Outcome::Nothing("the article is gone"));
    };
    let Some(url) = article.source_url else {
        return Ok(Outcome::Nothing("the article has no page"));
    };
    if store.article_page(id).await?.is_some() {
        return Ok(Outcome::Nothing("the page is already kept"));
    }
    let fetched = p.fetcher.get(&url, &Validators::default()).await?;
    if fetched.not_modified {
        return Err(StageError::transient(
            "the outlet answered 304 to a plain request",
        ));
    }
    store
        .save_article_page(
            id,
            StoredPage {
                url,
                final_url: fetched.final_url,
                content_type: fetched.content_type,
                body: fetched.body,
                fetched_at: p.now(),
            },
        )
        .await?;
    Ok(Outcome::PageSaved)
}
