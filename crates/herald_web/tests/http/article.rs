//! Article pages.

use crate::fixture::{newsroom, newsroom_with};
use crate::get;

#[tokio::test]
async fn renders_an_article_in_each_language_with_its_direction() {
    let nr = newsroom().await;
    let app = nr.router();
    let id = nr.ids.lanterns_article;
    for (lang, dir, title) in [
        ("vi", "ltr", "Huế thắp sáng phố đèn lồng đón Tết"),
        ("en", "ltr", "Hue lights up its lantern street for Tet"),
        ("fa", "rtl", "هوئه خیابان فانوس‌ها را برای تت روشن می‌کند"),
    ] {
        let page = get(&app, &nr.article_path(id, lang).await).await;
        assert_eq!(page.status, 200, "{lang}");
        page.assert_contains(&format!("<html lang=\"{lang}\" dir=\"{dir}\">"));
        page.assert_contains(&format!("<h1>{title}</h1>"));
        page.assert_contains(&format!("<title>{title} — Herald News</title>"));
        assert_eq!(page.header("content-language"), lang);
        assert_eq!(page.header("content-type"), "text/html; charset=utf-8");
    }
}

#[tokio::test]
async fn announces_every_published_language_and_the_original_as_x_default() {
    let nr = newsroom().await;
    let app = nr.router();
    let id = nr.ids.lanterns_article;
    let page = get(&app, &nr.article_path(id, "fa").await).await;
    let vi = format!("https://news.example{}", nr.article_path(id, "vi").await);
    let en = format!("https://news.example{}", nr.article_path(id, "en").await);
    let alternates = page.alternates();
    assert_eq!(alternates.len(), 4, "{alternates:?}");
    assert_eq!(alternates[0], ("vi".to_owned(), vi.clone()));
    assert_eq!(alternates[1], ("en".to_owned(), en));
    assert_eq!(alternates[2].0, "fa");
    assert!(
        alternates[2]
            .1
            .starts_with("https://news.example/fa/%D9%87")
    );
    assert_eq!(alternates[3], ("x-default".to_owned(), vi));
    page.assert_contains(&format!(
        "<link rel=\"canonical\" href=\"{}\">",
        alternates[2].1
    ));

    // An English original with a Vietnamese version and no Persian one.
    let id = nr.ids.english_article;
    let page = get(&app, &nr.article_path(id, "vi").await).await;
    let alternates = page.alternates();
    let langs: Vec<&str> = alternates.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(langs, ["vi", "en", "x-default"]);
    assert_eq!(
        alternates[2].1,
        format!("https://news.example{}", nr.article_path(id, "en").await)
    );
}

#[tokio::test]
async fn language_switcher_links_to_the_same_article_in_each_language() {
    let nr = newsroom().await;
    let app = nr.router();
    let id = nr.ids.lanterns_article;
    let page = get(&app, &nr.article_path(id, "en").await).await;
    page.assert_contains("<nav class=\"language-switcher\" aria-label=\"Read in\">");
    page.assert_contains(&format!(
        "<a href=\"{}\" hreflang=\"vi\" lang=\"vi\" dir=\"ltr\"><bdi>Tiếng Việt</bdi></a>",
        nr.article_path(id, "vi").await
    ));
    page.assert_contains(&format!(
        "<a href=\"{}\" hreflang=\"en\" lang=\"en\" dir=\"ltr\" aria-current=\"page\"><bdi>English</bdi></a>",
        nr.article_path(id, "en").await
    ));
    page.assert_contains(&format!(
        "<a href=\"{}\" hreflang=\"fa\" lang=\"fa\" dir=\"rtl\"><bdi>فارسی</bdi></a>",
        nr.article_path(id, "fa").await
    ));

    // No Persian version: the switcher does not offer one.
    let page = get(&app, &nr.article_path(nr.ids.english_article, "en").await).await;
    let switcher = page
        .body
        .split("<nav class=\"language-switcher\"")
        .nth(1)
        .unwrap()
        .split("</nav>")
        .next()
        .unwrap();
    assert!(!switcher.contains("hreflang=\"fa\""), "{switcher}");
    assert!(switcher.contains("hreflang=\"vi\""), "{switcher}");
}

#[tokio::test]
async fn credits_the_source_with_a_link_to_the_original() {
    let nr = newsroom().await;
    let app = nr.router();
    let link =
        "<a href=\"https://nhandan.example/den-long-hue\" rel=\"noopener\"><bdi>Nhân Dân</bdi></a>";
    let en = get(&app, &nr.article_path(nr.ids.lanterns_article, "en").await).await;
    en.assert_contains(&format!("<p class=\"source-credit\">Source: {link}</p>"));
    let fa = get(&app, &nr.article_path(nr.ids.lanterns_article, "fa").await).await;
    fa.assert_contains(link);
    let vi = get(&app, &nr.article_path(nr.ids.english_article, "vi").await).await;
    vi.assert_contains(
        "<a href=\"https://saigonherald.example/tet-markets\" rel=\"noopener\"><bdi>Saigon Herald</bdi></a>",
    );
}

