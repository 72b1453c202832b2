//! Feeds (RSS, Atom, JSON Feed) per language, section and topic, parsed back with two
//! independent parsers: `feed-rs` and Herald's own reader (`herald_ingest::parse_feed`).

use axum::Router;
use herald_domain::{
    ArticleId, ArticleKind, EditorialState, Language, NewArticle, Timestamp, VersionText,
};
use herald_store::Store;
use herald_web::FeedContent;
use url::Url;

use crate::fixture::{Newsroom, lang, newsroom, newsroom_with};
use crate::{Page, get};

const FORMATS: [(&str, &str); 3] = [
    ("feed.rss", "application/rss+xml; charset=utf-8"),
    ("feed.atom", "application/atom+xml; charset=utf-8"),
    ("feed.json", "application/feed+json; charset=utf-8"),
];

/// Both parsers' reading of a feed.
struct Parsed {
    independent: feed_rs::model::Feed,
    ours: herald_ingest::ParsedFeed,
}

#[track_caller]
fn parse(page: &Page) -> Parsed {
    let independent = feed_rs::parser::parse(page.body.as_bytes())
        .unwrap_or_else(|e| panic!("feed-rs cannot read the feed: {e}\n{}", page.body));
    let ours = herald_ingest::parse_feed(
        page.body.as_bytes(),
        Some(page.header("content-type")),
        None,
    )
    .unwrap_or_else(|e| panic!("herald_ingest cannot read the feed: {e}\n{}", page.body));
    assert!(
        ours.problems.is_empty(),
        "the feed needed repairs: {:?}\n{}",
        ours.problems,
        page.body
    );
    Parsed { independent, ours }
}

async fn feed(app: &Router, path: &str, content_type: &str) -> Parsed {
    let page = get(app, path).await;
    assert_eq!(page.status, 200, "{path}: {}", page.body);
    assert_eq!(page.header("content-type"), content_type, "{path}");
    parse(&page)
}

async fn topic_slug(nr: &Newsroom, tag: &str) -> String {
    let topics = nr.store.topics(&[nr.ids.tet]).await.unwrap();
    topics[0].names.get(&lang(tag)).unwrap().slug.to_string()
}

async fn category_slug(nr: &Newsroom, tag: &str) -> String {
    let categories = nr.store.list_categories().await.unwrap();
    let culture = categories.iter().find(|c| c.id == nr.ids.culture).unwrap();
    culture.names.get(&lang(tag)).unwrap().slug.to_string()
}

#[tokio::test]
async fn every_feed_parses_back_with_its_title_links_language_and_dates() {
    let nr = newsroom().await;
    let app = nr.router();
    for tag in ["vi", "en", "fa"] {
        let category = category_slug(&nr, tag).await;
        let topic = topic_slug(&nr, tag).await;
        for base in [
            format!("/{tag}/"),
            format!("/{tag}/{category}/"),
            format!("/{tag}/topic/{topic}/"),
        ] {
            for (file, content_type) in FORMATS {
                let path = format!("{base}{file}");
                let Parsed { independent, ours } = feed(&app, &path, content_type).await;
                let title = independent.title.as_ref().map(|t| t.content.clone());
                assert!(title.is_some_and(|t| !t.is_empty()), "{path}: no title");
                assert_eq!(
                    ours.title.as_ref(),
                    independent.title.as_ref().map(|t| &t.content)
                );
                assert_eq!(
                    ours.language.as_ref().map(Language::as_str),
                    Some(tag),
                    "{path}: the feed's language"
                );
                assert!(!ours.items.is_empty(), "{path}: no item");
                assert_eq!(ours.items.len(), independent.entries.len(), "{path}");
                for (item, entry) in ours.items.iter().zip(&independent.entries) {
                    let link = item.link.as_ref().unwrap().as_str();
                    let item_lang = item.language.as_ref().map_or(tag, Language::as_str);
                    assert!(
                        link.starts_with(&format!("https://news.example/{item_lang}/")),
                        "{path}: {link} is not under the item's language {item_lang}"
                    );
                    assert!(
                        entry.links.iter().any(|l| l.href == link),
                        "{path}: feed-rs sees other links for {link}"
                    );
                    let published = item.published.unwrap();
                    assert_eq!(
                        entry.published.map(|p| p.timestamp()),
                        Some(published.as_second()),
                        "{path}: the dates of {link}"
                    );
                    assert!(item.title.as_ref().is_some_and(|t| !t.is_empty()));
                    assert_eq!(
                        entry.title.as_ref().map(|t| t.content.as_str()),
                        item.title.as_deref()
                    );
                }
                let dates: Vec<Timestamp> = ours.items.iter().filter_map(|i| i.published).collect();
                assert!(
                    dates.windows(2).all(|w| w[0] >= w[1]),
                    "{path}: newest first"
                );
            }
        }
    }
}

