//! The newsroom's admin pages for sources, jobs, articles and the taxonomy: each change
//! goes through the form as a browser sends it, lands in the store and shows to readers;
//! roles without the right are refused, and so is a form without its CSRF token.

use herald_domain::{Job, JobState, Role};
use herald_store::Store;

use super::admin_support::{PASSWORD, Session, add_user, sign_in};
use super::fixture::{Newsroom, newsroom};
use super::get;

async fn editor(nr: &Newsroom, app: &axum::Router) -> Session {
    add_user(nr, "editor@news.example", Role::Editor, &[]).await;
    sign_in(app, "editor@news.example", PASSWORD).await
}

const SOURCE_FORM: [(&str, &str); 11] = [
    ("key", "song-lam"),
    ("name", "Báo Sông Lam"),
    ("home_url", "https://songlam.example/"),
    (
        "feeds",
        "https://songlam.example/rss/tin-moi.xml\r\nhttps://songlam.example/rss/van-hoa.xml",
    ),
    ("language", "vi"),
    ("region", "central"),
    ("trust", "review"),
    ("licence", "by agreement"),
    ("credit", "Báo Sông Lam"),
    ("canonical", "original"),
    ("poll_interval", "600"),
];

#[tokio::test]
async fn an_editor_adds_edits_and_pauses_a_source() {
    let nr = newsroom().await;
    let app = nr.router();
    let me = editor(&nr, &app).await;

    let form = me.get(&app, "/admin/sources/new").await;
    assert_eq!(form.status, 200);
    form.assert_contains("name=\"feeds\"");

    let created = me.post(&app, "/admin/sources", &SOURCE_FORM).await;
    assert_eq!(created.status, 303, "{}", created.body);
    let source = nr.store.source_by_key("song-lam").await.unwrap().unwrap();
    assert_eq!(source.feeds.len(), 2);
    assert_eq!(source.poll_interval_secs, 600);
    assert_eq!(
        created.location(),
        format!("/admin/sources/{}?notice=created", source.id)
    );

    let list = me.get(&app, "/admin/sources").await;
    assert_eq!(list.status, 200);
    list.assert_contains("Báo Sông Lam");
    list.assert_contains("Not polled yet");

    let mut edited = SOURCE_FORM.to_vec();
    edited[1] = ("name", "Báo Sông Lam Nghệ An");
    edited[10] = ("poll_interval", "1200");
    let saved = me
        .post(&app, &format!("/admin/sources/{}", source.id), &edited)
        .await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let source = nr.store.source(source.id).await.unwrap().unwrap();
    assert_eq!(source.poll_interval_secs, 1200);
    let page = me.get(&app, &format!("/admin/sources/{}", source.id)).await;
    page.assert_contains("value=\"Báo Sông Lam Nghệ An\"");

    let paused = me
        .post(
            &app,
            &format!("/admin/sources/{}/pause", source.id),
            &[("paused", "true")],
        )
        .await;
    assert_eq!(paused.status, 303);
    let health = nr.store.source_health(source.id).await.unwrap().unwrap();
    assert!(health.paused);
    let page = me.get(&app, "/admin/sources").await;
    page.assert_contains("Paused");
}

#[tokio::test]
async fn a_wrong_source_form_comes_back_with_what_is_wrong() {
    let nr = newsroom().await;
    let app = nr.router();
    let me = editor(&nr, &app).await;
    let mut wrong = SOURCE_FORM.to_vec();
    wrong[0] = ("key", "Sông Lam");
    wrong[3] = ("feeds", "not a feed");
    wrong[10] = ("poll_interval", "5");
    let page = me.post(&app, "/admin/sources", &wrong).await;
    assert_eq!(page.status, 422);
    page.assert_contains("The key is required");
    page.assert_contains("Give at least one feed");
    page.assert_contains("must be a number from 60 to 86,400");
    page.assert_contains("value=\"Báo Sông Lam\"");
    assert!(nr.store.source_by_key("song-lam").await.unwrap().is_none());
    let taken = {
        let mut again = SOURCE_FORM.to_vec();
        again[0] = ("key", "nhandan");
        me.post(&app, "/admin/sources", &again).await
    };
    assert_eq!(taken.status, 422, "{}", taken.body);
}

#[tokio::test]
async fn testing_a_source_queues_a_fetch_and_its_page_follows_the_job() {
    let nr = newsroom().await;
    let app = nr.router();
    let me = editor(&nr, &app).await;
    let id = nr.ids.nhan_dan;
    let queued = me
        .post(&app, &format!("/admin/sources/{id}/test"), &[])
        .await;
    assert_eq!(queued.status, 303);
    let location = queued.location().to_owned();
    assert!(location.starts_with("/admin/jobs/"), "{location}");
    let jobs = nr.store.recent_jobs(&[JobState::Queued], 10).await.unwrap();
    let job = jobs
        .iter()
        .find(|j| j.job == Job::Fetch { source: id })
        .unwrap();
    assert!(location.starts_with(&format!("/admin/jobs/{}", job.id)));
    let page = me.get(&app, &location).await;
    assert_eq!(page.status, 200);
    page.assert_contains("<meta http-equiv=\"refresh\" content=\"3\">");
    page.assert_contains("<code>fetch</code>");
    page.assert_contains("Waiting");
    page.assert_contains(&format!("href=\"/admin/sources/{id}\""));
    assert_eq!(me.get(&app, "/admin/jobs/999999").await.status, 404);
}