#[tokio::test]
async fn shows_the_lead_image_with_alt_text_caption_and_credit_in_the_page_language() {
    let nr = newsroom().await;
    let app = nr.router();
    let id = nr.ids.lanterns_article;
    for (lang, alt, caption, credit) in [
        (
            "vi",
            "Đèn lồng đỏ treo dọc bờ sông Hương lúc hoàng hôn",
            "Phố đèn lồng bên sông Hương.",
            "<bdi>Lê Hoa</bdi>",
        ),
        (
            "en",
            "Red lanterns hung along the Perfume River at dusk",
            "The lantern street by the Perfume River.",
            "Photo: <bdi>Le Hoa</bdi>",
        ),
        (
            "fa",
            "فانوس‌های سرخ در کنار رود عطر هنگام غروب",
            "خیابان فانوس‌ها کنار رود عطر.",
            "<bdi>Le Hoa</bdi>",
        ),
    ] {
        let page = get(&app, &nr.article_path(id, lang).await).await;
        page.assert_contains(&format!(
            "<img src=\"/media/images/hue-lanterns.jpg\" srcset=\"/media/images/hue-lanterns-480.jpg 480w, /media/images/hue-lanterns-960.jpg 960w, /media/images/hue-lanterns.jpg 1600w\" sizes=\"(min-width: 48rem) 46rem, 100vw\" width=\"1600\" height=\"1000\" alt=\"{alt}\" fetchpriority=\"high\" decoding=\"async\">"
        ));
        page.assert_contains(&format!("<span class=\"caption\">{caption}</span>"));
        page.assert_contains(credit);
    }
}

#[tokio::test]
async fn puts_figures_into_the_body_and_drops_unknown_ones() {
    let nr = newsroom().await;
    let app = nr.router();
    let page = get(&app, &nr.article_path(nr.ids.lanterns_article, "en").await).await;
    page.assert_contains("alt=\"A Bat Trang kiln at full heat\" loading=\"lazy\"");
    page.assert_contains("<span class=\"caption\">A Bat Trang kiln.</span>");
    page.assert_lacks("data-media-id");
    let vi = get(&app, &nr.article_path(nr.ids.lanterns_article, "vi").await).await;
    vi.assert_lacks("data-media-id");
    vi.assert_contains("<p>Lễ hội kéo dài ba ngày.</p>\n</div>");
}

#[tokio::test]
async fn shows_related_lists_when_they_have_articles() {
    let nr = newsroom().await;
    let app = nr.router();
    let page = get(&app, &nr.article_path(nr.ids.lanterns_article, "en").await).await;
    page.assert_contains(
        "<h2 class=\"section-heading\">More on <a href=\"/en/topic/tet-2027\"><bdi>Tet 2027</bdi></a></h2>",
    );
    page.assert_contains(
        "<h2 class=\"section-heading\">More in <a href=\"/en/heritage/\"><bdi>Heritage</bdi></a></h2>",
    );
    page.assert_contains(
        "<h2 class=\"section-heading\">More from <a href=\"/en/author/nguyen-thi-lan\"><bdi>Nguyen Thi Lan</bdi></a></h2>",
    );
    page.assert_contains(&nr.article_path(nr.ids.lantern_makers, "en").await);
    // The article itself is not among its related articles.
    assert_eq!(
        page.body
            .matches(&format!(
                "href=\"{}\"",
                nr.article_path(nr.ids.lanterns_article, "en").await
            ))
            .count(),
        1,
        "only the language switcher links to the page itself"
    );
}

#[tokio::test]
async fn hides_related_lists_that_have_nothing_in_them() {
    let nr = newsroom().await;
    let app = nr.router();
    // Alone on its topic and its author; its section has an English-original article too.
    let en = get(&app, &nr.article_path(nr.ids.coffee_article, "en").await).await;
    en.assert_lacks("More on");
    en.assert_lacks("More from");
    en.assert_contains("More in <a href=\"/en/business/\">");
    assert_eq!(en.body.matches("class=\"related\"").count(), 1);
    // In Persian, with no content fallbacks, the section has nothing else either: no related
    // list at all, and no "No data" in its place.
    let strict = newsroom_with(&["vi", "en", "fa"], |s| s.content_fallbacks.clear()).await;
    let fa = get(
        &strict.router(),
        &strict.article_path(strict.ids.coffee_article, "fa").await,
    )
    .await;
    assert_eq!(fa.status, 200);
    fa.assert_lacks("class=\"related\"");
    fa.assert_lacks("No data");
    // With the default fallback (vi), the section lists Vietnamese versions, marked as such.
    let fa = get(&app, &nr.article_path(nr.ids.coffee_article, "fa").await).await;
    assert_eq!(fa.body.matches("class=\"related\"").count(), 1);
    fa.assert_contains("<h3 class=\"card-title\" lang=\"vi\" dir=\"ltr\">");
    // An article with no topic and no author.
    let vi = get(&app, &nr.article_path(nr.ids.vi_only, "vi").await).await;
    assert_eq!(vi.body.matches("class=\"related\"").count(), 1);
    vi.assert_lacks("class=\"byline\"");
}

