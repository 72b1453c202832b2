//! A scriptable HTTP/1.1 server on 127.0.0.1: each request is logged with when it arrived and
//! when its answer was finished, and answered by a handler that returns the bytes to write and
//! the pauses between them. Every answer closes its connection.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use herald_ingest::{AddressAllowList, FetchPolicy};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::time::Instant;
use url::Url;

/// A request as the server saw it.
#[derive(Debug, Clone)]
pub(crate) struct Request {
    pub(crate) path: String,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) arrived: Instant,
    pub(crate) answered: Option<Instant>,
}

impl Request {
    /// A header's value by name, without case.
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// One step of an answer.
pub(crate) enum Step {
    Write(Vec<u8>),
    Sleep(Duration),
}

/// What to answer.
pub(crate) struct Reply(pub(crate) Vec<Step>);

impl Reply {
    /// A complete response with `Content-Length`.
    pub(crate) fn new(status: u16, headers: &[(&str, &str)], body: impl Into<Vec<u8>>) -> Self {
        let body = body.into();
        let mut head = format!("HTTP/1.1 {status} X\r\nConnection: close\r\n");
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
        let mut bytes = head.into_bytes();
        bytes.extend_from_slice(&body);
        Self(vec![Step::Write(bytes)])
    }

    /// 200 with a body.
    pub(crate) fn ok(body: impl Into<Vec<u8>>) -> Self {
        Self::new(200, &[("Content-Type", "text/plain")], body)
    }

    /// 404.
    pub(crate) fn not_found() -> Self {
        Self::new(404, &[], "not found")
    }

    /// A redirect.
    pub(crate) fn redirect(status: u16, location: &str) -> Self {
        Self::new(status, &[("Location", location)], "")
    }

    /// Headers only (the caller adds the rest of the steps), no `Content-Length`: the body
    /// is chunked.
    pub(crate) fn chunked_head(headers: &[(&str, &str)]) -> Vec<u8> {
        let mut head =
            String::from("HTTP/1.1 200 OK\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n");
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        head.into_bytes()
    }

    /// One chunk of a chunked body.
    pub(crate) fn chunk(data: &[u8]) -> Vec<u8> {
        let mut out = format!("{:x}\r\n", data.len()).into_bytes();
        out.extend_from_slice(data);
        out.extend_from_slice(b"\r\n");
        out
    }

    /// Waits before sending the answer.
    pub(crate) fn after(mut self, pause: Duration) -> Self {
        self.0.insert(0, Step::Sleep(pause));
        self
    }
}

type Handler = dyn Fn(&Request) -> Reply + Send + Sync;

/// A running server; stops when dropped.
pub(crate) struct Server {
    port: u16,
    log: Arc<Mutex<Vec<Request>>>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Server {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Server {
    /// Starts a server answering with `handler`.
    pub(crate) async fn start(handler: impl Fn(&Request) -> Reply + Send + Sync + 'static) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1:0");
        let port = listener.local_addr().expect("local address").port();
        let log = Arc::new(Mutex::new(Vec::new()));
        let handler: Arc<Handler> = Arc::new(handler);
        let task_log = Arc::clone(&log);
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let handler = Arc::clone(&handler);
                let log = Arc::clone(&task_log);
                tokio::spawn(serve(stream, handler, log));
            }
        });
        Self { port, log, task }
    }

    /// `http://127.0.0.1:<port><path>`.
    pub(crate) fn url(&self, path: &str) -> Url {
        Url::parse(&format!("http://127.0.0.1:{}{path}", self.port)).expect("a valid URL")
    }

    /// The port.
    pub(crate) fn port(&self) -> u16 {
        self.port
    }

    /// Requests so far.
    pub(crate) fn requests(&self) -> Vec<Request> {
        self.log.lock().expect("log").clone()
    }

    /// How many requests asked for `path`.
    pub(crate) fn hits(&self, path: &str) -> usize {
        self.requests().iter().filter(|r| r.path == path).count()
    }
}

async fn serve(mut stream: TcpStream, handler: Arc<Handler>, log: Arc<Mutex<Vec<Request>>>) {
    let mut buf = Vec::new();
    let mut byte = [0u8; 1024];
    while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut byte).await {
            Ok(0) | Err(_) => return,
            Ok(n) => buf.extend_from_slice(&byte[..n]),
        }
        if buf.len() > 64 * 1024 {
            return;
        }
    }
    let text = String::from_utf8_lossy(&buf).into_owned();
    let mut lines = text.split("\r\n");
    let path = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .unwrap_or("/")
        .to_owned();
    let headers = lines
        .take_while(|l| !l.is_empty())
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
        .collect();
    let request = Request {
        path,
        headers,
        arrived: Instant::now(),
        answered: None,
    };
    let index = {
        let mut log = log.lock().expect("log");
        log.push(request.clone());
        log.len() - 1
    };
    let Reply(steps) = handler(&request);
    for step in steps {
        match step {
            Step::Write(bytes) => {
                if stream.write_all(&bytes).await.is_err() {
                    break;
                }
            }
            Step::Sleep(pause) => tokio::time::sleep(pause).await,
        }
    }
    let _ = stream.flush().await;
    if let Some(r) = log.lock().expect("log").get_mut(index) {
        r.answered = Some(Instant::now());
    }
    let _ = stream.shutdown().await;
}

/// A policy for tests: 127.0.0.1 allowed, short timeouts, no pause, no robots.txt.
pub(crate) fn policy() -> FetchPolicy {
    FetchPolicy {
        allow: AddressAllowList::parse(&["127.0.0.1".to_owned()]).expect("a valid allow-list"),
        connect_timeout: Duration::from_millis(500),
        timeout: Duration::from_secs(2),
        read_timeout: Duration::from_millis(300),
        host_delay: Duration::ZERO,
        respect_robots: false,
        ..FetchPolicy::default()
    }
}
