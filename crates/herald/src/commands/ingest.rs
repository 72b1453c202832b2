//! `herald ingest`: poll sources and run the jobs that follow — once, with a progress bar,
//! or continuously like the background part of `herald serve`.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use anyhow::{Context, bail};
use herald_domain::{Job, Source, SystemClock};
use herald_pipeline::{Outcome, Pipeline, PollSummary, Ran, Worker};
use herald_store::Store;
use indicatif::{ProgressBar, ProgressStyle};
use tokio::sync::Mutex;

use crate::cli::IngestArgs;
use crate::settings::Settings;

pub(super) async fn run(settings: Settings, args: IngestArgs) -> anyhow::Result<()> {
    let store: Arc<dyn Store> = super::open_store(&settings).await?;
    let pipeline = super::pipeline(&settings, Arc::clone(&store))?;
    if !args.once {
        if args.source.is_some() {
            bail!("--source needs --once");
        }
        println!("Herald is polling sources; Ctrl-C stops.");
        let background = super::Background::start(pipeline, settings.ingest.workers);
        let _ = tokio::signal::ctrl_c().await;
        background.stop().await;
        return Ok(());
    }
    let sources = chosen_sources(store.as_ref(), args.source.as_deref()).await?;
    let report = once(
        &pipeline,
        &store,
        &sources,
        settings.ingest.workers,
        args.quiet,
    )
    .await?;
    print!("{report}");
    Ok(())
}

async fn chosen_sources(store: &dyn Store, key: Option<&str>) -> anyhow::Result<Vec<Source>> {
    let mut sources = Vec::new();
    for (source, health) in store.list_sources_with_health().await? {
        if key.is_some_and(|k| k != source.key) {
            continue;
        }
        if health.paused && key.is_none() {
            continue;
        }
        sources.push(source);
    }
    if let (Some(key), true) = (key, sources.is_empty()) {
        bail!("no source has the key '{key}' (see `herald source list`)");
    }
    Ok(sources)
}

/// What a run of `--once` did, printed at the end.
#[derive(Default)]
struct Report {
    polls: Vec<(String, Result<PollSummary, String>)>,
    pages_saved: u32,
    page_failures: Vec<String>,
    retrying: u32,
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut polls: Vec<_> = self.polls.iter().collect();
        polls.sort_by(|a, b| a.0.cmp(&b.0));
        for (key, poll) in polls {
            match poll {
                Ok(s) if s.errors.is_empty() => writeln!(
                    f,
                    "{key}: {} new, {} already stored, {} skipped ({} feeds read, {} unchanged)",
                    s.created, s.duplicates, s.skipped, s.feeds_fetched, s.feeds_unchanged
                )?,
                Ok(s) => writeln!(
                    f,
                    "{key}: {} new, {} already stored; failed: {}",
                    s.created,
                    s.duplicates,
                    s.errors.join("; ")
                )?,
                Err(error) => writeln!(f, "{key}: not polled: {error}")?,
            }
        }
        writeln!(f, "pages fetched for extraction: {}", self.pages_saved)?;
        for failure in &self.page_failures {
            writeln!(f, "page not fetched: {failure}")?;
        }
        if self.retrying > 0 {
            writeln!(
                f,
                "{} jobs failed and will be retried by `herald serve` or `herald ingest`",
                self.retrying
            )?;
        }
        Ok(())
    }
}

/// Polls `sources` now and runs every job that becomes due meanwhile, with `workers` at once;
/// returns when none is left (jobs retrying later are not waited for).
async fn once(
    pipeline: &Arc<Pipeline>,
    store: &Arc<dyn Store>,
    sources: &[Source],
    workers: u32,
    quiet: bool,
) -> anyhow::Result<Report> {
    let now = herald_domain::Clock::now(&SystemClock);
    let mut keys = std::collections::HashMap::new();
    for source in sources {
        let job = store
            .enqueue(Job::Fetch { source: source.id }, now)
            .await
            .context("cannot queue the polls")?;
        keys.insert(source.id, source.key.clone());
        let _ = job;
    }
    let bar = if quiet {
        ProgressBar::hidden()
    } else {
        ProgressBar::new(sources.len() as u64)
    };
    bar.set_style(
        ProgressStyle::with_template("{spinner} [{elapsed}] {bar:30} {pos}/{len} jobs {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar.enable_steady_tick(Duration::from_millis(200));
    let report = Arc::new(Mutex::new(Report::default()));
    let busy = Arc::new(AtomicUsize::new(0));
    let keys = Arc::new(keys);
    let mut tasks = Vec::new();
    for n in 0..workers.max(1) {
        let worker = Worker::new(
            Arc::clone(pipeline),
            format!("ingest-{}-{n}", std::process::id()),
        );
        let (bar, report, busy, keys) = (
            bar.clone(),
            Arc::clone(&report),
            Arc::clone(&busy),
            Arc::clone(&keys),
        );
        tasks.push(tokio::spawn(async move {
            loop {
                busy.fetch_add(1, Ordering::SeqCst);
                let ran = worker.run_one().await;
                busy.fetch_sub(1, Ordering::SeqCst);
                match ran? {
                    Some(ran) => {
                        bar.inc(1);
                        record(&mut *report.lock().await, &bar, &keys, ran);
                    }
                    // Another worker still running may queue more (pages of new articles).
                    None if busy.load(Ordering::SeqCst) > 0 => {
                        tokio::time::sleep(Duration::from_millis(100)).await;
                    }
                    None => return Ok::<(), herald_store::StoreError>(()),
                }
            }
        }));
    }
    for task in tasks {
        task.await.context("a worker stopped")??;
    }
    bar.finish_and_clear();
    let report = std::mem::take(&mut *report.lock().await);
    Ok(report)
}

fn record(
    report: &mut Report,
    bar: &ProgressBar,
    keys: &std::collections::HashMap<herald_domain::SourceId, String>,
    ran: Ran,
) {
    let key = |job: &herald_domain::JobRecord| match &job.job {
        Job::Fetch { source } => keys.get(source).cloned(),
        _ => None,
    };
    match ran {
        Ran::Done { job, outcome } => match outcome {
            Outcome::Polled(summary) => {
                bar.inc_length(u64::from(summary.pages_queued));
                bar.set_message(format!("{} new", summary.created));
                if let Some(key) = key(&job) {
                    report.polls.push((key, Ok(summary)));
                }
            }
            Outcome::PageSaved => report.pages_saved += 1,
            Outcome::ImageSaved { .. } => {}
            Outcome::Nothing(why) => {
                if let Some(key) = key(&job) {
                    report.polls.push((key, Err(why.to_owned())));
                }
            }
        },
        Ran::Retrying { .. } => report.retrying += 1,
        Ran::DeadLettered { job, error } => match key(&job) {
            Some(key) => report.polls.push((key, Err(error))),
            None => report
                .page_failures
                .push(format!("{} ({error})", job.job.dedupe_key())),
        },
        Ran::LostLease { .. } => {}
    }
}
