//! The ingestion commands — `herald feed`, `herald source …`, `herald ingest` — run as
//! processes against the fixture newsroom (`herald_pipeline/tests/fixtures/newsroom`,
//! served on 127.0.0.1 by `newsroom.rs`), with the results read back from the SQLite store.
#![expect(clippy::unwrap_used, reason = "tests")]

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use herald_domain::{Language, Localized, Source, SourceHealth, SystemClock};
use herald_store::{NewCategory, NewTerm, Store};
use herald_store_sqlx::SqlStore;

use crate::newsroom::{Newsroom, fixture_dir, read_fixture};

/// The allow-list that lets the binary fetch from the fixture server.
const ALLOW_LOOPBACK: (&str, &str) = ("HERALD_INGEST__ALLOW_ADDRESSES", r#"["127.0.0.1"]"#);

/// A data folder, the fixture newsroom, and the binary pointed at both.
struct Desk {
    dir: tempfile::TempDir,
    data: PathBuf,
    newsroom: Newsroom,
}

impl Desk {
    async fn start() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        Self {
            dir,
            data,
            newsroom: Newsroom::start().await,
        }
    }

    /// `herald ARGS --data DIR`, allowed to fetch from 127.0.0.1, with a short delay
    /// between two requests to one host.
    fn command(&self, args: &[&str]) -> Command {
        let mut cmd = crate::herald();
        cmd.current_dir(self.dir.path())
            .env(ALLOW_LOOPBACK.0, ALLOW_LOOPBACK.1)
            .env("HERALD_INGEST__HOST_DELAY_MS", "5")
            .args(args)
            .arg("--data")
            .arg(&self.data);
        cmd
    }

    /// Runs `herald ARGS` to completion off the runtime (the fixture server runs on it).
    async fn run(&self, args: &[&str]) -> Output {
        output(self.command(args)).await
    }

    /// Runs `herald ARGS`, which must succeed; its standard output.
    async fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args).await;
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "herald {args:?} failed: {stderr}");
        assert_no_panic(&stderr);
        String::from_utf8(out.stdout).unwrap()
    }

    /// The store the binary writes, opened by the test.
    async fn store(&self) -> SqlStore {
        std::fs::create_dir_all(&self.data).unwrap();
        SqlStore::open_sqlite_file(&self.data.join("herald.db"), Arc::new(SystemClock))
            .await
            .unwrap()
    }

    /// Gives the site the category ingested articles are filed under (the one
    /// `ingest.default_category` names). No command creates categories yet.
    async fn add_news_category(&self) {
        let mut names = Localized::new();
        names.insert(lang("vi"), "Tin tức".to_owned());
        names.insert(lang("en"), "News".to_owned());
        self.store()
            .await
            .create_category(NewCategory {
                term: NewTerm {
                    key: "news".to_owned(),
                    names,
                    descriptions: Localized::new(),
                },
                parent: None,
                position: 0,
            })
            .await
            .unwrap();
    }

    /// Every source with its health, by key.
    async fn sources(&self) -> Vec<(Source, SourceHealth)> {
        self.store().await.list_sources_with_health().await.unwrap()
    }

    /// The fixture OPML with `{base}` replaced, written to the temporary folder.
    fn opml(&self) -> PathBuf {
        let text = String::from_utf8(read_fixture(Path::new("sources.opml"))).unwrap();
        let path = self.dir.path().join("sources.opml");
        std::fs::write(&path, text.replace("{base}", &self.newsroom.base())).unwrap();
        path
    }

    /// The paths requested of the fixture server so far, without the query.
    fn requested(&self) -> Vec<String> {
        self.newsroom
            .requests()
            .into_iter()
            .map(|p| p.split('?').next().unwrap_or_default().to_owned())
            .collect()
    }
}

async fn output(mut cmd: Command) -> Output {
    tokio::task::spawn_blocking(move || cmd.output())
        .await
        .unwrap()
        .expect("herald runs")
}

fn lang(tag: &str) -> Language {
    Language::parse(tag).unwrap()
}