#[tokio::test]
async fn fallback_items_keep_their_own_language_and_url() {
    let nr = newsroom().await;
    let app = nr.router();
    // vi is the content fallback: the English feed shows the Vietnamese-only article in
    // Vietnamese, at its Vietnamese URL.
    let vi_only = nr.article_path(nr.ids.vi_only, "vi").await;
    for (file, content_type) in FORMATS {
        let parsed = feed(&app, &format!("/en/{file}"), content_type).await;
        let item = parsed
            .ours
            .items
            .iter()
            .find(|i| {
                i.link
                    .as_ref()
                    .is_some_and(|l| l.path() == crate::encode_non_ascii(&vi_only))
            })
            .unwrap_or_else(|| panic!("{file}: no item for {vi_only}"));
        assert_eq!(item.language.as_ref().map(Language::as_str), Some("vi"));
        assert_eq!(item.title.as_deref(), Some("Nhà rường Huế được trùng tu"));
        let english = parsed
            .ours
            .items
            .iter()
            .find(|i| i.title.as_deref() == Some("Hue lights up its lantern street for Tet"))
            .unwrap();
        assert_eq!(english.language.as_ref().map(Language::as_str), Some("en"));
        assert_eq!(english.authors, ["Nguyen Thi Lan"], "{file}");
        assert!(!english.categories.is_empty(), "{file}");
    }
}

#[tokio::test]
async fn lead_pictures_are_enclosures_with_type_and_length() {
    let nr = newsroom().await;
    let app = nr.router();
    let picture = "https://news.example/media/images/hue-lanterns.jpg";
    for (file, content_type) in FORMATS {
        let parsed = feed(&app, &format!("/vi/{file}"), content_type).await;
        let item = parsed
            .ours
            .items
            .iter()
            .find(|i| i.title.as_deref() == Some("Huế thắp sáng phố đèn lồng đón Tết"))
            .unwrap();
        let media = item
            .media
            .iter()
            .find(|m| m.url.as_str() == picture)
            .unwrap_or_else(|| panic!("{file}: no enclosure: {:?}", item.media));
        assert_eq!(media.mime.as_deref(), Some("image/jpeg"), "{file}");
        // The fixture's file holds "not really a jpeg".
        assert_eq!(media.size, Some(17), "{file}");
        let entry = parsed
            .independent
            .entries
            .iter()
            .find(|e| {
                e.title
                    .as_ref()
                    .is_some_and(|t| t.content.starts_with("Huế thắp"))
            })
            .unwrap();
        let seen_by_feed_rs = entry
            .media
            .iter()
            .flat_map(|m| &m.content)
            .filter_map(|c| c.url.as_ref())
            .chain(
                entry
                    .links
                    .iter()
                    .filter_map(|l| Url::parse(&l.href).ok())
                    .collect::<Vec<_>>()
                    .iter(),
            )
            .any(|u| u.as_str() == picture);
        assert!(seen_by_feed_rs, "{file}: feed-rs sees no picture");
    }
}

#[tokio::test]
async fn right_to_left_feeds_are_in_their_language() {
    let nr = newsroom_with(&["vi", "en", "fa", "ar"], |_| {}).await;
    let app = nr.router();
    for (tag, title) in [
        ("fa", "هوئه خیابان فانوس‌ها را برای تت روشن می‌کند"),
        ("ar", "هوي تضيء شارع الفوانيس احتفالاً بعيد تيت"),
    ] {
        for (file, content_type) in FORMATS {
            let parsed = feed(&app, &format!("/{tag}/{file}"), content_type).await;
            assert_eq!(
                parsed.ours.language.as_ref().map(Language::as_str),
                Some(tag)
            );
            let item = parsed
                .ours
                .items
                .iter()
                .find(|i| i.title.as_deref() == Some(title))
                .unwrap_or_else(|| panic!("{tag}/{file}: no item titled {title}"));
            assert_eq!(item.language.as_ref().map(Language::as_str), Some(tag));
            assert!(
                item.link
                    .as_ref()
                    .unwrap()
                    .as_str()
                    .starts_with(&format!("https://news.example/{tag}/%")),
                "the slug is in the language's script, percent-encoded"
            );
        }
    }
    let page = get(&app, "/fa/feed.atom").await;
    page.assert_contains("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"fa\">");
}

/// An article with a headline that tries to break out of XML and JSON.
async fn hostile(nr: &Newsroom, title: &str) -> ArticleId {
    nr.store
        .create_article(NewArticle {
            source: nr.ids.nhan_dan,
            source_url: None,
            kind: ArticleKind::News,
            category: nr.ids.culture,
            topics: Vec::new(),
            tags: Vec::new(),
            authors: Vec::new(),
            place: None,
            lead_image: None,
            media: Vec::new(),
            featured: false,
            published_at: "2026-11-30T00:00:00Z".parse().unwrap(),
            updated_at: "2026-11-30T00:00:00Z".parse().unwrap(),
            original: VersionText {
                language: lang("vi"),
                title: title.to_owned(),
                lead: "<b>lead</b> & ]]> \"quoted\"".to_owned(),
                body: "<p>Body</p>".to_owned(),
            },
            state: EditorialState::Published,
        })
        .await
        .unwrap()
}

