//! Redirects: to the reader's language, to trailing slashes, and from wrong or old slugs.

use herald_store::{Store, TermKind, VersionDraft};

use crate::fixture::{lang, newsroom};
use crate::{get, get_with};

#[tokio::test]
async fn root_sends_readers_to_their_language() {
    let nr = newsroom().await;
    let app = nr.router();
    let page = get_with(&app, "/", &[("accept-language", "fa-IR,fa;q=0.9,en;q=0.5")]).await;
    assert_eq!(page.status, 303);
    assert_eq!(page.location(), "/fa/");
    assert_eq!(page.header("vary"), "Accept-Language, Cookie");
    let page = get_with(
        &app,
        "/",
        &[
            ("accept-language", "fa"),
            ("cookie", "theme=dark; herald_locale=en"),
        ],
    )
    .await;
    assert_eq!(
        page.location(),
        "/en/",
        "the cookie wins over Accept-Language"
    );
    let page = get_with(&app, "/", &[("accept-language", "de-DE, ja")]).await;
    assert_eq!(page.location(), "/vi/", "the site default");
}

#[tokio::test]
async fn a_page_read_in_a_language_is_remembered_for_the_next_visit() {
    let nr = newsroom().await;
    let app = nr.router();
    let page = get_with(&app, "/fa/", &[("accept-language", "en")]).await;
    assert_eq!(page.status, 200);
    let cookie = page.header("set-cookie").to_owned();
    assert!(cookie.starts_with("herald_locale=fa;"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    assert!(page.header("cache-control").starts_with("private"));

    let back = get_with(
        &app,
        "/",
        &[("accept-language", "en"), ("cookie", "herald_locale=fa")],
    )
    .await;
    assert_eq!(back.location(), "/fa/");

    let again = get_with(&app, "/fa/", &[("cookie", "herald_locale=fa")]).await;
    assert_eq!(
        again.header("set-cookie"),
        "",
        "an unchanged choice sets nothing"
    );
    let missing = get(&app, "/fa/no-such-page-999999").await;
    assert_eq!(missing.header("set-cookie"), "", "error pages set nothing");
}

#[tokio::test]
async fn language_prefix_without_slash_redirects_to_the_home_page() {
    let nr = newsroom().await;
    let app = nr.router();
    let page = get(&app, "/en").await;
    assert_eq!(page.status, 301);
    assert_eq!(page.location(), "/en/");
}

#[tokio::test]
async fn wrong_article_slug_redirects_to_the_canonical_url() {
    let nr = newsroom().await;
    let app = nr.router();
    let id = nr.ids.lanterns_article;
    let canonical = nr.article_path(id, "en").await;
    for wrong in [
        format!("/en/not-the-title-{id}"),
        format!("/en/{id}"),
        format!("/en/hu%D0%B5-lights-{id}"),
        // The Vietnamese slug under /en/.
        format!("/en/hue-thap-sang-pho-den-long-don-tet-{id}"),
    ] {
        let page = get(&app, &wrong).await;
        assert_eq!(page.status, 301, "{wrong}");
        assert_eq!(page.location(), canonical, "{wrong}");
    }
    let page = get(&app, &format!("/fa/x-{id}")).await;
    assert_eq!(page.status, 301);
    assert!(
        page.location().starts_with("/fa/%D9%87"),
        "{}",
        page.location()
    );
}

#[tokio::test]
async fn old_article_slug_redirects_after_a_new_headline() {
    let nr = newsroom().await;
    let app = nr.router();
    let id = nr.ids.coffee_article;
    let old = nr.article_path(id, "en").await;
    let current = nr.store.version(id, &lang("en")).await.unwrap().unwrap();
    nr.store
        .save_version(VersionDraft {
            article: id,
            language: lang("en"),
            title: "Dak Lak's coffee harvest is under way".to_owned(),
            lead: current.lead,
            body: current.body,
            origin: current.origin,
            provenance: current.provenance,
            state: current.state,
        })
        .await
        .unwrap();
    let new = nr.article_path(id, "en").await;
    assert_ne!(old, new);
    let page = get(&app, &old).await;
    assert_eq!(page.status, 301);
    assert_eq!(page.location(), new);
    assert_eq!(get(&app, &new).await.status, 200);
}

#[tokio::test]
async fn section_without_trailing_slash_redirects() {
    let nr = newsroom().await;
    let app = nr.router();
    let page = get(&app, "/vi/van-hoa").await;
    assert_eq!(page.status, 301);
    assert_eq!(page.location(), "/vi/van-hoa/");
}

#[tokio::test]
async fn old_section_slug_redirects_after_a_rename() {
    let nr = newsroom().await;
    let app = nr.router();
    let slug = nr
        .store
        .rename_term(
            TermKind::Category,
            nr.ids.heritage.get(),
            &lang("vi"),
            "Di sản văn hóa",
        )
        .await
        .unwrap();
    assert_eq!(slug.as_str(), "di-san-van-hoa");
    let page = get(&app, "/vi/di-san/?page=1").await;
    assert_eq!(page.status, 301);
    assert_eq!(page.location(), "/vi/di-san-van-hoa/");
    let page = get(&app, "/vi/di-san-van-hoa/").await;
    assert_eq!(page.status, 200);
    page.assert_contains("<h1><bdi>Di sản văn hóa</bdi></h1>");
    // Articles link to the section by its new slug.
    let article = get(&app, &nr.article_path(nr.ids.lanterns_article, "vi").await).await;
    article.assert_contains("<a href=\"/vi/di-san-van-hoa/\">Di sản văn hóa</a>");
}

#[tokio::test]
async fn old_tag_slug_redirects_after_a_rename() {
    let nr = newsroom().await;
    let app = nr.router();
    nr.store
        .rename_term(
            TermKind::Tag,
            nr.ids.lanterns.get(),
            &lang("en"),
            "Paper lanterns",
        )
        .await
        .unwrap();
    let page = get(&app, "/en/tag/lanterns").await;
    assert_eq!(page.status, 301);
    assert_eq!(page.location(), "/en/tag/paper-lanterns");
}