fn assert_no_panic(stderr: &str) {
    assert!(
        !stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"),
        "{stderr}"
    );
}

/// A failure: exit 1, exactly one `herald:` line containing `needle`, no panic.
fn assert_one_line_error(out: &Output, needle: &str) -> String {
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let lines: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("herald:"))
        .collect();
    assert_eq!(lines.len(), 1, "{stderr}");
    assert!(lines[0].contains(needle), "{needle:?} not in {stderr}");
    assert_no_panic(&stderr);
    lines[0].to_owned()
}

/// The `<h1>` of a fixture page: the title as the outlet wrote it, in UTF-8.
fn page_title(path: &str) -> String {
    let html = String::from_utf8(read_fixture(Path::new(path))).unwrap();
    let start = html.find("<h1>").unwrap() + "<h1>".len();
    let end = html[start..].find("</h1>").unwrap() + start;
    html[start..end].to_owned()
}

/// `N` from the line `KEY: N new, …` of `herald ingest --once`.
fn created(report: &str, key: &str) -> u32 {
    let line = report
        .lines()
        .find(|l| l.starts_with(&format!("{key}: ")))
        .unwrap_or_else(|| panic!("no line for {key} in {report}"));
    line[key.len() + 2..]
        .split_once(" new")
        .and_then(|(n, _)| n.parse().ok())
        .unwrap_or_else(|| panic!("no count in {line:?}"))
}

fn line_of<'a>(text: &'a str, key: &str) -> &'a str {
    text.lines()
        .find(|l| l.starts_with(&format!("{key}: ")))
        .unwrap_or_else(|| panic!("no line for {key} in {text}"))
}

/// The health line `source list` prints under the source `key`.
fn health_of<'a>(list: &'a str, key: &str) -> &'a str {
    let mut lines = list.lines();
    lines
        .find(|l| l.starts_with(&format!("{key}  ")))
        .unwrap_or_else(|| panic!("{key} not listed in {list}"));
    lines.next().unwrap().trim()
}

fn health<'a>(sources: &'a [(Source, SourceHealth)], key: &str) -> &'a SourceHealth {
    &sources
        .iter()
        .find(|(s, _)| s.key == key)
        .unwrap_or_else(|| panic!("no source {key}"))
        .1
}

/// Adds the four outlets from the fixture OPML and both broken feeds, with keys of our own.
async fn add_newsroom(desk: &Desk) {
    let base = desk.newsroom.base();
    for (key, path) in [
        ("song-hong", "/song-hong/"),
        ("lotus", "/lotus/atom.xml"),
        ("radio", "/song-hong-2/feed.json"),
        ("mehr", "/mehr/rss.xml"),
    ] {
        desk.ok(&["source", "add", &format!("{base}{path}"), "--key", key])
            .await;
    }
    // Broken feeds cannot be added by URL (`source add` reads them first): import them.
    let opml = desk.dir.path().join("broken.opml");
    std::fs::write(
        &opml,
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>Broken</title></head><body>
<outline type="rss" text="Broken" xmlUrl="{base}/broken/rss.xml"/>
<outline type="rss" text="Empty" xmlUrl="{base}/broken/empty.xml"/>
</body></opml>"#
        ),
    )
    .unwrap();
    let out = desk
        .ok(&["source", "import", opml.to_str().unwrap(), "--lang", "vi"])
        .await;
    assert!(out.contains("2 sources added, 0 skipped"), "{out}");
}

// --- herald feed ---

