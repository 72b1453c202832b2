//! `herald translate`: what the machine can translate here (`--engines`), how much of the site
//! is translated (`--status`), a run over chosen articles and languages with a progress bar,
//! and `--evaluate`, which scores an engine on a test set (chrF and BLEU on sacreBLEU's scale).
//!
//! A run queues one job per article and language, newest articles first, and works the queue
//! like the background workers: killed half-way, the jobs left are still queued, the segments
//! translated are in the memory, and the next run (or `herald serve`) finishes without paying
//! for them again.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, bail};
use herald_domain::{ArticleId, Clock, Job, Language, SystemClock};
use herald_pipeline::{Outcome, Pipeline, Ran, TranslationSummary, Worker};
use herald_store::{Store, TranslationWant};
use herald_translate::{Engines, Pair};
use indicatif::{ProgressBar, ProgressStyle};

use crate::cli::TranslateArgs;
use crate::settings::Settings;

/// Articles queued per language by one run, at most.
const MAX_PER_LANGUAGE: u32 = 100_000;

pub(super) async fn run(settings: Settings, args: TranslateArgs) -> anyhow::Result<()> {
    let engines = super::engines(&settings).await?;
    if args.engines {
        print!("{}", engines_report(&engines, &settings.languages));
        if engines.names().contains(&"neural") {
            print!("{}", models_report(&settings.translate.models));
        }
        return Ok(());
    }
    if args.evaluate {
        return evaluate(&engines, &args).await;
    }
    let store: Arc<dyn Store> = super::open_store(&settings).await?;
    if args.status {
        print!("{}", status(store.as_ref(), &settings.languages).await?);
        return Ok(());
    }
    let languages = chosen_languages(&settings, &args.lang)?;
    let (search, _) = super::reindex::open(&settings)?;
    let pipeline =
        super::pipeline_with(&settings, Arc::clone(&store), Some(engines))?.with_search(search);
    // Neither flag: both, which is what "bring the site up to date" means.
    let want = TranslationWant {
        missing: args.missing || !args.stale,
        stale: args.stale || !args.missing,
    };
    let article = args.article.map(ArticleId::new);
    let queued = queue(&pipeline, &languages, article, want).await?;
    if queued == 0 {
        println!("Nothing to translate.");
        return Ok(());
    }
    let report = work(&pipeline, queued, settings.ingest.workers, args.quiet).await?;
    print!("{report}");
    if report.failed > 0 {
        bail!("{} translations failed", report.failed);
    }
    Ok(())
}

/// Translates what the site lacks in `languages` with the pipeline's engines, as `herald
/// translate` without flags does, printing a line per language; for `herald demo`.
pub(super) async fn catch_up(
    pipeline: &Arc<Pipeline>,
    languages: &[Language],
    workers: u32,
) -> anyhow::Result<()> {
    let want = TranslationWant {
        missing: true,
        stale: true,
    };
    let queued = queue(pipeline, languages, None, want).await?;
    if queued > 0 {
        println!("Translating {queued} article versions by machine…");
        print!("{}", work(pipeline, queued, workers, false).await?);
    }
    Ok(())
}

/// The languages named by `--lang`, each one of the site's; all of them when none is named.
fn chosen_languages(settings: &Settings, named: &[String]) -> anyhow::Result<Vec<Language>> {
    if named.is_empty() {
        return Ok(settings.languages.clone());
    }
    named
        .iter()
        .map(|tag| {
            let language = Language::parse(tag).with_context(|| format!("--lang '{tag}'"))?;
            if !settings.languages.contains(&language) {
                bail!("--lang {language}: not one of the site's languages (site.languages)");
            }
            Ok(language)
        })
        .collect()
}

/// Queues the translations asked for; returns how many jobs were queued.
async fn queue(
    pipeline: &Arc<Pipeline>,
    languages: &[Language],
    article: Option<ArticleId>,
    want: TranslationWant,
) -> anyhow::Result<usize> {
    let store = pipeline.store();
    let mut queued = 0;
    // An article missing several languages is read once: its language and date.
    let mut known: HashMap<ArticleId, (Language, i64)> = HashMap::new();
    for language in languages {
        let articles: Vec<ArticleId> = match article {
            Some(id) => vec![id],
            None => {
                store
                    .articles_to_translate(language, want, MAX_PER_LANGUAGE)
                    .await?
            }
        };
        for article in articles {
            let (from, published) = match known.get(&article) {
                Some(seen) => seen.clone(),
                None => {
                    let Some(record) = store.article(article).await? else {
                        bail!("no article has the id {article}");
                    };
                    let seen = (record.source_language, record.published_at.as_second());
                    known.insert(article, seen.clone());
                    seen
                }
            };
            if from == *language {
                continue;
            }
            let pair = Pair::new(from, language.clone());
            if pipeline.engines().is_none_or(|e| e.route(&pair).is_none()) {
                continue;
            }
            let job = Job::Translate {
                article,
                to: language.clone(),
            };
            store
                .enqueue_with_priority(job, SystemClock.now(), published)
                .await?;
            queued += 1;
        }
    }
    Ok(queued)
}

