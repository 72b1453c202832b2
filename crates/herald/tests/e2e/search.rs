//! Search end to end: the demo is searchable as soon as it serves, and `herald reindex`
//! rebuilds an index that was lost or broken.

use crate::{Server, run_in};

#[test]
fn the_demo_is_searchable_as_soon_as_it_serves() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start(dir.path(), &["demo"]);
    // "tường thành" typed without its diacritics.
    let (status, html) = server.get("/vi/search?q=tuong+thanh+hue");
    assert_eq!(status, 200);
    assert!(
        html.contains("Kinh thành Huế") || html.contains("<mark>"),
        "{html}"
    );
    assert!(!html.contains("search-nothing"), "{html}");
    let (status, html) = server.get("/fa/search?q=%D8%A7%D8%B1%DA%AF");
    assert_eq!(status, 200);
    assert!(html.contains("<mark>"), "{html}");
}

#[test]
fn reindex_rebuilds_a_broken_index_and_serve_survives_one() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("news");
    let data = data.to_str().unwrap();
    drop(Server::start(dir.path(), &["demo", "--data", data]));

    let meta = dir.path().join("news/search/vi/meta.json");
    assert!(meta.is_file(), "one index folder per language");
    std::fs::write(&meta, b"{ not json").unwrap();
    let reindex = run_in(dir.path(), &["reindex", "--data", data, "--language", "vi"]);
    let out = String::from_utf8_lossy(&reindex.stdout);
    assert!(
        reindex.status.success(),
        "{out}{}",
        String::from_utf8_lossy(&reindex.stderr)
    );
    assert!(
        out.contains("vi: ") && out.contains(" articles indexed"),
        "{out}"
    );
    let server = Server::start(dir.path(), &["serve", "--data", data]);
    let (_, html) = server.get("/vi/search?q=tuong+thanh+hue");
    assert!(html.contains("<mark>"), "{html}");
    drop(server);

    // Broken again, then served: the index is put aside and rebuilt by the workers.
    std::fs::write(&meta, b"garbage").unwrap();
    let server = Server::start(dir.path(), &["serve", "--data", data]);
    let mut found = false;
    for _ in 0..100 {
        let (status, html) = server.get("/vi/search?q=tuong+thanh+hue");
        assert_eq!(status, 200);
        if html.contains("<mark>") {
            found = true;
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert!(found, "the rebuilt index answers");

    let unknown = run_in(dir.path(), &["reindex", "--data", data, "--language", "xx"]);
    assert!(!unknown.status.success());
}
