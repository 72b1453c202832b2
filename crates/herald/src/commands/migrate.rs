//! `herald migrate`: apply pending migrations and exit.

use herald_store::Store;

use crate::settings::Settings;

pub(super) async fn run(settings: Settings) -> anyhow::Result<()> {
    let store = super::open_store(&settings).await?;
    tracing::info!(backend = store.backend(), "database is up to date");
    println!(
        "Database is up to date ({}).",
        super::redact(&settings.store_url)
    );
    Ok(())
}
