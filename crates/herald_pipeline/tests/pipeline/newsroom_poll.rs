//! One poll of the whole fixture newsroom, and what it stores.

use herald_domain::{EditorialState, Job, JobState, Trust};
use herald_pipeline::{Outcome, Ran};

use crate::harness::{Harness, lang};

fn polled(ran: &[Ran]) -> Vec<herald_pipeline::PollSummary> {
    ran.iter()
        .filter_map(|r| match r {
            Ran::Done {
                outcome: Outcome::Polled(summary),
                ..
            } => Some(summary.clone()),
            _ => None,
        })
        .collect()
}

#[tokio::test]
async fn polling_the_newsroom_stores_each_story_once_credited_and_filed() {
    let h = Harness::start().await;
    let sources = h.newsroom_sources().await;
    h.poll(&sources).await;
    let ran = h.drain().await;

    let counts: Vec<u64> = futures_counts(&h, &sources).await;
    assert_eq!(counts, [4, 4, 2, 3, 0], "articles per source");

    // Sông Hồng: summaries only, so its pages are fetched and read, but not the one robots.txt
    // forbids.
    let rice = h
        .store
        .article_by_source_url(h.url("/song-hong/bai/thu-hoach-lua-mua.html").as_str())
        .await
        .unwrap()
        .expect("stored under the URL without tracking parameters");
    let page = h
        .store
        .article_page(rice)
        .await
        .unwrap()
        .expect("its page is kept");
    assert!(String::from_utf8_lossy(&page.body).contains("<article"));
    // The story extracted from the page replaced the feed's summary.
    assert_eq!(h.store.article_is_partial(rice).await.unwrap(), Some(false));
    let body = h
        .store
        .version(rice, &lang("vi"))
        .await
        .unwrap()
        .unwrap()
        .body;
    assert!(body.len() > 600, "the whole story: {body}");
    let winter = h
        .store
        .article_by_source_url(h.url("/song-hong/bai/du-lich-mua-dong.html").as_str())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(h.store.article_page(winter).await.unwrap(), None);
    assert_eq!(
        h.store.article_is_partial(winter).await.unwrap(),
        Some(true),
        "the page robots.txt forbids is not read: the summary stays"
    );
    assert!(ran.iter().any(|r| matches!(r,
        Ran::DeadLettered { job, error }
            if job.job == (Job::FetchPage { article: winter }) && error.contains("robots.txt"))));

    // Filed by Sông Hồng's rules; text decoded from windows-1258 and composed.
    let fair = h
        .store
        .article_by_source_url(
            h.url("/song-hong/bai/khai-mac-hoi-cho-thuong-mai-2026.html")
                .as_str(),
        )
        .await
        .unwrap()
        .unwrap();
    let (article, versions) = h.store.article_with_versions(fair).await.unwrap().unwrap();
    let categories = h.store.list_categories().await.unwrap();
    let key_of = |id| {
        categories
            .iter()
            .find(|c| c.id == id)
            .map(|c| c.key.as_str())
    };
    assert_eq!(key_of(article.category), Some("business"));
    assert_eq!(article.topics.len(), 1, "the trade-fair topic");
    let original = &versions[0];
    assert_eq!(
        original.title,
        "Khai mạc Hội chợ Thương mại Hồng Giang 2026 với 420 gian hàng"
    );
    assert_eq!(original.state, EditorialState::Published);
    let winter_article = h.store.article(winter).await.unwrap().unwrap();
    assert_eq!(key_of(winter_article.category), Some("tourism"));

    // Lotus: full content, not partial, its page never fetched; its byline is an author.
    let lantern_url = h.url("/lotus/stories/2026/11/25/lantern-festival-ben-lua.html");
    let lantern = h
        .store
        .article_by_source_url(lantern_url.as_str())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        h.store.article_is_partial(lantern).await.unwrap(),
        Some(false)
    );
    assert_eq!(h.newsroom.hits(lantern_url.path()), 0);
    let lantern = h.store.article(lantern).await.unwrap().unwrap();
    assert_eq!(lantern.source, sources[1].id);
    assert_eq!(lantern.authors.len(), 1);
    assert_eq!(
        key_of(lantern.category),
        Some("news"),
        "no rule: the default"
    );

    // Mehr: held for review, hostile markup gone, ZWNJ kept.
    let mehr = h
        .store
        .article_by_source_url(
            h.url("/mehr/akhbar/14050904-jashnvare-musiqi.html")
                .as_str(),
        )
        .await
        .unwrap()
        .unwrap();
    let version = h.store.version(mehr, &lang("fa")).await.unwrap().unwrap();
    assert_eq!(version.state, EditorialState::Review);
    assert!(version.title.contains('\u{200c}'), "{}", version.title);
    for hostile in ["<script", "onerror", "javascript:"] {
        assert!(
            !version.body.contains(hostile),
            "{hostile} in {}",
            version.body
        );
    }
    assert_eq!(sources[3].trust, Trust::Review);

    // The radio's copy of the rice story (same URL, other tracking parameters) is not stored again.
    let radio = polled(&ran);
    assert_eq!(radio.iter().map(|s| s.duplicates).sum::<u32>(), 1);
}

