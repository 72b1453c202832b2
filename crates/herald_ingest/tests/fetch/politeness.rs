//! One request at a time per host, with a pause; hosts in parallel; who we are.

use std::time::Duration;

use herald_ingest::{FetchPolicy, Fetcher, Validators};

use crate::server::{Reply, Server, policy};

const DELAY: Duration = Duration::from_millis(300);

fn polite() -> Fetcher {
    Fetcher::new(FetchPolicy {
        host_delay: DELAY,
        ..policy()
    })
    .expect("a valid policy")
}

async fn slow_server() -> Server {
    Server::start(|_| Reply::ok("slow").after(Duration::from_millis(200))).await
}

#[tokio::test]
async fn requests_to_one_host_are_serialized_with_the_host_delay() {
    let server = slow_server().await;
    let fetcher = polite();
    let (url_a, url_b, none) = (server.url("/a"), server.url("/b"), Validators::default());
    let (a, b) = tokio::join!(fetcher.get(&url_a, &none), fetcher.get(&url_b, &none));
    a.expect("a");
    b.expect("b");
    let mut requests = server.requests();
    requests.sort_by_key(|r| r.arrived);
    let first_end = requests[0].answered.expect("answered");
    let gap = requests[1].arrived.duration_since(first_end);
    assert!(requests[1].arrived > first_end, "the requests overlapped");
    assert!(gap >= DELAY, "only {gap:?} between the two requests");
}

#[tokio::test]
async fn requests_to_two_hosts_run_at_the_same_time() {
    // Same address, two ports: two hosts (host:port is the unit of politeness).
    let one = slow_server().await;
    let two = slow_server().await;
    let fetcher = polite();
    let (url_one, url_two, none) = (one.url("/"), two.url("/"), Validators::default());
    let (a, b) = tokio::join!(fetcher.get(&url_one, &none), fetcher.get(&url_two, &none));
    a.expect("one");
    b.expect("two");
    let (a, b) = (&one.requests()[0], &two.requests()[0]);
    let (a_end, b_end) = (a.answered.expect("answered"), b.answered.expect("answered"));
    assert!(
        a.arrived < b_end && b.arrived < a_end,
        "the two hosts were not fetched at the same time"
    );
}

#[tokio::test]
async fn every_request_says_who_we_are() {
    let server = Server::start(|_| Reply::ok("hi")).await;
    Fetcher::new(policy())
        .expect("fetcher")
        .get(&server.url("/"), &Validators::default())
        .await
        .expect("fetched");
    let request = &server.requests()[0];
    let ua = request.header("user-agent").expect("a User-Agent");
    assert_eq!(ua, herald_ingest::fetch::default_user_agent());
    assert!(ua.starts_with("Herald/") && ua.contains("+https://github.com/herald-news/herald"));
    assert!(
        request
            .header("accept")
            .is_some_and(|a| a.contains("application/rss+xml"))
    );
}