#[tokio::test]
async fn the_article_list_filters_by_words_state_and_language() {
    let nr = newsroom().await;
    let app = nr.router();
    let me = editor(&nr, &app).await;
    let all = me.get(&app, "/admin/articles").await;
    assert_eq!(all.status, 200);
    all.assert_contains(&format!(
        "href=\"/admin/articles/{}\"",
        nr.ids.lanterns_article
    ));
    let found = me
        .get(
            &app,
            "/admin/articles?q=%C4%91%C3%A8n+l%E1%BB%93ng&source=&category=&state=&language=",
        )
        .await;
    assert_eq!(found.status, 200);
    found.assert_contains(&format!(
        "href=\"/admin/articles/{}\"",
        nr.ids.lanterns_article
    ));
    found.assert_lacks(&format!(
        "href=\"/admin/articles/{}\"",
        nr.ids.coffee_article
    ));
    let published = me
        .get(&app, "/admin/articles?state=published&language=en")
        .await;
    published.assert_contains(&format!(
        "href=\"/admin/articles/{}\"",
        nr.ids.lanterns_article
    ));
    published.assert_contains("<option value=\"published\" selected>");
    let withdrawn = me.get(&app, "/admin/articles?state=withdrawn").await;
    withdrawn.assert_lacks(&format!(
        "href=\"/admin/articles/{}\"",
        nr.ids.lanterns_article
    ));
    withdrawn.assert_contains("<option value=\"withdrawn\" selected>");
    let by_source = me
        .get(&app, &format!("/admin/articles?source={}", nr.ids.nhan_dan))
        .await;
    assert_eq!(by_source.status, 200);
}

