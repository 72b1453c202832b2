//! What the web sends back when it goes wrong, and how the pipeline takes it.

use std::time::Duration;

use axum::http::StatusCode;
use herald_domain::{Clock, Job, JobState, Trust};
use herald_pipeline::{Outcome, Ran, Scheduler};

use crate::harness::Harness;

#[tokio::test]
async fn a_broken_feed_is_recorded_on_its_source_which_is_backed_off() {
    let h = Harness::start().await;
    let broken = h
        .source(
            "broken",
            "vi",
            Trust::Auto,
            &["/broken/rss.xml", "/broken/empty.xml"],
        )
        .await;
    h.poll(std::slice::from_ref(&broken)).await;
    let ran = h.drain().await;
    assert!(
        matches!(&ran[..], [Ran::Done { outcome: Outcome::Polled(s), .. }] if s.errors.len() == 2),
        "the job itself succeeds: {ran:?}"
    );
    let health = h.store.source_health(broken.id).await.unwrap().unwrap();
    assert_eq!(health.consecutive_failures, 1);
    let error = health.last_error.unwrap();
    assert!(
        error.contains("/broken/rss.xml") && error.contains("/broken/empty.xml"),
        "{error}"
    );
    let first_wait = health.next_poll_at.unwrap().as_second() - h.clock.now().as_second();
    assert!(
        first_wait >= 900,
        "at least the source's interval: {first_wait}"
    );

    h.clock
        .advance(Duration::from_secs(u64::try_from(first_wait).unwrap() + 1));
    h.poll(std::slice::from_ref(&broken)).await;
    h.drain().await;
    let health = h.store.source_health(broken.id).await.unwrap().unwrap();
    assert_eq!(health.consecutive_failures, 2);
    let second_wait = health.next_poll_at.unwrap().as_second() - h.clock.now().as_second();
    assert!(second_wait > first_wait, "{second_wait} after {first_wait}");
}

#[tokio::test]
async fn a_redirect_to_the_metadata_address_is_refused_and_recorded() {
    let h = Harness::start().await;
    h.newsroom.put("/moved/rss.xml", "text/plain", b"");
    h.newsroom.change("/moved/rss.xml", |s| {
        s.status = StatusCode::FOUND;
        s.location = Some("http://169.254.169.254/latest/meta-data/".to_owned());
    });
    let source = h
        .source("moved", "en", Trust::Auto, &["/moved/rss.xml"])
        .await;
    h.poll(std::slice::from_ref(&source)).await;
    h.drain().await;
    let health = h.store.source_health(source.id).await.unwrap().unwrap();
    let error = health.last_error.unwrap();
    assert!(error.contains("169.254.169.254"), "{error}");
    assert_eq!(health.articles, 0);
}

#[tokio::test]
async fn a_slow_outlet_times_out_and_the_others_are_polled() {
    let h = Harness::start_with(|policy| {
        policy.timeout = Duration::from_millis(800);
        policy.read_timeout = Duration::from_millis(400);
    })
    .await;
    let slow = h
        .source("lotus", "en", Trust::Auto, &["/lotus/atom.xml"])
        .await;
    h.newsroom
        .change("/lotus/atom.xml", |s| s.delay = Duration::from_secs(5));
    let radio = h
        .source(
            "song-hong-2",
            "vi",
            Trust::Auto,
            &["/song-hong-2/feed.json"],
        )
        .await;
    h.poll(&[slow.clone(), radio.clone()]).await;
    let started = std::time::Instant::now();
    h.drain().await;
    assert!(started.elapsed() < Duration::from_secs(4));
    let health = h.store.source_health(slow.id).await.unwrap().unwrap();
    assert!(
        health
            .last_error
            .as_deref()
            .unwrap_or_default()
            .contains("time"),
        "{health:?}"
    );
    // Three: its copy of Sông Hồng's rice story is its own here, Sông Hồng not being polled.
    assert_eq!(h.articles_of(radio.id).await, 3);
}

#[tokio::test]
async fn a_failing_page_is_retried_with_backoff_then_dead_lettered() {
    let h = Harness::start().await;
    let song_hong = h
        .source("song-hong", "vi", Trust::Auto, &["/song-hong/rss.xml"])
        .await;
    let page = "/song-hong/bai/cau-hoa-my-thong-xe.html";
    h.newsroom
        .change(page, |s| s.status = StatusCode::SERVICE_UNAVAILABLE);
    h.poll(std::slice::from_ref(&song_hong)).await;
    let ran = h.drain().await;
    let retrying = ran
        .iter()
        .find_map(|r| match r {
            Ran::Retrying { job, .. } => Some(job.clone()),
            _ => None,
        })
        .expect("the page fetch is retried");
    let record = h.store.job(retrying.id).await.unwrap().unwrap();
    let wait = record.run_at.as_second() - h.clock.now().as_second();
    assert!((20..=40).contains(&wait), "about 30 s: {wait}");

    let mut last = None;
    for _ in 0..10 {
        h.clock.advance(Duration::from_secs(3600));
        for one in h.drain().await {
            last = Some(one);
        }
        if h.store.job(retrying.id).await.unwrap().unwrap().state == JobState::Failed {
            break;
        }
    }
    let record = h.store.job(retrying.id).await.unwrap().unwrap();
    assert_eq!(record.state, JobState::Failed);
    assert_eq!(record.attempts, record.max_attempts);
    assert!(matches!(last, Some(Ran::DeadLettered { .. })), "{last:?}");
    assert!(record.last_error.unwrap().contains("503"));
    // The article is still there, with the feed's summary.
    let article = h
        .store
        .article_by_source_url(h.url(page).as_str())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        h.store.article_is_partial(article).await.unwrap(),
        Some(true)
    );
}

#[tokio::test]
async fn the_scheduler_queues_one_poll_per_due_source_and_skips_paused_ones() {
    let h = Harness::start().await;
    let lotus = h
        .source("lotus", "en", Trust::Auto, &["/lotus/atom.xml"])
        .await;
    let paused = h
        .source("mehr", "fa", Trust::Auto, &["/mehr/rss.xml"])
        .await;
    h.store.set_source_paused(paused.id, true).await.unwrap();
    let mut scheduler = Scheduler::new(h.pipeline.clone());
    assert_eq!(scheduler.tick().await.unwrap(), 1);
    assert_eq!(
        scheduler.tick().await.unwrap(),
        0,
        "its poll is still waiting"
    );
    h.drain().await;
    assert_eq!(
        scheduler.tick().await.unwrap(),
        0,
        "polled: due again in 15 minutes"
    );
    h.clock.advance(Duration::from_secs(16 * 60));
    assert_eq!(scheduler.tick().await.unwrap(), 1);
    assert_eq!(h.articles_of(lotus.id).await, 4);
    assert_eq!(h.articles_of(paused.id).await, 0);
    let job = h
        .store
        .enqueue(Job::Fetch { source: paused.id }, h.clock.now())
        .await
        .unwrap();
    let ran = h.drain().await;
    assert!(ran.iter().any(|r| matches!(r,
        Ran::Done { job: j, outcome: Outcome::Nothing(_) } if j.id == job)));
}