#[tokio::test]
async fn hostile_titles_are_escaped_in_every_feed() {
    let nr = newsroom_with(&["vi", "en", "fa"], |s| s.feed_content = FeedContent::Full).await;
    let title = "</title><script>alert(1)</script> ]]> & \"x\" 'y'";
    hostile(&nr, title).await;
    nr.state.refresh_content_revision().await.unwrap();
    let app = nr.router();
    for (file, content_type) in FORMATS {
        let page = get(&app, &format!("/vi/{file}")).await;
        page.assert_lacks("<script>");
        let parsed = feed(&app, &format!("/vi/{file}"), content_type).await;
        // Herald's reader takes RSS titles for HTML, as outlets write them, and drops the
        // tags; what is left must be the rest of the text, unharmed.
        let expected = if file == "feed.rss" {
            "]]> & \"x\" 'y'"
        } else {
            title
        };
        let first = &parsed.ours.items[0];
        assert_eq!(first.title.as_deref(), Some(expected), "{file}");
        assert_eq!(
            parsed.independent.entries[0]
                .title
                .as_ref()
                .map(|t| t.content.as_str()),
            Some(title),
            "{file}"
        );
    }
}

#[tokio::test]
async fn full_content_carries_the_body_with_absolute_pictures() {
    let nr = newsroom_with(&["vi", "en", "fa"], |s| s.feed_content = FeedContent::Full).await;
    let app = nr.router();
    for (file, content_type) in FORMATS {
        let parsed = feed(&app, &format!("/en/{file}"), content_type).await;
        let item = parsed
            .ours
            .items
            .iter()
            .find(|i| i.title.as_deref() == Some("Hue lights up its lantern street for Tet"))
            .unwrap();
        let content = item.content.as_deref().unwrap_or_default();
        assert!(
            content.contains("<p>Hue&#39;s residents prepare for Tet.</p>")
                || content.contains("<p>Hue's residents prepare for Tet.</p>"),
            "{file}: {content}"
        );
        assert!(
            content.contains("src=\"https://news.example/media/images/bat-trang-kiln.jpg\""),
            "{file}: {content}"
        );
        assert!(!content.contains("data-media-id"), "{file}: {content}");
    }
    // Summaries by default.
    let nr = newsroom().await;
    let page = get(&nr.router(), "/en/feed.rss").await;
    page.assert_lacks("content:encoded");
}

#[tokio::test]
async fn pages_announce_their_feeds() {
    let nr = newsroom().await;
    let app = nr.router();
    let home = get(&app, "/en/").await;
    for (file, content_type) in FORMATS {
        let mime = content_type.split(';').next().unwrap();
        home.assert_contains(&format!(
            "<link rel=\"alternate\" type=\"{mime}\" title=\"Latest news from Herald News"
        ));
        home.assert_contains(&format!("href=\"/en/{file}\">"));
    }
    let category = category_slug(&nr, "vi").await;
    let section = get(&app, &format!("/vi/{category}/")).await;
    section.assert_contains(&format!("href=\"/vi/{category}/feed.atom\""));
    section.assert_contains("title=\"Herald News: chuyên mục");
    let topic = topic_slug(&nr, "fa").await;
    let page = get(&app, &format!("/fa/topic/{topic}")).await;
    page.assert_contains(&format!("href=\"/fa/topic/{topic}/feed.json\""));
    // The feed each announces answers.
    for path in [
        format!("/vi/{category}/feed.atom"),
        format!("/fa/topic/{topic}/feed.json"),
    ] {
        assert_eq!(get(&app, &path).await.status, 200, "{path}");
    }
}

#[tokio::test]
async fn feeds_of_unknown_lists_are_not_found_and_old_slugs_redirect() {
    let nr = newsroom().await;
    let app = nr.router();
    for path in [
        "/xx/feed.rss",
        "/vi/no-such-section/feed.rss",
        "/vi/topic/no-such-topic/feed.json",
    ] {
        assert_eq!(get(&app, path).await.status, 404, "{path}");
    }
    let category = category_slug(&nr, "en").await;
    nr.store
        .rename_term(
            herald_store::TermKind::Category,
            nr.ids.culture.get(),
            &lang("en"),
            "Arts and Culture",
        )
        .await
        .unwrap();
    nr.state.refresh_content_revision().await.unwrap();
    let page = get(&app, &format!("/en/{category}/feed.rss")).await;
    assert_eq!(page.status, 301);
    assert_eq!(page.location(), "/en/arts-and-culture/feed.rss");
}

#[tokio::test]
async fn feeds_render_as_reviewed() {
    let nr = newsroom().await;
    let app = nr.router();
    for (path, name) in [
        ("/en/feed.rss", "feed_en_rss"),
        ("/vi/feed.atom", "feed_vi_atom"),
        ("/fa/feed.json", "feed_fa_json"),
    ] {
        let page = get(&app, path).await;
        assert_eq!(page.status, 200);
        insta::assert_snapshot!(name, page.body);
    }
}
