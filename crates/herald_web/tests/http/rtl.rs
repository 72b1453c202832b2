//! Right-to-left pages (ar, fa): direction, and names in another script isolated so that
//! they keep their order inside Arabic or Persian text.

use crate::fixture::newsroom_with;
use crate::get;

#[tokio::test]
async fn arabic_pages_are_right_to_left_and_isolate_names_in_other_scripts() {
    let nr = newsroom_with(&["vi", "en", "fa", "ar"], |_| {}).await;
    let app = nr.router();
    let page = get(&app, &nr.article_path(nr.ids.lanterns_article, "ar").await).await;
    assert_eq!(page.status, 200);
    page.assert_contains("<html lang=\"ar\" dir=\"rtl\">");
    page.assert_contains("<h1>هوي تضيء شارع الفوانيس احتفالاً بعيد تيت</h1>");
    // The author, the place in the dateline, the outlet's Latin credit, tags and topics, and
    // the language the text was translated from.
    page.assert_contains("<bdi>نغوين ثي لان</bdi></a>");
    page.assert_contains("<span class=\"dateline\"><bdi>هوي</bdi>");
    page.assert_contains("rel=\"noopener\"><bdi>Nhân Dân</bdi></a>");
    page.assert_contains("<li><a href=\"/ar/tag/فوانيس\"><bdi>فوانيس</bdi></a></li>");
    page.assert_contains("<li><a href=\"/ar/topic/تيت-2027\"><bdi>تيت 2027</bdi></a></li>");
    page.assert_contains("hreflang=\"vi\"><bdi>");
    // A Latin-script card among the related articles carries its own language and direction.
    page.assert_contains("<h3 class=\"card-title\" lang=\"vi\" dir=\"ltr\">");
    // The outlet keeps its Latin name in Arabic: its page heading is isolated.
    let source = get(&app, "/ar/source/saigon-herald").await;
    assert_eq!(source.status, 200);
    source.assert_contains("<h1><bdi>Saigon Herald</bdi></h1>");
    source.assert_contains("<html lang=\"ar\" dir=\"rtl\">");
    // Language names in the switcher and footer carry their own direction.
    page.assert_contains("hreflang=\"fa\" lang=\"fa\" dir=\"rtl\"");
    page.assert_contains("hreflang=\"en\" lang=\"en\" dir=\"ltr\"");
}