#[test]
fn feed_prints_the_windows_1258_titles_in_nfc_and_says_summary_only() {
    let dir = tempfile::tempdir().unwrap();
    let file = fixture_dir().join("song-hong/rss.xml");
    let out = crate::run_in(dir.path(), &["feed", file.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("format:   RSS 2.0"), "{text}");
    assert!(text.contains("title:    Báo Sông Hồng – Tin mới"), "{text}");
    assert!(text.contains("language: vi"), "{text}");
    assert!(text.contains("encoding: windows-1258"), "{text}");
    assert!(text.contains("items:    4"), "{text}");
    // The tones came as combining marks after the vowel; printed, they are composed (NFC):
    // each title equals the UTF-8 <h1> of its page.
    for page in [
        "song-hong/bai/du-lich-mua-dong.html",
        "song-hong/bai/cau-hoa-my-thong-xe.html",
        "song-hong/bai/khai-mac-hoi-cho-thuong-mai-2026.html",
        "song-hong/bai/thu-hoach-lua-mua.html",
    ] {
        let title = page_title(page);
        assert!(text.contains(&format!(". {title}\n")), "{title}: {text}");
    }
    assert!(
        !text.chars().any(|c| ('\u{300}'..='\u{36f}').contains(&c)),
        "a combining mark is left: {text:?}"
    );
    assert_eq!(text.matches("text: summary only").count(), 4, "{text}");
    assert!(text.contains("date: 2026-11-23T03:30:00Z"), "{text}");
}

#[test]
fn feed_of_a_broken_or_empty_file_exits_1_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    for (file, reason) in [
        ("broken/rss.xml", "it was cut short"),
        ("broken/empty.xml", "the document is empty"),
    ] {
        let path = fixture_dir().join(file);
        let out = crate::run_in(dir.path(), &["feed", path.to_str().unwrap()]);
        assert_one_line_error(&out, reason);
        assert!(out.stdout.is_empty());
    }
    let out = crate::run_in(dir.path(), &["feed", "no-such-feed.xml"]);
    assert_one_line_error(&out, "cannot read no-such-feed.xml");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn feed_reads_a_url_only_when_its_address_is_allowed() {
    let desk = Desk::start().await;
    let url = format!("{}/lotus/atom.xml", desk.newsroom.base());
    let text = desk.ok(&["feed", &url]).await;
    assert!(text.contains("format:   Atom 1.0"), "{text}");
    assert!(
        text.contains("title:    Lotus Daily – Regional wire"),
        "{text}"
    );
    assert!(text.contains("language: en"), "{text}");
    assert!(text.contains("encoding: UTF-8 (HTTP charset)"), "{text}");
    assert!(
        text.contains(&format!(
            "   link: {}/lotus/stories/2026/11/22/valdoria-embassy-evening.html",
            desk.newsroom.base()
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "   image: {}/lotus/img/embassy-evening.jpg",
            desk.newsroom.base()
        )),
        "{text}"
    );
    assert_eq!(text.matches("text: full content").count(), 4, "{text}");

    // A home page is no feed, but the message names the feed it announces.
    let home = format!("{}/song-hong/", desk.newsroom.base());
    let out = desk.run(&["feed", &home]).await;
    assert_one_line_error(
        &out,
        &format!("it announces {}/song-hong/rss.xml", desk.newsroom.base()),
    );

    // Without the allow-list, loopback is refused before anything is sent.
    let before = desk.newsroom.requests().len();
    let mut cmd = desk.command(&["feed", &url]);
    cmd.env_remove(ALLOW_LOOPBACK.0);
    let out = output(cmd).await;
    let line = assert_one_line_error(&out, "127.0.0.1");
    assert!(line.contains("refused"), "{line}");
    assert_eq!(desk.newsroom.requests().len(), before);
}

// --- herald source ---

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn source_add_finds_the_feed_a_home_page_announces_or_takes_a_feed_url() {
    let desk = Desk::start().await;
    let base = desk.newsroom.base();
    let out = desk
        .ok(&["source", "add", &format!("{base}/song-hong/")])
        .await;
    assert!(
        out.contains(&format!("{base}/song-hong/rss.xml in vi")),
        "{out}"
    );
    let out = desk
        .ok(&[
            "source",
            "add",
            &format!("{base}/lotus/atom.xml"),
            "--trust",
            "auto",
            "--every",
            "30",
        ])
        .await;
    assert!(out.contains("articles publish at once"), "{out}");

    let sources = desk.sources().await;
    assert_eq!(sources.len(), 2);
    let song_hong = &sources
        .iter()
        .find(|(s, _)| s.key == "127-0-0-1-song-hong")
        .unwrap()
        .0;
    assert_eq!(song_hong.language, lang("vi"));
    assert_eq!(
        song_hong.names.get(&lang("vi")).map(String::as_str),
        Some("Báo Sông Hồng – Tin mới")
    );
    assert_eq!(
        song_hong.feeds,
        vec![desk.newsroom.url("/song-hong/rss.xml")]
    );
    assert_eq!(song_hong.home_url, desk.newsroom.url("/song-hong/"));
    assert_eq!(song_hong.trust, herald_domain::Trust::Review);
    let lotus = &sources
        .iter()
        .find(|(s, _)| s.key == "127-0-0-1-lotus")
        .unwrap()
        .0;
    assert_eq!(lotus.language, lang("en"));
    assert_eq!(lotus.trust, herald_domain::Trust::Auto);
    assert_eq!(lotus.poll_interval_secs, 30 * 60);
    assert_eq!(lotus.feeds, vec![desk.newsroom.url("/lotus/atom.xml")]);

    // The same key again, an unknown place, a page announcing nothing: one line each, and
    // nothing added.
    let out = desk
        .run(&[
            "source",
            "add",
            &format!("{base}/mehr/rss.xml"),
            "--key",
            "127-0-0-1-lotus",
        ])
        .await;
    assert_one_line_error(&out, "a source with the key '127-0-0-1-lotus' exists");
    let out = desk
        .run(&[
            "source",
            "add",
            &format!("{base}/mehr/rss.xml"),
            "--region",
            "province:nowhere",
        ])
        .await;
    assert_one_line_error(&out, "no place has the key 'nowhere'");
    let out = desk
        .run(&["source", "add", &format!("{base}/broken/empty.xml")])
        .await;
    assert_one_line_error(&out, "the document is empty");
    let out = desk
        .run(&[
            "source",
            "add",
            &format!("{base}/mehr/rss.xml"),
            "--key",
            "Bad Key",
        ])
        .await;
    assert_one_line_error(&out, "--key 'Bad Key'");
    assert_eq!(desk.sources().await.len(), 2);

    let list = desk.ok(&["source", "list"]).await;
    assert!(
        list.contains("127-0-0-1-song-hong  Báo Sông Hồng – Tin mới [vi, review] 0 articles"),
        "{list}"
    );
    assert_eq!(
        health_of(&list, "127-0-0-1-lotus"),
        "not polled yet, next poll now"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn source_import_adds_the_four_outlets_export_lists_them_and_a_second_import_skips_them() {
    let desk = Desk::start().await;
    let opml = desk.opml();
    let opml = opml.to_str().unwrap();
    let out = desk.ok(&["source", "import", opml]).await;
    assert!(out.contains("4 sources added, 0 skipped"), "{out}");
    // Nothing is fetched to import.
    assert!(desk.newsroom.requests().is_empty());

    let feeds = [
        "/song-hong/rss.xml",
        "/song-hong-2/feed.json",
        "/lotus/atom.xml",
        "/mehr/rss.xml",
    ];
    let sources = desk.sources().await;
    let mut stored: Vec<(String, String)> = sources
        .iter()
        .map(|(s, _)| (s.feeds[0].path().to_owned(), s.language.to_string()))
        .collect();
    stored.sort();
    let mut expected: Vec<(String, String)> = feeds
        .iter()
        .zip(["vi", "vi", "en", "fa"])
        .map(|(f, l)| ((*f).to_owned(), l.to_owned()))
        .collect();
    expected.sort();
    assert_eq!(stored, expected);

    let exported = desk.ok(&["source", "export"]).await;
    assert!(exported.starts_with("<?xml"), "{exported}");
    for feed in feeds {
        let attribute = format!(r#"xmlUrl="{}{feed}""#, desk.newsroom.base());
        assert_eq!(exported.matches(&attribute).count(), 1, "{exported}");
    }
    assert!(exported.contains(r#"language="fa""#), "{exported}");
    let file = desk.dir.path().join("out.opml");
    desk.ok(&["source", "export", "--out", file.to_str().unwrap()])
        .await;
    assert_eq!(std::fs::read_to_string(&file).unwrap(), exported);

    let out = desk.ok(&["source", "import", opml]).await;
    assert!(out.contains("0 sources added, 4 skipped"), "{out}");
    // What was exported imports as the same sources: all skipped too.
    let out = desk.ok(&["source", "import", file.to_str().unwrap()]).await;
    assert!(out.contains("0 sources added, 4 skipped"), "{out}");
    assert_eq!(desk.sources().await.len(), 4);
}

// --- herald ingest ---

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ingest_on_a_new_site_files_under_a_default_category_named_in_every_language() {
    let desk = Desk::start().await;
    desk.ok(&[
        "source",
        "add",
        &format!("{}/lotus/atom.xml", desk.newsroom.base()),
    ])
    .await;
    let report = desk.ok(&["ingest", "--once", "--quiet"]).await;
    assert_eq!(created(&report, "127-0-0-1-lotus"), 4, "{report}");
    let categories = desk.store().await.list_categories().await.unwrap();
    assert_eq!(categories.len(), 1);
    let news = &categories[0];
    assert_eq!(news.key, "news");
    let name = |tag: &str| {
        news.names
            .get(&herald_domain::Language::parse(tag).unwrap())
            .map(|n| n.name.clone())
    };
    assert_eq!(name("en").as_deref(), Some("News"));
    assert_eq!(name("vi").as_deref(), Some("Tin tức"));
    assert_eq!(name("fa").as_deref(), Some("اخبار"));
    assert_eq!(news.names.languages().count(), 10);
    // A second run finds it and makes no other.
    desk.ok(&["ingest", "--once", "--quiet"]).await;
    assert_eq!(desk.store().await.list_categories().await.unwrap().len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ingest_once_stores_the_newsroom_once_then_a_second_run_stores_nothing_new() {
    let desk = Desk::start().await;
    add_newsroom(&desk).await;
    desk.add_news_category().await;
    let started = Instant::now();
    let report = desk.ok(&["ingest", "--once", "--quiet"]).await;
    let took = started.elapsed();

    // Which of Song Hồng and the radio brings the rice link first depends on which poll
    // runs first; either way it is stored once, and the totals hold.
    assert_eq!(created(&report, "lotus"), 4, "{report}");
    assert_eq!(created(&report, "mehr"), 3, "{report}");
    let (song_hong, radio) = (created(&report, "song-hong"), created(&report, "radio"));
    assert_eq!(song_hong + radio, 6, "{report}");
    assert!((3..=4).contains(&song_hong), "{report}");
    assert!(
        line_of(&report, "127-0-0-1-broken").contains("it was cut short"),
        "{report}"
    );
    assert!(
        line_of(&report, "127-0-0-1-broken-2").contains("the document is empty"),
        "{report}"
    );
    assert!(
        report.contains("page not fetched: ")
            && report.contains("du-lich-mua-dong.html: robots.txt"),
        "{report}"
    );
    // The bridge's enclosure and the embassy's media:content, each fetched once.
    assert!(report.contains("pictures fetched: 2\n"), "{report}");

    let sources = desk.sources().await;
    let total: u64 = sources.iter().map(|(_, h)| h.articles).sum();
    assert_eq!(total, 13, "{sources:?}");
    assert_eq!(health(&sources, "lotus").articles, 4);
    assert_eq!(health(&sources, "mehr").articles, 3);
    for key in ["127-0-0-1-broken", "127-0-0-1-broken-2"] {
        let h = health(&sources, key);
        assert_eq!((h.articles, h.consecutive_failures), (0, 1), "{key}");
    }

    let requested = desk.requested();
    assert_eq!(
        desk.newsroom.hits("/song-hong/bai/du-lich-mua-dong.html"),
        0,
        "robots.txt forbids it: {requested:?}"
    );
    // Pages of Song Hồng's partial articles, each once (the rice page only when Song Hồng
    // owns the rice story: the radio's item carries its full text).
    let pages: Vec<&String> = requested
        .iter()
        .filter(|p| p.starts_with("/song-hong/bai/"))
        .collect();
    let distinct: HashSet<&&String> = pages.iter().collect();
    assert_eq!(pages.len(), distinct.len(), "{pages:?}");
    assert_eq!(
        pages.len(),
        usize::try_from(song_hong).unwrap() - 1,
        "{pages:?}"
    );
    // No full-content outlet's article page was asked for.
    assert!(
        !requested
            .iter()
            .any(|p| p.starts_with("/lotus/stories") || p.starts_with("/mehr/akhbar")),
        "{requested:?}"
    );

    // Again: nothing new; the feeds with validators answer 304, the others repeat items.
    let before = requested.len();
    let again = desk.ok(&["ingest", "--once", "--quiet"]).await;
    for key in ["song-hong", "lotus"] {
        assert!(
            line_of(&again, key)
                .ends_with("0 new, 0 already stored, 0 skipped (0 feeds read, 1 unchanged)"),
            "{again}"
        );
    }
    assert!(
        line_of(&again, "radio").contains("0 new, 3 already stored"),
        "{again}"
    );
    assert!(
        line_of(&again, "mehr").contains("0 new, 3 already stored"),
        "{again}"
    );
    assert!(again.contains("pages fetched for extraction: 0"), "{again}");
    let mut second: Vec<String> = desk.requested()[before..]
        .iter()
        .filter(|p| *p != "/robots.txt")
        .cloned()
        .collect();
    second.sort();
    assert_eq!(
        second,
        [
            "/broken/empty.xml",
            "/broken/rss.xml",
            "/lotus/atom.xml",
            "/mehr/rss.xml",
            "/song-hong-2/feed.json",
            "/song-hong/rss.xml",
        ]
    );
    let sources = desk.sources().await;
    assert_eq!(sources.iter().map(|(_, h)| h.articles).sum::<u64>(), 13);
    assert!(took < Duration::from_secs(10), "{took:?}");

    // One source only.
    // One source only; without --quiet too, the progress bar never reaches standard output.
    let one = desk.ok(&["ingest", "--once", "--source", "mehr"]).await;
    assert_eq!(
        one,
        "mehr: 0 new, 3 already stored, 0 skipped (1 feeds read, 0 unchanged)\n\
         pages fetched for extraction: 0\n"
    );
    let out = desk.run(&["ingest", "--once", "--source", "nowhere"]).await;
    assert_one_line_error(&out, "no source has the key 'nowhere'");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn source_list_shows_ok_with_the_article_count_and_failing_with_the_reason() {
    let desk = Desk::start().await;
    add_newsroom(&desk).await;
    desk.add_news_category().await;
    desk.ok(&["ingest", "--once", "--quiet"]).await;
    let list = desk.ok(&["source", "list"]).await;
    assert!(
        list.contains("lotus  Lotus Daily – Regional wire [en, review] 4 articles, 1 feeds"),
        "{list}"
    );
    assert!(
        list.contains("mehr  مهر ساحل [fa, review] 3 articles, 1 feeds"),
        "{list}"
    );
    let lotus = health_of(&list, "lotus");
    assert!(
        lotus.starts_with("ok, last success ") && lotus.contains("next poll in "),
        "{lotus}"
    );
    let broken = health_of(&list, "127-0-0-1-broken");
    assert!(broken.starts_with("failing (1 in a row): "), "{broken}");
    assert!(
        broken.contains("the document ends inside <description>: it was cut short"),
        "{broken}"
    );
    let empty = health_of(&list, "127-0-0-1-broken-2");
    assert!(
        empty.starts_with("failing (1 in a row): ") && empty.contains("the document is empty"),
        "{empty}"
    );
    assert!(
        list.contains("127-0-0-1-broken  Broken [vi, review] 0 articles"),
        "{list}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ingest_without_once_polls_on_its_own_and_stops_cleanly_on_ctrl_c() {
    let desk = Desk::start().await;
    desk.ok(&[
        "source",
        "add",
        &format!("{}/lotus/atom.xml", desk.newsroom.base()),
        "--key",
        "lotus",
    ])
    .await;
    desk.add_news_category().await;
    let added = desk.newsroom.hits("/lotus/atom.xml");
    let child = desk
        .command(&["ingest"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while desk.newsroom.hits("/lotus/atom.xml") == added {
        assert!(Instant::now() < deadline, "the scheduler never polled");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    // Ctrl-C in the middle of (or right after) the poll: the worker finishes its job first.
    let interrupted = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(interrupted.success());
    let out = tokio::task::spawn_blocking(move || child.wait_with_output())
        .await
        .unwrap()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{:?}: {stderr}", out.status);
    assert_no_panic(&stderr);
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("Ctrl-C stops"),
        "{out:?}"
    );
    let sources = desk.sources().await;
    assert_eq!(health(&sources, "lotus").articles, 4);
    assert!(health(&sources, "lotus").last_success_at.is_some());
}

// --- a crash in the middle of ingestion ---

const GENERATED: usize = 40;

/// A feed of `GENERATED` summary-only items in Vietnamese, on the fixture server, each page
/// answering after `delay`.
fn serve_generated_feed(newsroom: &Newsroom, delay: Duration) {
    let mut items = String::new();
    for n in 1..=GENERATED {
        items.push_str(&format!(
            "<item><title>Bản tin số {n}: Hồng Giang mở phiên chợ quê thứ {n} bên sông</title>\
             <link>{{base}}/gen/bai/tin-{n}.html</link>\
             <guid isPermaLink=\"false\">gen-{n}</guid>\
             <pubDate>Mon, 23 Nov 2026 {:02}:{:02}:00 +0700</pubDate>\
             <description>Tóm tắt {n}: người dân xã số {n} mang nông sản đến phiên chợ, \
             giá cả ổn định và {} gian hàng mới.</description></item>\n",
            n % 24,
            n % 60,
            n * 7
        ));
        let page = format!(
            "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\">\
             <title>Bản tin số {n}</title></head><body><article>\
             <h1>Bản tin số {n}: Hồng Giang mở phiên chợ quê thứ {n} bên sông</h1>\
             <p>Phiên chợ thứ {n} diễn ra sáng nay với hàng trăm người dân tham gia.</p>\
             </article></body></html>"
        );
        let path = format!("/gen/bai/tin-{n}.html");
        newsroom.put(&path, "text/html; charset=utf-8", page.as_bytes());
        newsroom.change(&path, |served| served.delay = delay);
    }
    let feed = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\"><channel>\
         <title>Phiên chợ Hồng Giang</title><link>{{base}}/gen/</link>\
         <language>vi</language>\n{items}</channel></rss>"
    );
    newsroom.put(
        "/gen/rss.xml",
        "application/rss+xml; charset=utf-8",
        feed.as_bytes(),
    );
}

fn generated_pages_requested(desk: &Desk) -> Vec<String> {
    desk.requested()
        .into_iter()
        .filter(|p| p.starts_with("/gen/bai/"))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_killed_ingest_loses_nothing_and_stores_nothing_twice_after_a_restart() {
    let desk = Desk::start().await;
    // 40 pages at 50 ms each take 2 s one after another, 1 s with both workers at once: the
    // kill after the 5th request comes long before the last.
    serve_generated_feed(&desk.newsroom, Duration::from_millis(50));
    desk.ok(&[
        "source",
        "add",
        &format!("{}/gen/rss.xml", desk.newsroom.base()),
        "--key",
        "gen",
        "--trust",
        "auto",
    ])
    .await;
    desk.add_news_category().await;

    let mut child = desk
        .command(&["ingest"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    let at_kill = loop {
        let seen = generated_pages_requested(&desk).len();
        if seen >= 5 {
            child.kill().unwrap();
            break generated_pages_requested(&desk).len();
        }
        assert!(
            child.try_wait().unwrap().is_none(),
            "herald ingest stopped by itself"
        );
        assert!(Instant::now() < deadline, "no page was fetched in time");
        tokio::time::sleep(Duration::from_millis(5)).await;
    };
    let stderr = tokio::task::spawn_blocking(move || child.wait_with_output())
        .await
        .unwrap()
        .unwrap()
        .stderr;
    assert_no_panic(&String::from_utf8_lossy(&stderr));
    assert!(
        at_kill < GENERATED,
        "the kill came after every page was asked for ({at_kill}): it proves nothing"
    );
    let interrupted = desk.store().await;
    let kept_before = {
        let mut kept = 0;
        for n in 1..=GENERATED {
            let url = format!("{}/gen/bai/tin-{n}.html", desk.newsroom.base());
            if let Some(id) = interrupted.article_by_source_url(&url).await.unwrap()
                && interrupted.article_page(id).await.unwrap().is_some()
            {
                kept += 1;
            }
        }
        kept
    };
    drop(interrupted);
    assert!(
        kept_before < GENERATED,
        "{kept_before} pages kept before the restart"
    );

    let report = desk.ok(&["ingest", "--once", "--quiet"]).await;
    assert_eq!(created(&report, "gen"), 0, "{report}");
    assert!(
        report.contains(&format!("{GENERATED} already stored")),
        "{report}"
    );

    let store = desk.store().await;
    let sources = store.list_sources_with_health().await.unwrap();
    assert_eq!(health(&sources, "gen").articles, GENERATED as u64);
    let mut ids = HashSet::new();
    for n in 1..=GENERATED {
        let url = format!("{}/gen/bai/tin-{n}.html", desk.newsroom.base());
        let id = store
            .article_by_source_url(&url)
            .await
            .unwrap()
            .unwrap_or_else(|| panic!("{url} was not stored"));
        assert!(ids.insert(id), "{url} shares an article");
        let page = store
            .article_page(id)
            .await
            .unwrap()
            .unwrap_or_else(|| panic!("the page of {url} was not kept"));
        let body = String::from_utf8(page.body).unwrap();
        assert!(
            body.contains(&format!("Phiên chợ thứ {n} diễn ra")),
            "{body}"
        );
    }
    assert_eq!(ids.len(), GENERATED);
    // Every page was asked for; again only if its fetch was cut short by the kill (one per
    // worker at most).
    let pages = generated_pages_requested(&desk);
    let distinct: HashSet<&String> = pages.iter().collect();
    assert_eq!(distinct.len(), GENERATED);
    assert!(pages.len() <= GENERATED + 2, "{} requests", pages.len());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn articles_from_a_trusted_source_appear_on_the_site_and_held_ones_do_not() {
    let desk = Desk::start().await;
    let base = desk.newsroom.base();
    desk.ok(&[
        "source",
        "add",
        &format!("{base}/lotus/atom.xml"),
        "--trust",
        "auto",
    ])
    .await;
    desk.ok(&[
        "source",
        "add",
        &format!("{base}/mehr/rss.xml"),
        "--trust",
        "review",
    ])
    .await;
    desk.ok(&["ingest", "--once", "--quiet"]).await;
    // The site alone: no polling from this process.
    std::fs::write(
        desk.dir.path().join("herald.toml"),
        "[ingest]\npoll = false\n",
    )
    .unwrap();
    let dir = desk.dir.path().to_owned();
    let data = desk.data.to_str().unwrap().to_owned();
    let (home, persian, article) = tokio::task::spawn_blocking(move || {
        let server = crate::Server::start(&dir, &["serve", "--data", &data]);
        let (status, home) = server.get("/en/");
        assert_eq!(status, 200);
        let (_, persian) = server.get("/fa/");
        let href = home
            .split("href=\"")
            .filter_map(|rest| rest.split('"').next())
            .find(|href| href.contains("lantern-festival"))
            .expect("a link to the lantern festival story")
            .to_owned();
        let (status, article) = server.get(&href);
        assert_eq!(status, 200, "{href}");
        (home, persian, article)
    })
    .await
    .unwrap();
    assert!(
        home.contains("Lantern festival lights up Ben Lua"),
        "{home}"
    );
    assert!(article.contains("Lantern festival lights up Ben Lua"));
    // Mehr's stories wait for an editor.
    assert!(!persian.contains("جشنواره موسیقی"), "{persian}");
}
