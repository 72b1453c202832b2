//! `herald config defaults` and `herald config check`.

use std::path::PathBuf;

use anyhow::Context;

use crate::cli::ConfigCommand;
use crate::settings::{check_text, example_config};

pub(super) fn run(command: ConfigCommand, config: Option<PathBuf>) -> anyhow::Result<()> {
    match command {
        ConfigCommand::Defaults => {
            print!("{}", example_config());
            Ok(())
        }
        ConfigCommand::Check { file } => {
            let path = file
                .or(config)
                .unwrap_or_else(|| PathBuf::from("herald.toml"));
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("cannot read settings file {}", path.display()))?;
            check_text(&text).with_context(|| format!("{} is not valid", path.display()))?;
            println!("{} is valid.", path.display());
            Ok(())
        }
    }
}
