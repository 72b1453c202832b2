//! The Mozilla Readability test pages (Apache-2.0 test suite; the pages are their publishers'),
//! read in place from `../shared/eval/extraction/mozilla-readability-test-pages/`: the share of
//! pages where the extracted title, byline, language and direction match
//! `expected-metadata.json`, over the pages whose file gives that field, must stay above a
//! floor a little under what is reached, so a change that makes metadata worse fails.
//!
//! The expected values are Readability.js's own output, compared after a normalisation that
//! only undoes differences of form:
//! - all fields: NFC, whitespace collapsed (Readability keeps the page's line breaks);
//! - language: case (`en-us` is `en-US`), as BCP 47 tags are case-insensitive;
//! - byline: a leading "By"/"Par"/"Written by" is dropped from the expected value, since
//!   Herald's bylines are names and drop it on purpose.
//!
//! Readability's byline is wrong on some pages: a date line, a button label, or the byline of
//! a related-story teaser. For those, [`CORRECTED_BYLINES`] gives the page's byline as read in
//! its source, with the evidence; the test reports the share against Readability's values too.
//! The test is skipped, with a note, when `../shared` is absent.

use std::path::{Path, PathBuf};

use herald_domain::text::normalize_line;
use herald_ingest::{ExtractOverrides, extract};
use url::Url;

/// Floors per field, a little under the shares reached (title 0.961, byline 0.987 — 0.842
/// against Readability's values as they are —, language 1.0, direction 1.0).
const TITLE_FLOOR: f64 = 0.94;
const BYLINE_FLOOR: f64 = 0.95;

/// Pages whose expected byline is not the article's, with the byline their source shows
/// (`None`: the page names no author, and is left out of the byline share), and why.
const CORRECTED_BYLINES: &[(&str, Option<&str>, &str)] = &[
    (
        "breitbart",
        Some("Lucas Nolan"),
        "p.byline a.byauthor; the expected value glues on the date and a share counter",
    ),
    (
        "herald-sun-1",
        Some("Laurie Oakes"),
        "article:author and cite.author; JOE HILDEBRAND signs a related-story teaser",
    ),
    (
        "liberation-1",
        Some("AFP"),
        "the article's itemprop=author; Sébastien Farcis signs a linked story in a list",
    ),
    (
        "lwn-1",
        Some("Nathan Willis"),
        "div.FeatureByline; the date after the <br> is not part of the name",
    ),
    (
        "royal-road",
        Some("Sleyca"),
        "the chapter's author (profile link, twitter:creator); \"Follow Author\" is a button",
    ),
    (
        "salon-1",
        Some("Richard (R.J.) Eskow"),
        "rel=author in the article's header; Joanna Rothkopf signs \"most read\" links",
    ),
    (
        "seattletimes-1",
        Some("Benjamin Romano"),
        "itemprop=author and the headshot; the expected value is the date line",
    ),
    (
        "spiceworks",
        None,
        "no author is printed; the expected value is the \"Last Updated\" line",
    ),
    (
        "webmd-1",
        Some("Brenda Goodman, MA"),
        "the rel=author link; \"WebMD Health News\" is the desk, on the next line",
    ),
    (
        "webmd-2",
        Some("Kelli Miller"),
        "the rel=author link; \"WebMD Health News\" is the desk, on the next line",
    ),
    (
        "yahoo-3",
        Some("GILLIAN MOHNEY"),
        "cite.byline span.fn; the date in the abbr after it is not part of the name",
    ),
];
const LANGUAGE_FLOOR: f64 = 0.97;
const DIRECTION_FLOOR: f64 = 0.94;

/// The address the Mozilla harness gives every page.
const PAGE_URL: &str = "http://fakehost/test/page.html";

fn pages_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/eval/extraction/mozilla-readability-test-pages/test-pages")
}

/// The four fields compared, as one line each.
#[derive(Debug, Default)]
struct Fields {
    title: Option<String>,
    byline: Option<String>,
    language: Option<String>,
    direction: Option<String>,
}

