//! The SSRF guard: private addresses are refused by literal, by name and after redirects.

use herald_ingest::{FetchError, FetchPolicy, Fetcher, Validators};
use url::Url;

use crate::server::{Reply, Server, policy};

fn fetcher(policy: FetchPolicy) -> Fetcher {
    Fetcher::new(policy).expect("a valid policy")
}

async fn get(fetcher: &Fetcher, url: &str) -> Result<herald_ingest::Fetched, FetchError> {
    fetcher
        .get(
            &Url::parse(url).expect("a valid URL"),
            &Validators::default(),
        )
        .await
}

#[tokio::test]
async fn loopback_is_refused_without_the_allow_list_and_fetched_with_it() {
    let server = Server::start(|_| Reply::ok("hello")).await;
    let url = server.url("/");

    let refused = fetcher(FetchPolicy {
        respect_robots: false,
        ..FetchPolicy::default()
    })
    .get(&url, &Validators::default())
    .await;
    match refused {
        Err(FetchError::Blocked { addr, reason, .. }) => {
            assert_eq!(addr, "127.0.0.1");
            assert_eq!(reason, "a loopback address");
        }
        other => panic!("expected Blocked, got {other:?}"),
    }
    assert_eq!(server.requests().len(), 0);

    let fetched = fetcher(policy())
        .get(&url, &Validators::default())
        .await
        .expect("allowed");
    assert_eq!(fetched.body, b"hello");
    assert_eq!(fetched.final_url, url);
    assert_eq!(fetched.content_type.as_deref(), Some("text/plain"));
}

#[tokio::test]
async fn localhost_by_name_is_refused_by_the_resolver_by_default() {
    let server = Server::start(|_| Reply::ok("hello")).await;
    let url = format!("http://localhost:{}/", server.port());
    let err = get(&fetcher(FetchPolicy::default()), &url)
        .await
        .expect_err("localhost is refused");
    match &err {
        FetchError::Blocked { addr, reason, .. } => {
            assert!(addr == "127.0.0.1" || addr == "::1", "{addr}");
            assert_eq!(*reason, "a loopback address");
        }
        other => panic!("expected Blocked, got {other:?}"),
    }
    assert!(err.is_permanent());
    assert_eq!(server.requests().len(), 0);
}

#[tokio::test]
async fn ip_literal_forms_of_private_addresses_are_refused() {
    let fetcher = fetcher(FetchPolicy::default());
    for (url, addr) in [
        (
            "http://169.254.169.254/latest/meta-data/",
            "169.254.169.254",
        ),
        ("http://[::ffff:127.0.0.1]/", "::ffff:127.0.0.1"),
        ("http://2130706433/", "127.0.0.1"),
        ("http://0x7f.1/", "127.0.0.1"),
        ("http://[::1]:8080/", "::1"),
        ("http://10.0.0.1/", "10.0.0.1"),
        (
            "http://metadata.google.internal/computeMetadata/v1/",
            "metadata.google.internal",
        ),
    ] {
        match get(&fetcher, url).await {
            Err(FetchError::Blocked { addr: got, .. }) => assert_eq!(got, addr, "{url}"),
            other => panic!("{url}: expected Blocked, got {other:?}"),
        }
    }
    let err = get(&fetcher, "http://169.254.169.254/")
        .await
        .expect_err("refused");
    assert_eq!(
        err.to_string(),
        "refused: 169.254.169.254 is a link-local address"
    );
}

#[tokio::test]
async fn a_redirect_to_the_metadata_address_is_refused() {
    let server =
        Server::start(|_| Reply::redirect(302, "http://169.254.169.254/latest/meta-data/")).await;
    let err = fetcher(policy())
        .get(&server.url("/feed"), &Validators::default())
        .await
        .expect_err("the redirect is refused");
    match err {
        FetchError::Blocked { url, addr, .. } => {
            assert_eq!(url.as_str(), "http://169.254.169.254/latest/meta-data/");
            assert_eq!(addr, "169.254.169.254");
        }
        other => panic!("expected Blocked, got {other:?}"),
    }
}

#[tokio::test]
async fn localhost_is_fetched_only_through_the_allowed_address() {
    // `localhost` may resolve to both 127.0.0.1 (allowed) and ::1 (not): only 127.0.0.1 is
    // kept, so the fetch succeeds through the allowed address and never touches ::1.
    let server = Server::start(|r| {
        if r.path == "/start" {
            Reply::redirect(301, "/end")
        } else {
            Reply::ok("end")
        }
    })
    .await;
    let fetched = get(
        &fetcher(policy()),
        &format!("http://localhost:{}/start", server.port()),
    )
    .await
    .expect("127.0.0.1 is allowed");
    assert_eq!(fetched.body, b"end");
    assert_eq!(fetched.final_url.path(), "/end");
}

#[tokio::test]
async fn a_redirect_loop_ends_in_too_many_redirects() {
    let server = Server::start(|r| {
        if r.path == "/a" {
            Reply::redirect(301, "/b")
        } else {
            Reply::redirect(307, "/a")
        }
    })
    .await;
    let err = fetcher(policy())
        .get(&server.url("/a"), &Validators::default())
        .await
        .expect_err("a loop");
    assert!(
        matches!(err, FetchError::TooManyRedirects { .. }),
        "{err:?}"
    );
    assert_eq!(
        server.requests().len(),
        6,
        "the first request and five redirects"
    );
}

#[tokio::test]
async fn relative_redirects_are_followed_and_other_schemes_refused() {
    let server = Server::start(|r| match r.path.as_str() {
        "/old/feed" => Reply::redirect(308, "../new/feed?x=1"),
        "/new/feed?x=1" => Reply::ok("moved"),
        "/file" => Reply::redirect(302, "file:///etc/passwd"),
        "/nowhere" => Reply::new(302, &[], ""),
        _ => Reply::not_found(),
    })
    .await;
    let fetcher = fetcher(policy());
    let fetched = fetcher
        .get(&server.url("/old/feed"), &Validators::default())
        .await
        .expect("redirected");
    assert_eq!(fetched.body, b"moved");
    assert_eq!(fetched.final_url, server.url("/new/feed?x=1"));
    let err = fetcher
        .get(&server.url("/file"), &Validators::default())
        .await
        .expect_err("file: is refused");
    assert_eq!(err, FetchError::UnsupportedScheme("file".into()));
    let err = fetcher
        .get(&server.url("/nowhere"), &Validators::default())
        .await
        .expect_err("no Location");
    assert!(
        matches!(err, FetchError::Http { status: 302, .. }),
        "{err:?}"
    );
}