/// What a run did, printed at the end.
#[derive(Debug, Default)]
struct Report {
    translated: Vec<TranslationSummary>,
    kept: usize,
    skipped: usize,
    failed: usize,
    errors: Vec<String>,
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut languages: Vec<&Language> = self.translated.iter().map(|s| &s.language).collect();
        languages.sort();
        languages.dedup();
        for language in languages {
            let mine = self.translated.iter().filter(|s| &s.language == language);
            let (mut articles, mut segments, mut memory, mut sent, mut flags, mut media) =
                (0, 0, 0, 0, 0, 0);
            let mut notes = Vec::new();
            for s in mine {
                articles += 1;
                segments += s.segments;
                memory += s.from_memory;
                sent += s.sent;
                flags += s.flags;
                media += s.media_texts;
                notes.extend(&s.notes);
            }
            writeln!(
                f,
                "{language}: {articles} articles, {segments} segments ({memory} from memory, \
                 {sent} sent to the engine), {media} captions and subtitles, {flags} QA flags"
            )?;
            for note in notes {
                writeln!(f, "  note: {note}")?;
            }
        }
        if self.kept > 0 {
            writeln!(
                f,
                "kept as translators left them (listed as stale when their original changed): {}",
                self.kept
            )?;
        }
        if self.skipped > 0 {
            writeln!(f, "already up to date: {}", self.skipped)?;
        }
        for error in &self.errors {
            writeln!(f, "failed: {error}")?;
        }
        Ok(())
    }
}

/// Works the translation queue with `workers` workers until it is empty.
async fn work(
    pipeline: &Arc<Pipeline>,
    queued: usize,
    workers: u32,
    quiet: bool,
) -> anyhow::Result<Report> {
    let bar = if quiet {
        ProgressBar::hidden()
    } else {
        ProgressBar::new(queued as u64)
    };
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} [{elapsed}] {bar:30} {pos}/{len} translations {msg}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar.enable_steady_tick(Duration::from_millis(200));
    let report = Arc::new(tokio::sync::Mutex::new(Report::default()));
    let mut tasks = Vec::new();
    for n in 0..workers.max(1) {
        let worker = Worker::new(
            Arc::clone(pipeline),
            format!("translate-{}-{n}", std::process::id()),
        )
        .only(&["translate"]);
        let (bar, report) = (bar.clone(), Arc::clone(&report));
        tasks.push(tokio::spawn(async move {
            while let Some(ran) = worker.run_one().await? {
                let mut report = report.lock().await;
                match ran {
                    Ran::Done { outcome, .. } => match outcome {
                        Outcome::Translated(summary) => {
                            bar.set_message(format!("{}", summary.language));
                            report.translated.push(summary);
                        }
                        Outcome::KeptHumanWork(_) => report.kept += 1,
                        _ => report.skipped += 1,
                    },
                    Ran::Retrying { job, error } | Ran::DeadLettered { job, error } => {
                        report.failed += 1;
                        report
                            .errors
                            .push(format!("{}: {error}", job.job.dedupe_key()));
                    }
                    Ran::LostLease { .. } => {}
                }
                bar.inc(1);
            }
            Ok::<(), herald_store::StoreError>(())
        }));
    }
    for task in tasks {
        task.await.context("a worker stopped")??;
    }
    // The new versions into the search index. One that cannot be written now (a server
    // holds it) is retried later by the server's own workers.
    if pipeline.search().is_some() {
        let indexer = Worker::new(
            Arc::clone(pipeline),
            format!("index-{}", std::process::id()),
        )
        .only(&["index"]);
        while indexer.run_one().await?.is_some() {}
    }
    bar.finish_and_clear();
    let report = std::mem::take(&mut *report.lock().await);
    Ok(report)
}

/// `--engines`: for every ordered pair of the site's languages, the engine that serves it or
/// why none does.
fn engines_report(engines: &Engines, languages: &[Language]) -> String {
    let mut out = String::new();
    for status in engines.report(languages) {
        let _ = writeln!(out, "{status}");
    }
    out
}

