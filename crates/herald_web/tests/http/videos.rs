//! Videos: the videos page, the player that works without JavaScript, embeds and the
//! Content-Security-Policy that allows them, subtitles served as WebVTT, and the home page's
//! video strip and topics.

use herald_domain::EditorialState;
use herald_store::{Store, VersionDraft};

use crate::fixture::{lang, newsroom, newsroom_with};
use crate::get;

#[tokio::test]
async fn videos_page_lists_the_articles_that_carry_a_video_with_a_label() {
    let nr = newsroom().await;
    let app = nr.router();
    let page = get(&app, "/en/videos").await;
    assert_eq!(page.status, 200);
    let cards = page.body.matches("<article class=\"card\">").count();
    assert_eq!(cards, 2, "{}", page.body);
    page.assert_contains(&nr.article_path(nr.ids.video_article, "en").await);
    page.assert_contains(&nr.article_path(nr.ids.embed_article, "en").await);
    page.assert_lacks("Tet markets open early in Saigon");
    page.assert_contains("<link rel=\"canonical\" href=\"https://news.example/en/videos\">");
    let langs: Vec<String> = page.alternates().into_iter().map(|(l, _)| l).collect();
    assert_eq!(langs, ["vi", "en", "fa", "x-default"]);
    // In Persian, the embed's article has only its Vietnamese version (the default fallback),
    // linked under the Persian page and marked as Vietnamese.
    let fa = get(&app, "/fa/videos").await;
    assert_eq!(fa.status, 200);
    fa.assert_contains("<html lang=\"fa\" dir=\"rtl\">");
    fa.assert_contains(&format!(
        "<h2 class=\"card-title\" lang=\"vi\" dir=\"ltr\"><a href=\"/fa/dao-cho-hoa-tet-{}\">",
        nr.ids.embed_article
    ));
    assert_eq!(get(&app, "/en/videos?page=2").await.status, 404);
}

#[tokio::test]
async fn a_video_file_plays_without_javascript_with_subtitles_in_every_language() {
    let nr = newsroom().await;
    let app = nr.router();
    let page = get(&app, &nr.article_path(nr.ids.video_article, "fa").await).await;
    assert_eq!(page.status, 200);
    page.assert_contains(
        "<video controls preload=\"none\" poster=\"/media/images/hue-lanterns-960.jpg\" width=\"1600\" height=\"1000\">\n\
         <source src=\"/media/videos/lantern-night.webm\" type=\"video/webm\">\n\
         <track kind=\"subtitles\" src=\"/media/videos/lantern-night.vi.vtt\" srclang=\"vi\" label=\"Tiếng Việt\">\n\
         <track kind=\"subtitles\" src=\"/media/videos/lantern-night.en.vtt\" srclang=\"en\" label=\"English\">\n\
         <track kind=\"subtitles\" src=\"/media/videos/lantern-night.fa.vtt\" srclang=\"fa\" label=\"فارسی\" default>\n\
         <track kind=\"subtitles\" src=\"/media/videos/lantern-night.ar.vtt\" srclang=\"ar\" label=\"العربية\">\n\
         <p class=\"video-fallback\"><a href=\"/media/videos/lantern-night.webm\" type=\"video/webm\" download>",
    );
    page.assert_contains("</a></p>\n</video>");
    page.assert_contains(
        "<figcaption><span class=\"caption\">شب فانوس‌ها کنار رود عطر.</span> <span class=\"credit\"><bdi>Le Hoa</bdi></span></figcaption>",
    );
    // In its place in the body, between the paragraphs around the placeholder.
    let body = page
        .body
        .split("<div class=\"article-body\">")
        .nth(1)
        .unwrap();
    assert!(
        body.find("هزاران نفر در دو سوی رود") < body.find("<video")
            && body.find("<video") < body.find("جشنواره نیمه‌شب"),
        "{body}"
    );
    page.assert_lacks("data-media-id");
    // A file plays from this site: the default policy needs nothing more.
    assert!(
        page.header("content-security-policy")
            .contains("frame-src 'self';")
    );
    // The default track follows the page's language.
    let en = get(&app, &nr.article_path(nr.ids.video_article, "en").await).await;
    en.assert_contains("srclang=\"en\" label=\"English\" default>");
    en.assert_lacks("srclang=\"fa\" label=\"فارسی\" default>");
}

