//! Feeds `parse_feed` arbitrary bytes: it must never panic, whatever the content type or base.
//! The first byte picks a content type (none, a feed type with or without a charset, a legacy
//! charset, a wrong type), so the HTTP-charset path is fuzzed too.
#![no_main]

use libfuzzer_sys::fuzz_target;

const CONTENT_TYPES: [Option<&str>; 8] = [
    None,
    Some("application/rss+xml"),
    Some("application/atom+xml; charset=utf-8"),
    Some("text/xml; charset=windows-1258"),
    Some("text/xml;charset = koi8-r"),
    Some("application/feed+json; charset=\"utf-16\""),
    Some("text/html; charset=bogus"),
    Some("text/plain"),
];

fuzz_target!(|data: &[u8]| {
    let (content_type, bytes) = match data.split_first() {
        Some((first, rest)) => (CONTENT_TYPES[usize::from(*first) % CONTENT_TYPES.len()], rest),
        None => (None, data),
    };
    let base = url::Url::parse("https://feeds.example.vn/rss/tin-moi.xml").ok();
    if let Ok(feed) = herald_ingest::parse_feed(bytes, content_type, base.as_ref()) {
        // Touch what the pipeline will use, so lazily computed paths run too.
        for item in &feed.items {
            let _ = herald_ingest::StoryKey::for_item(item);
        }
    }
});
