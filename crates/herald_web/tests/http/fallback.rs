//! Content fallbacks: an article with no version in a page's language is listed, and opened,
//! in its best other version, inside the page's interface, marked with its language, with
//! the canonical link pointing to that version's own page.

use crate::fixture::{lang, newsroom, newsroom_with};
use crate::get;

#[tokio::test]
async fn renders_an_article_missing_in_a_language_in_its_fallback_inside_that_interface() {
    let nr = newsroom().await;
    let app = nr.router();
    let id = nr.ids.english_article;
    // No Persian version; the site's fallback is Vietnamese, the default language.
    let vi_path = nr.article_path(id, "vi").await;
    let path = vi_path.replacen("/vi/", "/fa/", 1);
    let page = get(&app, &path).await;
    assert_eq!(page.status, 200);
    assert_eq!(page.header("content-language"), "fa");
    page.assert_contains("<html lang=\"fa\" dir=\"rtl\">");
    page.assert_contains("<article class=\"article\" lang=\"vi\" dir=\"ltr\">");
    page.assert_contains("<h1>Chợ Tết Sài Gòn mở cửa sớm</h1>");
    // The interface inside the article is marked back as Persian.
    page.assert_contains("<p class=\"meta\" lang=\"fa\" dir=\"rtl\">");
    page.assert_contains("<footer class=\"article-footer\" lang=\"fa\" dir=\"rtl\">");
    page.assert_contains("<p class=\"notice fallback-notice\" lang=\"fa\" dir=\"rtl\">");
    // Search engines index the real version; hreflang names only real versions.
    page.assert_contains(&format!(
        "<link rel=\"canonical\" href=\"https://news.example{vi_path}\">"
    ));
    let langs: Vec<String> = page.alternates().into_iter().map(|(l, _)| l).collect();
    assert_eq!(langs, ["vi", "en", "x-default"]);
    // Menus and related lists stay Persian.
    page.assert_contains("<a href=\"/fa/\">صفحهٔ اصلی</a>");
}

#[tokio::test]
async fn the_fallback_follows_the_site_order_and_its_slug_is_the_fallback_slug() {
    let nr = newsroom_with(&["vi", "en", "fa"], |s| {
        s.content_fallbacks = vec![lang("en"), lang("vi")];
    })
    .await;
    let app = nr.router();
    let id = nr.ids.english_article;
    let en_path = nr.article_path(id, "en").await;
    let path = en_path.replacen("/en/", "/fa/", 1);
    let page = get(&app, &path).await;
    assert_eq!(page.status, 200);
    page.assert_contains("<article class=\"article\" lang=\"en\" dir=\"ltr\">");
    page.assert_contains("<h1>Tet markets open early in Saigon</h1>");
    page.assert_contains(&format!(
        "<link rel=\"canonical\" href=\"https://news.example{en_path}\">"
    ));
    // Any other slug, the Vietnamese one included, moves to the fallback's.
    for wrong in [
        format!("/fa/x-{id}"),
        nr.article_path(id, "vi").await.replacen("/vi/", "/fa/", 1),
    ] {
        let moved = get(&app, &wrong).await;
        assert_eq!(moved.status, 301, "{wrong}");
        assert_eq!(moved.location(), path, "{wrong}");
    }
}

#[tokio::test]
async fn lists_show_fallback_versions_marked_with_their_language_and_linked_in_the_page_language() {
    let nr = newsroom().await;
    let app = nr.router();
    let page = get(&app, "/en/").await;
    let id = nr.ids.vi_only;
    page.assert_contains(&format!(
        "<h4 class=\"card-title\" lang=\"vi\" dir=\"ltr\"><a href=\"/en/nha-ruong-hue-duoc-trung-tu-{id}\">Nhà rường Huế được trùng tu</a></h4>"
    ));
    page.assert_contains(
        "<p class=\"card-lead\" lang=\"vi\" dir=\"ltr\">Ba ngôi nhà cổ mở cửa đón khách.</p>",
    );
    page.assert_contains("<span class=\"card-label card-language\"><bdi>Vietnamese</bdi></span>");
    // The card's link opens the Vietnamese version inside the English interface.
    let opened = get(&app, &format!("/en/nha-ruong-hue-duoc-trung-tu-{id}")).await;
    assert_eq!(opened.status, 200);
    opened.assert_contains("<html lang=\"en\" dir=\"ltr\">");
    opened.assert_contains("<article class=\"article\" lang=\"vi\" dir=\"ltr\">");
    // Without fallbacks, lists hold only their language's versions.
    let strict = newsroom_with(&["vi", "en", "fa"], |s| s.content_fallbacks.clear()).await;
    let page = get(&strict.router(), "/en/").await;
    page.assert_lacks("lang=\"vi\" dir=\"ltr\"><a");
    page.assert_lacks("card-language");
}

#[tokio::test]
async fn section_pages_take_the_fallback_languages_in_order() {
    let strict = newsroom_with(&["vi", "en", "fa"], |s| s.content_fallbacks.clear()).await;
    let page = get(&strict.router(), "/fa/اقتصاد/").await;
    page.assert_lacks("card-language");
    let nr = newsroom_with(&["vi", "en", "fa"], |s| {
        s.content_fallbacks = vec![lang("en"), lang("vi")];
    })
    .await;
    let page = get(&nr.router(), "/fa/اقتصاد/").await;
    assert_eq!(page.status, 200);
    page.assert_contains("lang=\"en\" dir=\"ltr\"><a href=\"/fa/tet-markets-open-early-in-saigon-");
    page.assert_contains("<span class=\"card-label card-language\"><bdi>انگلیسی</bdi></span>");
}