/// What Herald extracts from one page.
fn extracted(html: &[u8]) -> Fields {
    let url = Url::parse(PAGE_URL).ok();
    let page = extract(html, None, url.as_ref(), &ExtractOverrides::default());
    Fields {
        title: page.title.as_deref().map(normalize_line),
        byline: page.byline.as_deref().map(normalize_line),
        language: page.language.as_ref().map(|l| l.as_str().to_lowercase()),
        direction: page.direction.map(|d| d.as_str().to_owned()),
    }
}

/// What Readability found, normalised as the module docs say; empty values are absent.
fn expected(json: &serde_json::Value) -> Fields {
    let field = |name: &str| {
        json.get(name)
            .and_then(serde_json::Value::as_str)
            .map(normalize_line)
            .filter(|v| !v.is_empty())
    };
    Fields {
        title: field("title"),
        byline: field("byline").map(|b| without_by(&b)),
        language: field("lang").map(|l| l.to_lowercase()),
        direction: field("dir"),
    }
}

/// A byline without a leading "By", "Par" or "Written by".
fn without_by(byline: &str) -> String {
    for prefix in ["written by ", "by ", "par "] {
        if byline
            .get(..prefix.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
        {
            return byline[prefix.len()..].trim().to_owned();
        }
    }
    byline.to_owned()
}

/// Matches and pages counted for one field.
#[derive(Debug, Default, Clone, Copy)]
struct Share {
    matched: usize,
    pages: usize,
}

impl Share {
    fn count(&mut self, want: Option<&String>, got: Option<&String>) -> bool {
        let Some(want) = want else {
            return true;
        };
        self.pages += 1;
        let hit = got == Some(want);
        self.matched += usize::from(hit);
        hit
    }

    fn value(self) -> f64 {
        if self.pages == 0 {
            return 1.0;
        }
        self.matched as f64 / self.pages as f64
    }
}

#[test]
fn titles_bylines_languages_and_directions_match_readability_on_its_test_pages() {
    let dir = pages_dir();
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!(
            "note: {} is absent; the Mozilla metadata check is skipped",
            dir.display()
        );
        return;
    };
    let mut pages: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    pages.sort();
    let (mut title, mut byline, mut language, mut direction) = Default::default();
    let mut readability_byline = Share::default();
    let mut misses = Vec::new();
    for page in &pages {
        let (Ok(html), Ok(json)) = (
            std::fs::read(page.join("source.html")),
            std::fs::read(page.join("expected-metadata.json")),
        ) else {
            continue;
        };
        let Ok(json) = serde_json::from_slice::<serde_json::Value>(&json) else {
            continue;
        };
        let (mut want, got) = (expected(&json), extracted(&html));
        let name = page.file_name().map(|n| n.to_string_lossy().into_owned());
        readability_byline.count(want.byline.as_ref(), got.byline.as_ref());
        if let Some((_, corrected, _)) = CORRECTED_BYLINES
            .iter()
            .find(|(page, ..)| name.as_deref() == Some(*page))
        {
            want.byline = corrected.map(str::to_owned);
        }
        for (field, share, w, g) in [
            ("title", &mut title, &want.title, &got.title),
            ("byline", &mut byline, &want.byline, &got.byline),
            ("lang", &mut language, &want.language, &got.language),
            ("dir", &mut direction, &want.direction, &got.direction),
        ] {
            let share: &mut Share = share;
            if !share.count(w.as_ref(), g.as_ref()) {
                misses.push(format!("{name:?} {field}: expected {w:?}, got {g:?}"));
            }
        }
    }
    eprintln!("{}", misses.join("\n"));
    let report = |name: &str, share: Share| {
        eprintln!(
            "{name}: {}/{} = {:.3}",
            share.matched,
            share.pages,
            share.value()
        );
    };
    report("title", title);
    report("byline", byline);
    report("byline against Readability's values", readability_byline);
    report("language", language);
    report("direction", direction);
    assert!(pages.len() >= 100, "only {} pages found", pages.len());
    assert!(
        title.value() >= TITLE_FLOOR,
        "title share {:.3}",
        title.value()
    );
    assert!(
        byline.value() >= BYLINE_FLOOR,
        "byline share {:.3}",
        byline.value()
    );
    assert!(
        language.value() >= LANGUAGE_FLOOR,
        "language share {:.3}",
        language.value()
    );
    assert!(
        direction.value() >= DIRECTION_FLOOR,
        "direction share {:.3}",
        direction.value()
    );
}
