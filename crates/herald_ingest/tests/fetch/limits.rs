//! Time and size limits: stalls, drips, oversized bodies, compression bombs.

use std::io::Write;
use std::time::Duration;

use flate2::write::{DeflateEncoder, GzEncoder, ZlibEncoder};
use flate2::{Compress, Compression, Crc, FlushCompress};
use herald_ingest::fetch::TimeoutKind;
use herald_ingest::{FetchError, FetchPolicy, Fetcher, Validators};
use tokio::time::Instant;

use crate::server::{Reply, Server, Step, policy};

fn fetcher(policy: FetchPolicy) -> Fetcher {
    Fetcher::new(policy).expect("a valid policy")
}

#[tokio::test]
async fn a_server_that_stalls_after_the_headers_times_out() {
    let server = Server::start(|_| {
        Reply(vec![
            Step::Write(
                b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 100\r\n\r\nten bytes!"
                    .to_vec(),
            ),
            Step::Sleep(Duration::from_secs(10)),
        ])
    })
    .await;
    let start = Instant::now();
    let err = fetcher(policy())
        .get(&server.url("/"), &Validators::default())
        .await
        .expect_err("stalled");
    assert!(
        matches!(
            err,
            FetchError::Timeout {
                what: TimeoutKind::Idle,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(
        start.elapsed() < Duration::from_secs(1),
        "{:?}",
        start.elapsed()
    );
    assert!(!err.is_permanent());
}

#[tokio::test]
async fn a_server_that_never_answers_times_out() {
    let server = Server::start(|_| Reply(vec![Step::Sleep(Duration::from_secs(10))])).await;
    let start = Instant::now();
    let err = fetcher(policy())
        .get(&server.url("/"), &Validators::default())
        .await
        .expect_err("silent");
    assert!(matches!(err, FetchError::Timeout { .. }), "{err:?}");
    assert!(
        start.elapsed() < Duration::from_millis(1500),
        "{:?}",
        start.elapsed()
    );
}

#[tokio::test]
async fn a_server_that_drips_forever_hits_the_total_timeout() {
    let server = Server::start(|_| {
        let mut steps = vec![Step::Write(Reply::chunked_head(&[]))];
        for _ in 0..100 {
            steps.push(Step::Write(Reply::chunk(b"x")));
            steps.push(Step::Sleep(Duration::from_millis(100)));
        }
        Reply(steps)
    })
    .await;
    let start = Instant::now();
    let err = fetcher(FetchPolicy {
        timeout: Duration::from_millis(700),
        ..policy()
    })
    .get(&server.url("/"), &Validators::default())
    .await
    .expect_err("too slow overall");
    assert!(
        matches!(
            err,
            FetchError::Timeout {
                what: TimeoutKind::Total,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(
        start.elapsed() < Duration::from_millis(1200),
        "{:?}",
        start.elapsed()
    );
}

#[tokio::test]
async fn a_body_over_the_limit_with_content_length_is_refused_before_reading() {
    let server = Server::start(|_| Reply::ok(vec![b'a'; 2000])).await;
    let err = fetcher(FetchPolicy {
        max_body_bytes: 1000,
        ..policy()
    })
    .get(&server.url("/"), &Validators::default())
    .await
    .expect_err("too large");
    assert_eq!(err, FetchError::TooLarge { limit: 1000 });
    assert!(err.is_permanent());
}

#[tokio::test]
async fn a_chunked_body_over_the_limit_is_refused() {
    let server = Server::start(|_| {
        let mut steps = vec![Step::Write(Reply::chunked_head(&[]))];
        for _ in 0..20 {
            steps.push(Step::Write(Reply::chunk(&[b'a'; 100])));
        }
        steps.push(Step::Write(b"0\r\n\r\n".to_vec()));
        Reply(steps)
    })
    .await;
    let small = fetcher(FetchPolicy {
        max_body_bytes: 1000,
        ..policy()
    });
    let err = small
        .get(&server.url("/"), &Validators::default())
        .await
        .expect_err("too large");
    assert_eq!(err, FetchError::TooLarge { limit: 1000 });
    let fetched = fetcher(policy())
        .get(&server.url("/"), &Validators::default())
        .await
        .expect("within the default limit");
    assert_eq!(fetched.body.len(), 2000);
}

/// A gzip file that inflates to 1 GiB of zeros: the same full-flushed deflate block of 1 MiB
/// repeated 1024 times (each is independent after a full flush), an empty final block, and a
/// correct trailer. About a megabyte.
fn gzip_bomb() -> Vec<u8> {
    let zeros = vec![0u8; 1 << 20];
    let mut block = Vec::with_capacity(1 << 20);
    Compress::new(Compression::best(), false)
        .compress_vec(&zeros, &mut block, FlushCompress::Full)
        .expect("deflate");
    let mut last = Vec::with_capacity(64);
    Compress::new(Compression::best(), false)
        .compress_vec(&[], &mut last, FlushCompress::Finish)
        .expect("deflate");
    let mut block_crc = Crc::new();
    block_crc.update(&zeros);
    let mut crc = Crc::new();
    let mut bomb = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 0xff];
    for _ in 0..1024 {
        bomb.extend_from_slice(&block);
        crc.combine(&block_crc);
    }
    bomb.extend_from_slice(&last);
    bomb.extend_from_slice(&crc.sum().to_le_bytes());
    bomb.extend_from_slice(&crc.amount().to_le_bytes());
    bomb
}

/// Peak resident memory of this process, where Linux says.
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[tokio::test]
async fn a_gzip_bomb_is_refused_quickly_without_inflating_it() {
    let bomb = gzip_bomb();
    let limit: u64 = 4 << 20;
    assert!(
        (bomb.len() as u64) < limit,
        "the bomb itself is within the limit"
    );
    let server =
        Server::start(move |_| Reply::new(200, &[("Content-Encoding", "gzip")], bomb.clone()))
            .await;
    let start = Instant::now();
    let err = fetcher(FetchPolicy {
        max_body_bytes: limit,
        ..policy()
    })
    .get(&server.url("/"), &Validators::default())
    .await
    .expect_err("a bomb");
    assert_eq!(err, FetchError::TooLarge { limit });
    assert!(
        start.elapsed() < Duration::from_millis(900),
        "{:?}",
        start.elapsed()
    );
    if let Some(peak) = peak_rss_kib() {
        assert!(
            peak < 512 * 1024,
            "peak memory {peak} KiB: the bomb was inflated"
        );
    }
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), Compression::default());
    e.write_all(data).expect("gzip");
    e.finish().expect("gzip")
}

#[tokio::test]
async fn gzip_and_deflate_bodies_are_decoded() {
    let text = "<rss><channel><title>Tin tức</title></channel></rss>".repeat(50);
    let gz = gzip(text.as_bytes());
    let mut z = ZlibEncoder::new(Vec::new(), Compression::default());
    z.write_all(text.as_bytes()).expect("zlib");
    let zlib = z.finish().expect("zlib");
    let mut d = DeflateEncoder::new(Vec::new(), Compression::default());
    d.write_all(text.as_bytes()).expect("deflate");
    let raw = d.finish().expect("deflate");
    let server = Server::start(move |r| match r.path.as_str() {
        "/gzip" => Reply::new(200, &[("Content-Encoding", "gzip")], gz.clone()),
        "/zlib" => Reply::new(200, &[("Content-Encoding", "deflate")], zlib.clone()),
        "/raw" => Reply::new(200, &[("Content-Encoding", "deflate")], raw.clone()),
        "/chunked-gzip" => {
            let mut steps = vec![Step::Write(Reply::chunked_head(&[(
                "Content-Encoding",
                "x-gzip",
            )]))];
            for piece in gz.chunks(7) {
                steps.push(Step::Write(Reply::chunk(piece)));
            }
            steps.push(Step::Write(b"0\r\n\r\n".to_vec()));
            Reply(steps)
        }
        "/corrupt" => Reply::new(
            200,
            &[("Content-Encoding", "gzip")],
            b"\x1f\x8b\x08\0garbage".to_vec(),
        ),
        "/brotli" => Reply::new(200, &[("Content-Encoding", "br")], "???"),
        _ => Reply::not_found(),
    })
    .await;
    let fetcher = fetcher(policy());
    for path in ["/gzip", "/zlib", "/raw", "/chunked-gzip"] {
        let fetched = fetcher
            .get(&server.url(path), &Validators::default())
            .await
            .unwrap_or_else(|e| panic!("{path}: {e}"));
        assert_eq!(fetched.body, text.as_bytes(), "{path}");
    }
    for path in ["/corrupt", "/brotli"] {
        let err = fetcher
            .get(&server.url(path), &Validators::default())
            .await
            .expect_err(path);
        assert!(matches!(err, FetchError::Decode(_)), "{path}: {err:?}");
    }
    let request = &server.requests()[0];
    assert_eq!(request.header("accept-encoding"), Some("gzip, deflate"));
}