/// After `--engines`, when the neural engine runs: its models and the folders it cannot use.
fn models_report(dir: &std::path::Path) -> String {
    let found = herald_translate::models::discover(dir);
    let mut out = format!("\nneural models in {}:", dir.display());
    if found.models.is_empty() {
        out.push_str(" none (herald models fetch NAME installs one)");
    }
    out.push('\n');
    for model in &found.models {
        let _ = writeln!(out, "  {} ({}, {})", model.name, model.kind, model.version);
    }
    for problem in &found.problems {
        let _ = writeln!(out, "  not usable: {problem}");
    }
    out
}

/// `--status`: translation coverage per language.
async fn status(store: &dyn Store, languages: &[Language]) -> anyhow::Result<String> {
    let mut out = String::from(
        "language  articles  original  machine  post-edited  reviewed  human  missing  stale  flagged\n",
    );
    let coverage = store.translation_coverage(languages).await?;
    for c in coverage {
        let _ = writeln!(
            out,
            "{:<9} {:>8}  {:>8}  {:>7}  {:>11}  {:>8}  {:>5}  {:>7}  {:>5}  {:>7}",
            c.language.as_str(),
            c.articles,
            c.original,
            c.machine,
            c.post_edited,
            c.reviewed,
            c.human,
            c.missing,
            c.stale,
            c.flagged
        );
    }
    let jobs = store.job_counts_of_kind("translate").await?;
    let _ = writeln!(
        out,
        "\ntranslation jobs: {} queued, {} running, {} failed",
        jobs.queued, jobs.running, jobs.failed
    );
    for job in store.failed_jobs("translate", SHOWN_FAILURES).await? {
        let _ = writeln!(
            out,
            "failed: {} after {} attempts: {}",
            job.job.dedupe_key(),
            job.attempts,
            job.last_error.as_deref().unwrap_or("no reason recorded")
        );
    }
    Ok(out)
}

/// Failed translation jobs listed by `--status`, the latest first.
const SHOWN_FAILURES: u32 = 10;

/// `--evaluate`: chrF, BLEU and speed of an engine on a test set.
async fn evaluate(engines: &Engines, args: &TranslateArgs) -> anyhow::Result<()> {
    let (Some(src), Some(reference), Some(pair)) = (&args.src, &args.reference, &args.pair) else {
        bail!("--evaluate needs --src FILE, --ref FILE and --pair FROM-TO");
    };
    let pair = parse_pair(pair)?;
    let sources = lines(src)?;
    let references = lines(reference)?;
    if sources.len() != references.len() {
        bail!(
            "{} has {} lines and {} has {}: one segment per line in both",
            src.display(),
            sources.len(),
            reference.display(),
            references.len()
        );
    }
    let engine = match &args.engine {
        Some(name) => engines
            .engine(name)
            .with_context(|| format!("no engine is named '{name}' (see --engines)"))?,
        None => engines
            .route(&pair)
            .with_context(|| format!("no engine serves {pair} (see --engines)"))?,
    };
    if !engine.pairs().contains(&pair) {
        bail!(
            "{} does not serve {pair} here (see --engines)",
            engine.name()
        );
    }
    let result =
        herald_translate::evaluate::evaluate(engine.as_ref(), &pair, &sources, &references)
            .await
            .with_context(|| format!("{} {pair}", engine.name()))?;
    println!(
        "{} {pair}: chrF {:.2}  BLEU {:.2}  {} segments in {:.2} s ({:.1} segments/s)",
        engine.name(),
        result.chrf,
        result.bleu,
        result.segments,
        result.seconds,
        result.segments_per_second
    );
    Ok(())
}

/// A pair as `--pair` and `[translate.pairs]` write it: `en-es`, `zh-Hans-en`, `pt-BR>es`.
fn parse_pair(text: &str) -> anyhow::Result<Pair> {
    herald_translate::engines::parse_pair_key(text)
        .map_err(|error| anyhow::anyhow!("--pair '{text}': {error}"))
}

/// The lines of a test-set file.
fn lines(path: &Path) -> anyhow::Result<Vec<String>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read {} as UTF-8 text", path.display()))?;
    Ok(text.lines().map(str::to_owned).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(text: &str) -> String {
        let p = parse_pair(text).unwrap();
        format!("{} → {}", p.from, p.to)
    }

    #[test]
    fn pairs_are_split_where_both_halves_are_tags() {
        assert_eq!(pair("en-es"), "en → es");
        assert_eq!(pair("zh-Hans-en"), "zh-Hans → en");
        assert_eq!(pair("en-zh-Hans"), "en → zh-Hans");
        assert_eq!(pair("pt-BR>es"), "pt-BR → es");
        assert!(parse_pair("english").is_err());
        assert!(parse_pair("en-").is_err());
    }
}
