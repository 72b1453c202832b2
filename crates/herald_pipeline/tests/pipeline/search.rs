//! The index stage: what the pipeline publishes reaches the search index through jobs, a
//! version taken off the site leaves it, and a language's index is rebuilt by a job.

use std::sync::Arc;

use herald_domain::{Clock, EditorialState, Job, Trust};
use herald_pipeline::{Outcome, Ran, Worker};
use herald_search::{SearchIndex, SearchQuery};
use herald_store::{ArticleFilter, PageRequest, VersionDraft};

use crate::harness::{Harness, lang};

fn query(text: &str) -> SearchQuery {
    SearchQuery {
        language: lang("vi"),
        text: text.to_owned(),
        category: None,
        topic: None,
        source: None,
        place: None,
        author: None,
        from: None,
        to: None,
        offset: 0,
        limit: 10,
    }
}

async fn drain(worker: &Worker) -> Vec<Ran> {
    let mut ran = Vec::new();
    while let Some(one) = worker.run_one().await.unwrap() {
        ran.push(one);
        assert!(ran.len() < 500, "the queue does not drain");
    }
    ran
}

#[tokio::test]
async fn published_articles_reach_the_index_and_withdrawn_ones_leave_it() {
    let h = Harness::start().await;
    let index = Arc::new(SearchIndex::in_memory(&[lang("vi"), lang("en"), lang("fa")]).unwrap());
    let pipeline = Arc::clone(&h.pipeline).with_search(Arc::clone(&index));
    let worker = Worker::new(pipeline, "indexer");
    let radio = h
        .source(
            "song-hong-2",
            "vi",
            Trust::Auto,
            &["/song-hong-2/feed.json"],
        )
        .await;
    h.poll(&[radio]).await;
    let ran = drain(&worker).await;
    let indexed = ran
        .iter()
        .filter(|r| {
            matches!(
                r,
                Ran::Done {
                    outcome: Outcome::Indexed { indexed: true },
                    ..
                }
            )
        })
        .count();
    let published = h
        .store
        .list_articles(
            &ArticleFilter::in_language(lang("vi")),
            PageRequest::first(100),
        )
        .await
        .unwrap()
        .total;
    assert!(published > 0);
    assert_eq!(
        indexed as u64, published,
        "one index job per published version"
    );
    assert_eq!(index.doc_count(&lang("vi")).unwrap(), published);

    let fair = h
        .store
        .article_by_source_url(
            h.url("/song-hong-2/tin/khai-mac-hoi-cho-thuong-mai-hong-giang.html")
                .as_str(),
        )
        .await
        .unwrap()
        .unwrap();
    let found = index.search(&query("hoi cho thuong mai")).unwrap();
    assert_eq!(found.hits.first().map(|h| h.article), Some(fair));

    // An editor withdraws the Vietnamese text: the next index job takes it out.
    let version = h.store.version(fair, &lang("vi")).await.unwrap().unwrap();
    h.store
        .save_version(VersionDraft {
            article: fair,
            language: version.language.clone(),
            title: version.title.clone(),
            lead: version.lead.clone(),
            body: version.body.clone(),
            origin: version.origin,
            provenance: version.provenance.clone(),
            state: EditorialState::Withdrawn,
        })
        .await
        .unwrap();
    h.store
        .enqueue(
            Job::Index {
                article: fair,
                language: lang("vi"),
            },
            h.clock.now(),
        )
        .await
        .unwrap();
    let ran = drain(&worker).await;
    assert!(matches!(
        ran.as_slice(),
        [Ran::Done {
            outcome: Outcome::Indexed { indexed: false },
            ..
        }]
    ));
    let found = index.search(&query("hoi cho thuong mai")).unwrap();
    assert!(found.hits.iter().all(|h| h.article != fair));
    assert_eq!(index.doc_count(&lang("vi")).unwrap(), published - 1);
}

#[tokio::test]
async fn a_reindex_job_rebuilds_a_language_from_the_store() {
    let h = Harness::start().await;
    let radio = h
        .source(
            "song-hong-2",
            "vi",
            Trust::Auto,
            &["/song-hong-2/feed.json"],
        )
        .await;
    // Polled by a pipeline without an index: nothing is indexed, nothing queued for it.
    h.poll(&[radio]).await;
    h.drain().await;
    assert_eq!(h.store.job_counts_of_kind("index").await.unwrap().queued, 0);
    let index = Arc::new(SearchIndex::in_memory(&[lang("vi")]).unwrap());
    let worker = Worker::new(
        Arc::clone(&h.pipeline).with_search(Arc::clone(&index)),
        "indexer",
    );
    h.store
        .enqueue(
            Job::Reindex {
                language: lang("vi"),
            },
            h.clock.now(),
        )
        .await
        .unwrap();
    let ran = drain(&worker).await;
    let published = h
        .store
        .list_articles(
            &ArticleFilter::in_language(lang("vi")),
            PageRequest::first(100),
        )
        .await
        .unwrap()
        .total;
    assert!(matches!(
        ran.as_slice(),
        [Ran::Done { outcome: Outcome::Reindexed(n), .. }] if *n == published
    ));
    assert_eq!(index.doc_count(&lang("vi")).unwrap(), published);
    assert!(!index.search(&query("hoi cho")).unwrap().hits.is_empty());
}