#[tokio::test]
async fn a_video_embed_is_a_titled_lazy_sandboxed_frame_allowed_on_its_page_only() {
    let nr = newsroom().await;
    let app = nr.router();
    let page = get(&app, &nr.article_path(nr.ids.embed_article, "en").await).await;
    assert_eq!(page.status, 200);
    page.assert_contains(
        "<iframe src=\"https://player.example/embed/tet-market\" title=\"A walk through Saigon&#39;s Tet flower market.\" width=\"1280\" height=\"720\" loading=\"lazy\" sandbox=\"allow-scripts allow-same-origin allow-presentation allow-popups\"",
    );
    // The body does not place it: it comes before the body.
    assert!(page.body.find("<iframe") < page.body.find("<div class=\"article-body\">"));
    let policy = page.header("content-security-policy");
    assert!(
        policy.contains("frame-src 'self' https://player.example;"),
        "{policy}"
    );
    assert!(policy.contains("default-src 'none'"), "{policy}");
    // Other pages keep the site's own policy.
    let other = get(&app, &nr.article_path(nr.ids.coffee_article, "en").await).await;
    assert!(
        !other
            .header("content-security-policy")
            .contains("player.example")
    );
}

#[tokio::test]
async fn subtitles_are_served_as_utf8_webvtt_and_resized_images_as_jpeg() {
    let nr = newsroom().await;
    let app = nr.router();
    let vtt = get(&app, "/media/videos/lantern-night.fa.vtt").await;
    assert_eq!(vtt.status, 200);
    assert_eq!(vtt.header("content-type"), "text/vtt; charset=utf-8");
    assert!(vtt.body.starts_with("WEBVTT"), "{}", vtt.body);
    assert!(vtt.body.contains("فانوس‌ها"));
    assert_eq!(vtt.header("cache-control"), "public, max-age=86400");
    let variant = get(&app, "/media/images/hue-lanterns-480.jpg").await;
    assert_eq!(variant.status, 200);
    assert_eq!(variant.header("content-type"), "image/jpeg");
    let video = get(&app, "/media/videos/lantern-night.webm").await;
    assert_eq!(video.header("content-type"), "video/webm");
}

#[tokio::test]
async fn home_page_shows_the_latest_videos_and_the_topics_with_articles() {
    let nr = newsroom().await;
    let app = nr.router();
    let page = get(&app, "/en/").await;
    let strip = page
        .body
        .split("<section class=\"video-strip\">")
        .nth(1)
        .unwrap()
        .split("</section>")
        .next()
        .unwrap();
    assert_eq!(
        strip.matches("<article class=\"card\">").count(),
        2,
        "{strip}"
    );
    assert!(strip.contains("<a href=\"/en/videos\">"), "{strip}");
    let topics = page
        .body
        .split("<section class=\"home-topics\">")
        .nth(1)
        .unwrap()
        .split("</section>")
        .next()
        .unwrap();
    assert!(
        topics.contains("<li><a href=\"/en/topic/tet-2027\"><bdi>Tet 2027</bdi></a></li>"),
        "{topics}"
    );
    assert!(
        topics.contains("<a href=\"/en/topic/coffee-harvest\"><bdi>Coffee harvest</bdi></a>"),
        "{topics}"
    );
}

#[tokio::test]
async fn home_page_leaves_out_the_video_strip_and_topics_when_they_have_nothing() {
    let nr = newsroom_with(&["vi", "en", "fa"], |s| s.content_fallbacks.clear()).await;
    // Withdraw every version of the articles with a video, and of every article on a topic
    // in English.
    for (article, language) in [
        (nr.ids.video_article, "vi"),
        (nr.ids.video_article, "en"),
        (nr.ids.video_article, "fa"),
        (nr.ids.embed_article, "en"),
        (nr.ids.embed_article, "vi"),
        (nr.ids.lanterns_article, "en"),
        (nr.ids.lantern_makers, "en"),
        (nr.ids.coffee_article, "en"),
        (nr.ids.english_article, "en"),
    ] {
        let version = nr
            .store
            .version(article, &lang(language))
            .await
            .unwrap()
            .unwrap();
        nr.store
            .save_version(VersionDraft {
                article,
                language: version.language,
                title: version.title,
                lead: version.lead,
                body: version.body,
                origin: version.origin,
                provenance: version.provenance,
                state: EditorialState::Withdrawn,
            })
            .await
            .unwrap();
    }
    let app = nr.router();
    let en = get(&app, "/en/").await;
    assert_eq!(en.status, 200);
    en.assert_lacks("video-strip");
    en.assert_lacks("home-topics");
    en.assert_lacks("/en/videos");
    // Vietnamese still has topics, but no video.
    let vi = get(&app, "/vi/").await;
    vi.assert_lacks("video-strip");
    vi.assert_contains("<section class=\"home-topics\">");
}
