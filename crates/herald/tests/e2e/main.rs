//! End-to-end tests of the `herald` binary: real processes, real HTTP on loopback.

mod cli;
mod demo;
mod glossary;
mod ingest;
mod models;
#[path = "../../../herald_pipeline/tests/support/newsroom.rs"]
mod newsroom;
mod search;
mod translate;
mod user;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

/// The binary under test.
fn herald() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_herald"));
    cmd.env("RUST_LOG", "warn").env_remove("HERALD_CONFIG");
    cmd
}

/// Runs the binary to completion in `dir`.
fn run_in(dir: &Path, args: &[&str]) -> Output {
    herald()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("herald runs")
}

/// A loopback port nobody listens on right now.
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free loopback port")
        .port()
}

/// A running server, killed when dropped.
struct Server {
    child: Child,
    addr: SocketAddr,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// Starts `herald <args> --listen 127.0.0.1:<free>` and waits until it answers.
    fn start(dir: &Path, args: &[&str]) -> Self {
        Self::start_with_env(dir, args, &[])
    }

    /// [`Server::start`] with environment variables set.
    fn start_with_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Self {
        let port = free_port();
        let listen = format!("127.0.0.1:{port}");
        let child = herald()
            .current_dir(dir)
            .envs(env.iter().copied())
            .args(args)
            .args(["--listen", &listen])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("herald starts");
        let server = Self {
            child,
            addr: listen.parse().expect("a socket address"),
        };
        let deadline = Instant::now() + Duration::from_secs(60);
        while Instant::now() < deadline {
            if matches!(server.try_get("/healthz"), Ok((200, _))) {
                return server;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("herald did not answer on {listen}");
    }

    /// `GET path` → (status, body).
    fn get(&self, path: &str) -> (u16, String) {
        self.try_get(path).expect("request succeeds")
    }

    fn try_get(&self, path: &str) -> std::io::Result<(u16, String)> {
        let mut stream = TcpStream::connect_timeout(&self.addr, Duration::from_secs(2))?;
        stream.set_read_timeout(Some(Duration::from_secs(20)))?;
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.addr
        )?;
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw)?;
        let text = String::from_utf8_lossy(&raw).into_owned();
        let status = text
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let body = text
            .split_once("\r\n\r\n")
            .map(|(_, b)| b.to_owned())
            .unwrap_or_default();
        Ok((status, body))
    }
}
