//! The command line. Flags win over environment variables, which win over the config file,
//! which wins over the defaults.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Herald: ingest news from many outlets, translate it, and publish a multilingual site.
#[derive(Debug, Parser)]
#[command(name = "herald", version, propagate_version = true)]
pub struct Cli {
    /// Settings file (TOML). Without it, `./herald.toml` is read when present.
    #[arg(long, global = true, value_name = "FILE", env = "HERALD_CONFIG")]
    pub config: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

/// What to do.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a data folder with a sample newsroom (if it has none yet) and serve it.
    ///
    /// The sample has articles written for Herald in Vietnamese and English, with human
    /// versions in English, Vietnamese and Persian. A second run reuses the folder and its data.
    Demo(ServeArgs),
    /// Serve the site from a data folder, applying pending database migrations first.
    Serve(ServeArgs),
    /// Apply pending database migrations and exit.
    Migrate(DataArgs),
    /// Inspect settings: print the documented defaults, or check a file.
    #[command(subcommand)]
    Config(ConfigCommand),
}

/// `herald config …`
#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print every setting with its documentation and default, as a TOML file to start from.
    Defaults,
    /// Check a settings file (default: --config, else ./herald.toml) and name any bad key.
    Check {
        /// The file to check.
        file: Option<PathBuf>,
    },
}

/// Where the data lives.
#[derive(Debug, Args)]
pub struct DataArgs {
    /// Data folder: the SQLite database and media files [default: ./herald-data].
    #[arg(long, value_name = "DIR", env = "HERALD_DATA")]
    pub data: Option<PathBuf>,
}

/// Where the data lives and where to listen.
#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub data: DataArgs,

    /// Address to listen on [default: 127.0.0.1:8080].
    #[arg(long, value_name = "ADDR")]
    pub listen: Option<SocketAddr>,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    #[test]
    fn command_line_is_well_formed() {
        Cli::command().debug_assert();
    }
}
