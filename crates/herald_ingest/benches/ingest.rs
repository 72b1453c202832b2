//! What ingestion costs, step by step, without network or store:
//!
//! - `parse_feed/*`: the fixture feeds as received (windows-1258 RSS, Atom, JSON Feed,
//!   Persian RSS with a BOM — the pipeline's newsroom and `herald_ingest`'s own fixtures),
//!   and `parse_feed/news_200`, a made-up 200-item RSS 2.0 feed of whole Vietnamese articles
//!   (≈ 400 words each, HTML with a figure, a link, a list);
//! - `prepare_item/news_200`: every item of that feed prepared (sanitising included);
//! - `sanitize_html/*`: a 50 KB article with figures, tables and links; hostile markup
//!   (10 000 and 100 000 nested `<div>`s; 10 000 unclosed `<b><i>`) whose cost the nesting
//!   bound keeps linear; and the 200 bodies of the feed, sanitising's share of preparing;
//! - `dedupe/*`: `simhash` and `content_hash` of a 1 000-word text;
//! - `categorise/20_rules_200_items`: the 200 prepared items filed by 20 rules.
//!
//! `cargo bench -p herald_ingest --bench ingest` (≈ 1 minute); criterion's usual arguments
//! filter and tune (`-- sanitize`, `--measurement-time 10`).
#![expect(
    clippy::unwrap_used,
    reason = "a benchmark's setup: any failure should stop it at once"
)]

#[path = "support/newsfeed.rs"]
mod newsfeed;

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use criterion::{Criterion, Throughput};
use herald_domain::Language;
use herald_ingest::{
    FilingFacts, PreparedItem, categorise, content_hash, parse_feed, prepare_item, sanitize_html,
    simhash,
};
use url::Url;

/// Items of the made-up feed.
const ITEMS: usize = 200;
/// Syllables (Vietnamese words) of each of its articles.
const WORDS_PER_ITEM: usize = 400;

fn lang(tag: &str) -> Language {
    Language::parse(tag).unwrap()
}

/// A fixture feed: its name in the report, its bytes, its `Content-Type`, where it was
/// fetched from.
struct Fixture {
    name: &'static str,
    bytes: Vec<u8>,
    content_type: &'static str,
    url: Url,
}

fn fixtures() -> Vec<Fixture> {
    let crates = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let newsroom = crates.join("herald_pipeline/tests/fixtures/newsroom");
    let feeds = crates.join("herald_ingest/tests/fixtures/feeds");
    let base = "http://127.0.0.1:8080";
    let mut all = Vec::new();
    for (name, file, content_type) in [
        (
            "newsroom_rss_windows_1258",
            newsroom.join("song-hong/rss.xml"),
            "application/rss+xml; charset=windows-1258",
        ),
        (
            "newsroom_atom",
            newsroom.join("lotus/atom.xml"),
            "application/atom+xml; charset=utf-8",
        ),
        (
            "newsroom_json_feed",
            newsroom.join("song-hong-2/feed.json"),
            "application/feed+json; charset=utf-8",
        ),
        (
            "newsroom_rss_fa_bom",
            newsroom.join("mehr/rss.xml"),
            "application/rss+xml",
        ),
        (
            "rss_windows_1258",
            feeds.join("rss2/windows_1258_vi.xml"),
            "application/rss+xml",
        ),
        (
            "atom_fa",
            feeds.join("atom/atom10_fa.xml"),
            "application/atom+xml",
        ),
        (
            "json_feed_vi",
            feeds.join("jsonfeed/jsonfeed11_vi.json"),
            "application/feed+json",
        ),
    ] {
        let raw = std::fs::read(&file).unwrap();
        // The newsroom's files name the server that serves them as "{base}".
        let mut bytes = Vec::with_capacity(raw.len());
        let mut rest = raw.as_slice();
        while let Some(at) = rest.windows(6).position(|w| w == b"{base}") {
            bytes.extend_from_slice(&rest[..at]);
            bytes.extend_from_slice(base.as_bytes());
            rest = &rest[at + 6..];
        }
        bytes.extend_from_slice(rest);
        let path = file.file_name().unwrap().to_str().unwrap();
        all.push(Fixture {
            name,
            bytes,
            content_type,
            url: Url::parse(&format!("{base}/{path}")).unwrap(),
        });
    }
    all
}

fn bytes_of(len: usize) -> Throughput {
    Throughput::Bytes(u64::try_from(len).unwrap())
}

fn bench_parse(c: &mut Criterion, feed: &[u8], feed_url: &Url) {
    let mut group = c.benchmark_group("parse_feed");
    for fixture in fixtures() {
        let parsed = parse_feed(
            &fixture.bytes,
            Some(fixture.content_type),
            Some(&fixture.url),
        )
        .unwrap();
        assert!(!parsed.items.is_empty(), "{}", fixture.name);
        group.throughput(bytes_of(fixture.bytes.len()));
        group.bench_function(fixture.name, |b| {
            b.iter(|| {
                parse_feed(
                    black_box(&fixture.bytes),
                    Some(fixture.content_type),
                    Some(&fixture.url),
                )
                .unwrap()
            });
        });
    }
    group.sample_size(30);
    group.throughput(bytes_of(feed.len()));
    group.bench_function("news_200", |b| {
        b.iter(|| {
            parse_feed(
                black_box(feed),
                Some("application/rss+xml; charset=utf-8"),
                Some(feed_url),
            )
            .unwrap()
        });
    });
    group.finish();
}

