//! Everything an outlet's feed reaches before the store: parse, then prepare every item (which
//! sanitises its HTML and files nothing), then file it by a fixed set of rules. None of it may
//! panic or take unbounded time, whatever the bytes.
#![no_main]

use herald_domain::{IngestRule, IngestRules, Language};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let base = url::Url::parse("https://tin.example.vn/rss/tin-moi.xml").ok();
    let Ok(feed) = herald_ingest::parse_feed(data, None, base.as_ref()) else {
        return;
    };
    let Ok(vi) = Language::parse("vi") else {
        return;
    };
    let rules = IngestRules {
        default_category: Some("news".to_owned()),
        rules: vec![
            IngestRule {
                keywords: vec!["hoi nghi".to_owned(), "نمایشگاه".to_owned(), "会议".to_owned()],
                category: Some("politics".to_owned()),
                ..IngestRule::default()
            },
            IngestRule {
                url_path_prefix: Some("/kinh-te/".to_owned()),
                feed_category: Some("Kinh tế".to_owned()),
                topics: vec!["economy".to_owned()],
                ..IngestRule::default()
            },
        ],
        ..IngestRules::default()
    };
    for item in &feed.items {
        if let Ok(prepared) = herald_ingest::prepare_item(item, &feed, &vi) {
            let _ = herald_ingest::categorise(
                &rules,
                &herald_ingest::FilingFacts {
                    url: prepared.url.as_ref(),
                    feed_categories: &prepared.categories,
                    title: &prepared.title,
                    lead: &prepared.lead,
                    language: &prepared.language,
                },
            );
        }
    }
});