async fn futures_counts(h: &Harness, sources: &[herald_domain::Source]) -> Vec<u64> {
    let mut counts = Vec::new();
    for source in sources {
        counts.push(h.articles_of(source.id).await);
    }
    counts
}

#[tokio::test]
async fn a_second_poll_of_unchanged_feeds_costs_a_304_and_stores_nothing() {
    let h = Harness::start().await;
    let sources = h.newsroom_sources().await;
    h.poll(&sources[..2]).await;
    h.drain().await;
    let before = h.store.content_revision().await.unwrap();
    h.poll(&sources[..2]).await;
    let ran = h.drain().await;
    let summaries = polled(&ran);
    assert_eq!(summaries.len(), 2);
    for summary in &summaries {
        assert_eq!(summary.feeds_unchanged, 1, "{summary:?}");
        assert_eq!((summary.items, summary.created), (0, 0));
    }
    assert_eq!(h.store.content_revision().await.unwrap(), before);
    assert_eq!(h.newsroom.hits("/lotus/atom.xml"), 2);
}

#[tokio::test]
async fn robots_txt_is_read_once_and_the_page_it_forbids_is_never_requested() {
    let h = Harness::start().await;
    let sources = h.newsroom_sources().await;
    h.poll(&sources).await;
    h.drain().await;
    assert_eq!(h.newsroom.hits("/robots.txt"), 1);
    assert_eq!(h.newsroom.hits("/song-hong/bai/du-lich-mua-dong.html"), 0);
    assert_eq!(
        h.newsroom.hits("/song-hong/bai/cau-hoa-my-thong-xe.html"),
        1
    );
}

#[tokio::test]
async fn the_same_story_from_another_outlet_joins_its_story_cluster() {
    let h = Harness::start().await;
    let radio = h
        .source(
            "song-hong-2",
            "vi",
            Trust::Auto,
            &["/song-hong-2/feed.json"],
        )
        .await;
    // A third outlet runs the radio's trade-fair story, lightly edited.
    let feed: serde_json::Value = serde_json::from_slice(&crate::newsroom::read_fixture(
        std::path::Path::new("song-hong-2/feed.json"),
    ))
    .unwrap();
    let item = feed["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"].as_str().unwrap().ends_with("hoi-cho"))
        .unwrap();
    let html = item["content_html"].as_str().unwrap();
    let edited = html.replacen("Khai trương", "Chính thức khai trương", 1);
    let copy = serde_json::json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Cổng tin tỉnh",
        "items": [{
            "id": "cong-tin-hoi-cho",
            "url": "{base}/cong-tin/hoi-cho.html",
            "title": "Hội chợ Thương mại Hồng Giang 2026 khai trương với 420 gian hàng",
            "content_html": edited,
            "date_published": item["date_published"],
        }]
    });
    h.newsroom.put(
        "/cong-tin/feed.json",
        "application/feed+json",
        copy.to_string().as_bytes(),
    );
    let portal = h
        .source("cong-tin", "vi", Trust::Auto, &["/cong-tin/feed.json"])
        .await;
    h.poll(&[radio, portal]).await;
    h.drain().await;
    let first = h
        .store
        .article_by_source_url(
            h.url("/song-hong-2/tin/khai-mac-hoi-cho-thuong-mai-hong-giang.html")
                .as_str(),
        )
        .await
        .unwrap()
        .unwrap();
    let second = h
        .store
        .article_by_source_url(h.url("/cong-tin/hoi-cho.html").as_str())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(h.store.same_story(first).await.unwrap(), vec![second]);
    assert_eq!(h.store.same_story(second).await.unwrap(), vec![first]);
}

#[tokio::test]
async fn a_stored_article_queues_its_translations_for_the_translation_workers() {
    let h = Harness::start().await;
    let sources = h.newsroom_sources().await;
    h.poll(&sources[1..2]).await;
    h.drain().await;
    let lantern = h
        .store
        .article_by_source_url(
            h.url("/lotus/stories/2026/11/25/lantern-festival-ben-lua.html")
                .as_str(),
        )
        .await
        .unwrap()
        .unwrap();
    // Four English articles, each to vi and fa, waiting for a translating worker.
    let counts = h.store.job_counts().await.unwrap();
    assert_eq!(counts.queued, 8, "{counts:?}");
    let job = h
        .store
        .enqueue(
            Job::Translate {
                article: lantern,
                to: lang("vi"),
            },
            herald_domain::Clock::now(h.clock.as_ref()),
        )
        .await
        .unwrap();
    assert_eq!(
        h.store.job(job).await.unwrap().unwrap().state,
        JobState::Queued,
        "the queued translation is the same job"
    );
    assert_eq!(h.store.job_counts().await.unwrap().queued, 8);
}
