//! The article extractor on arbitrary bytes: decoding, the bounded parse, boilerplate rules,
//! scoring, metadata, credits and sanitising must never panic, whatever the page. The first
//! byte picks a content type, so the HTTP-charset path is fuzzed too; a per-source override
//! with body and drop selectors runs on every other input.
#![no_main]

use herald_ingest::{ExtractOverrides, extract};
use libfuzzer_sys::fuzz_target;

const CONTENT_TYPES: [Option<&str>; 5] = [
    None,
    Some("text/html; charset=utf-8"),
    Some("text/html; charset=windows-1258"),
    Some("text/html; charset=windows-1256"),
    Some("application/xhtml+xml"),
];

fuzz_target!(|data: &[u8]| {
    let (first, bytes) = match data.split_first() {
        Some((first, rest)) => (*first, rest),
        None => (0, data),
    };
    let content_type = CONTENT_TYPES[usize::from(first) % CONTENT_TYPES.len()];
    let url = url::Url::parse("https://bao.example.vn/kinh-te/hoi-cho-2026.html").ok();
    let overrides = if first & 0x80 == 0 {
        ExtractOverrides::default()
    } else {
        ExtractOverrides {
            body: Some("article .content, div#main > p".to_owned()),
            drop: vec![".related".to_owned(), "aside, figure.ad".to_owned()],
        }
    };
    let extracted = extract(bytes, content_type, url.as_ref(), &overrides);
    let _ = extracted.text();
});
