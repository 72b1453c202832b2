//! The home page, section pages and the other lists.

use crate::fixture::{newsroom, newsroom_with};
use crate::get;

#[tokio::test]
async fn home_page_shows_the_lead_story_latest_articles_and_sections() {
    let nr = newsroom().await;
    let app = nr.router();
    let page = get(&app, "/en/").await;
    assert_eq!(page.status, 200);
    page.assert_contains("<html lang=\"en\" dir=\"ltr\">");
    page.assert_contains("<title>Herald News — News</title>");
    let lead = page
        .body
        .split("<section class=\"lead-story\">")
        .nth(1)
        .unwrap()
        .split("</section>")
        .next()
        .unwrap();
    assert!(
        lead.contains("Hue lights up its lantern street for Tet"),
        "{lead}"
    );
    assert!(
        lead.contains("alt=\"Red lanterns hung along the Perfume River at dusk\""),
        "{lead}"
    );
    assert!(
        !lead.contains("loading=\"lazy\""),
        "the lead picture loads at once: {lead}"
    );
    page.assert_contains("<h2 class=\"section-heading\">Latest</h2>");
    page.assert_contains("<h3 class=\"section-title\"><a href=\"/en/culture/\">Culture</a></h3>");
    page.assert_contains("<h3 class=\"section-title\"><a href=\"/en/business/\">Business</a></h3>");
    // A section with no article is neither a block nor a menu entry.
    page.assert_lacks("Politics");
}

#[tokio::test]
async fn home_page_is_announced_in_every_language_with_x_default() {
    let nr = newsroom().await;
    let app = nr.router();
    let page = get(&app, "/fa/").await;
    page.assert_contains("<html lang=\"fa\" dir=\"rtl\">");
    let expected: Vec<(String, String)> = [
        ("vi", "https://news.example/vi/"),
        ("en", "https://news.example/en/"),
        ("fa", "https://news.example/fa/"),
        ("x-default", "https://news.example/vi/"),
    ]
    .iter()
    .map(|(l, h)| ((*l).to_owned(), (*h).to_owned()))
    .collect();
    assert_eq!(page.alternates(), expected);
    page.assert_contains("<a href=\"/fa/فرهنگ/\">فرهنگ</a>");
    page.assert_contains(
        "<a href=\"/en/\" hreflang=\"en\" lang=\"en\" dir=\"ltr\"><bdi>English</bdi></a>",
    );
}

#[tokio::test]
async fn main_menu_lists_only_sections_with_articles_in_the_language() {
    let nr = newsroom().await;
    let app = nr.router();
    let page = get(&app, "/vi/").await;
    let nav = page
        .body
        .split("<nav class=\"main-nav\"")
        .nth(1)
        .unwrap()
        .split("</nav>")
        .next()
        .unwrap()
        .to_owned();
    assert!(
        nav.contains("<a href=\"/vi/van-hoa/\">Văn hóa</a>"),
        "{nav}"
    );
    assert!(
        nav.contains("<a href=\"/vi/kinh-te/\">Kinh tế</a>"),
        "{nav}"
    );
    assert!(!nav.contains("chinh-tri"), "{nav}");
    assert!(
        !nav.contains("di-san"),
        "sub-sections are not in the main menu: {nav}"
    );
}

#[tokio::test]
async fn section_page_lists_its_articles_and_those_of_its_sub_sections_page_by_page() {
    let nr = newsroom().await;
    let app = nr.router();
    let first = get(&app, "/vi/van-hoa/").await;
    assert_eq!(first.status, 200);
    first.assert_contains("<h1><bdi>Văn hóa</bdi></h1>");
    first.assert_contains("<p class=\"list-description\">Đời sống văn hóa khắp Việt Nam.</p>");
    first.assert_contains("<a href=\"/vi/van-hoa/\" aria-current=\"page\">Văn hóa</a>");
    first.assert_contains("<a rel=\"next\" href=\"/vi/van-hoa/?page=2\">");
    first.assert_lacks("rel=\"prev\"");
    first.assert_contains("Huế thắp sáng phố đèn lồng đón Tết");
    // The first card's picture loads at once; its size is known before it arrives.
    first.assert_contains("width=\"1600\" height=\"1000\" alt=\"Đèn lồng đỏ treo dọc bờ sông Hương lúc hoàng hôn\" fetchpriority=\"high\" decoding=\"async\">");
    let second = get(&app, "/vi/van-hoa/?page=2").await;
    assert_eq!(second.status, 200);
    second.assert_contains("<a rel=\"prev\" href=\"/vi/van-hoa/\">");
    second.assert_lacks("rel=\"next\"");
    second.assert_contains("Nhà rường Huế được trùng tu");
    second.assert_contains(
        "<link rel=\"canonical\" href=\"https://news.example/vi/van-hoa/?page=2\">",
    );
}