#[tokio::test]
async fn dates_are_localised_in_the_site_time_zone() {
    let nr = newsroom().await;
    let app = nr.router();
    let id = nr.ids.lanterns_article;
    // Published 2026-11-25 01:30 UTC: 08:30 in Hanoi.
    let time = "<time datetime=\"2026-11-25T08:30:00+07:00\">";
    let vi = get(&app, &nr.article_path(id, "vi").await).await;
    vi.assert_contains(&format!("{time}25/11/2026</time>"));
    let en = get(&app, &nr.article_path(id, "en").await).await;
    en.assert_contains(&format!(
        "<span class=\"dateline\"><bdi>Hue</bdi>, {time}November 25, 2026</time></span>"
    ));
    let fa = get(&app, &nr.article_path(id, "fa").await).await;
    let dateline = fa
        .body
        .split("<span class=\"dateline\">")
        .nth(1)
        .unwrap()
        .split("</span>")
        .next()
        .unwrap();
    assert!(dateline.contains(time), "{dateline}");
    assert!(dateline.contains("<bdi>هوئه</bdi>"), "{dateline}");
    let shown = dateline.split(time).nth(1).unwrap();
    assert!(
        shown.contains("۱۴۰۵"),
        "Persian digits and calendar: {dateline}"
    );
    assert!(!shown.chars().any(|c| c.is_ascii_digit()), "{dateline}");
}

#[tokio::test]
async fn translated_versions_say_where_they_come_from_and_link_the_original() {
    let nr = newsroom().await;
    let app = nr.router();
    let original = nr.article_path(nr.ids.lanterns_article, "vi").await;
    let en = get(&app, &nr.article_path(nr.ids.lanterns_article, "en").await).await;
    en.assert_contains(&format!(
        "<p class=\"notice\">Translated from <a href=\"{original}\" hreflang=\"vi\"><bdi>Vietnamese</bdi></a> by a translator</p>"
    ));
    let machine = get(&app, &nr.article_path(nr.ids.lantern_makers, "en").await).await;
    machine.assert_contains("</a> by machine</p>");
    let vi = get(&app, &original).await;
    vi.assert_lacks("class=\"notice\"");
    let vi = get(&app, &nr.article_path(nr.ids.english_article, "vi").await).await;
    vi.assert_contains("hreflang=\"en\">");
    vi.assert_contains("class=\"notice\"");
}

#[tokio::test]
async fn byline_tags_and_breadcrumb_link_to_their_pages() {
    let nr = newsroom().await;
    let app = nr.router();
    let vi = get(&app, &nr.article_path(nr.ids.lanterns_article, "vi").await).await;
    vi.assert_contains("<a href=\"/vi/author/nguyen-thi-lan\"><bdi>Nguyễn Thị Lan</bdi></a>");
    vi.assert_contains("<li><a href=\"/vi/tag/den-long\"><bdi>Đèn lồng</bdi></a></li>");
    vi.assert_contains("<li><a href=\"/vi/topic/tet-2027\"><bdi>Tết 2027</bdi></a></li>");
    vi.assert_contains("<li><a href=\"/vi/van-hoa/\">Văn hóa</a></li>\n<li><a href=\"/vi/di-san/\">Di sản</a></li>");
    let fa = get(&app, &nr.article_path(nr.ids.lanterns_article, "fa").await).await;
    fa.assert_contains("<a href=\"/fa/author/نگوین-تی-لان\"><bdi>نگوین تی لان</bdi></a>");
}

#[tokio::test]
async fn persian_text_keeps_its_zero_width_non_joiner() {
    let nr = newsroom().await;
    let app = nr.router();
    let fa = get(&app, &nr.article_path(nr.ids.lanterns_article, "fa").await).await;
    fa.assert_contains("نتیجه\u{200C}گیری");
    fa.assert_contains("فانوس\u{200C}ها");
}

#[tokio::test]
async fn estimates_reading_time_in_the_page_language() {
    let nr = newsroom().await;
    let app = nr.router();
    let en = get(&app, &nr.article_path(nr.ids.lanterns_article, "en").await).await;
    en.assert_contains("<span class=\"reading-time\">1 minute to read</span>");
}