#[tokio::test]
async fn an_editor_refiles_an_article_and_search_is_told() {
    let nr = newsroom().await;
    let app = nr.router();
    let me = editor(&nr, &app).await;
    let id = nr.ids.lanterns_article;
    let page = me.get(&app, &format!("/admin/articles/{id}")).await;
    assert_eq!(page.status, 200);
    page.assert_contains("name=\"topics\"");
    page.assert_contains(&format!("/admin/articles/{id}/versions/en/state"));
    let culture = nr.ids.culture.to_string();
    let saved = me
        .post(
            &app,
            &format!("/admin/articles/{id}"),
            &[
                ("category", culture.as_str()),
                ("place", ""),
                ("featured", "true"),
            ],
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let article = nr.store.article(id).await.unwrap().unwrap();
    assert_eq!(article.category, nr.ids.culture);
    assert!(article.topics.is_empty());
    assert_eq!(article.place, None);
    assert!(article.featured);
    let jobs = nr.store.recent_jobs(&[JobState::Queued], 50).await.unwrap();
    assert!(
        jobs.iter()
            .any(|j| matches!(&j.job, Job::Index { article, .. } if *article == id))
    );
}

#[tokio::test]
async fn withdrawing_a_version_takes_it_off_the_site_and_publishing_brings_it_back() {
    let nr = newsroom().await;
    let app = nr.router();
    let me = editor(&nr, &app).await;
    let id = nr.ids.lanterns_article;
    let public = nr.article_path(id, "en").await;
    assert_eq!(get(&app, &public).await.status, 200);
    let uri = format!("/admin/articles/{id}/versions/en/state");
    let done = me.post(&app, &uri, &[("state", "withdrawn")]).await;
    assert_eq!(done.status, 303, "{}", done.body);
    assert_eq!(get(&app, &public).await.status, 410);
    let done = me.post(&app, &uri, &[("state", "published")]).await;
    assert_eq!(done.status, 303);
    assert_eq!(get(&app, &public).await.status, 200);
    let bad = me.post(&app, &uri, &[("state", "draft")]).await;
    assert_eq!(bad.status, 400);
}

#[tokio::test]
async fn re_translating_queues_a_retranslate_job() {
    let nr = newsroom().await;
    let app = nr.router();
    let me = editor(&nr, &app).await;
    let id = nr.ids.lanterns_article;
    let done = me
        .post(
            &app,
            &format!("/admin/articles/{id}/retranslate"),
            &[("language", "fa")],
        )
        .await;
    assert_eq!(done.status, 303, "{}", done.body);
    let jobs = nr.store.recent_jobs(&[JobState::Queued], 50).await.unwrap();
    assert!(jobs.iter().any(|j| j.job
        == Job::Retranslate {
            article: id,
            to: super::fixture::lang("fa"),
        }));
}

#[tokio::test]
async fn a_category_is_created_and_renamed_and_its_old_slug_redirects() {
    let nr = newsroom().await;
    let app = nr.router();
    let me = editor(&nr, &app).await;
    let made = me
        .post(
            &app,
            "/admin/categories",
            &[("key", "am-thuc"), ("name", "Ẩm thực"), ("parent", "")],
        )
        .await;
    assert_eq!(made.status, 303, "{}", made.body);
    let list = me.get(&app, "/admin/categories").await;
    list.assert_contains("value=\"Ẩm thực\"");
    let again = me
        .post(
            &app,
            "/admin/categories",
            &[("key", "am-thuc"), ("name", "Ẩm thực"), ("parent", "")],
        )
        .await;
    assert_eq!(again.status, 422);

    let heritage = nr.ids.heritage.get();
    let renamed = me
        .post(
            &app,
            &format!("/admin/categories/{heritage}/name"),
            &[("language", "vi"), ("name", "Di sản văn hóa")],
        )
        .await;
    assert_eq!(renamed.status, 303, "{}", renamed.body);
    let old = get(&app, "/vi/di-san/").await;
    assert_eq!(old.status, 301);
    assert_eq!(old.location(), "/vi/di-san-van-hoa/");

    let topic = me
        .post(
            &app,
            "/admin/topics",
            &[("key", "le-hoi"), ("name", "Lễ hội")],
        )
        .await;
    assert_eq!(topic.status, 303, "{}", topic.body);
    let place = me
        .post(
            &app,
            "/admin/places",
            &[
                ("key", "nghe-an"),
                ("name", "Nghệ An"),
                ("kind", "province"),
            ],
        )
        .await;
    assert_eq!(place.status, 303, "{}", place.body);
    me.get(&app, "/admin/places")
        .await
        .assert_contains("value=\"Nghệ An\"");
}

#[tokio::test]
async fn moderators_and_translators_are_refused_these_pages() {
    let nr = newsroom().await;
    let app = nr.router();
    add_user(&nr, "mod@news.example", Role::Moderator, &[]).await;
    add_user(&nr, "tr@news.example", Role::Translator, &["fa"]).await;
    let id = nr.ids.lanterns_article;
    let source = nr.ids.nhan_dan;
    for email in ["mod@news.example", "tr@news.example"] {
        let who = sign_in(&app, email, PASSWORD).await;
        for uri in [
            "/admin/sources".to_owned(),
            "/admin/sources/new".to_owned(),
            format!("/admin/sources/{source}"),
            "/admin/articles".to_owned(),
            format!("/admin/articles/{id}"),
            "/admin/categories".to_owned(),
            "/admin/topics".to_owned(),
            "/admin/places".to_owned(),
        ] {
            assert_eq!(who.get(&app, &uri).await.status, 403, "{email} GET {uri}");
        }
        for (uri, fields) in [
            ("/admin/sources".to_owned(), SOURCE_FORM.to_vec()),
            (
                format!("/admin/sources/{source}/pause"),
                vec![("paused", "true")],
            ),
            (format!("/admin/sources/{source}/test"), vec![]),
            (
                format!("/admin/articles/{id}/versions/en/state"),
                vec![("state", "withdrawn")],
            ),
            (
                format!("/admin/articles/{id}/retranslate"),
                vec![("language", "fa")],
            ),
            (
                "/admin/topics".to_owned(),
                vec![("key", "x"), ("name", "X")],
            ),
        ] {
            assert_eq!(
                who.post(&app, &uri, &fields).await.status,
                403,
                "{email} POST {uri}"
            );
        }
    }
    assert!(
        !nr.store
            .source_health(source)
            .await
            .unwrap()
            .unwrap()
            .paused
    );
}

#[tokio::test]
async fn a_post_without_its_csrf_token_is_refused() {
    let nr = newsroom().await;
    let app = nr.router();
    let me = editor(&nr, &app).await;
    let source = nr.ids.nhan_dan;
    let refused = me
        .post_raw(
            &app,
            &format!("/admin/sources/{source}/pause"),
            &[("paused", "true")],
        )
        .await;
    assert_eq!(refused.status, 403);
    assert!(
        !nr.store
            .source_health(source)
            .await
            .unwrap()
            .unwrap()
            .paused
    );
}

#[tokio::test]
async fn the_article_edit_page_renders() {
    let nr = newsroom().await;
    let app = nr.router();
    let me = editor(&nr, &app).await;
    let page = me
        .get(
            &app,
            &format!("/admin/articles/{}", nr.ids.lanterns_article),
        )
        .await;
    // The token and the stylesheet's version change on their own; the page should not.
    let stylesheet = page
        .body
        .split_once("/static/herald.css?v=")
        .and_then(|(_, rest)| rest.split('"').next())
        .unwrap_or_default()
        .to_owned();
    let body = page
        .body
        .replace(&me.csrf, "CSRF")
        .replace(&stylesheet, "VERSION");
    insta::assert_snapshot!("admin_article_edit", body);
}
