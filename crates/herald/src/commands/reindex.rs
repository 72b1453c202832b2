//! `herald reindex`, and the search index every serving process opens.

use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, bail};
use herald_domain::{Clock, Job, Language, SystemClock};
use herald_pipeline::Pipeline;
use herald_search::SearchIndex;
use herald_store::Store;
use indicatif::{ProgressBar, ProgressStyle};

use crate::settings::Settings;

/// The search index of the data folder, opened (created where missing) for every site
/// language, with the languages whose index was missing or unreadable: those need a rebuild.
/// A broken index is moved aside, never fatal.
pub(super) fn open(settings: &Settings) -> anyhow::Result<(Arc<SearchIndex>, Vec<Language>)> {
    let dir = settings.search_dir();
    let (index, report) = SearchIndex::open(&dir, &settings.languages)
        .with_context(|| format!("cannot open the search index in {}", dir.display()))?;
    for (language, why) in &report.rebuilt {
        eprintln!("The {language} search index could not be read ({why}); it will be rebuilt.");
    }
    let mut stale = report.created;
    stale.extend(report.rebuilt.into_iter().map(|(language, _)| language));
    Ok((Arc::new(index), stale))
}

/// Queues a rebuild of each of `languages`' indexes for the workers (what a server does
/// when it finds an index missing or broken). Nothing to do for an empty store.
pub(super) async fn queue(store: &dyn Store, languages: &[Language]) -> anyhow::Result<()> {
    let now = SystemClock.now();
    for language in languages {
        store
            .enqueue(
                Job::Reindex {
                    language: language.clone(),
                },
                now,
            )
            .await
            .context("cannot queue a rebuild of the search index")?;
    }
    Ok(())
}

/// Rebuilds each of `languages`' indexes now, showing progress unless `quiet`.
pub(super) async fn rebuild(
    pipeline: &Pipeline,
    languages: &[Language],
    quiet: bool,
) -> anyhow::Result<u64> {
    let mut total = 0;
    for language in languages {
        let bar = if quiet {
            ProgressBar::hidden()
        } else {
            ProgressBar::new(0)
        };
        bar.set_style(
            ProgressStyle::with_template("{spinner} [{elapsed}] {bar:30} {pos}/{len} {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar.set_message(format!("articles in {language}"));
        bar.enable_steady_tick(Duration::from_millis(200));
        let progress = {
            let bar = bar.clone();
            move |done: u64, of: u64| {
                bar.set_length(of);
                bar.set_position(done);
            }
        };
        let done = herald_pipeline::stage::rebuild(pipeline, language, &progress)
            .await
            .with_context(|| format!("cannot rebuild the {language} search index"))?;
        bar.finish_and_clear();
        if !quiet {
            println!("{language}: {done} articles indexed");
        }
        total += done;
    }
    Ok(total)
}

pub(super) async fn run(
    settings: Settings,
    languages: &[String],
    quiet: bool,
) -> anyhow::Result<()> {
    let languages = if languages.is_empty() {
        settings.languages.clone()
    } else {
        let mut chosen = Vec::new();
        for tag in languages {
            let language = Language::parse(tag).with_context(|| format!("--language {tag}"))?;
            let Some(enabled) = settings.languages.iter().find(|l| **l == language) else {
                bail!("--language {tag}: not a site language");
            };
            chosen.push(enabled.clone());
        }
        chosen
    };
    let store = super::open_store(&settings).await?;
    let (search, _) = open(&settings)?;
    let pipeline = super::pipeline_with(&settings, store, None)?.with_search(Arc::clone(&search));
    rebuild(&pipeline, &languages, quiet).await?;
    // Background merges finish before the process ends, and the writers' locks go with them.
    tokio::task::spawn_blocking(move || search.finish_writes())
        .await
        .context("the search index's writer stopped")?
        .context("cannot finish writing the search index")?;
    Ok(())
}
