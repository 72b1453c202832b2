//! The same story from two sources: two fixture feeds of invented Vietnamese papers, one in
//! UTF-8 and one in windows-1258, carry one story lightly edited and one story verbatim.

use herald_ingest::{FeedItem, StoryKey, canonical_url_str};

use crate::support::parse;

fn item<'a>(items: &'a [FeedItem], title_start: &str) -> &'a FeedItem {
    items
        .iter()
        .find(|i| {
            i.title
                .as_deref()
                .is_some_and(|t| t.starts_with(title_start))
        })
        .unwrap_or_else(|| panic!("no item starting with {title_start}"))
}

#[test]
fn the_same_story_edited_by_a_second_outlet_is_a_near_duplicate() {
    let a = parse("rss2/tin_tuc_vi.xml", None, None);
    let b = parse("rss2/windows_1258_vi.xml", None, None);
    let ka = StoryKey::for_item(item(&a.items, "Thủ tướng"));
    let kb = StoryKey::for_item(item(&b.items, "Thủ tướng"));
    assert!(!ka.same_story(&kb), "different URLs and edited text");
    assert!(ka.near_duplicate_of(&kb));
}

#[test]
fn a_story_run_verbatim_by_two_outlets_is_the_same_story() {
    let a = parse("rss2/tin_tuc_vi.xml", None, None);
    let b = parse("rss2/windows_1258_vi.xml", None, None);
    let ka = StoryKey::for_item(item(&a.items, "Khai mạc"));
    let kb = StoryKey::for_item(item(&b.items, "Khai mạc"));
    assert_ne!(ka.url, kb.url);
    assert_eq!(ka.content, kb.content);
    assert!(ka.same_story(&kb));
}

#[test]
fn different_stories_from_two_outlets_are_not_duplicates() {
    let a = parse("rss2/tin_tuc_vi.xml", None, None);
    let b = parse("rss2/windows_1258_vi.xml", None, None);
    let rain = StoryKey::for_item(item(&a.items, "Mưa lớn"));
    for other in &b.items {
        let k = StoryKey::for_item(other);
        assert!(!rain.same_story(&k));
        assert!(!rain.near_duplicate_of(&k), "{:?}", other.title);
    }
}

#[test]
fn a_link_with_tracking_parameters_is_the_same_story_as_the_clean_link() {
    let feed = parse("rss2/tin_tuc_vi.xml", None, None);
    let from_feed = StoryKey::for_item(&feed.items[0]);
    let shared = canonical_url_str(
        "https://SONGHONG.example.vn:443/thoi-su/hoi-nghi-giai-ngan-von-dau-tu-cong-1201.html?fbclid=x",
    );
    let elsewhere = StoryKey::new(shared, "Another headline", "another text", None);
    assert!(from_feed.same_story(&elsewhere));
}
