//! The rendered HTML of the home, section and article pages in vi, en and fa, an article in
//! ar and the videos page in en, as reviewed snapshots. The fixture's times are fixed, so
//! nothing needs redacting.

use crate::fixture::{newsroom, newsroom_with};
use crate::get;

#[tokio::test]
async fn home_page_renders_as_reviewed() {
    let nr = newsroom().await;
    let app = nr.router();
    for lang in ["vi", "en", "fa"] {
        let page = get(&app, &format!("/{lang}/")).await;
        assert_eq!(page.status, 200);
        insta::assert_snapshot!(format!("home_{lang}"), page.body);
    }
}

#[tokio::test]
async fn section_page_renders_as_reviewed() {
    let nr = newsroom().await;
    let app = nr.router();
    for path in [
        "/vi/van-hoa/",
        "/en/culture/",
        "/fa/%D9%81%D8%B1%D9%87%D9%86%DA%AF/",
    ] {
        let page = get(&app, path).await;
        assert_eq!(page.status, 200, "{path}");
        let lang = &path[1..3];
        insta::assert_snapshot!(format!("section_{lang}"), page.body);
    }
}

#[tokio::test]
async fn article_page_renders_as_reviewed() {
    let nr = newsroom().await;
    let app = nr.router();
    for lang in ["vi", "en", "fa"] {
        let page = get(&app, &nr.article_path(nr.ids.lanterns_article, lang).await).await;
        assert_eq!(page.status, 200);
        insta::assert_snapshot!(format!("article_{lang}"), page.body);
    }
}

#[tokio::test]
async fn arabic_article_page_renders_as_reviewed() {
    let nr = newsroom_with(&["vi", "en", "fa", "ar"], |_| {}).await;
    let page = get(
        &nr.router(),
        &nr.article_path(nr.ids.lanterns_article, "ar").await,
    )
    .await;
    assert_eq!(page.status, 200);
    insta::assert_snapshot!("article_ar", page.body);
}

#[tokio::test]
async fn videos_page_renders_as_reviewed() {
    let nr = newsroom().await;
    let page = get(&nr.router(), "/en/videos").await;
    assert_eq!(page.status, 200);
    insta::assert_snapshot!("videos_en", page.body);
}
