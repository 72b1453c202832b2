//! The newsroom polled on PostgreSQL by several workers at once, as a national newsroom runs
//! it: every story stored once, every page and picture fetched once.

use std::collections::BTreeSet;
use std::sync::Arc;

use herald_pipeline::{Ran, Worker};

use crate::harness::Harness;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn several_workers_on_postgresql_store_each_story_once() {
    let Some(h) = Harness::start_on_postgres().await else {
        return;
    };
    let sources = h.newsroom_sources().await;
    h.poll(&sources).await;
    let mut workers = Vec::new();
    for n in 0..4 {
        let worker = Worker::new(Arc::clone(&h.pipeline), format!("pg-worker-{n}"));
        workers.push(tokio::spawn(async move {
            let mut ran = Vec::new();
            // Stop after several empty claims in a row: others may still queue pages.
            let mut idle = 0;
            while idle < 20 {
                match worker.run_one().await.unwrap() {
                    Some(one) => {
                        idle = 0;
                        ran.push(one);
                    }
                    None => {
                        idle += 1;
                        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
                    }
                }
            }
            ran
        }));
    }
    let mut ran: Vec<Ran> = Vec::new();
    for worker in workers {
        ran.extend(worker.await.unwrap());
    }
    let mut total = 0;
    for source in &sources {
        total += h.articles_of(source.id).await;
    }
    assert_eq!(total, 13, "{ran:#?}");
    // Every job ran once: no two workers ran the same one.
    let ids: Vec<_> = ran
        .iter()
        .map(|r| match r {
            Ran::Done { job, .. }
            | Ran::Retrying { job, .. }
            | Ran::DeadLettered { job, .. }
            | Ran::LostLease { job } => job.id,
        })
        .collect();
    let distinct: BTreeSet<_> = ids.iter().collect();
    assert_eq!(distinct.len(), ids.len());
    // Sông Hồng's pages fetched once each; the one robots.txt forbids, never. The rice
    // story's page is fetched only if Sông Hồng's summary won the race against the radio's
    // full copy under the same URL.
    for page in [
        "/song-hong/bai/cau-hoa-my-thong-xe.html",
        "/song-hong/bai/khai-mac-hoi-cho-thuong-mai-2026.html",
    ] {
        assert_eq!(h.newsroom.hits(page), 1, "{page}");
    }
    let rice = h
        .store
        .article_by_source_url(h.url("/song-hong/bai/thu-hoach-lua-mua.html").as_str())
        .await
        .unwrap()
        .unwrap();
    let from_song_hong = h.store.article(rice).await.unwrap().unwrap().source == sources[0].id;
    assert_eq!(
        h.newsroom.hits("/song-hong/bai/thu-hoach-lua-mua.html"),
        usize::from(from_song_hong)
    );
    assert_eq!(h.newsroom.hits("/song-hong/bai/du-lich-mua-dong.html"), 0);
    assert_eq!(h.newsroom.hits("/song-hong/img/cau-moi.jpg"), 1);
    let broken = h.store.source_health(sources[4].id).await.unwrap().unwrap();
    assert_eq!(broken.consecutive_failures, 1);
    h.finish().await;
}
