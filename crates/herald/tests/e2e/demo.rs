use crate::{Server, run_in};

#[test]
fn demo_creates_the_data_folder_and_serves_the_sample_newsroom_in_each_language() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path(), &["demo"]);
    assert!(dir.path().join("herald-data/herald.db").is_file());
    assert!(dir.path().join("herald-data/media/sample").is_dir());

    let (status, html) = server.get("/vi/");
    assert_eq!(status, 200);
    assert!(html.contains(r#"<html lang="vi" dir="ltr""#), "{html}");
    let (status, html) = server.get("/fa/");
    assert_eq!(status, 200);
    assert!(html.contains(r#"<html lang="fa" dir="rtl""#));
    let (status, html) = server.get("/en/");
    assert_eq!(status, 200);
    assert!(html.contains(r#"hreflang="x-default""#));
    let (status, _) = server.get("/xx/");
    assert_eq!(status, 404);

    // Its feeds read back without repairs, in their language.
    for lang in ["vi", "en", "fa"] {
        for file in ["feed.rss", "feed.atom", "feed.json"] {
            let (status, body) = server.get(&format!("/{lang}/{file}"));
            assert_eq!(status, 200, "/{lang}/{file}");
            let feed = herald_ingest::parse_feed(body.as_bytes(), None, None).unwrap();
            assert!(feed.problems.is_empty(), "{:?}", feed.problems);
            assert_eq!(feed.language.map(|l| l.to_string()).as_deref(), Some(lang));
            assert!(!feed.items.is_empty(), "/{lang}/{file}");
        }
    }
    // Every sitemap the index lists answers, each URL with an x-default.
    let (status, index) = server.get("/sitemap.xml");
    assert_eq!(status, 200);
    let origin = format!("http://{}", server.addr);
    let sitemaps: Vec<&str> = index
        .split("<loc>")
        .skip(1)
        .filter_map(|rest| rest.split("</loc>").next())
        .collect();
    assert!(sitemaps.len() > 3, "{index}");
    for sitemap in sitemaps {
        let path = sitemap.strip_prefix(&origin).unwrap_or(sitemap);
        let (status, body) = server.get(path);
        assert_eq!(status, 200, "{path}");
        assert_eq!(
            body.matches("<url>").count(),
            body.matches("hreflang=\"x-default\"").count(),
            "{path}"
        );
    }
    let (status, robots) = server.get("/robots.txt");
    assert_eq!(status, 200);
    assert!(
        robots.contains(&format!("Sitemap: {origin}/sitemap.xml")),
        "{robots}"
    );
}

#[test]
fn a_second_demo_run_reuses_the_folder_without_loading_twice() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("news");
    let data = data.to_str().unwrap();
    let first = Server::start(dir.path(), &["demo", "--data", data]);
    let (_, home_before) = first.get("/en/");
    let home_before = home_before.replace(&first.addr.to_string(), "HOST");
    drop(first);
    let second = Server::start(dir.path(), &["demo", "--data", data]);
    let (status, home_after) = second.get("/en/");
    assert_eq!(status, 200);
    // Same articles, nothing loaded twice: only the port in absolute links differs.
    assert_eq!(
        home_before,
        home_after.replace(&second.addr.to_string(), "HOST")
    );
    let migrate = run_in(dir.path(), &["migrate", "--data", data]);
    assert!(
        migrate.status.success(),
        "{}",
        String::from_utf8_lossy(&migrate.stderr)
    );
}
