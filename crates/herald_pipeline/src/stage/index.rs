//! The index stage: one version of an article put into (or taken out of) its language's
//! search index, and a whole language rebuilt.
//!
//! The index mirrors what readers may see: a version is indexed while it is published and
//! removed otherwise, so a job run after any change (published, translated, withdrawn,
//! deleted) leaves the index right whatever it held before. That also makes the stage
//! idempotent. Indexing works off the async threads: tantivy's writer is synchronous.

use std::sync::Arc;

use herald_domain::{Article, ArticleId, EditorialState, Language, Slug};
use herald_search::{IndexDoc, SearchIndex};
use herald_store::{ArticleFilter, ListPosition, PageRequest};

use super::{Outcome, StageError};
use crate::Pipeline;

/// How many articles a rebuild reads from the store at a time.
const REBUILD_PAGE: u32 = 200;

/// Puts `language`'s version of `id` into the index if it is published, takes it out if not.
pub(super) async fn run(
    p: &Pipeline,
    id: ArticleId,
    language: &Language,
) -> Result<Outcome, StageError> {
    let search = index_of(p)?;
    if !search.languages().contains(language) {
        return Ok(Outcome::Nothing("the site has no index in that language"));
    }
    let found = p.store().article_with_versions(id).await?;
    let doc = found.as_ref().and_then(|(article, versions)| {
        versions
            .iter()
            .find(|v| v.language == *language && v.state == EditorialState::Published)
            .map(|v| document(article, &v.language, &v.title, &v.lead, &v.body, &v.slug))
    });
    let indexed = doc.is_some();
    let language = language.clone();
    blocking(search, move |search| {
        match &doc {
            Some(doc) => search.upsert(doc)?,
            None => search.remove(id, &language)?,
        }
        search.commit()
    })
    .await?;
    Ok(Outcome::Indexed { indexed })
}

/// Rebuilds `language`'s index from the store: cleared, then every article published in
/// the language put back, read a page at a time with its body (a few reads a page, not one
/// per article). `progress` hears how many are done of how many.
///
/// # Errors
/// When the store cannot be read or the index written.
pub async fn rebuild(
    p: &Pipeline,
    language: &Language,
    progress: &(dyn Fn(u64, u64) + Send + Sync),
) -> Result<u64, StageError> {
    let search = index_of(p)?;
    let store = p.store();
    let mut filter = ArticleFilter::in_language(language.clone());
    let total = store
        .list_articles(&filter, PageRequest::first(1))
        .await?
        .total;
    let lang = language.clone();
    blocking(search.clone(), move |search| search.clear(&lang)).await?;
    let mut done = 0_u64;
    loop {
        let entries = store.list_for_feed(&filter, REBUILD_PAGE).await?;
        let Some(last) = entries.last() else { break };
        filter.after = Some(ListPosition::of(&last.card));
        let full = entries.len() == REBUILD_PAGE as usize;
        let docs: Vec<IndexDoc> = entries
            .iter()
            .map(|e| {
                let card = &e.card;
                document(
                    &e.article,
                    &card.language,
                    &card.title,
                    &card.lead,
                    &e.body,
                    &card.slug,
                )
            })
            .collect();
        done += docs.len() as u64;
        blocking(search.clone(), move |search| {
            docs.iter().try_for_each(|doc| search.upsert(doc))
        })
        .await?;
        progress(done, total.max(done));
        if !full {
            break;
        }
    }
    blocking(search, SearchIndex::commit).await?;
    Ok(done)
}

/// What the index keeps of a version: its text without markup and what searches filter by.
fn document(
    article: &Article,
    language: &Language,
    title: &str,
    lead: &str,
    body: &str,
    slug: &Slug,
) -> IndexDoc {
    IndexDoc {
        article: article.id,
        language: language.clone(),
        title: title.to_owned(),
        lead: lead.to_owned(),
        body: herald_ingest::html_to_text(body),
        slug: slug.as_str().to_owned(),
        category: article.category,
        topics: article.topics.clone(),
        authors: article.authors.clone(),
        source: article.source,
        place: article.place,
        published_at: article.published_at,
    }
}

fn index_of(p: &Pipeline) -> Result<Arc<SearchIndex>, StageError> {
    p.search()
        .cloned()
        .ok_or_else(|| StageError::permanent("this worker keeps no search index"))
}

/// Runs `work` on the index in a blocking task.
async fn blocking<T: Send + 'static>(
    search: Arc<SearchIndex>,
    work: impl FnOnce(&SearchIndex) -> Result<T, herald_search::SearchError> + Send + 'static,
) -> Result<T, StageError> {
    tokio::task::spawn_blocking(move || work(&search))
        .await
        .map_err(|e| StageError::transient(format!("search index: {e}")))?
        .map_err(|e| StageError::transient(format!("search index: {e}")))
}