fn bench_prepare(c: &mut Criterion, feed: &[u8], feed_url: &Url) -> Vec<PreparedItem> {
    let vi = lang("vi");
    let parsed = parse_feed(feed, Some("application/rss+xml"), Some(feed_url)).unwrap();
    assert_eq!(parsed.items.len(), ITEMS);
    let prepare_all = || {
        parsed
            .items
            .iter()
            .map(|item| prepare_item(item, &parsed, &vi).unwrap())
            .collect::<Vec<_>>()
    };
    let prepared = prepare_all();
    assert!(prepared.iter().all(|p| !p.partial), "whole articles");
    let mut group = c.benchmark_group("prepare_item");
    group.sample_size(20);
    group.throughput(Throughput::Elements(u64::try_from(ITEMS).unwrap()));
    group.bench_function("news_200", |b| b.iter(|| black_box(prepare_all())));
    group.finish();
    prepared
}

fn bench_sanitize(c: &mut Criterion, feed: &[u8], feed_url: &Url) {
    let base = Url::parse(&format!("{}/kinh-te/bai-dai.html", newsfeed::SITE)).unwrap();
    let article = newsfeed::long_article(50 * 1024);
    let kept = sanitize_html(&article, Some(&base));
    assert!(kept.contains("<table>") && kept.contains("<figure>") && kept.contains("href="));
    let mut group = c.benchmark_group("sanitize_html");
    group.sample_size(30);
    for (name, html) in [
        ("article_50k", article),
        ("nested_div_10k", newsfeed::deep_nesting(10_000)),
        // Ten times deeper: the same bytes per second if the cost is linear.
        ("nested_div_100k", newsfeed::deep_nesting(100_000)),
        ("unclosed_b_i_10k", newsfeed::unclosed_formatting(10_000)),
    ] {
        group.throughput(bytes_of(html.len()));
        group.bench_function(name, |b| {
            b.iter(|| sanitize_html(black_box(&html), Some(&base)));
        });
    }
    // The bodies `prepare_item/news_200` sanitises: its share of preparing.
    let parsed = parse_feed(feed, Some("application/rss+xml"), Some(feed_url)).unwrap();
    let bodies: Vec<(&str, Option<&Url>)> = parsed
        .items
        .iter()
        .map(|item| (item.content.as_deref().unwrap(), item.link.as_ref()))
        .collect();
    group.sample_size(20);
    group.throughput(bytes_of(bodies.iter().map(|(html, _)| html.len()).sum()));
    group.bench_function("news_200_bodies", |b| {
        b.iter(|| {
            bodies
                .iter()
                .map(|(html, base)| sanitize_html(black_box(html), *base).len())
                .sum::<usize>()
        });
    });
    group.finish();
}

fn bench_dedupe(c: &mut Criterion) {
    let vi = lang("vi");
    let text = newsfeed::text(1_000, 1_000);
    assert_eq!(text.split_whitespace().count(), 1_000);
    let mut group = c.benchmark_group("dedupe");
    group.throughput(bytes_of(text.len()));
    group.bench_function("simhash_1000_words", |b| {
        b.iter(|| simhash(black_box(&text), Some(&vi)));
    });
    group.bench_function("content_hash_1000_words", |b| {
        b.iter(|| content_hash("Tiêu đề bài viết", black_box(&text)));
    });
    group.finish();
}

fn bench_categorise(c: &mut Criterion, prepared: &[PreparedItem]) {
    let rules = newsfeed::rules(20);
    let file_all = || {
        prepared
            .iter()
            .map(|item| {
                categorise(
                    &rules,
                    &FilingFacts {
                        url: item.url.as_ref(),
                        feed_categories: &item.categories,
                        title: &item.title,
                        lead: &item.lead,
                        language: &item.language,
                    },
                )
            })
            .collect::<Vec<_>>()
    };
    let filings = file_all();
    let matched: usize = filings.iter().map(|f| f.matched_rules.len()).sum();
    assert!(matched >= prepared.len(), "the rules match: {matched}");
    let mut group = c.benchmark_group("categorise");
    group.throughput(Throughput::Elements(u64::try_from(prepared.len()).unwrap()));
    group.bench_function("20_rules_200_items", |b| b.iter(|| black_box(file_all())));
    group.finish();
}

fn main() {
    let feed = newsfeed::news_feed(ITEMS, WORDS_PER_ITEM).into_bytes();
    let feed_url = Url::parse(&format!("{}/rss/tin-moi.xml", newsfeed::SITE)).unwrap();
    eprintln!(
        "news_200: {ITEMS} items of {WORDS_PER_ITEM} words, {} KB of RSS",
        feed.len() / 1024
    );
    let mut criterion = Criterion::default()
        .warm_up_time(Duration::from_millis(700))
        .measurement_time(Duration::from_millis(1500))
        .configure_from_args();
    bench_parse(&mut criterion, &feed, &feed_url);
    let prepared = bench_prepare(&mut criterion, &feed, &feed_url);
    bench_sanitize(&mut criterion, &feed, &feed_url);
    bench_dedupe(&mut criterion);
    bench_categorise(&mut criterion, &prepared);
    criterion.final_summary();
}
