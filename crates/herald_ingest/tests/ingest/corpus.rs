//! The feedparser conformance corpus (BSD licence), read in place from
//! `../shared/eval/feeds/feedparser/`: every file must parse without a panic, and the simple
//! expectations the files carry should mostly hold.
//!
//! Each file has an `Expect:` line, a Python expression over feedparser's result. The forms
//! evaluated here are conjunctions (`and`) of:
//! - `bozo` / `not bozo` — bozo is a parse error or a non-empty [`ParsedFeed::problems`];
//! - `feed['title'] == '…'`, `entries[0]['title'] == '…'` — compared after Herald's own
//!   one-line normalisation on both sides (NFC, whitespace collapsed, so `&#160;` counts as
//!   a space);
//! - `feed['link'] == '…'`, `entries[0]['link'] == '…'` (also `.link`) — compared after
//!   canonicalisation on both sides, since Herald stores canonical links;
//! - `encoding == '…'` — the same encoding under WHATWG label rules (`us-ascii` and
//!   `iso-8859-1` name windows-1252), or the same name.
//!
//! Anything else in an expression makes the whole expression "not evaluated". `Header:` lines
//! are honoured: `Content-type` is passed as the content type, `Content-Location` as the base.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use herald_domain::text::normalize_line;
use herald_ingest::{ParsedFeed, Result, canonical_url_str, parse_feed};
use url::Url;

/// The share of evaluated expectations that must hold; a little under what is reached, so a
/// regression fails the test.
const FLOOR: f64 = 0.83;

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

/// The comment header of a corpus file as text. UTF-16/32 files carry it in their own
/// encoding; dropping NUL bytes turns its ASCII back into ASCII.
fn header_text(bytes: &[u8]) -> String {
    let head = &bytes[..bytes.len().min(4096)];
    if head.iter().filter(|b| **b == 0).count() > head.len() / 4 {
        head.iter()
            .filter(|b| **b != 0)
            .map(|b| char::from(*b))
            .collect()
    } else {
        String::from_utf8_lossy(head).into_owned()
    }
}

fn field<'a>(header: &'a str, name: &str) -> impl Iterator<Item = &'a str> {
    header
        .lines()
        .filter_map(move |l| l.trim().strip_prefix(name))
        .map(str::trim)
}

// --- A tiny reader for the expectation forms evaluated --------------------------------------

#[derive(Debug, Clone, PartialEq)]
enum Clause {
    Bozo(bool),
    FeedTitle(String),
    FeedLink(String),
    EntryTitle(String),
    EntryLink(String),
    Encoding(String),
}

struct Reader<'a> {
    s: &'a str,
}

impl Reader<'_> {
    fn skip_ws(&mut self) {
        self.s = self.s.trim_start();
    }

    fn eat(&mut self, token: &str) -> bool {
        self.skip_ws();
        match self.s.strip_prefix(token) {
            Some(rest) => {
                self.s = rest;
                true
            }
            None => false,
        }
    }

    fn word(&mut self) -> Option<&str> {
        self.skip_ws();
        let end = self
            .s
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(self.s.len());
        (end > 0).then(|| {
            let (w, rest) = self.s.split_at(end);
            self.s = rest;
            w
        })
    }

    /// `['key']` or `.key`.
    fn key(&mut self) -> Option<String> {
        if self.eat("[") {
            let key = self.string()?;
            self.eat("]").then_some(key)
        } else if self.eat(".") {
            self.word().map(str::to_owned)
        } else {
            None
        }
    }

    /// A Python string literal, `u` prefix allowed, common escapes.
    fn string(&mut self) -> Option<String> {
        self.skip_ws();
        let s = self.s.strip_prefix('u').unwrap_or(self.s);
        let quote = s.chars().next().filter(|c| *c == '\'' || *c == '"')?;
        let mut out = String::new();
        let mut chars = s[1..].char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                c if c == quote => {
                    self.s = &s[1 + i + 1..];
                    return Some(out);
                }
                '\\' => {
                    let (_, e) = chars.next()?;
                    let hex = |n: usize, chars: &mut std::str::CharIndices<'_>| {
                        let digits: String = (0..n)
                            .filter_map(|_| chars.next().map(|(_, c)| c))
                            .collect();
                        u32::from_str_radix(&digits, 16)
                            .ok()
                            .and_then(char::from_u32)
                    };
                    out.push(match e {
                        'n' => '\n',
                        't' => '\t',
                        'r' => '\r',
                        '\\' | '\'' | '"' => e,
                        'x' => hex(2, &mut chars)?,
                        'u' => hex(4, &mut chars)?,
                        'U' => hex(8, &mut chars)?,
                        _ => return None,
                    });
                }
                c => out.push(c),
            }
        }
        None
    }

    fn clause(&mut self) -> Option<Clause> {
        match self.word()? {
            "not" => (self.word()? == "bozo").then_some(Clause::Bozo(false)),
            "bozo" => Some(Clause::Bozo(true)),
            "encoding" => {
                self.eat("==").then_some(())?;
                Some(Clause::Encoding(self.string()?))
            }
            "feed" => {
                let key = self.key()?;
                self.eat("==").then_some(())?;
                let value = self.string()?;
                match key.as_str() {
                    "title" => Some(Clause::FeedTitle(value)),
                    "link" => Some(Clause::FeedLink(value)),
                    _ => None,
                }
            }
            "entries" => {
                (self.eat("[") && self.word()? == "0" && self.eat("]")).then_some(())?;
                let key = self.key()?;
                self.eat("==").then_some(())?;
                let value = self.string()?;
                match key.as_str() {
                    "title" => Some(Clause::EntryTitle(value)),
                    "link" => Some(Clause::EntryLink(value)),
                    _ => None,
                }
            }
            _ => None,
        }
    }
}

