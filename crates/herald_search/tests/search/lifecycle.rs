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
