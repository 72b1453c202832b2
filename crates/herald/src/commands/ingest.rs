//! `herald ingest`: poll sources and run the jobs that follow — once, with a progress bar,
//! or continuously like the background part of `herald serve`.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use anyhow::{Context, bail};
use herald_domain::{Job, Source};
use herald_pipeline::{Outcome, Pipeline, PollSummary, Ran, Worker};
use herald_store::Store;
use indicatif::{ProgressBar, ProgressStyle};
use tokio::sync::Mutex;

use crate::cli::IngestArgs;
use crate::settings::Settings;

pub(super) async fn run(settings: Settings, args: IngestArgs) -> anyhow::Result<()> {
    if !args.once && args.source.is_some() {
        bail!("--source needs --once");
    }
    let store: Arc<dyn Store> = super::open_store(&settings).await?;
    // Without a category every poll would fail: a new site gets its default one.
    super::ensure_a_category(&settings, store.as_ref()).await?;
    let (search, _) = super::reindex::open(&settings)?;
    let pipeline = super::pipeline(&settings, Arc::clone(&store))
        .await?
        .with_search(search);
    if !args.once {
        println!("Herald is polling sources; Ctrl-C stops.");
        let background = super::Background::start(pipeline, settings.ingest.workers);
        let _ = tokio::signal::ctrl_c().await;
        background.stop().await;
        return Ok(());
    }
    let sources = chosen_sources(store.as_ref(), args.source.as_deref()).await?;
    if sources.is_empty() {
        println!("No source to poll: add one with `herald source add URL`.");
        return Ok(());
    }
    let report = once(&pipeline, &sources, settings.ingest.workers, args.quiet).await?;
    print!("{}", report.finish(store.as_ref()).await?);
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
    /// Pictures fetched (not those another article had already brought).
    images_saved: u32,
    /// Jobs given up on.
    failures: Vec<Failure>,
    /// Jobs that failed and are queued again for later.
    retrying: Vec<Failure>,
    /// Lines added by [`Report::finish`].
    notes: Vec<String>,
}

/// A job that failed, and why.
struct Failure {
    job: Job,
    error: String,
    /// The page, for a page's job (found by [`Report::finish`]).
    page: Option<url::Url>,
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (&self.job, &self.page) {
            (_, Some(page)) => write!(f, "page not fetched: {page}: {}", self.error),
            (Job::FetchPage { article }, None) => {
                write!(f, "page of article {article} not fetched: {}", self.error)
            }
            (job, None) => write!(f, "{} job failed: {}", job.kind(), self.error),
        }
    }
}

impl Report {
    /// Names the pages that failed by their URL and notes the jobs left to others.
    async fn finish(mut self, store: &dyn Store) -> anyhow::Result<Self> {
        for failure in self.failures.iter_mut().chain(&mut self.retrying) {
            if let Job::FetchPage { article } = failure.job {
                failure.page = store.article(article).await?.and_then(|a| a.source_url);
            }
        }
        let running = store.job_counts().await?.running;
        if running > 0 {
            self.notes.push(format!(
                "{running} jobs are held by another worker, or by a process that stopped \
                 (they are taken over when its lease runs out); not waited for"
            ));
        }
        Ok(self)
    }
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
        if self.images_saved > 0 {
            writeln!(f, "pictures fetched: {}", self.images_saved)?;
        }
        for failure in &self.failures {
            writeln!(f, "{failure}")?;
        }
        if !self.retrying.is_empty() {
            writeln!(
                f,
                "{} jobs failed and will be retried by `herald serve` or `herald ingest`:",
                self.retrying.len()
            )?;
            for failure in &self.retrying {
                writeln!(f, "    {failure}")?;
            }
        }
        for note in &self.notes {
            writeln!(f, "{note}")?;
        }
        Ok(())
    }
}

