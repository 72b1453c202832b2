//! Writes, commits, languages and errors.

use crate::common::{doc, index_with, lang, search};
use herald_domain::ArticleId;
use herald_search::{SearchError, SearchIndex, SearchQuery};

#[test]
fn a_document_is_found_only_after_commit_and_gone_after_removal() {
    let index = SearchIndex::in_memory(&[lang("en")]).unwrap();
    index
        .upsert(&doc(
            1,
            "en",
            "Harbour reopens",
            "Ships return to the harbour.",
        ))
        .unwrap();
    assert_eq!(search(&index, "en", "harbour").total, 0);
    index.commit().unwrap();
    assert_eq!(search(&index, "en", "harbour").total, 1);
    assert_eq!(index.doc_count(&lang("en")).unwrap(), 1);
    index.remove(ArticleId::new(1), &lang("en")).unwrap();
    index.commit().unwrap();
    assert_eq!(search(&index, "en", "harbour").total, 0);
}

#[test]
fn upserting_again_replaces_the_document() {
    let index = index_with(&["en"], &[doc(1, "en", "Old headline", "Old words.")]);
    index
        .upsert(&doc(1, "en", "Fresh headline", "New words."))
        .unwrap();
    index.commit().unwrap();
    assert_eq!(index.doc_count(&lang("en")).unwrap(), 1);
    assert_eq!(search(&index, "en", "old").total, 0);
    assert_eq!(search(&index, "en", "fresh").total, 1);
}

#[test]
fn a_language_without_an_index_is_an_unknown_language_error() {
    let index = index_with(&["en"], &[]);
    let error = index
        .search(&SearchQuery::new(lang("vi"), "x"))
        .unwrap_err();
    assert!(matches!(error, SearchError::UnknownLanguage(ref l) if *l == lang("vi")));
    assert_eq!(error.to_string(), "no search index for language vi");
}

#[test]
fn after_finishing_writes_the_index_can_be_written_again() {
    let index = index_with(&["en"], &[doc(1, "en", "First", "Body")]);
    index.upsert(&doc(2, "en", "Second", "Body")).unwrap();
    index.finish_writes().unwrap();
    assert_eq!(index.doc_count(&lang("en")).unwrap(), 2);
    index.upsert(&doc(3, "en", "Third", "Body")).unwrap();
    index.commit().unwrap();
    assert_eq!(index.doc_count(&lang("en")).unwrap(), 3);
}

#[test]
fn clearing_a_language_empties_only_that_language() {
    let index = index_with(
        &["en", "fr"],
        &[
            doc(1, "en", "Harbour", "Body"),
            doc(2, "fr", "Port", "Corps"),
        ],
    );
    index.clear(&lang("en")).unwrap();
    index.commit().unwrap();
    assert_eq!(index.doc_count(&lang("en")).unwrap(), 0);
    assert_eq!(index.doc_count(&lang("fr")).unwrap(), 1);
    index.upsert(&doc(1, "en", "Harbour", "Body")).unwrap();
    index.commit().unwrap();
    assert_eq!(search(&index, "en", "harbour").total, 1);
}

#[test]
fn many_threads_can_upsert_at_once() {
    let index = SearchIndex::in_memory(&[lang("en"), lang("vi")]).unwrap();
    std::thread::scope(|scope| {
        for t in 0..4_i64 {
            let index = &index;
            scope.spawn(move || {
                for n in 0..25 {
                    let id = t * 100 + n;
                    let language = if n % 2 == 0 { "en" } else { "vi" };
                    index
                        .upsert(&doc(id, language, "Shared words", "Body"))
                        .unwrap();
                    if n % 10 == 0 {
                        index.commit().unwrap();
                    }
                }
            });
        }
    });
    index.commit().unwrap();
    let total = index.doc_count(&lang("en")).unwrap() + index.doc_count(&lang("vi")).unwrap();
    assert_eq!(total, 100);
}

#[test]
fn the_index_can_be_shared_between_threads() {
    fn shared<T: Send + Sync>() {}
    shared::<SearchIndex>();
    shared::<std::sync::Arc<SearchIndex>>();
}

#[test]
fn a_rebuild_clears_then_adds_before_one_commit() {
    let index = index_with(
        &["en"],
        &[
            doc(1, "en", "Stale article", "Body"),
            doc(2, "en", "Kept article", "Body"),
        ],
    );
    index.clear(&lang("en")).unwrap();
    index.upsert(&doc(2, "en", "Kept article", "Body")).unwrap();
    index.upsert(&doc(3, "en", "New article", "Body")).unwrap();
    // Until the commit, searches still see the old index.
    assert_eq!(search(&index, "en", "stale").total, 1);
    index.commit().unwrap();
    assert_eq!(index.doc_count(&lang("en")).unwrap(), 2);
    assert_eq!(search(&index, "en", "stale").total, 0);
    assert_eq!(search(&index, "en", "article").total, 2);
}
