//! The index on disk: created when missing, kept across restarts, moved aside when damaged.

use std::fs;

use herald_search::SearchIndex;

use crate::common::{doc, ids, lang, search};

#[test]
fn a_missing_index_is_created_empty_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    let (index, report) = SearchIndex::open(dir.path(), &[lang("en"), lang("vi")]).unwrap();
    assert_eq!(report.created, [lang("en"), lang("vi")]);
    assert!(report.rebuilt.is_empty());
    assert_eq!(index.languages(), [lang("en"), lang("vi")]);
    assert!(dir.path().join("en").join("meta.json").exists());
    assert!(dir.path().join("vi").join("meta.json").exists());
}

#[test]
fn reopening_an_index_keeps_its_documents() {
    let dir = tempfile::tempdir().unwrap();
    {
        let (index, _) = SearchIndex::open(dir.path(), &[lang("vi")]).unwrap();
        index
            .upsert(&doc(1, "vi", "Hội nghị Đà Nẵng", "Nội dung"))
            .unwrap();
        index.commit().unwrap();
    }
    let (index, report) = SearchIndex::open(dir.path(), &[lang("vi")]).unwrap();
    assert!(
        report.created.is_empty() && report.rebuilt.is_empty(),
        "{report:?}"
    );
    assert_eq!(index.doc_count(&lang("vi")).unwrap(), 1);
    assert_eq!(ids(&search(&index, "vi", "hoi nghi")), [1]);
    // And it can still be written to.
    index
        .upsert(&doc(2, "vi", "Hội nghị Huế", "Nội dung"))
        .unwrap();
    index.commit().unwrap();
    assert_eq!(search(&index, "vi", "hoi nghi").total, 2);
}

#[test]
fn a_corrupt_index_is_moved_aside_recreated_empty_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    {
        let (index, _) = SearchIndex::open(dir.path(), &[lang("en"), lang("fa")]).unwrap();
        index.upsert(&doc(1, "en", "Kept article", "Body")).unwrap();
        index.upsert(&doc(2, "fa", "خبر", "متن")).unwrap();
        index.commit().unwrap();
    }
    fs::write(
        dir.path().join("fa").join("meta.json"),
        b"{ this is not json \xff",
    )
    .unwrap();

    let (index, report) = SearchIndex::open(dir.path(), &[lang("en"), lang("fa")]).unwrap();
    assert!(report.created.is_empty());
    assert_eq!(report.rebuilt.len(), 1);
    assert_eq!(report.rebuilt[0].0, lang("fa"));
    assert!(!report.rebuilt[0].1.is_empty());
    assert_eq!(report.needs_reindex(), [lang("fa")]);
    // The damaged copy is kept beside the new one, not deleted.
    let aside = dir.path().join("fa.broken-1");
    assert!(aside.join("meta.json").exists());
    assert_eq!(index.doc_count(&lang("fa")).unwrap(), 0);
    assert_eq!(index.doc_count(&lang("en")).unwrap(), 1);
    // The new index works.
    index.upsert(&doc(2, "fa", "خبر", "متن")).unwrap();
    index.commit().unwrap();
    assert_eq!(index.doc_count(&lang("fa")).unwrap(), 1);
}

#[test]
fn a_folder_of_unrelated_files_is_moved_aside_too() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("en")).unwrap();
    fs::write(dir.path().join("en").join("notes.txt"), "not an index").unwrap();
    let (_, report) = SearchIndex::open(dir.path(), &[lang("en")]).unwrap();
    assert_eq!(report.rebuilt.len(), 1);
    assert!(dir.path().join("en.broken-1").join("notes.txt").exists());
}

#[test]
fn an_index_built_for_another_analyser_is_rebuilt() {
    let dir = tempfile::tempdir().unwrap();
    {
        let (index, _) = SearchIndex::open(dir.path(), &[lang("en")]).unwrap();
        index.upsert(&doc(1, "en", "Title", "Body")).unwrap();
        index.commit().unwrap();
    }
    // The English index's files moved under the Vietnamese name: its schema names the English
    // analyser, so it cannot serve Vietnamese.
    fs::rename(dir.path().join("en"), dir.path().join("vi")).unwrap();
    let (index, report) = SearchIndex::open(dir.path(), &[lang("vi")]).unwrap();
    assert_eq!(report.rebuilt.len(), 1);
    assert!(
        report.rebuilt[0].1.contains("schema"),
        "{:?}",
        report.rebuilt
    );
    assert_eq!(index.doc_count(&lang("vi")).unwrap(), 0);
}

#[test]
fn a_damaged_segment_file_is_detected_at_open() {
    let dir = tempfile::tempdir().unwrap();
    {
        let (index, _) = SearchIndex::open(dir.path(), &[lang("en")]).unwrap();
        for n in 1..=20 {
            index
                .upsert(&doc(n, "en", "Some title", "Some body text here."))
                .unwrap();
        }
        index.commit().unwrap();
    }
    let store = fs::read_dir(dir.path().join("en"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "store"))
        .unwrap();
    fs::write(&store, b"garbage").unwrap();
    let (index, report) = SearchIndex::open(dir.path(), &[lang("en")]).unwrap();
    assert_eq!(report.rebuilt.len(), 1, "{report:?}");
    assert_eq!(index.doc_count(&lang("en")).unwrap(), 0);
}

#[test]
fn a_commit_by_another_opener_of_the_folder_becomes_visible_without_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let (server, _) = SearchIndex::open(dir.path(), &[lang("en")]).unwrap();
    // Another process (a reindex) opens the same folder and writes.
    let (reindex, _) = SearchIndex::open(dir.path(), &[lang("en")]).unwrap();
    reindex
        .upsert(&doc(1, "en", "Written elsewhere", "Body"))
        .unwrap();
    reindex.finish_writes().unwrap();
    let started = std::time::Instant::now();
    while server.doc_count(&lang("en")).unwrap() == 0 {
        assert!(
            started.elapsed().as_secs() < 10,
            "the server never saw the commit"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert_eq!(ids(&search(&server, "en", "elsewhere")), [1]);
}