/// The clauses of an expectation, or `None` if any part is not a supported form.
fn clauses(expect: &str) -> Option<Vec<Clause>> {
    let mut r = Reader { s: expect };
    let mut out = vec![r.clause()?];
    loop {
        r.skip_ws();
        if r.s.is_empty() {
            return Some(out);
        }
        if r.word()? != "and" {
            return None;
        }
        out.push(r.clause()?);
    }
}

fn same_link(ours: Option<&Url>, expected: &str) -> bool {
    match (ours, canonical_url_str(expected)) {
        (Some(ours), Some(expected)) => *ours == expected,
        _ => false,
    }
}

/// The same encoding by name or WHATWG label. WHATWG's GBK decoder is the gb18030 decoder,
/// so the two count as one.
fn same_encoding(ours: &str, expected: &str) -> bool {
    fn canonical(name: &str) -> &str {
        if name.eq_ignore_ascii_case("gb18030") {
            "GBK"
        } else {
            name
        }
    }
    ours.eq_ignore_ascii_case(expected)
        || encoding_rs::Encoding::for_label(expected.as_bytes())
            .is_some_and(|e| canonical(e.name()) == canonical(ours))
}

fn holds(clause: &Clause, result: &Result<ParsedFeed>) -> bool {
    let feed = result.as_ref().ok();
    let title = |t: Option<&String>, expected: &str| {
        t.is_some_and(|t| normalize_line(t) == normalize_line(expected))
    };
    match clause {
        Clause::Bozo(expected) => {
            let bozo = feed.is_none_or(|f| !f.problems.is_empty());
            bozo == *expected
        }
        Clause::FeedTitle(e) => title(feed.and_then(|f| f.title.as_ref()), e),
        Clause::FeedLink(e) => same_link(feed.and_then(|f| f.link.as_ref()), e),
        Clause::EntryTitle(e) => title(
            feed.and_then(|f| f.items.first())
                .and_then(|i| i.title.as_ref()),
            e,
        ),
        Clause::EntryLink(e) => same_link(
            feed.and_then(|f| f.items.first())
                .and_then(|i| i.link.as_ref()),
            e,
        ),
        Clause::Encoding(e) => feed.is_some_and(|f| same_encoding(f.encoding.name, e)),
    }
}

#[test]
fn the_clause_reader_understands_the_simple_forms_only() {
    assert_eq!(
        clauses("not bozo and feed['title'] == u'caf\\xe9 \\u2019'"),
        Some(vec![
            Clause::Bozo(false),
            Clause::FeedTitle("café ’".to_owned())
        ])
    );
    assert_eq!(
        clauses("entries[0].link == \"http://a/?b=1\""),
        Some(vec![Clause::EntryLink("http://a/?b=1".to_owned())])
    );
    assert_eq!(
        clauses("bozo and encoding == 'KOI8-R'").map(|c| c.len()),
        Some(2)
    );
    assert_eq!(clauses("not bozo and entries[0]['summary'] == 'x'"), None);
    assert_eq!(clauses("feed['title'] == 'a' or 1"), None);
    assert_eq!(clauses("1"), None);
}

