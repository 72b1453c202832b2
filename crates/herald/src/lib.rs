//! The Herald binary: the command line, layered settings, and the composition root that picks
//! a store backend, loads the interface messages and starts the site. No other crate wires
//! adapters together; nothing here holds domain logic of its own.

mod cli;
mod commands;
mod demo_newsroom;
mod settings;

use std::process::ExitCode;

use clap::Parser;

pub use cli::Cli;

/// Runs the command line and maps the outcome to an exit code: 0 on success, 1 with a
/// one-line `herald: …` message on failure (clap's own usage errors exit with 2).
#[must_use]
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    init_logging();
    match commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("herald: {}", one_line(&error));
            ExitCode::FAILURE
        }
    }
}

/// The error and its causes on one line, without repeating a cause that its parent already
/// quotes.
fn one_line(error: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in error.chain() {
        let text = cause.to_string();
        if line.contains(&text) {
            continue;
        }
        if !line.is_empty() {
            line.push_str(": ");
        }
        line.push_str(&text);
    }
    line.replace('\n', " ")
}

fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        // html5ever warns about every page that is not perfect HTML, which is most of them.
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn,html5ever=error"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_target(false)
        .compact()
        .init();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_chain_fits_on_one_line() {
        let error = anyhow::anyhow!("permission denied\n(os error 13)")
            .context("data folder /srv/herald is not writable");
        assert_eq!(
            one_line(&error),
            "data folder /srv/herald is not writable: permission denied (os error 13)"
        );
    }
}