#[tokio::test]
async fn section_page_has_no_pagination_when_one_page_holds_it_all() {
    let nr = newsroom_with(&["vi", "en", "fa"], |s| s.content_fallbacks.clear()).await;
    let app = nr.router();
    let page = get(&app, "/en/culture/").await;
    assert_eq!(page.status, 200);
    page.assert_lacks("class=\"pagination\"");
    page.assert_contains("Lantern-making village enters its season");
    // The withdrawn English version is not listed.
    page.assert_lacks("Winter food festival");
    // Nor is its Vietnamese original in its place, with the default fallback.
    let nr = newsroom().await;
    let app = nr.router();
    for path in ["/en/culture/", "/en/culture/?page=2"] {
        let page = get(&app, path).await;
        assert_eq!(page.status, 200, "{path}");
        page.assert_lacks("Winter food festival");
        page.assert_lacks("Lễ hội ẩm thực mùa đông");
    }
}

#[tokio::test]
async fn section_page_links_to_the_same_section_in_each_language() {
    let nr = newsroom().await;
    let app = nr.router();
    let page = get(&app, "/en/heritage/").await;
    page.assert_contains("<a href=\"/vi/di-san/\" hreflang=\"vi\"");
    page.assert_contains("<a href=\"/fa/میراث/\" hreflang=\"fa\"");
    page.assert_contains("<li><a href=\"/en/culture/\">Culture</a></li>");
    let langs: Vec<String> = page.alternates().into_iter().map(|(l, _)| l).collect();
    assert_eq!(langs, ["vi", "en", "fa", "x-default"]);
    let fa = get(
        &app,
        "/fa/میراث/"
            .replace("میراث", "%D9%85%DB%8C%D8%B1%D8%A7%D8%AB")
            .as_str(),
    )
    .await;
    assert_eq!(fa.status, 200);
    fa.assert_contains("<html lang=\"fa\" dir=\"rtl\">");
    fa.assert_contains("<h1><bdi>میراث</bdi></h1>");
}

#[tokio::test]
async fn topic_author_place_tag_and_source_pages_list_their_articles() {
    let nr = newsroom().await;
    let app = nr.router();
    for (path, heading, article) in [
        (
            "/en/topic/tet-2027",
            "Tet 2027",
            "Tet markets open early in Saigon",
        ),
        (
            "/en/author/john-carter",
            "John Carter",
            "Tet markets open early in Saigon",
        ),
        ("/vi/local/hue", "Huế", "Làng nghề đèn lồng vào mùa"),
        (
            "/en/tag/lanterns",
            "Lanterns",
            "Hue lights up its lantern street for Tet",
        ),
        (
            "/vi/source/bao-nhan-dan",
            "Báo Nhân Dân",
            "Đêm hội đèn lồng trên sông Hương",
        ),
        (
            "/en/source/saigon-herald",
            "Saigon Herald",
            "Tet markets open early in Saigon",
        ),
    ] {
        let page = get(&app, path).await;
        assert_eq!(page.status, 200, "{path}");
        page.assert_contains(&format!("<h1><bdi>{heading}</bdi></h1>"));
        page.assert_contains(article);
    }
    let page = get(&app, "/en/topic/coffee-harvest").await;
    page.assert_contains("<p class=\"list-count\">1 article</p>");
    page.assert_lacks("class=\"pagination\"");
}
