//! robots.txt: obeyed, cached per origin, and read as RFC 9309 says for each status.

use std::time::Duration;

use herald_ingest::{FetchError, FetchPolicy, Fetcher, Validators};
use tokio::time::Instant;

use crate::server::{Reply, Server, policy};

fn obeying() -> Fetcher {
    Fetcher::new(FetchPolicy {
        respect_robots: true,
        ..policy()
    })
    .expect("a valid policy")
}

async fn site(robots: Reply) -> Server {
    let robots = std::sync::Mutex::new(Some(robots));
    Server::start(move |r| {
        if r.path == "/robots.txt" {
            robots
                .lock()
                .expect("lock")
                .take()
                .unwrap_or_else(|| Reply::new(500, &[], "asked twice"))
        } else {
            Reply::ok("page")
        }
    })
    .await
}

#[tokio::test]
async fn a_path_disallowed_by_robots_txt_is_not_fetched() {
    let server = site(Reply::ok(
        "User-agent: *\nDisallow: /\n\nUser-agent: Herald\nDisallow: /private/\nAllow: /private/ok\n",
    ))
    .await;
    let fetcher = obeying();
    let err = fetcher
        .get(&server.url("/private/page"), &Validators::default())
        .await
        .expect_err("disallowed");
    assert!(
        matches!(err, FetchError::RobotsDisallowed { .. }),
        "{err:?}"
    );
    assert!(err.is_permanent());
    assert_eq!(server.hits("/private/page"), 0);
    for path in ["/private/ok", "/news"] {
        let fetched = fetcher
            .get(&server.url(path), &Validators::default())
            .await
            .unwrap_or_else(|e| panic!("{path}: {e}"));
        assert_eq!(fetched.body, b"page");
    }
}

#[tokio::test]
async fn robots_txt_is_fetched_once_for_many_requests() {
    let server = site(Reply::ok("User-agent: *\nDisallow: /admin\n")).await;
    let fetcher = obeying();
    let all = futures_join(&fetcher, &server, 6).await;
    assert!(all.iter().all(Result::is_ok), "{all:?}");
    assert_eq!(server.hits("/robots.txt"), 1);
    assert_eq!(server.hits("/page"), 6);
    // The robots.txt request says who asks, too.
    let robots = server
        .requests()
        .into_iter()
        .find(|r| r.path == "/robots.txt")
        .expect("robots.txt was asked for");
    assert!(
        robots
            .header("user-agent")
            .is_some_and(|ua| ua.starts_with("Herald/"))
    );
}

/// Six concurrent fetches of `/page`.
async fn futures_join(
    fetcher: &Fetcher,
    server: &Server,
    n: usize,
) -> Vec<Result<herald_ingest::Fetched, FetchError>> {
    let mut tasks = Vec::new();
    for _ in 0..n {
        let fetcher = fetcher.clone();
        let url = server.url("/page");
        tasks.push(tokio::spawn(async move {
            fetcher.get(&url, &Validators::default()).await
        }));
    }
    let mut out = Vec::new();
    for task in tasks {
        out.push(task.await.expect("the task finished"));
    }
    out
}

#[tokio::test]
async fn a_missing_robots_txt_allows_everything() {
    let server = site(Reply::not_found()).await;
    let fetched = obeying()
        .get(&server.url("/anything"), &Validators::default())
        .await
        .expect("allowed");
    assert_eq!(fetched.body, b"page");
}

#[tokio::test]
async fn a_failing_robots_txt_keeps_the_site_off_limits() {
    let server = site(Reply::new(500, &[], "oops")).await;
    let fetcher = obeying();
    let err = fetcher
        .get(&server.url("/news"), &Validators::default())
        .await
        .expect_err("robots.txt failed");
    assert!(
        matches!(err, FetchError::RobotsUnreachable { .. }),
        "{err:?}"
    );
    assert!(!err.is_permanent());
    assert!(
        err.retry_after()
            .is_some_and(|d| d > Duration::from_secs(60))
    );
    // Remembered: no second robots.txt request, and still no page request.
    let again = fetcher
        .get(&server.url("/other"), &Validators::default())
        .await
        .expect_err("still off-limits");
    assert!(matches!(again, FetchError::RobotsUnreachable { .. }));
    assert_eq!(server.hits("/robots.txt"), 1);
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn a_robots_txt_redirect_is_followed() {
    let server = Server::start(|r| match r.path.as_str() {
        "/robots.txt" => Reply::redirect(301, "/real-robots.txt"),
        "/real-robots.txt" => Reply::ok("User-agent: *\nDisallow: /secret\n"),
        _ => Reply::ok("page"),
    })
    .await;
    let err = obeying()
        .get(&server.url("/secret"), &Validators::default())
        .await
        .expect_err("disallowed");
    assert!(
        matches!(err, FetchError::RobotsDisallowed { .. }),
        "{err:?}"
    );
}

#[tokio::test]
async fn a_crawl_delay_longer_than_the_host_delay_spaces_requests() {
    let server = site(Reply::ok("User-agent: herald\nCrawl-delay: 0.3\n")).await;
    let fetcher = obeying();
    for _ in 0..2 {
        fetcher
            .get(&server.url("/page"), &Validators::default())
            .await
            .expect("allowed");
    }
    let pages: Vec<_> = server
        .requests()
        .into_iter()
        .filter(|r| r.path == "/page")
        .collect();
    let first_end = pages[0].answered.expect("answered");
    let gap = pages[1].arrived.duration_since(first_end);
    assert!(gap >= Duration::from_millis(300), "{gap:?}");
    let _ = Instant::now();
}
