//! One module per subcommand; this one dispatches and holds the wiring they share.

mod config;
mod demo;
mod migrate;
mod serve;

use std::path::Path;
use std::sync::Arc;

use anyhow::Context;
use herald_domain::SystemClock;
use herald_store_sqlx::SqlStore;

use crate::cli::{Cli, Command};
use crate::settings::{Flags, Settings};

/// Runs one command to completion.
pub(crate) fn run(cli: Cli) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(async move {
        match cli.command {
            Command::Demo(args) => {
                let flags = Flags {
                    config: cli.config,
                    data: args.data.data,
                    listen: args.listen,
                    time_zone_default: Some(demo::TIME_ZONE),
                };
                demo::run(Settings::load(&flags)?).await
            }
            Command::Serve(args) => {
                let flags = Flags {
                    config: cli.config,
                    data: args.data.data,
                    listen: args.listen,
                    time_zone_default: None,
                };
                serve::run(Settings::load(&flags)?).await
            }
            Command::Config(command) => config::run(command, cli.config),
            Command::Migrate(args) => {
                let flags = Flags {
                    config: cli.config,
                    data: args.data,
                    ..Flags::default()
                };
                migrate::run(Settings::load(&flags)?).await
            }
        }
    })
}

/// Makes sure the data folder exists and can be written, with a readable error otherwise.
fn prepare_data_dir(dir: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir)
        .with_context(|| format!("cannot create data folder {}", dir.display()))?;
    let probe = dir.join(".herald-write-check");
    std::fs::write(&probe, b"ok")
        .with_context(|| format!("data folder {} is not writable", dir.display()))?;
    std::fs::remove_file(&probe)
        .with_context(|| format!("data folder {} is not writable", dir.display()))?;
    Ok(())
}

/// Opens (and migrates) the configured store.
async fn open_store(settings: &Settings) -> anyhow::Result<Arc<SqlStore>> {
    if settings.store_url.starts_with("sqlite:") {
        prepare_data_dir(&settings.data_dir)?;
    }
    let store = SqlStore::open(&settings.store_url, Arc::new(SystemClock))
        .await
        .with_context(|| format!("cannot open the database {}", redact(&settings.store_url)))?;
    Ok(Arc::new(store))
}

/// A database URL without its password, for messages.
fn redact(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) if parsed.password().is_some() => {
            let _ = parsed.set_password(Some("***"));
            parsed.to_string()
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hides_database_passwords_in_messages() {
        assert_eq!(
            redact("postgres://u:secret@db/herald"),
            "postgres://u:***@db/herald"
        );
        assert_eq!(redact("sqlite:///tmp/h.db"), "sqlite:///tmp/h.db");
    }

    #[test]
    fn refuses_a_data_folder_that_cannot_be_written() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("plain-file");
        std::fs::write(&file, b"x").unwrap();
        let err = prepare_data_dir(&file.join("data")).unwrap_err();
        assert!(
            format!("{err:#}").contains("cannot create data folder"),
            "{err:#}"
        );
    }
}
