//! `herald demo`: a data folder with the sample newsroom, served at once.

use herald_store::Store as _;

use crate::demo_newsroom;
use crate::settings::Settings;

/// The sample newsroom's time zone, used unless the settings name another.
pub(super) const TIME_ZONE: &str = "Asia/Ho_Chi_Minh";

pub(super) async fn run(settings: Settings) -> anyhow::Result<()> {
    let store = super::open_store(&settings).await?;
    let loaded = demo_newsroom::load(store.as_ref(), &settings.media_dir()).await?;
    if loaded.articles > 0 {
        println!(
            "Loaded the sample newsroom: {} articles from {} sources into {}",
            loaded.articles,
            loaded.sources,
            settings.data_dir.display()
        );
    } else {
        println!("Reusing the newsroom in {}", settings.data_dir.display());
    }
    // The sample's articles into the site languages the machine's engines serve (English into
    // Spanish with Apertium's Debian packages); a second start finds them done.
    let (search, stale) = super::reindex::open(&settings)?;
    let pipeline = super::pipeline(&settings, store.clone())
        .await?
        .with_search(search.clone());
    super::translate::catch_up(&pipeline, &settings.languages, settings.ingest.workers).await?;
    // The sample is small: its index is built before the site opens, so search works at once.
    if loaded.articles > 0 || !stale.is_empty() {
        super::reindex::rebuild(&pipeline, &settings.languages, true).await?;
    }
    if store.list_users().await?.is_empty() {
        println!(
            "The newsroom's admin is at {}admin/login; add an account first:\n  \
             herald user add you@example.org --role admin --data {}",
            settings.base_url,
            settings.data_dir.display()
        );
    }
    super::serve::serve(settings, store, search, &[]).await
}
