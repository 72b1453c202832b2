//! Input chosen to break parsers: none of it may panic, hang or blow up memory.

use herald_ingest::{IngestError, parse_feed};

use crate::support::fixture;

/// Parses and checks only that it returned (an error is fine).
fn survives(bytes: &[u8]) {
    let _ = parse_feed(bytes, None, None);
}

#[test]
fn every_truncation_of_a_real_feed_parses_or_fails_cleanly() {
    for path in [
        "rss2/tin_tuc_vi.xml",
        "atom/atom10_fa.xml",
        "jsonfeed/jsonfeed11_vi.json",
    ] {
        let bytes = fixture(path);
        for end in 0..bytes.len() {
            survives(&bytes[..end]);
        }
    }
}

#[test]
fn deep_nesting_is_cut_without_a_stack_overflow() {
    let xml = format!(
        "<rss><channel><item><title>t</title><description>{}x{}</description></item></channel></rss>",
        "<div>".repeat(200_000),
        "</div>".repeat(200_000)
    );
    let feed = parse_feed(xml.as_bytes(), None, None).unwrap();
    assert_eq!(feed.items.len(), 1);
    assert!(feed.problems.iter().any(|p| p.contains("deeper")));

    let json = format!(
        "{{\"version\":\"https://jsonfeed.org/version/1.1\",\"items\":{}{}}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    assert!(matches!(
        parse_feed(json.as_bytes(), None, None),
        Err(IngestError::Parse { .. })
    ));
}

#[test]
fn invalid_utf8_nul_bytes_and_control_characters_are_survived() {
    survives(b"<rss><channel><title>\xff\xfe\x00\x00\xc3</title></channel></rss>");
    survives(b"\x00\x00\x00<\x00\x00\x00r");
    survives(b"\xfe\xff\x00<\x00r\x00s");
    survives(b"<?xml version='1.0' encoding='x-unknown-thing'?><rss/>");
    survives(b"<?xml encoding=");
    let feed = parse_feed(
        b"<rss><channel><title>a\x01b\x1bc\xe2\x80\xaed</title></channel></rss>",
        None,
        None,
    )
    .unwrap();
    assert_eq!(feed.title.as_deref(), Some("abcd"));
}

#[test]
fn random_bytes_never_panic() {
    // A fixed linear congruential generator: the same bytes every run.
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) as u8
    };
    let alphabet: &[u8] = b"<>/?!&;#x=\"' abcrsitemlkh:[]-{}0123456789\n\xc3\xa9\xff";
    for len in [0usize, 1, 2, 7, 64, 512, 4096] {
        for _ in 0..64 {
            let bytes: Vec<u8> = (0..len)
                .map(|_| alphabet[usize::from(next()) % alphabet.len()])
                .collect();
            survives(&bytes);
            let raw: Vec<u8> = (0..len).map(|_| next()).collect();
            survives(&raw);
        }
    }
}

#[test]
fn huge_attributes_and_many_items_stay_linear() {
    let started = std::time::Instant::now();
    let mut xml = String::from("<rss><channel><title>many</title>");
    for i in 0..20_000 {
        xml.push_str(&format!(
            "<item><title>Item {i}</title><link>https://example.com/{i}</link></item>"
        ));
    }
    xml.push_str(&format!(
        "<item><enclosure url=\"https://example.com/{}\"/></item>",
        "a".repeat(1_000_000)
    ));
    xml.push_str("</channel></rss>");
    let feed = parse_feed(xml.as_bytes(), None, None).unwrap();
    assert_eq!(feed.items.len(), 20_001);
    assert!(started.elapsed().as_secs() < 20);
}
