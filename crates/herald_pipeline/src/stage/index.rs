//! The index stage: one version of an article put into (or taken out of) its language's
//! search index, and a whole language rebuilt.
//!
//! The index mirrors what readers may see: a version is indexed while it is published and
//! removed otherwise, so a job run after any change (published, translated, withdrawn,
//! deleted) leaves the index right whatever it held before. That also makes the stage
//! idempotent. Indexing works off the async threads: tantivy's writer is synchronous.

use std::sync::Arc;

use herald_domain::{Article, ArticleId, EditorialState, Language, Version};
use herald_search::{IndexDoc, SearchIndex};
use herald_store::{ArticleFilter, PageRequest};

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
            .map(|version| document(article, version))
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
/// the language put back. `progress` hears how many are done of how many.
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
    let filter = ArticleFilter::in_language(language.clone());
    let lang = language.clone();
    blocking(search.clone(), move |search| search.clear(&lang)).await?;
    let mut page = PageRequest {
        number: 1,
        size: REBUILD_PAGE,
    };
    let mut done = 0_u64;
    loop {
        let listed = store.list_articles(&filter, page).await?;
        let total = listed.total;
        let mut docs = Vec::with_capacity(listed.items.len());
        for card in &listed.items {
            if let Some((article, versions)) = store.article_with_versions(card.id).await? {
                docs.extend(
                    versions
                        .iter()
                        .find(|v| v.language == *language && v.state == EditorialState::Published)
                        .map(|version| document(&article, version)),
                );
            }
        }
        done += docs.len() as u64;
        let last = listed.items.len() < page.size as usize;
        blocking(search.clone(), move |search| {
            docs.iter().try_for_each(|doc| search.upsert(doc))
        })
        .await?;
        progress(done, total);
        if last {
            break;
        }
        page.number += 1;
    }
    blocking(search, SearchIndex::commit).await?;
    Ok(done)
}

/// What the index keeps of a version: its text without markup and what searches filter by.
fn document(article: &Article, version: &Version) -> IndexDoc {
    IndexDoc {
        article: article.id,
        language: version.language.clone(),
        title: version.title.clone(),
        lead: version.lead.clone(),
        body: herald_ingest::html_to_text(&version.body),
        slug: version.slug.as_str().to_owned(),
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