#[test]
fn the_feedparser_corpus_parses_without_panics_and_mostly_meets_expectations() {
    let dir = corpus_dir();
    let mut paths = Vec::new();
    files(&dir, &mut paths);
    if paths.is_empty() {
        println!("feedparser corpus not found at {}: skipped", dir.display());
        return;
    }
    paths.sort();

    let mut panics = Vec::new();
    let (mut evaluated, mut held, mut not_evaluated, mut errors) = (0usize, 0usize, 0usize, 0usize);
    let mut failures = Vec::new();
    let mut error_list = Vec::new();
    // Keep panics from cluttering the output: they are counted and reported below.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    for path in &paths {
        let Ok(bytes) = std::fs::read(path) else {
            continue;
        };
        let header = header_text(&bytes);
        let content_type = field(&header, "Header:")
            .find_map(|h| {
                h.split_once(':')
                    .filter(|(n, _)| n.trim().eq_ignore_ascii_case("content-type"))
            })
            .map(|(_, v)| v.trim().to_owned());
        // feedparser's harness serves each file from a local server, whose address is the
        // document's base; `Content-Location` (when it is an http URL) overrides it.
        let rel = path
            .strip_prefix(&dir)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/");
        let docuri = Url::parse("http://127.0.0.1:8097/")
            .ok()
            .and_then(|u| u.join(&rel).ok());
        let base = field(&header, "Header:")
            .find_map(|h| {
                h.split_once(':')
                    .filter(|(n, _)| n.trim().eq_ignore_ascii_case("content-location"))
            })
            .and_then(|(_, v)| match &docuri {
                Some(d) => d.join(v.trim()).ok(),
                None => Url::parse(v.trim()).ok(),
            })
            .filter(|u| matches!(u.scheme(), "http" | "https"))
            .or(docuri);
        let Ok(result) = catch_unwind(AssertUnwindSafe(|| {
            parse_feed(&bytes, content_type.as_deref(), base.as_ref())
        })) else {
            panics.push(path.clone());
            continue;
        };
        if let Err(e) = &result {
            errors += 1;
            let rel = path.strip_prefix(&dir).unwrap_or(path);
            error_list.push(format!("{}: {e}", rel.display()));
        }
        let expect = field(&header, "Expect:").next().unwrap_or_default();
        match clauses(expect) {
            Some(list) => {
                evaluated += 1;
                if list.iter().all(|c| holds(c, &result)) {
                    held += 1;
                } else {
                    let rel = path.strip_prefix(&dir).unwrap_or(path);
                    let got = match &result {
                        Ok(f) => format!(
                            "title={:?} link={:?} entry0={:?} encoding={} problems={:?}",
                            f.title,
                            f.link.as_ref().map(Url::as_str),
                            f.items
                                .first()
                                .map(|i| (&i.title, i.link.as_ref().map(Url::as_str))),
                            f.encoding.name,
                            f.problems
                        ),
                        Err(e) => format!("error: {e}"),
                    };
                    failures.push(format!(
                        "{}\n  expect: {expect}\n  got:    {got}",
                        rel.display()
                    ));
                }
            }
            None => not_evaluated += 1,
        }
    }
    std::panic::set_hook(hook);

    let report = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("feedparser-corpus-failures.txt");
    let _ = std::fs::write(
        &report,
        format!(
            "{}\n\nparse errors:\n{}\n",
            failures.join("\n"),
            error_list.join("\n")
        ),
    );
    #[expect(clippy::cast_precision_loss, reason = "counts are small")]
    let share = if evaluated == 0 {
        1.0
    } else {
        held as f64 / evaluated as f64
    };
    println!(
        "feedparser corpus: {} files, {} panics, {} parse errors; {} expectations evaluated, {} hold ({:.1}%), {} not evaluated; failures listed in {}",
        paths.len(),
        panics.len(),
        errors,
        evaluated,
        held,
        share * 100.0,
        not_evaluated,
        report.display()
    );
    assert!(panics.is_empty(), "panicked on: {panics:?}");
    assert!(
        share >= FLOOR,
        "only {:.1}% of expectations hold (floor {:.0}%)",
        share * 100.0,
        FLOOR * 100.0
    );
}