/// Polls `sources` now, `workers` at once, while as many workers run the jobs the polls
/// queue (fetching pages and pictures); returns when none is left (jobs retrying later are
/// not waited for).
///
/// The polls run here rather than through the queue: a poll that failed earlier has its
/// retry queued for later, and the store, which keeps one queued job per piece of work,
/// would let that retry stand for the poll asked for now.
async fn once(
    pipeline: &Arc<Pipeline>,
    sources: &[Source],
    workers: u32,
    quiet: bool,
) -> anyhow::Result<Report> {
    let workers = usize::try_from(workers.max(1)).unwrap_or(1);
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
    // Polls not finished yet, and workers running a job: while either is above zero, more
    // jobs may be queued.
    let polling = Arc::new(AtomicUsize::new(sources.len()));
    let busy = Arc::new(AtomicUsize::new(0));
    let permits = Arc::new(tokio::sync::Semaphore::new(workers));
    let mut polls = Vec::new();
    for source in sources {
        let (pipeline, bar, report, polling, permits) = (
            Arc::clone(pipeline),
            bar.clone(),
            Arc::clone(&report),
            Arc::clone(&polling),
            Arc::clone(&permits),
        );
        let (id, key) = (source.id, source.key.clone());
        polls.push(tokio::spawn(async move {
            // Counted down however the poll ends, so that the workers cannot wait for ever.
            let _polling = Counted::down_on_drop(polling);
            let permit = permits.acquire_owned().await;
            let limit = pipeline.settings().job_timeout;
            let polled = tokio::time::timeout(
                limit,
                herald_pipeline::stage::run(&pipeline, &Job::Fetch { source: id }),
            )
            .await;
            drop(permit);
            let result = match polled {
                Ok(Ok(Outcome::Polled(summary))) => {
                    bar.inc_length(u64::from(summary.pages_queued + summary.images_queued));
                    bar.set_message(format!("{} new", summary.created));
                    Ok(summary)
                }
                Ok(Ok(Outcome::Nothing(why))) => Err(why.to_owned()),
                Ok(Ok(_)) => Err("not a poll".to_owned()),
                Ok(Err(error)) => Err(error.to_string()),
                Err(_) => Err(format!("stopped after {} s", limit.as_secs())),
            };
            bar.inc(1);
            report.lock().await.polls.push((key, result));
        }));
    }
    let mut tasks = Vec::new();
    for n in 0..workers {
        let worker = Worker::new(
            Arc::clone(pipeline),
            format!("ingest-{}-{n}", std::process::id()),
        );
        let (bar, report, busy, polling) = (
            bar.clone(),
            Arc::clone(&report),
            Arc::clone(&busy),
            Arc::clone(&polling),
        );
        tasks.push(tokio::spawn(async move {
            loop {
                // Whatever ran before this claim has queued its jobs by now: if nothing else
                // runs and the claim finds nothing, nothing is left.
                let others_idle =
                    polling.load(Ordering::SeqCst) == 0 && busy.load(Ordering::SeqCst) == 0;
                let ran = {
                    let _busy = Counted::up(Arc::clone(&busy));
                    worker.run_one().await
                };
                match ran? {
                    Some(ran) => record(&mut *report.lock().await, &bar, ran),
                    None if others_idle => return Ok::<(), herald_store::StoreError>(()),
                    None => tokio::time::sleep(Duration::from_millis(50)).await,
                }
            }
        }));
    }
    for poll in polls {
        poll.await.context("a poll stopped")?;
    }
    for task in tasks {
        task.await.context("a worker stopped")??;
    }
    bar.finish_and_clear();
    let report = std::mem::take(&mut *report.lock().await);
    Ok(report)
}

/// One more in a shared count while it lives (or, made by [`Counted::down_on_drop`], one
/// less when it goes).
struct Counted(Arc<AtomicUsize>);

impl Counted {
    fn up(count: Arc<AtomicUsize>) -> Self {
        count.fetch_add(1, Ordering::SeqCst);
        Self(count)
    }

    fn down_on_drop(count: Arc<AtomicUsize>) -> Self {
        Self(count)
    }
}

impl Drop for Counted {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Records a job a worker ran: pages, and polls the scheduler had queued before this run
/// (already reported by the polls of this run, so only their pages count).
fn record(report: &mut Report, bar: &ProgressBar, ran: Ran) {
    let failure = |job: herald_domain::JobRecord, error| Failure {
        job: job.job,
        error,
        page: None,
    };
    match ran {
        Ran::Done { outcome, .. } => match outcome {
            Outcome::Polled(summary) => {
                bar.inc_length(u64::from(summary.pages_queued + summary.images_queued) + 1);
            }
            Outcome::PageSaved { .. } => report.pages_saved += 1,
            Outcome::ImageSaved { fetched, .. } => report.images_saved += u32::from(fetched),
            // Translations run by the same workers are reported by `herald translate --status`.
            Outcome::Translated(_) | Outcome::KeptHumanWork(_) | Outcome::Nothing(_) => {}
            // Indexing follows the polls and pages; the bar counts it as it comes.
            Outcome::Indexed { .. } | Outcome::Reindexed(_) => bar.inc_length(1),
        },
        Ran::Retrying { job, error } => report.retrying.push(failure(job, error)),
        Ran::DeadLettered { job, error } => report.failures.push(failure(job, error)),
        Ran::LostLease { .. } => {}
    }
    bar.inc(1);
}

#[cfg(test)]
mod tests {
    use super::*;
    use herald_domain::ArticleId;

    #[test]
    fn the_report_lists_each_source_then_the_pages() {
        let report = Report {
            polls: vec![
                ("b".to_owned(), Err("the source is paused".to_owned())),
                (
                    "a".to_owned(),
                    Ok(PollSummary {
                        feeds_fetched: 1,
                        created: 3,
                        duplicates: 1,
                        ..PollSummary::default()
                    }),
                ),
            ],
            pages_saved: 2,
            failures: vec![Failure {
                job: Job::FetchPage {
                    article: ArticleId::new(4),
                },
                error: "robots.txt disallows /p".to_owned(),
                page: Some(url::Url::parse("https://x.example/p").unwrap()),
            }],
            ..Report::default()
        };
        assert_eq!(
            report.to_string(),
            "a: 3 new, 1 already stored, 0 skipped (1 feeds read, 0 unchanged)\n\
             b: not polled: the source is paused\n\
             pages fetched for extraction: 2\n\
             page not fetched: https://x.example/p: robots.txt disallows /p\n"
        );
    }
}
