//! The rendered HTML of the home, section and article pages in vi, en and fa, an article in
//! ar and the videos page in en, as reviewed snapshots. The fixture's times are fixed; only the
//! stylesheet's version (a hash of the CSS) is redacted, so a CSS change alone changes no
//! snapshot.

use crate::fixture::{newsroom, newsroom_with};
use crate::get;

#[tokio::test]
async fn home_page_renders_as_reviewed() {
    let nr = newsroom().await;
    let app = nr.router();
    for lang in ["vi", "en", "fa"] {
        let page = get(&app, &format!("/{lang}/")).await;
        assert_eq!(page.status, 200);
        insta::assert_snapshot!(format!("home_{lang}"), redacted(&page.body));
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
        insta::assert_snapshot!(format!("section_{lang}"), redacted(&page.body));
    }
}

#[tokio::test]
async fn article_page_renders_as_reviewed() {
    let nr = newsroom().await;
    let app = nr.router();
    for lang in ["vi", "en", "fa"] {
        let page = get(&app, &nr.article_path(nr.ids.lanterns_article, lang).await).await;
        assert_eq!(page.status, 200);
        insta::assert_snapshot!(format!("article_{lang}"), redacted(&page.body));
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
    insta::assert_snapshot!("article_ar", redacted(&page.body));
}

#[tokio::test]
async fn videos_page_renders_as_reviewed() {
    let nr = newsroom().await;
    let page = get(&nr.router(), "/en/videos").await;
    assert_eq!(page.status, 200);
    insta::assert_snapshot!("videos_en", redacted(&page.body));
}

/// `body` with the stylesheet link's version replaced by `[version]`.
fn redacted(body: &str) -> String {
    const MARK: &str = "herald.css?v=";
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(at) = rest.find(MARK) {
        let (before, after) = rest.split_at(at + MARK.len());
        out.push_str(before);
        out.push_str("[version]");
        rest = after.trim_start_matches(|c: char| c.is_ascii_hexdigit());
    }
    out.push_str(rest);
    out
}
