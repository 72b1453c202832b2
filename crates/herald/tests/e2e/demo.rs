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
