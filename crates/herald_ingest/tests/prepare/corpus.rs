//! The feedparser conformance corpus (BSD licence), read in place from
//! `../shared/eval/feeds/feedparser/`: a third of its files are sanitiser tests (every
//! element and attribute browsers know, event handlers, `javascript:` addresses, CSS
//! expressions). Every item of every file is prepared, and every summary and content is
//! sanitised; nothing may panic, and the output may only hold what the sanitiser keeps.
//! Skipped when the corpus is absent.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use herald_ingest::{parse_feed, prepare_item, sanitize_html};

use crate::support::lang;

/// Elements the sanitiser keeps (`h1` becomes `h2`).
const ELEMENTS: &[&str] = &[
    "a",
    "abbr",
    "b",
    "bdi",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "dd",
    "del",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
];

/// Attributes the sanitiser keeps, per element (`*`: any element).
const ATTRIBUTES: &[(&str, &str)] = &[
    ("*", "dir"),
    ("*", "lang"),
    ("*", "title"),
    ("a", "href"),
    ("a", "rel"),
    ("img", "src"),
    ("img", "srcset"),
    ("img", "alt"),
    ("img", "width"),
    ("img", "height"),
    ("ol", "start"),
    ("ol", "reversed"),
    ("li", "value"),
    ("td", "colspan"),
    ("td", "rowspan"),
    ("th", "colspan"),
    ("th", "rowspan"),
    ("th", "scope"),
    ("time", "datetime"),
];

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eval/feeds/feedparser")
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, out);
        } else if path.extension().is_some_and(|e| e == "xml") {
            out.push(path);
        }
    }
}

/// Where a tag that started after `<` ends, honouring double-quoted values (the output is
/// serialised canonically: every value double-quoted, `"` escaped inside).
fn tag_end(after: &str) -> Option<usize> {
    let mut quoted = false;
    after.bytes().position(|b| {
        if b == b'"' {
            quoted = !quoted;
        }
        b == b'>' && !quoted
    })
}

/// Why sanitised output is unsafe, if it is.
fn unsafe_markup(html: &str) -> Option<String> {
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        let after = &rest[lt + 1..];
        let Some(gt) = tag_end(after) else {
            return Some("an unterminated tag".to_owned());
        };
        let tag = after[..gt].trim_start_matches('/');
        rest = &after[gt + 1..];
        let (name, mut attrs) = tag.split_at(tag.find(' ').unwrap_or(tag.len()));
        if !ELEMENTS.contains(&name) {
            return Some(format!("element <{name}>"));
        }
        while let Some(eq) = attrs.find("=\"") {
            let attr = attrs[..eq].trim();
            let Some(len) = attrs[eq + 2..].find('"') else {
                return Some("an unterminated value".to_owned());
            };
            let value = &attrs[eq + 2..eq + 2 + len];
            attrs = &attrs[eq + 3 + len..];
            if !ATTRIBUTES
                .iter()
                .any(|(e, a)| (*e == "*" || *e == name) && *a == attr)
            {
                return Some(format!("attribute {attr} on <{name}>"));
            }
            let addresses: Vec<&str> = match attr {
                "href" | "src" => vec![value],
                "srcset" => value.split(", ").collect(),
                _ => Vec::new(),
            };
            if let Some(bad) = addresses.iter().find(|a| {
                !(a.starts_with("http://") || a.starts_with("https://") || a.starts_with("mailto:"))
            }) {
                return Some(format!("address {bad} in {attr}"));
            }
        }
    }
    None
}

#[test]
fn every_item_of_the_feedparser_corpus_is_prepared_and_sanitised_safely() {
    let dir = corpus_dir();
    let mut paths = Vec::new();
    files(&dir, &mut paths);
    if paths.is_empty() {
        eprintln!("feedparser corpus not found at {}: skipped", dir.display());
        return;
    }
    paths.sort();
    let source_language = lang("en");
    let (mut fragments, mut failures) = (0usize, Vec::new());
    for path in &paths {
        let Ok(bytes) = std::fs::read(path) else {
            continue;
        };
        let Ok(feed) = parse_feed(&bytes, None, None) else {
            continue;
        };
        for item in &feed.items {
            let checked = catch_unwind(AssertUnwindSafe(|| {
                let mut outputs = Vec::new();
                for html in [&item.summary, &item.content].into_iter().flatten() {
                    outputs.push(sanitize_html(html, item.content_base.as_ref()));
                }
                if let Ok(prepared) = prepare_item(item, &feed, &source_language) {
                    outputs.push(prepared.body_html);
                }
                outputs
            }));
            match checked {
                Err(_) => failures.push(format!("{}: panicked", path.display())),
                Ok(outputs) => {
                    for out in outputs {
                        fragments += 1;
                        if let Some(why) = unsafe_markup(&out) {
                            failures.push(format!("{}: {why} in {out}", path.display()));
                        }
                    }
                }
            }
        }
    }
    assert!(fragments > 500, "only {fragments} fragments checked");
    assert!(
        failures.is_empty(),
        "{} failures, first: {:#?}",
        failures.len(),
        &failures[..failures.len().min(10)]
    );
}
