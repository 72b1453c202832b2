//! Builders shared by the search tests: articles with made-up text in several languages.

use herald_domain::{ArticleId, AuthorId, CategoryId, Language, SourceId};
use herald_search::{IndexDoc, SearchIndex, SearchQuery, SearchResults};

pub(crate) fn lang(tag: &str) -> Language {
    Language::parse(tag).unwrap()
}

/// An article in `language` with `title` and `body`, published `day` days into 2026.
pub(crate) fn doc(article: i64, language: &str, title: &str, body: &str) -> IndexDoc {
    IndexDoc {
        article: ArticleId::new(article),
        language: lang(language),
        title: title.to_owned(),
        lead: String::new(),
        body: body.to_owned(),
        slug: format!("article-{article}"),
        category: CategoryId::new(1),
        topics: Vec::new(),
        authors: vec![AuthorId::new(1)],
        source: SourceId::new(1),
        place: None,
        published_at: day(article),
    }
}

/// Midnight UTC on the `n`th day of 2026 (1-based).
pub(crate) fn day(n: i64) -> jiff::Timestamp {
    jiff::Timestamp::from_second(1_767_225_600 + (n - 1) * 86_400).unwrap()
}

/// An in-memory index holding `docs`, committed.
pub(crate) fn index_with(languages: &[&str], docs: &[IndexDoc]) -> SearchIndex {
    let languages: Vec<Language> = languages.iter().map(|l| lang(l)).collect();
    let index = SearchIndex::in_memory(&languages).unwrap();
    for doc in docs {
        index.upsert(doc).unwrap();
    }
    index.commit().unwrap();
    index
}

pub(crate) fn search(index: &SearchIndex, language: &str, text: &str) -> SearchResults {
    index
        .search(&SearchQuery::new(lang(language), text))
        .unwrap()
}

/// The article ids of the hits, in order.
pub(crate) fn ids(results: &SearchResults) -> Vec<i64> {
    results.hits.iter().map(|h| h.article.get()).collect()
}
