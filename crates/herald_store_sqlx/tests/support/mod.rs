//! What the test binaries share: stores on temporary SQLite files, and throwaway PostgreSQL
//! databases.
//!
//! PostgreSQL tests use `HERALD_TEST_POSTGRES_URL` (a role that may create databases), else
//! `postgres://postgres@127.0.0.1:5432/postgres`. Each test gets its own database, dropped at
//! the end. When no server answers they are skipped with a note on stderr — unless
//! `HERALD_TEST_POSTGRES_URL` is set or `HERALD_REQUIRE_POSTGRES=1` (CI), when they fail.

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use herald_domain::SystemClock;
use herald_store_sqlx::SqlStore;
use sqlx::Connection;
use sqlx::postgres::PgConnection;

const DEFAULT_POSTGRES_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

/// A store on a new file in a new temporary folder (removed when the folder is dropped).
pub(crate) async fn sqlite_store() -> (SqlStore, tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("herald.db");
    let store = SqlStore::open_sqlite_file(&path, Arc::new(SystemClock))
        .await
        .expect("open a SQLite store");
    (store, dir, path)
}

/// A database of its own on the test PostgreSQL server.
pub(crate) struct TestDatabase {
    /// URL of the new database.
    pub(crate) url: String,
    admin_url: String,
    name: String,
}

impl TestDatabase {
    /// Creates a fresh database, or `None` when no server answers and none is required.
    #[expect(
        clippy::disallowed_methods,
        reason = "tests are configured by the environment, as CI sets it"
    )]
    pub(crate) async fn create() -> Option<Self> {
        let configured = std::env::var("HERALD_TEST_POSTGRES_URL").ok();
        let required = configured.is_some()
            || std::env::var("HERALD_REQUIRE_POSTGRES").is_ok_and(|v| v == "1");
        let admin_url = configured.unwrap_or_else(|| DEFAULT_POSTGRES_URL.to_owned());
        let mut admin = match connect(&admin_url).await {
            Ok(conn) => conn,
            Err(why) if required => panic!("PostgreSQL is required but {admin_url}: {why}"),
            Err(why) => {
                skipped(&format!("{admin_url} ({why})"));
                return None;
            }
        };
        let name = unique_name();
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&mut admin)
            .await
            .expect("create a test database");
        let _ = admin.close().await;
        let mut url = url::Url::parse(&admin_url).expect("a valid PostgreSQL URL");
        url.set_path(&format!("/{name}"));
        Some(Self {
            url: url.to_string(),
            admin_url,
            name,
        })
    }

    /// Drops the database (best effort).
    pub(crate) async fn drop_now(self) {
        if let Ok(mut admin) = connect(&self.admin_url).await {
            let sql = format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name);
            let _ = sqlx::query(sqlx::AssertSqlSafe(sql))
                .execute(&mut admin)
                .await;
            let _ = admin.close().await;
        }
    }
}

async fn connect(url: &str) -> Result<PgConnection, String> {
    match tokio::time::timeout(Duration::from_secs(5), PgConnection::connect(url)).await {
        Ok(Ok(conn)) => Ok(conn),
        Ok(Err(e)) => Err(e.to_string()),
        Err(_) => Err("timed out".to_owned()),
    }
}

fn unique_name() -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    format!(
        "herald_t_{}_{}_{}",
        std::process::id(),
        nanos,
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

/// Says once per test binary, past the test harness's output capture, that PostgreSQL tests
/// were skipped.
fn skipped(why: &str) {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let _ = writeln!(
            std::io::stderr(),
            "skipped: no PostgreSQL at {why}; PostgreSQL tests pass without running \
             (set HERALD_TEST_POSTGRES_URL or HERALD_REQUIRE_POSTGRES=1 to require them)"
        );
    });
}
